"""The global error handler: domain errors become short replies; the rest is logged first,
then reported to the maintainers' chat (when ``ERROR_CHAT_ID`` is set) and apologised for.
"""

from __future__ import annotations

import html
import logging
import traceback

from telegram import Update
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.app.context import Context
from bot.logs import REDACTED, secrets_of
from bot.lookup.errors import ZhikuError
from bot.render.strings import EXAMPLES, STRINGS, Lang, t
from bot.state.db import StateError
from handlers.common import plain_text, view_for
from handlers.inline import answer_hint

log = logging.getLogger(__name__)

REPORT_CHARS = 3500  # the traceback part of a report; the message limit is 4096


async def on_error(update: object, context: Context) -> None:
    """Handle whatever a handler raised."""
    error = context.error
    if isinstance(error, StateError):
        # The store cannot be written (gone, damaged, disk full): the user gets a short
        # word, the maintainers the whole story, since only they can put it right.
        log.critical("the state store failed: %s", error)
        await _report(context, update)
        await _tell(update, context, error)
        return
    if isinstance(error, ZhikuError):
        await _tell(update, context, error)
        return
    if isinstance(error, Forbidden):
        # Blocked by the user or removed from the group: nothing to answer, nobody to tell.
        log.warning("forbidden while handling update: %s", error.message)
        return
    if isinstance(error, RetryAfter):
        log.warning("flood control: %s", error.message)
        return
    log.error("error while handling an update", exc_info=error)
    await _report(context, update)
    await _tell(update, context, None)


def error_text(error: ZhikuError | None, lang: Lang) -> str:
    """The user-facing text for a domain error (a generic apology for anything else)."""
    key = error.key if error is not None and error.key in STRINGS else "error.generic"
    params: dict[str, object] = {"detail": "", "example": EXAMPLES[lang][0]}
    if error is not None:
        params.update(detail=error.detail, **error.params)
    return t(key, lang, **params)


async def _tell(update: object, context: Context, error: ZhikuError | None) -> None:
    if not isinstance(update, Update):
        return
    view = await view_for(update, context)
    text = error_text(error, view.lang)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(plain_text(text), show_alert=True)
        elif update.inline_query is not None:
            await answer_hint(update.inline_query, view)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)
    except BadRequest as failure:
        # The query may be too old to answer, or the message gone; the log has the cause.
        log.warning("could not tell the user about an error: %s", failure.message)


def describe(update: object) -> str:
    """A short line saying which update failed: its id, chat, user and text."""
    if not isinstance(update, Update):
        return str(update)[:200]
    parts = [f"update {update.update_id}"]
    if update.effective_chat:
        parts.append(f"chat {update.effective_chat.id} ({update.effective_chat.type})")
    if update.effective_user:
        parts.append(f"user {update.effective_user.id}")
    message = update.effective_message
    if message is not None and message.text:
        parts.append(repr(message.text[:120]))
    if update.callback_query is not None:
        parts.append(f"button {update.callback_query.data!r}")
    if update.inline_query is not None:
        parts.append(f"inline {update.inline_query.query[:120]!r}")
    return " · ".join(parts)


async def _report(context: Context, update: object) -> None:
    settings = context.bot_data.settings
    if settings.error_chat_id is None or context.error is None:
        return
    lines = traceback.format_exception(context.error)
    trace = "".join(lines)
    for secret in secrets_of(settings):
        trace = trace.replace(secret, REDACTED)
    summary = html.escape(describe(update), quote=False)
    name = html.escape(type(context.error).__name__)
    body = html.escape(trace[-REPORT_CHARS:])
    text = f"⚠️ <b>{name}</b>\n<code>{summary}</code>\n<pre>{body}</pre>"
    try:
        await context.bot.send_message(settings.error_chat_id, text)
    except TelegramError as failure:
        log.warning("could not send the error report: %s", failure.message)
