"""👍/👎 on answers, pages turned (the unanswered log), /privacy and /forget.

A vote names the answer's button state; the state must belong to the chat the button is
in, so forged data or a button copied from another chat gets a polite alert and stores
nothing. The presser alone sees the reply (an answerCallbackQuery toast): votes are never
shown to other members.
"""

from __future__ import annotations

from telegram import CallbackQuery, Chat, ForceReply, Message, Update
from telegram.ext import filters

from bot.app.context import Context
from bot.app.state import QueryState
from bot.app.userinput import check_query
from bot.feedback.store import AnswerRef
from bot.render import callbacks as cb
from bot.render import replies as render
from bot.render.replies import View
from bot.render.strings import LANGS, t
from handlers.common import send, view_for

# The chat an inline answer is stored under: an inline query has no chat, and the message
# a result becomes lands in a chat the bot may not be in. Telegram never uses chat id 0.
INLINE_CHAT = 0


def answer_ref(state: QueryState) -> AnswerRef:
    return AnswerRef(state.id, state.kind, state.query, state.chat_id, state.pids)


async def on_vote(query: CallbackQuery, context: Context, view: View, vote: cb.Vote) -> None:
    """Store the presser's vote (one per user and answer; pressing again changes it).

    A message sent from an inline result has no chat the bot knows: its answer is stored
    under :data:`INLINE_CHAT`.
    """
    state = await context.bot_data.store.load_query(vote.state)
    if state is None or state.chat_id != _chat_of(query):
        key = "callback.expired" if state is None else "feedback.elsewhere"
        await query.answer(t(key, view.lang), show_alert=True)
        return
    outcome = await context.bot_data.feedback.vote(
        answer_ref(state), query.from_user.id, 1 if vote.up else -1
    )
    said = ("new.up" if vote.up else "new.down") if outcome == "new" else outcome
    await query.answer(t(f"feedback.{said}", view.lang))
    if not vote.up and outcome != "same":
        await _ask(query, context, view)


async def _ask(query: CallbackQuery, context: Context, view: View) -> None:
    """After a 👎 in a private chat: "what were you looking for?" (answering is optional)."""
    message = query.message
    if not isinstance(message, Message) or message.chat.type != Chat.PRIVATE:
        return
    await context.bot.send_message(
        message.chat.id, t("feedback.ask", view.lang), reply_markup=ForceReply()
    )


class AnswersTheAsk(filters.MessageFilter):
    """A reply to the bot's "what were you looking for?" (in any interface language)."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        if replied is None or replied.from_user is None:
            return False
        return replied.from_user.id == message.get_bot().id and replied.text in _ASKS


_ASKS = frozenset(t("feedback.ask", lang) for lang in LANGS)
ANSWERS_THE_ASK = AnswersTheAsk(name="answers_the_ask")


async def looking_for(update: Update, context: Context) -> None:
    """The user's answer to "what were you looking for?": kept with their latest 👎."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    view = await view_for(update, context)
    note = check_query(message.text)
    noted = await context.bot_data.feedback.add_note(message.chat_id, user.id, note)
    await send(message, render.message(view, "feedback.noted" if noted else "forget.none"))


def _chat_of(query: CallbackQuery) -> int:
    if query.inline_message_id is not None or query.message is None:
        return INLINE_CHAT
    return query.message.chat.id


async def paged(query: CallbackQuery, context: Context, state: QueryState) -> None:
    """A page turned: the asker has not found it on the first page (yet)."""
    await context.bot_data.feedback.record_paged(answer_ref(state), query.from_user.id)


async def privacy_command(update: Update, context: Context) -> None:
    """/privacy: what is kept, and how to delete it."""
    message = update.effective_message
    if message is None:
        return
    await send(message, render.message(await view_for(update, context), "privacy.text"))


async def forget_command(update: Update, context: Context) -> None:
    """/forget: delete the sender's votes and unanswered-log rows, in every chat."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    view = await view_for(update, context)
    gone = await context.bot_data.feedback.forget(user.id)
    reply = render.message(view, "forget.done", count=gone) if gone else None
    await send(message, reply or render.message(view, "forget.none"))
