"""/gaps, its buttons, and the weekly digest to the moderators' chat.

/gaps shows a chat's moderators (its administrators and ``BOT_MODERATORS``) the week's most
asked questions that found nothing, were paged past and left, or got a 👎, grouped, with the
passage that answers each best today. In the moderators' chat (``GAPS_CHAT_ID``), and for
a ``BOT_MODERATORS`` user in private, it covers every chat. Each gap has two buttons: draft a
fact card from it (the gap is then dismissed), or dismiss it.

The digest is a JobQueue job: at startup it is scheduled a week after the last one sent
(remembered in the state store, :mod:`bot.feedback.digest`), so a restart neither skips nor
repeats one.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.error import BadRequest, Forbidden
from telegram.ext import JobQueue

from bot.app.context import Context, ZhikuApplication
from bot.feedback.digest import mark_sent, next_due
from bot.feedback.gaps import Gap
from bot.feedback.report import gaps_report
from bot.render import callbacks as cb
from bot.render import feedback as render_feedback
from bot.render import replies as render
from bot.render.cards import card_panel, note
from bot.render.replies import View
from bot.render.strings import DEFAULT_LANG, t
from handlers.common import GROUP_TYPES, markup, send, view_for
from handlers.moderators import actor_of, is_moderator

log = logging.getLogger(__name__)

DIGEST_JOB = "gaps-digest"
ALL_GAPS = 100  # a button's gap is looked for among this many


def scope_of(context: Context, chat: Chat, user: User | None) -> int | None:
    """Whose gaps a chat sees: its own, or every chat's (None) in the moderators' chat and
    for a ``BOT_MODERATORS`` user in private."""
    settings = context.bot_data.settings
    if chat.id == settings.gaps_chat_id:
        return None
    maintainer = user is not None and user.id in settings.moderators
    return None if maintainer and chat.type not in GROUP_TYPES else chat.id


async def gaps_command(update: Update, context: Context) -> None:
    """/gaps: the week's gaps for this chat's moderators."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None:
        return
    view = await view_for(update, context)
    if not await is_moderator(context, chat, user, message.sender_chat):
        await send(message, render.message(view, "gaps.moderators_only"))
        return
    data = context.bot_data
    found = await gaps_report(data.feedback, data.library, chat_id=scope_of(context, chat, user))
    await send(message, render_feedback.gaps(found, view))


async def on_gap_button(
    update: Update, context: Context, query: CallbackQuery, message: Message, action: cb.GapAction
) -> None:
    """Draft a card from a gap, or dismiss it; moderators only, and only the chat's own gaps."""
    view = await view_for(update, context)
    if not await is_moderator(context, message.chat, query.from_user):
        await query.answer(t("gaps.moderators_only", view.lang), show_alert=True)
        return
    gap = await _gap_of(context, message.chat, query.from_user, action.entry)
    if gap is None:
        await query.answer(t("gaps.gone", view.lang), show_alert=True)
        return
    if action.verb == "card":
        await _draft(update, context, message, view, gap)
    else:
        await context.bot_data.feedback.dismiss(gap.ids)
    await query.answer(t("gaps.dismissed", view.lang) if action.verb == "dis" else None)


async def _gap_of(context: Context, chat: Chat, user: User | None, entry_id: int) -> Gap | None:
    scope = scope_of(context, chat, user)
    entry = await context.bot_data.feedback.entry(entry_id)
    if entry is None or (scope is not None and entry.chat_id != scope):
        return None
    data = context.bot_data
    found = await gaps_report(data.feedback, data.library, chat_id=scope, limit=ALL_GAPS)
    return next((gap for gap in found if entry_id in gap.ids), None)


async def _draft(update: Update, context: Context, message: Message, view: View, gap: Gap) -> None:
    card = await context.bot_data.cards.draft(message.chat.id, actor_of(update), gap.query)
    if card is None:
        await send(message, render.nothing_found(view, gap.query))
        return
    await context.bot_data.feedback.dismiss(gap.ids)
    await send(message, card_panel(card, view, note(view, "cards.note.drafted", card_id=card.id)))


# -- the weekly digest ----------------------------------------------------------------------


async def schedule_digest(application: ZhikuApplication) -> float | None:
    """Schedule the next digest from the last one sent; returns when it is due (None: off)."""
    data = application.bot_data
    if data.settings.gaps_chat_id is None or application.job_queue is None:
        return None
    due = await next_due(data.feedback)
    _schedule(application.job_queue, data.clock(), due)
    return due


def _schedule(jobs: JobQueue[Any], now: float, due: float) -> None:
    for job in jobs.get_jobs_by_name(DIGEST_JOB):
        job.schedule_removal()
    delay = max(0.0, due - now)
    jobs.run_once(digest_job, when=delay, data=due, name=DIGEST_JOB)
    log.info("next gaps digest in %.0f s", delay)


async def digest_job(context: Context) -> None:
    """Post the week's gaps (every chat's) to the moderators' chat, then schedule the next."""
    data = context.bot_data
    chat_id = data.settings.gaps_chat_id
    if chat_id is None:
        return
    found = await gaps_report(data.feedback, data.library)
    settings = await data.store.chat_settings(chat_id)
    view = View(settings.language or DEFAULT_LANG, settings.script, True, context.bot.username)
    reply = render_feedback.gaps(found, view, digest=True)
    try:
        await context.bot.send_message(chat_id, reply.text, reply_markup=markup(reply.keyboard))
    except (Forbidden, BadRequest) as error:
        # Not retried: next week's digest covers the same days again.
        log.warning("could not post the gaps digest to chat %s: %s", chat_id, error.message)
    due = await mark_sent(data.feedback)
    if context.job_queue is not None:
        _schedule(context.job_queue, data.clock(), due)
