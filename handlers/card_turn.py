"""One ``/card`` command in progress: the chat, the sender's rights, the card it is about."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import Chat, Message, Update

from bot.app.context import Context
from bot.cards.desk import CardDesk
from bot.cards.errors import CardError
from bot.cards.model import Actor, Card
from bot.cards.parse import card_mark
from bot.cards.rules import Action, require
from bot.render.replies import Reply, View
from handlers.common import send, view_for
from handlers.moderators import actor_of, is_moderator


@dataclass
class Turn:
    """What every card sub-command needs from the update, resolved once."""

    update: Update
    context: Context
    message: Message
    chat: Chat
    view: View
    _moderator: bool | None = field(default=None, init=False)

    @classmethod
    async def of(cls, update: Update, context: Context) -> Turn | None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return None
        return cls(update, context, message, chat, await view_for(update, context))

    @property
    def desk(self) -> CardDesk:
        return self.context.bot_data.cards

    @property
    def actor(self) -> Actor:
        return actor_of(self.update)

    @property
    def thread(self) -> int | None:
        """The forum topic the command came from (cards are pinned from there)."""
        return self.message.message_thread_id if self.message.is_topic_message else None

    async def moderator(self) -> bool:
        if self._moderator is None:
            self._moderator = await is_moderator(
                self.context, self.chat, self.update.effective_user, self.message.sender_chat
            )
        return self._moderator

    async def require(self, action: Action) -> None:
        """Refuse (with the reason, via the error handler) unless the sender may do this."""
        require(action, moderator=await self.moderator())

    async def reply(self, reply: Reply) -> Message:
        return await send(self.message, reply)

    def replied_from_bot(self) -> Message | None:
        """The message this command replies to, if the bot sent it."""
        replied = self.message.reply_to_message
        sender = replied.from_user if replied is not None else None
        if replied is None or sender is None or sender.id != self.context.bot.id:
            return None
        return replied

    def replied_card(self) -> tuple[int, int] | None:
        """(card id, version shown) of the card message this command replies to."""
        replied = self.replied_from_bot()
        return card_mark(replied.text or "") if replied is not None else None

    async def card(self, card_id: int | None) -> tuple[Card, int | None]:
        """The card named, or the one replied to; and the version the reply showed.

        Raises:
            CardError: no card named and none replied to.
            CardNotFound: no such card in this chat (or deleted, for non-moderators).
        """
        mark = self.replied_card()
        shown = mark[1] if mark is not None and card_id in (None, mark[0]) else None
        if card_id is None:
            if mark is None:
                raise CardError("cards.which")
            card_id = mark[0]
        card = await self.desk.store.get(self.chat.id, card_id)
        if card.deleted and not await self.moderator():
            raise CardError("cards.not_found", card_id=card_id)
        return card, shown
