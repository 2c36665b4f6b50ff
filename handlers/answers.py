"""/summary, /timeline, /quote and /verify: the extractive answers."""

from __future__ import annotations

import dataclasses

from telegram import Message, Update

from bot import render, render_answers
from bot.context import Context
from bot.render import Reply, View
from bot.userinput import MAX_CLAIM, check_query
from handlers.common import command_argument, send, view_for


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
    state = None
    if result.sentences:
        stored = await context.bot_data.store.save_query("summary", query, message.chat_id, 1)
        state = stored.id
    await send(message, render_answers.summary(result, view, state=state))


async def timeline_command(update: Update, context: Context) -> None:
    """/timeline <topic>: dated events, eight a page."""
    found = await _topic(update, context, "usage.timeline")
    if found is None:
        return
    message, view, query = found
    await send(message, await timeline_page(context, view, query, message.chat_id))


async def timeline_page(
    context: Context,
    view: View,
    query: str,
    chat_id: int,
    *,
    page: int = 0,
    state: str | None = None,
) -> Reply:
    result = await context.bot_data.library.timeline(query)
    if state is None and result.events:
        size = render_answers.TIMELINE_PAGE
        state = (await context.bot_data.store.save_query("timeline", query, chat_id, size)).id
    return render_answers.timeline(result, view, page=page, state=state)


async def quote_command(update: Update, context: Context) -> None:
    """/quote <speaker or topic>: verbatim quotations with their speakers."""
    found = await _topic(update, context, "usage.quote")
    if found is None:
        return
    message, view, query = found
    await send(message, await quote_page(context, view, query, message.chat_id))


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
    if state is None and has_next:
        state = (await context.bot_data.store.save_query("quote", query, chat_id, size)).id
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
