"""What every handler needs: the chat's view, the command argument, sending and editing.

Telegram errors are caught narrowly, by their message: an edit that changes nothing, a
message that is gone, markup Telegram refuses to parse. Anything else propagates to the
error handler.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Protocol

from telegram import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest

from bot.app.context import Context
from bot.app.state import StateKind
from bot.render.chathtml import script_for
from bot.render.replies import Keyboard, Reply, View
from bot.render.strings import pick_language

log = logging.getLogger(__name__)


class Pager(Protocol):
    """One page of a paged answer (search, quotes, timeline), as its ◀ ▶ buttons ask for it."""

    async def __call__(
        self,
        context: Context,
        view: View,
        query: str,
        chat_id: int,
        *,
        page: int = 0,
        size: int | None = None,
        state: str | None = None,
        asker: int | None = None,
    ) -> Reply: ...


async def answer_state(
    context: Context,
    kind: StateKind,
    query: str,
    chat_id: int,
    size: int,
    state: str | None,
    *,
    found: bool,
    pids: tuple[str, ...] = (),
    asker: int | None = None,
) -> str | None:
    """The answer id a reply's buttons carry (◀ ▶, 🔎, 👍 👎).

    ``state`` when the buttons already point at a stored answer (a page turn). Otherwise an
    answer that found something is stored, with the passages it shows first; one that found
    nothing goes into the unanswered log (when we know who asked) and gets no buttons.
    """
    if state is not None:
        return state
    if not found:
        if asker is not None:
            await context.bot_data.feedback.record_empty(kind, query, chat_id, asker)
        return None
    return (await context.bot_data.store.save_query(kind, query, chat_id, size, pids)).id


def asker_of(update: Update) -> int | None:
    """Who asked (for the unanswered log); None for an anonymous admin or a channel."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return None
    return update.effective_user.id if update.effective_user else None


_TAG = re.compile(r"<[^>]*>")
GROUP_TYPES = frozenset({Chat.GROUP, Chat.SUPERGROUP})


async def view_for(update: Update, context: Context) -> View:
    """The chat's language, script and kind (for an inline query: the user's private chat)."""
    chat = update.effective_chat
    user = update.effective_user
    chat_id = chat.id if chat else (user.id if user else 0)
    settings = await context.bot_data.store.chat_settings(chat_id)
    lang = pick_language(settings.language, user.language_code if user else None)
    group = chat is not None and chat.type in GROUP_TYPES
    script = script_for(settings.script, _asked(update))
    return View(lang, script, group, context.bot.username)


def _asked(update: Update) -> str:
    """What the user wrote (for a button, the message it is on), to follow its script."""
    if update.inline_query is not None:
        return update.inline_query.query
    message = update.effective_message
    return (message.text or message.caption or "") if message is not None else ""


def command_argument(message: Message) -> str:
    """The text after ``/command`` (or ``/command@bot``), spacing and line breaks kept."""
    text = message.text or message.caption or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    """Button specs from the renderer -> PTB's inline keyboard."""
    if not keyboard:
        return None
    rows = [
        [InlineKeyboardButton(b.text, callback_data=b.data, url=b.url) for b in row]
        for row in keyboard
    ]
    return InlineKeyboardMarkup(rows)


def plain_text(markup_text: str) -> str:
    """Telegram HTML reduced to its text, for the parse-error fallback."""
    return html.unescape(_TAG.sub("", markup_text))


def is_parse_error(error: BadRequest) -> bool:
    return "can't parse entities" in error.message.lower()


def is_not_modified(error: BadRequest) -> bool:
    return "message is not modified" in error.message.lower()


def is_gone(error: BadRequest) -> bool:
    text = error.message.lower()
    return "message to edit not found" in text or "message can't be edited" in text


async def send(message: Message, reply: Reply) -> Message:
    """Answer ``message`` (quoting it in groups, in its forum topic) with ``reply``."""
    keyboard = markup(reply.keyboard)
    try:
        return await message.reply_text(reply.text, reply_markup=keyboard)
    except BadRequest as error:
        if not is_parse_error(error):
            raise
        # A renderer bug must not cost the user the answer: send the same words unformatted.
        log.error("Telegram refused the HTML (%s); sending plain text", error.message)
        return await message.reply_text(
            plain_text(reply.text), parse_mode=None, reply_markup=keyboard
        )


async def edit(query: CallbackQuery, reply: Reply) -> None:
    """Replace the message the button was on; an edit that changes nothing is fine."""
    try:
        await query.edit_message_text(reply.text, reply_markup=markup(reply.keyboard))
    except BadRequest as error:
        if is_not_modified(error):
            return
        if not is_gone(error):
            raise
        log.info("message %s is gone; sending the page as a new message", query.message)
        if isinstance(query.message, Message):
            await send(query.message, reply)


def callback_message(query: CallbackQuery) -> Message | None:
    """The message a button was on, if the bot can still use it (None after 48 h etc.)."""
    return query.message if isinstance(query.message, Message) else None
