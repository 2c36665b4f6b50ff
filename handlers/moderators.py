"""Who moderates a chat's fact cards, who did something, and whether the bot may pin.

Moderators are the chat's administrators (getChatAdministrators, cached per chat with a
short TTL; a ``chat_member`` update that touches an administrator drops the cache) plus the
user ids in ``BOT_MODERATORS``. An anonymous administrator posts as the chat itself
(``sender_chat``) and counts as one. In a private chat the user moderates their own cards.
"""

from __future__ import annotations

import logging

from telegram import Chat, ChatMember, ChatMemberAdministrator, Update, User

from bot.app.context import Context
from bot.cards.model import Actor
from handlers.common import GROUP_TYPES
from handlers.permissions import is_admin

log = logging.getLogger(__name__)

_ADMINS = frozenset({ChatMember.ADMINISTRATOR, ChatMember.OWNER})


async def is_moderator(
    context: Context, chat: Chat, user: User | None, sender_chat: Chat | None = None
) -> bool:
    """Whether ``user`` (or an anonymous admin posting as ``sender_chat``) moderates ``chat``."""
    if user is not None and user.id in context.bot_data.settings.moderators:
        return True
    return await is_admin(context, chat, user, sender_chat)


def actor_of(update: Update) -> Actor:
    """Who sent the update, as the audit log records them."""
    message = update.effective_message
    chat = message.sender_chat if message is not None else None
    if chat is not None:
        return Actor(chat.id, chat.title or "", anonymous=True)
    user = update.effective_user
    if user is None:
        return Actor(None, "")
    return Actor(user.id, user.full_name)


async def bot_can_pin(context: Context, chat: Chat) -> bool:
    """Whether the bot may pin in ``chat``: always in private, as an admin with the right."""
    if chat.type not in GROUP_TYPES:
        return True
    member = await context.bot.get_chat_member(chat.id, context.bot.id)
    if member.status == ChatMember.OWNER:
        return True
    return isinstance(member, ChatMemberAdministrator) and bool(member.can_pin_messages)


async def on_chat_member(update: Update, context: Context) -> None:
    """Someone became or stopped being an administrator: the cached admin list is stale."""
    change = update.chat_member
    if change is None:
        return
    statuses = {change.old_chat_member.status, change.new_chat_member.status}
    if statuses & _ADMINS:
        log.info("administrators of chat %s changed; admin cache dropped", change.chat.id)
        context.bot_data.admins.pop(change.chat.id, None)
