"""/search (/s), plain text in a private chat, and messages addressed to the bot in groups."""

from __future__ import annotations

import dataclasses

from telegram import Message, MessageEntity, Update
from telegram.ext import filters

from bot.app.context import Context
from bot.app.userinput import check_query
from bot.render import replies as render
from bot.render.replies import Reply, View
from handlers.common import command_argument, send, stored_query, view_for


async def search_command(update: Update, context: Context) -> None:
    """/search <query>: a page of ranked passages; no query explains itself."""
    message = update.effective_message
    if message is None:
        return
    await answer(message, context, await view_for(update, context), command_argument(message))


async def search_text(update: Update, context: Context) -> None:
    """Plain text in private, or a group message that replies to or mentions the bot."""
    message = update.effective_message
    if message is None or not message.text:
        return
    query = strip_mention(message, context.bot.username)
    await answer(message, context, await view_for(update, context), query)


async def answer(message: Message, context: Context, view: View, query: str) -> None:
    if not query:
        await send(message, render.message(view, "usage.search"))
        return
    reply = await search_page(context, view, check_query(query), message.chat_id)
    await send(message, reply)


async def search_page(
    context: Context,
    view: View,
    query: str,
    chat_id: int,
    *,
    page: int = 0,
    size: int | None = None,
    state: str | None = None,
) -> Reply:
    """One page of results; stores the query (for ◀ ▶) the first time there is a next page."""
    size = size or view.page_size
    result = await context.bot_data.library.search(query, size + 1, page * size)
    has_next = len(result.hits) > size
    result = dataclasses.replace(result, hits=result.hits[:size])
    state = await stored_query(context, "search", query, chat_id, size, state, needed=has_next)
    return render.search_page(result, view, page=page, has_next=has_next, state=state)


def strip_mention(message: Message, username: str) -> str:
    """The message text without ``@bot`` mentions."""
    text = message.text or ""
    mention = "@" + username.lower()
    parts = message.parse_entities([MessageEntity.MENTION])
    for entity in sorted(parts, key=lambda e: -e.offset):
        if parts[entity].lower() == mention:
            text = text.replace(parts[entity], " ")
    return " ".join(text.split())


class AddressedToBot(filters.MessageFilter):
    """A group message that replies to one of the bot's messages or mentions the bot."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mention = "@" + (bot.username or "").lower()
        found = message.parse_entities([MessageEntity.MENTION]).values()
        return any(text.lower() == mention for text in found)


ADDRESSED = AddressedToBot(name="addressed_to_bot")
