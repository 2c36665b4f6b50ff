"""Pinned cards in Telegram: pin silently, unpin, and keep the pinned message in step.

Editing a pinned card edits its pinned message in place (no new message, no re-pin). An
edit that changes nothing visible is fine; a pinned message someone deleted is noticed
when the edit fails, the card is marked unpinned and the moderators are offered a re-pin.
Telegram errors are caught narrowly, by their message.
"""

from __future__ import annotations

import logging
from typing import Literal

from telegram import Chat
from telegram.error import BadRequest

from bot.app.context import Context
from bot.cards.errors import CardError
from bot.cards.model import Actor, Card
from bot.cards.rules import require
from bot.render.cards import card_text
from bot.render.replies import View
from handlers.common import is_gone, is_not_modified
from handlers.moderators import bot_can_pin

log = logging.getLogger(__name__)

Sync = Literal["none", "edited", "unchanged", "lost"]
_NO_RIGHTS = ("not enough rights", "chat_admin_required", "have no rights")
_NOT_PINNED = ("message to unpin not found", "message not found")


def is_missing_rights(error: BadRequest) -> bool:
    text = error.message.lower()
    return any(marker in text for marker in _NO_RIGHTS)


async def pin_card(
    context: Context, chat: Chat, card: Card, actor: Actor, view: View, thread: int | None
) -> Card:
    """Send the card to ``chat`` and pin it without notifying everyone.

    Raises:
        CardError: the bot may not pin here (``cards.pin_rights``; the card stays a
            draft), or the card cannot be pinned (deleted, already pinned).
    """
    require("pin", moderator=True, card=card)
    if not await bot_can_pin(context, chat):
        raise CardError("cards.pin_rights", card_id=card.id)
    sent = await context.bot.send_message(chat.id, card_text(card, view), message_thread_id=thread)
    try:
        await context.bot.pin_chat_message(chat.id, sent.message_id, disable_notification=True)
    except BadRequest as error:
        if not is_missing_rights(error):
            raise
        await _delete_quietly(context, chat.id, sent.message_id)
        raise CardError("cards.pin_rights", card_id=card.id) from error
    try:
        return await context.bot_data.cards.store.pinned(card.id, sent.message_id, actor)
    except CardError:
        # Another moderator pinned it a moment earlier: keep theirs, take ours back.
        await unpin_message(context, chat.id, sent.message_id, card.id)
        await _delete_quietly(context, chat.id, sent.message_id)
        raise


async def unpin_card(
    context: Context, card: Card, actor: Actor, reason: Literal["unpin", "delete"] = "unpin"
) -> Card:
    """Unpin the card's message (already gone is fine) and record it."""
    if card.pin is None:
        raise CardError("cards.not_pinned", card_id=card.id)
    await unpin_message(context, card.pin.chat_id, card.pin.message_id, card.id)
    return await context.bot_data.cards.store.unpinned(card.id, actor, reason)


async def unpin_message(context: Context, chat_id: int, message_id: int, card_id: int) -> None:
    try:
        await context.bot.unpin_chat_message(chat_id, message_id)
    except BadRequest as error:
        if is_missing_rights(error):
            raise CardError("cards.unpin_rights", card_id=card_id) from error
        if not any(marker in error.message.lower() for marker in _NOT_PINNED):
            raise
        log.info("message %s in chat %s was no longer pinned", message_id, chat_id)


async def sync_pinned(context: Context, card: Card, actor: Actor, view: View) -> Sync:
    """Show the card's current version in its pinned message, edited in place."""
    if card.pin is None:
        return "none"
    try:
        await context.bot.edit_message_text(
            card_text(card, view), chat_id=card.pin.chat_id, message_id=card.pin.message_id
        )
    except BadRequest as error:
        if is_not_modified(error):
            return "unchanged"
        if not is_gone(error):
            raise
        log.info("pinned message of card %s is gone", card.id)
        await context.bot_data.cards.store.unpinned(card.id, actor, "lost")
        return "lost"
    return "edited"


async def _delete_quietly(context: Context, chat_id: int, message_id: int) -> None:
    try:
        await context.bot.delete_message(chat_id, message_id)
    except BadRequest as error:
        # Only tidying up: the moderator has been told what went wrong either way.
        log.info("could not delete message %s: %s", message_id, error.message)
