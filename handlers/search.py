"""/search (/s), plain text in a private chat, and messages addressed to the bot in groups."""

from __future__ import annotations

import dataclasses

from telegram import Message, MessageEntity, Update
from telegram.ext import filters

from bot.app.context import Context
from bot.app.userinput import check_query
from bot.render import replies as render
from bot.render.feedback import with_votes
from bot.render.replies import Reply, View
from handlers.common import answer_state, asker_of, command_argument, send, view_for


async def search_command(update: Update, context: Context) -> None:
    """/search <query>: a page of ranked passages; no query explains itself."""
    message = update.effective_message
    if message is None:
        return
    view = await view_for(update, context)
    await answer(message, context, view, command_argument(message), asker_of(update))


async def search_text(update: Update, context: Context) -> None:
    """Plain text in private, or a group message that replies to or mentions the bot."""
    message = update.effective_message
    if message is None or not message.text:
        return
    query = strip_mention(message, context.bot.username)
    await answer(message, context, await view_for(update, context), query, asker_of(update))


async def answer(
    message: Message, context: Context, view: View, query: str, asker: int | None
) -> None:
    if not query:
        await send(message, render.message(view, "usage.search"))
        return
    reply = await search_page(context, view, check_query(query), message.chat_id, asker=asker)
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
    asker: int | None = None,
) -> Reply:
    """One page of results; the first page stores the answer (for ◀ ▶ and 👍 👎), or logs
    the question as unanswered when nothing was found."""
    size = size or view.page_size
    result = await context.bot_data.library.search(query, size + 1, page * size)
    has_next = len(result.hits) > size
    result = dataclasses.replace(result, hits=result.hits[:size])
    pids = tuple(hit.passage_id for hit in result.hits)
    state = await answer_state(
        context, "search", query, chat_id, size, state, found=bool(pids), pids=pids, asker=asker
    )
    reply = render.search_page(result, view, page=page, has_next=has_next, state=state)
    return with_votes(reply, view, state if pids else None)


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
