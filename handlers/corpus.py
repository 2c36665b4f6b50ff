"""/source, /docs and /about: reading the corpus itself."""

from __future__ import annotations

from telegram import Message, Update

from bot.app.context import Context
from bot.render import replies as render
from bot.render.replies import Reply, View
from handlers.common import command_argument, send, view_for
from handlers.moderators import is_moderator


async def source_command(update: Update, context: Context) -> None:
    """/source <passage id>: the full paragraph, its neighbours, notes and document."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    pid = normalise_pid(command_argument(message))
    if not pid:
        await send(message, render.message(view, "usage.source"))
        return
    await send(message, await source_reply(context, view, pid))


async def source_reply(context: Context, view: View, pid: str) -> Reply:
    """The source view of ``pid``, or a polite "no such passage"."""
    found = await context.bot_data.library.passage(pid)
    if found is None:
        return render.source_missing(view, pid)
    return render.passage(found, view)


def normalise_pid(text: str) -> str:
    """Accept ``D2.A6.P41``, ``<d2.a6.p41>`` or the deep-link form ``d2-a6-p41``."""
    words = text.split()
    if not words:
        return ""
    return words[0].strip("<>()[]「」，。,").lower().replace("-", ".")


async def docs_command(update: Update, context: Context) -> None:
    """/docs: the documents and articles with their ids."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    await send(message, render.documents(await context.bot_data.library.documents(), view))


async def about_command(update: Update, context: Context) -> None:
    """/about: corpus version, counts, date range, last ingest."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    chat = update.effective_chat
    moderator = chat is not None and (
        chat.type == "private" or await is_moderator(context, chat, update.effective_user)
    )
    info = await context.bot_data.library.about()
    await send(message, render.about(info, view, moderator=moderator))


async def reply_source(message: Message, context: Context, view: View, pid: str) -> None:
    await send(message, await source_reply(context, view, pid))
