"""Permissions at the edge: who administers a group, checked on the server and cached."""

from __future__ import annotations

import functools

from telegram import Chat, Update, User

from bot.app.context import Context, HandlerCallback
from bot.render import replies as render
from handlers.common import GROUP_TYPES, send, view_for


async def is_admin(
    context: Context, chat: Chat, user: User | None, sender_chat: Chat | None = None
) -> bool:
    """Whether ``user`` may change ``chat``'s settings: anyone in private, admins in groups.

    A message an anonymous administrator sends comes from the group itself (``sender_chat``).
    The admin list is fetched with getChatAdministrators and cached per chat with a TTL.
    """
    if chat.type not in GROUP_TYPES:
        return True
    if sender_chat is not None and sender_chat.id == chat.id:
        return True
    if user is None:
        return False
    cache = context.bot_data.admins
    admins = cache.get(chat.id)
    if admins is None:
        members = await context.bot.get_chat_administrators(chat.id)
        admins = frozenset(member.user.id for member in members)
        cache[chat.id] = admins
    return user.id in admins


def admin_only(callback: HandlerCallback) -> HandlerCallback:
    """Wrap a command so that in groups only administrators reach it (others get a note)."""

    @functools.wraps(callback)
    async def guarded(update: Update, context: Context) -> None:
        message, chat = update.effective_message, update.effective_chat
        if message is None or chat is None:
            return
        if await is_admin(context, chat, update.effective_user, message.sender_chat):
            await callback(update, context)
            return
        await send(message, render.message(await view_for(update, context), "settings.admins_only"))

    return guarded
