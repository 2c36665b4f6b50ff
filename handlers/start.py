"""/start (with deep-link payloads), /help, and unknown commands in private chats."""

from __future__ import annotations

from typing import Literal

from telegram import Update

from bot.app.context import Context
from bot.render import callbacks as cb
from bot.render import replies as render
from handlers.common import command_argument, send, view_for
from handlers.corpus import source_reply
from handlers.search import search_page


async def start_command(update: Update, context: Context) -> None:
    """/start: a welcome; ``p_<pid>`` opens a passage, ``q_<state>`` a group's query."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    payload = cb.parse_start(command_argument(message))
    if isinstance(payload, cb.StartPassage):
        await send(message, await source_reply(context, view, payload.pid))
        return
    if isinstance(payload, cb.StartQuery):
        state = await context.bot_data.store.load_query(payload.state)
        if state is not None:
            await send(message, await search_page(context, view, state.query, message.chat_id))
            return
    name = update.effective_user.first_name if update.effective_user else ""
    await send(message, render.welcome(view, name))


async def help_command(update: Update, context: Context) -> None:
    """/help: the commands from the registry, in the chat's language and scope."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    scope: Literal["private", "group"] = "group" if view.group else "private"
    lines = [
        (command.name, command.description(view.lang))
        for command in context.bot_data.commands
        if command.visible_in(scope)
    ]
    await send(message, render.help_text(view, lines))


async def unknown_command(update: Update, context: Context) -> None:
    """A command we do not have, in a private chat: a short hint rather than silence."""
    message = update.effective_message
    if message is None:
        return
    await send(message, render.message(await view_for(update, context), "unknown.command"))
