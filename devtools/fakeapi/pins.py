"""The fake's pinned messages and the bot's own rights in each group.

By default the bot is an administrator with every right (what most tests want); a test
that needs the bot to be a plain member, or an admin without "Pin messages", says so with
:meth:`FakeTelegram.set_bot_status`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devtools.fakeapi.updates import JSON, member

NO_PIN_RIGHTS = "Bad Request: not enough rights to manage pinned messages in the chat"


@dataclass
class PinBoard:
    """Which messages are pinned in each chat, and what the bot may do there."""

    bot_members: dict[int, JSON] = field(default_factory=dict)  # chat -> the bot's ChatMember
    pinned: dict[int, list[int]] = field(default_factory=dict)  # chat -> message ids

    def bot_member(self, chat_id: int, bot_user: JSON) -> JSON:
        return self.bot_members.get(chat_id) or member(bot_user, "administrator")

    def may_pin(self, chat_id: int, bot_user: JSON) -> bool:
        """Private chats: always; groups: as the creator, or an admin with can_pin_messages."""
        if chat_id > 0:
            return True
        found = self.bot_member(chat_id, bot_user)
        if found["status"] == "creator":
            return True
        return found["status"] == "administrator" and bool(found.get("can_pin_messages"))

    def pin(self, chat_id: int, message_id: int) -> None:
        ids = self.pinned.setdefault(chat_id, [])
        if message_id not in ids:
            ids.append(message_id)

    def unpin(self, chat_id: int, message_id: int) -> None:
        ids = self.pinned.get(chat_id, [])
        if message_id in ids:
            ids.remove(message_id)
