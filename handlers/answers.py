"""/summary, /timeline, /quote and /verify: the extractive answers."""

from __future__ import annotations

import dataclasses

from telegram import Message, Update

from bot.app.context import Context
from bot.app.userinput import MAX_CLAIM, check_query
from bot.render import answers as render_answers
from bot.render import replies as render
from bot.render.replies import Reply, View
from handlers.common import Pager, command_argument, send, stored_query, view_for


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
    found_some = bool(result.sentences)
    state = await stored_query(
        context, "summary", query, message.chat_id, 1, None, needed=found_some
    )
    await send(message, render_answers.summary(result, view, state=state))


async def _paged(update: Update, context: Context, usage: str, pager: Pager) -> None:
    found = await _topic(update, context, usage)
    if found is None:
        return
    message, view, query = found
    await send(message, await pager(context, view, query, message.chat_id))


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
) -> Reply:
    size = size or render_answers.TIMELINE_PAGE
    result = await context.bot_data.library.timeline(query)
    needed = bool(result.events)
    state = await stored_query(context, "timeline", query, chat_id, size, state, needed=needed)
    return render_answers.timeline(result, view, page=page, size=size, state=state)


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
) -> Reply:
    size = size or view.page_size
    result = await context.bot_data.library.quotes(query, (page + 1) * size + 1)
    has_next = len(result.quotes) > (page + 1) * size
    shown = result.quotes[page * size : (page + 1) * size]
    state = await stored_query(context, "quote", query, chat_id, size, state, needed=has_next)
    result = dataclasses.replace(result, quotes=shown)
    return render_answers.quotes(result, view, page=page, has_next=has_next, state=state)


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
    result = await context.bot_data.library.verify(check_query(claim, MAX_CLAIM))
    await send(message, render_answers.verification(result, view))
