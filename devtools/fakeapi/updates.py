"""Updates as Telegram would send them: plain JSON dicts, for tests and the console.

Feed them to ``Update.de_json(data, app.bot)`` and ``app.process_update``; nothing here
imports ``telegram``, so a builder cannot paper over a field the real API would send.
"""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

from devtools.fakeapi.html import utf16_len

JSON = dict[str, Any]
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?")
_MENTION = re.compile(r"@[A-Za-z0-9_]{5,32}")


def user(user_id: int, first_name: str = "Lin", language_code: str | None = "zh-hans") -> JSON:
    """A human user."""
    data: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        data["language_code"] = language_code
    return data


def private_chat(of: JSON) -> JSON:
    """The private chat with ``of``."""
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group(chat_id: int = -1001234567890, title: str = "金砖研究组", *, forum: bool = False) -> JSON:
    """A supergroup (a forum when ``forum``)."""
    data: JSON = {"id": chat_id, "type": "supergroup", "title": title}
    if forum:
        data["is_forum"] = True
    return data


def entities_for(text: str) -> list[JSON]:
    """The entities Telegram attaches to plain text: a leading command and @mentions."""
    found = []
    command = _COMMAND.match(text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for match in _MENTION.finditer(text):
        if command and match.start() < command.end():
            continue
        offset = utf16_len(text[: match.start()])
        found.append({"type": "mention", "offset": offset, "length": utf16_len(match.group())})
    return found


class Updates:
    """Numbers updates and messages the way one chat client would see them."""

    def __init__(self) -> None:
        # Telegram never reuses an update id, and the bot drops an id it has handled (several
        # instances may share one store), so a new session continues where time has got to
        # rather than starting again at 1.
        self._update_ids = itertools.count(time.time_ns() // 1000)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

    def wrap(self, **payload: Any) -> JSON:
        return {"update_id": next(self._update_ids), **payload}

    def message(
        self,
        text: str,
        *,
        sender: JSON,
        chat: JSON | None = None,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        """A text message update (in ``sender``'s private chat unless ``chat`` is given)."""
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or private_chat(sender),
            "from": sender,
            "text": text,
        }
        entities = entities_for(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return self.wrap(message=message)

    def callback(self, data: str, *, sender: JSON, message: JSON) -> JSON:
        """A button press on ``message`` (a message the bot sent)."""
        query = {
            "id": str(next(self._query_ids)),
            "from": sender,
            "chat_instance": str(message["chat"]["id"]),
            "message": message,
            "data": data,
        }
        return self.wrap(callback_query=query)

    def inline(self, query: str, *, sender: JSON, offset: str = "", chat_type: str = "") -> JSON:
        """An inline query (``@bot query`` typed anywhere)."""
        data: JSON = {"id": str(next(self._query_ids)), "from": sender, "query": query}
        data["offset"] = offset
        if chat_type:
            data["chat_type"] = chat_type
        return self.wrap(inline_query=data)

    def my_chat_member(self, *, chat: JSON, sender: JSON, bot: JSON, old: str, new: str) -> JSON:
        """The bot's own membership in ``chat`` changed from ``old`` to ``new`` status."""
        change = {
            "chat": chat,
            "from": sender,
            "date": int(time.time()),
            "old_chat_member": member(bot, old),
            "new_chat_member": member(bot, new),
        }
        return self.wrap(my_chat_member=change)


def member(of: JSON, status: str) -> JSON:
    """A ChatMember object of any status, with the fields Telegram always sends."""
    if status == "administrator":
        rights = {**dict.fromkeys(_ADMIN_RIGHTS, True), "is_anonymous": False}
        return {"status": status, "user": of, "can_be_edited": False, **rights}
    if status == "creator":
        return {"status": status, "user": of, "is_anonymous": False}
    if status == "restricted":
        flags = dict.fromkeys(_RESTRICTED_FLAGS, False)
        return {"status": status, "user": of, "is_member": True, "until_date": 0, **flags}
    if status == "kicked":
        return {"status": status, "user": of, "until_date": 0}
    return {"status": status, "user": of}


_ADMIN_RIGHTS = (
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)
_RESTRICTED_FLAGS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)
