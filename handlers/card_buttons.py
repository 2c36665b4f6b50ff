"""A card's buttons: [📌 Pin] [✏️ Edit] [🗑 Discard] [📍 Unpin], checked on every press.

The card must belong to the chat the button is in, and the presser must moderate that
chat; anyone else gets a polite alert and nothing changes. Every press is answered.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update

from bot.app.context import Context
from bot.cards.model import Actor, Card
from bot.cards.rules import require
from bot.render import callbacks as cb
from bot.render.cards import card_panel, edit_help, note, pinned_note
from bot.render.replies import View
from bot.render.strings import t
from handlers.card_pins import pin_card, unpin_card
from handlers.common import edit, plain_text, send, view_for
from handlers.moderators import actor_of, is_moderator


async def on_card_button(
    update: Update, context: Context, query: CallbackQuery, message: Message, action: cb.CardAction
) -> None:
    """Route a card button after re-checking who pressed it and which card it names."""
    view = await view_for(update, context)
    if not await is_moderator(context, message.chat, query.from_user):
        await query.answer(t("cards.moderators_only", view.lang), show_alert=True)
        return
    card = await context.bot_data.cards.store.get(message.chat.id, action.card)
    actor = actor_of(update)
    if action.verb == "edit":
        require("edit", moderator=True, card=card)
        await send(message, edit_help(card, view))
        await query.answer()
        return
    if action.verb == "pin":
        card = await pin_card(context, message.chat, card, actor, view, _thread(message))
        done = pinned_note(card, view)
    elif action.verb == "unpin":
        card = await unpin_card(context, card, actor)
        done = note(view, "cards.note.unpinned", card_id=card.id)
    else:
        card = await _discard(context, card, actor)
        done = note(view, "cards.note.deleted", card_id=card.id)
    await _redraw(query, card, view, done)


async def _discard(context: Context, card: Card, actor: Actor) -> Card:
    require("delete", moderator=True, card=card)
    return await context.bot_data.cards.store.set_flag(card.id, "deleted", True, actor)


async def _redraw(query: CallbackQuery, card: Card, view: View, done: str) -> None:
    """Show the card's new state on the message the button was on (a new one if it is gone)."""
    await edit(query, card_panel(card, view, done))
    await query.answer(plain_text(done)[:200])


def _thread(message: Message) -> int | None:
    return message.message_thread_id if message.is_topic_message else None
