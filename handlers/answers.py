"""/summary, /timeline, /quote and /verify: the extractive answers."""

from __future__ import annotations

import dataclasses

from telegram import Message, Update

from bot.app.context import Context
from bot.app.userinput import MAX_CLAIM, check_query
from bot.render import answers as render_answers
from bot.render import replies as render
from bot.render.feedback import with_votes
from bot.render.replies import Reply, View
from handlers.common import Pager, answer_state, asker_of, command_argument, send, view_for


async def _topic(update: Update, context: Context, usage: str) -> tuple[Message, View, str] | None:
    """The message, view and checked argument; None (after explaining usage) if missing."""
    message = update.effective_message
    if message is None:
        return None
    view = await view_for(update, context)
    argument = command_argument(message)
    if not argument:
        await send(message, render.message(view, usage))
        return None
    return message, view, check_query(argument)


async def summary_command(update: Update, context: Context) -> None:
    """/summary <topic>: 2–4 cited sentences from the corpus."""
    found = await _topic(update, context, "usage.summary")
    if found is None:
        return
    message, view, query = found
    result = await context.bot_data.library.summary(query)
    pids = tuple(dict.fromkeys(s.passage_id for s in result.sentences))
    asker = asker_of(update)
    state = await answer_state(
        context,
        "summary",
        query,
        message.chat_id,
        1,
        None,
        found=bool(pids),
        pids=pids,
        asker=asker,
    )
    await send(message, with_votes(render_answers.summary(result, view, state=state), view, state))


async def _paged(update: Update, context: Context, usage: str, pager: Pager) -> None:
    found = await _topic(update, context, usage)
    if found is None:
        return
    message, view, query = found
    reply = await pager(context, view, query, message.chat_id, asker=asker_of(update))
    await send(message, reply)


async def timeline_command(update: Update, context: Context) -> None:
    """/timeline <topic>: dated events, eight a page."""
    await _paged(update, context, "usage.timeline", timeline_page)


async def timeline_page(
    context: Context,
    view: View,
    query: str,
    chat_id: int,
    *,
    page: int = 0,
    size: int | None = None,
    state: str | None = None,
    asker: int | None = None,
) -> Reply:
    size = size or render_answers.TIMELINE_PAGE
    # A page press (a stored state) turns the timeline already built.
    result = await context.bot_data.library.timeline(query, reuse=state is not None)
    pids = tuple(e.passage_id for e in result.events[page * size : (page + 1) * size])
    state = await answer_state(
        context, "timeline", query, chat_id, size, state, found=bool(pids), pids=pids, asker=asker
    )
    reply = render_answers.timeline(result, view, page=page, size=size, state=state)
    return with_votes(reply, view, state if pids else None)


async def quote_command(update: Update, context: Context) -> None:
    """/quote <speaker or topic>: verbatim quotations with their speakers."""
    await _paged(update, context, "usage.quote", quote_page)


async def quote_page(
    context: Context,
    view: View,
    query: str,
    chat_id: int,
    *,
    page: int = 0,
    size: int | None = None,
    state: str | None = None,
    asker: int | None = None,
) -> Reply:
    size = size or view.page_size
    result = await context.bot_data.library.quotes(query, (page + 1) * size + 1)
    has_next = len(result.quotes) > (page + 1) * size
    shown = result.quotes[page * size : (page + 1) * size]
    pids = tuple(q.passage_id for q in shown)
    state = await answer_state(
        context, "quote", query, chat_id, size, state, found=bool(pids), pids=pids, asker=asker
    )
    result = dataclasses.replace(result, quotes=shown)
    reply = render_answers.quotes(result, view, page=page, has_next=has_next, state=state)
    return with_votes(reply, view, state if pids else None)


async def verify_command(update: Update, context: Context) -> None:
    """/verify <claim>, or /verify as a reply to the message holding the claim."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    claim = command_argument(message)
    replied = message.reply_to_message
    if not claim and replied is not None:
        claim = replied.text or replied.caption or ""
    if not claim:
        await send(message, render.message(view, "usage.verify"))
        return
    claim = check_query(claim, MAX_CLAIM)
    result = await context.bot_data.library.verify(claim)
    pid = str(result.match.get("passage_id", "")) if result.match else ""
    # A quote check always answers (found, close, or not in the documents): always votable.
    pids = (pid,) if pid else ()
    state = await answer_state(
        context, "verify", claim, message.chat_id, 1, None, found=True, pids=pids
    )
    await send(message, with_votes(render_answers.verification(result, view), view, state))
