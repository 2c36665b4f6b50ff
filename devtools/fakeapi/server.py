"""A fake Telegram Bot API server behind ``httpx.MockTransport``.

Hand ``fake.request()`` to PTB as both ``request`` and ``updates_request``: every Bot API
call lands here, is recorded as ``(method, params)`` and answered the way Telegram answers,
including its errors (a queued ``{"ok": false, "error_code": 400, ...}`` raises a real
``BadRequest`` in PTB). Nothing leaves the process: the transport never opens a socket.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram.request import HTTPXRequest

from devtools.fakeapi.forms import decode_params
from devtools.fakeapi.html import EntityError, parse_html, utf16_len
from devtools.fakeapi.pins import NO_PIN_RIGHTS, PinBoard
from devtools.fakeapi.updates import JSON, member

MAX_TEXT = 4096
_POLL_PAUSE = 0.05


@dataclass(slots=True)
class Call:
    """One Bot API request: the method and its parameters (JSON fields decoded)."""

    method: str
    params: JSON
    result: Any = None
    error: JSON | None = None


@dataclass(slots=True)
class _Stored:
    chat_id: int
    text: str
    markup: Any


@dataclass
class FakeTelegram:
    """Answers Bot API calls like Telegram does, and remembers them."""

    bot_id: int = 7000000001
    username: str = "ZhikuBot"
    calls: list[Call] = field(default_factory=list)
    admins: dict[int, dict[int, str]] = field(default_factory=dict)  # chat -> user -> status
    chats: dict[int, JSON] = field(default_factory=dict)
    updates: deque[JSON] = field(default_factory=deque)
    _failures: deque[tuple[str | None, JSON]] = field(default_factory=deque)
    _messages: dict[tuple[int, int], _Stored] = field(default_factory=dict)
    _next_id: dict[int, int] = field(default_factory=dict)
    pins: PinBoard = field(default_factory=PinBoard)
    # Time spent inside the fake "server" (decoding, parsing HTML): benchmarks subtract it.
    server_seconds: float = 0.0

    @property
    def bot_user(self) -> JSON:
        return {"id": self.bot_id, "is_bot": True, "first_name": "智库", "username": self.username}

    def request(self, **kwargs: Any) -> HTTPXRequest:
        """A PTB request object whose HTTP client talks only to this fake."""
        transport = httpx.MockTransport(self._handle)
        return HTTPXRequest(httpx_kwargs={"transport": transport}, **kwargs)

    def fail_next(
        self,
        method: str | None = None,
        *,
        code: int = 400,
        description: str = "Bad Request: chat not found",
        retry_after: int | None = None,
    ) -> None:
        """Make the next call (of ``method``, or any call) fail the way Telegram fails."""
        error: JSON = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            error["parameters"] = {"retry_after": retry_after}
        self._failures.append((method, error))

    def set_admins(self, chat_id: int, owner: int, *others: int) -> None:
        """Declare who administers a group (``owner`` is the creator)."""
        self.admins[chat_id] = {owner: "creator", **dict.fromkeys(others, "administrator")}

    def set_bot_status(self, chat_id: int, status: str, **rights: bool) -> None:
        """The bot's own membership in a group (by default: an admin with every right)."""
        self.pins.bot_members[chat_id] = {**member(self.bot_user, status), **rights}

    def delete(self, chat_id: int, message_id: int) -> None:
        """Someone deleted a message: editing it now fails as it does on Telegram."""
        self._messages.pop((chat_id, message_id), None)
        self.pins.unpin(chat_id, message_id)

    def remember(self, message: JSON) -> None:
        """Record a message the bot sent earlier (for a button pressed on it after a restart)."""
        chat = message["chat"]
        self._messages[chat["id"], message["message_id"]] = _Stored(
            chat["id"], message.get("text", ""), message.get("reply_markup")
        )

    def calls_to(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    def sent(self) -> list[JSON]:
        """Parameters of every successful sendMessage and editMessageText, in order."""
        return [c.params for c in self.calls_to("sendMessage", "editMessageText") if not c.error]

    def last(self, method: str) -> JSON:
        found = self.calls_to(method)
        if not found:
            raise AssertionError(f"no {method} call; calls were {[c.method for c in self.calls]}")
        return found[-1].params

    def clear(self) -> None:
        self.calls.clear()

    # -- the server -------------------------------------------------------------------------

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        if method == "getUpdates" and not self.updates:
            # Long polling: a real server would hold the request; do not spin the caller.
            await asyncio.sleep(_POLL_PAUSE)
        began = time.perf_counter()
        try:
            return self._respond(method, decode_params(request.content))
        finally:
            self.server_seconds += time.perf_counter() - began

    def _respond(self, method: str, params: JSON) -> httpx.Response:
        call = Call(method, params)
        self.calls.append(call)
        failure = self._take_failure(method)
        if failure is None:
            try:
                call.result = self._answer(method, params)
            except _ApiError as exc:
                failure = exc.error
        if failure is not None:
            call.error = failure
            return httpx.Response(failure["error_code"], json=failure)
        return httpx.Response(200, json={"ok": True, "result": call.result})

    def _take_failure(self, method: str) -> JSON | None:
        for index, (wanted, error) in enumerate(self._failures):
            if wanted in (None, method):
                del self._failures[index]
                return error
        return None

    def _answer(self, method: str, params: JSON) -> Any:
        handler = _HANDLERS.get(method)
        if handler is not None:
            return handler(self, params)
        if method in _TRUE_METHODS:
            return True
        raise _ApiError(404, "Not Found")

    def _get_me(self, _: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _chat(self, chat_id: int) -> JSON:
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "User"}
        return {"id": chat_id, "type": "supergroup", "title": "Group"}

    def _message(self, chat_id: int, text: str, params: JSON, message_id: int) -> JSON:
        plain, entities = _parse(text, params.get("parse_mode"))
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self.bot_user,
            "text": plain,
        }
        if entities:
            message["entities"] = entities
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
        return message

    def _send_message(self, params: JSON) -> JSON:
        chat_id = int(params["chat_id"])
        message_id = self._next_id.get(chat_id, 100) + 1
        self._next_id[chat_id] = message_id
        message = self._message(chat_id, params.get("text", ""), params, message_id)
        self.remember(message)
        return message

    def _edit_message_text(self, params: JSON) -> JSON:
        key = (int(params["chat_id"]), int(params["message_id"]))
        stored = self._messages.get(key)
        if stored is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        message = self._message(key[0], params.get("text", ""), params, key[1])
        if message["text"] == stored.text and params.get("reply_markup") == stored.markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of a message",
            )
        self.remember(message)
        return message

    def _chat_member(self, params: JSON) -> JSON:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        if user_id == self.bot_id:
            return self.pins.bot_member(chat_id, self.bot_user)
        status = self.admins.get(chat_id, {}).get(user_id, "member")
        return member({"id": user_id, "is_bot": False, "first_name": "User"}, status)

    def _chat_administrators(self, params: JSON) -> list[JSON]:
        chat_id = int(params["chat_id"])
        return [
            member({"id": uid, "is_bot": False, "first_name": "Admin"}, status)
            for uid, status in self.admins.get(chat_id, {}).items()
        ]

    def _pin_chat_message(self, params: JSON) -> bool:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        if not self.pins.may_pin(chat_id, self.bot_user):
            raise _ApiError(400, NO_PIN_RIGHTS)
        if (chat_id, message_id) not in self._messages:
            raise _ApiError(400, "Bad Request: message to pin not found")
        self.pins.pin(chat_id, message_id)
        return True

    def _unpin_chat_message(self, params: JSON) -> bool:
        chat_id = int(params["chat_id"])
        if not self.pins.may_pin(chat_id, self.bot_user):
            raise _ApiError(400, NO_PIN_RIGHTS)
        self.pins.unpin(chat_id, int(params.get("message_id", 0)))
        return True

    def _delete_message(self, params: JSON) -> bool:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._messages:
            raise _ApiError(400, "Bad Request: message to delete not found")
        self.delete(*key)
        return True

    def _get_updates(self, _: JSON) -> list[JSON]:
        batch = list(self.updates)
        self.updates.clear()
        return batch

    def _get_my_commands(self, _: JSON) -> list[JSON]:
        for call in reversed(self.calls_to("setMyCommands")):
            return list(call.params.get("commands", []))
        return []


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.error: JSON = {"ok": False, "error_code": code, "description": description}


