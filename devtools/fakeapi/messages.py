"""The messages the bot sent, kept as Telegram keeps them: numbered per chat, text parsed.

Telegram refuses a text it cannot parse, an empty or over-long one, an edit of a message it
does not have and an edit that changes nothing; the fake refuses them with the same errors.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.html import EntityError, parse_html, utf16_len
from devtools.fakeapi.updates import JSON

MAX_TEXT = 4096
_FIRST_ID = 101  # the bot's first message in a chat; the chat had some before it
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of a message"
)


@dataclass(slots=True)
class _Stored:
    text: str
    markup: Any


@dataclass
class MessageStore:
    """What an edit is compared with, and what a pin or a delete needs to find."""

    _stored: dict[tuple[int, int], _Stored] = field(default_factory=dict)
    _next_id: dict[int, int] = field(default_factory=dict)

    def __contains__(self, key: tuple[int, int]) -> bool:
        return key in self._stored

    def send(self, chat: JSON, sender: JSON, params: JSON) -> JSON:
        """sendMessage: the new Message."""
        message_id = self._next_id.get(chat["id"], _FIRST_ID)
        self._next_id[chat["id"]] = message_id + 1
        message = _message(chat, sender, params, message_id)
        self.remember(message)
        return message

    def edit(self, chat: JSON, sender: JSON, params: JSON) -> JSON:
        """editMessageText: the edited Message."""
        stored = self._stored.get((chat["id"], int(params["message_id"])))
        if stored is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        message = _message(chat, sender, params, int(params["message_id"]))
        if message["text"] == stored.text and params.get("reply_markup") == stored.markup:
            raise ApiError(400, NOT_MODIFIED)
        self.remember(message)
        return message

    def remember(self, message: JSON) -> None:
        key = (message["chat"]["id"], message["message_id"])
        self._stored[key] = _Stored(message.get("text", ""), message.get("reply_markup"))

    def forget(self, chat_id: int, message_id: int) -> None:
        self._stored.pop((chat_id, message_id), None)


def _message(chat: JSON, sender: JSON, params: JSON, message_id: int) -> JSON:
    plain, entities = _parse(params.get("text", ""), params.get("parse_mode"))
    message: JSON = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": chat,
        "from": sender,
        "text": plain,
    }
    if entities:
        message["entities"] = entities
    markup = params.get("reply_markup")
    # Like Telegram, a sent message carries back only an inline keyboard (not a ForceReply).
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    if params.get("message_thread_id"):
        message["message_thread_id"] = int(params["message_thread_id"])
    return message


def _parse(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    if parse_mode == "HTML":
        try:
            plain, entities = parse_html(text)
        except EntityError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
    else:
        plain, entities = text, []
    if not plain.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(plain) > MAX_TEXT:
        raise ApiError(400, "Bad Request: message is too long")
    return plain, entities
