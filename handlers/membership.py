"""The bot's own membership: added to a group, removed, promoted or restricted."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update

from bot.app.context import Context
from bot.render import replies as render
from handlers.common import GROUP_TYPES, view_for

log = logging.getLogger(__name__)

_PRESENT = frozenset(
    {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED}
)


async def on_my_chat_member(update: Update, context: Context) -> None:
    """Log and remember the change; greet a group the bot has just joined."""
    change = update.my_chat_member
    if change is None:
        return
    chat, old, new = change.chat, change.old_chat_member, change.new_chat_member
    log.info(
        "bot status in chat %s (%s): %s -> %s, by user %s",
        chat.id,
        chat.type,
        old.status,
        new.status,
        change.from_user.id,
    )
    await context.bot_data.store.record_membership(
        chat.id, chat.type, chat.title, new.status, change.from_user.id
    )
    # Our own rights changed, and so may the admin list we cached.
    context.bot_data.admins.pop(chat.id, None)
    joined = old.status not in _PRESENT and new.status in _PRESENT
    if joined and chat.type in GROUP_TYPES:
        view = await view_for(update, context)
        hello = render.message(view, "group.hello", bot=context.bot.username)
        await context.bot.send_message(chat.id, hello.text)