def _parse(text: str, parse_mode: str | None) -> tuple[str, list[JSON]]:
    if parse_mode == "HTML":
        try:
            plain, entities = parse_html(text)
        except EntityError as exc:
            raise _ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
    else:
        plain, entities = text, []
    if not plain.strip():
        raise _ApiError(400, "Bad Request: message text is empty")
    if utf16_len(plain) > MAX_TEXT:
        raise _ApiError(400, "Bad Request: message is too long")
    return plain, entities


_HANDLERS: dict[str, Callable[[FakeTelegram, JSON], Any]] = {
    "getMe": FakeTelegram._get_me,
    "sendMessage": FakeTelegram._send_message,
    "editMessageText": FakeTelegram._edit_message_text,
    "getChatMember": FakeTelegram._chat_member,
    "getChatAdministrators": FakeTelegram._chat_administrators,
    "getUpdates": FakeTelegram._get_updates,
    "getMyCommands": FakeTelegram._get_my_commands,
    "pinChatMessage": FakeTelegram._pin_chat_message,
    "unpinChatMessage": FakeTelegram._unpin_chat_message,
    "deleteMessage": FakeTelegram._delete_message,
}
_TRUE_METHODS = frozenset(
    {
        "answerCallbackQuery",
        "answerInlineQuery",
        "setMyCommands",
        "deleteMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "sendChatAction",
        "setWebhook",
        "deleteWebhook",
        "logOut",
        "close",
    }
)
