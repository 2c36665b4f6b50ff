"""A fake Telegram Bot API: one core, reached in-process or over HTTP.

Every Bot API call lands in :meth:`FakeTelegram.respond`, is recorded as ``(method, params)``
and answered the way Telegram answers, including its errors (a queued ``{"ok": false,
"error_code": 400, ...}`` raises a real ``BadRequest`` in PTB). Two transports lead there:

- :meth:`FakeTelegram.request`, an ``httpx.MockTransport`` to hand PTB as both ``request``
  and ``updates_request``: nothing leaves the process, no socket is opened;
- :class:`devtools.fakeapi.http.HttpFront`, a server on 127.0.0.1 for a bot that runs as a
  process of its own.

The HTTP front answers from its own threads, so the core's state is guarded by one
condition: every public method takes it, and a long poll waits on it for a pushed update.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram.request import HTTPXRequest

from devtools.fakeapi.errors import ApiError, error_body
from devtools.fakeapi.forms import decode_params
from devtools.fakeapi.messages import MessageStore
from devtools.fakeapi.pins import NO_PIN_RIGHTS, PinBoard
from devtools.fakeapi.polling import UpdateQueue
from devtools.fakeapi.updates import JSON, member

BOT_ID = 7000000001
_POLL_PAUSE = 0.05
_RECHECK = 0.1  # seconds between checks of a wait_for predicate that nothing notifies


@dataclass(slots=True)
class Call:
    """One Bot API request: the method and its parameters (JSON fields decoded)."""

    method: str
    params: JSON
    result: Any = None
    error: JSON | None = None
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class FakeTelegram:
    """Answers Bot API calls like Telegram does, and remembers them."""

    bot_id: int = BOT_ID
    username: str = "ZhikuBot"
    calls: list[Call] = field(default_factory=list)
    admins: dict[int, dict[int, str]] = field(default_factory=dict)  # chat -> user -> status
    chats: dict[int, JSON] = field(default_factory=dict)
    updates: UpdateQueue = field(default_factory=UpdateQueue)
    _failures: deque[tuple[str | None, JSON]] = field(default_factory=deque)
    _messages: MessageStore = field(default_factory=MessageStore)
    pins: PinBoard = field(default_factory=PinBoard)
    # Time spent inside the fake "server" (decoding, parsing HTML): benchmarks subtract it.
    server_seconds: float = 0.0
    _lock: threading.Condition = field(
        default_factory=threading.Condition, repr=False, compare=False
    )

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
        error = error_body(code, description)
        if retry_after is not None:
            error["parameters"] = {"retry_after": retry_after}
        with self._lock:
            self._failures.append((method, error))

    def set_admins(self, chat_id: int, owner: int, *others: int) -> None:
        """Declare who administers a group (``owner`` is the creator)."""
        with self._lock:
            self.admins[chat_id] = {owner: "creator", **dict.fromkeys(others, "administrator")}

    def set_bot_status(self, chat_id: int, status: str, **rights: bool) -> None:
        """The bot's own membership in a group (by default: an admin with every right)."""
        with self._lock:
            self.pins.bot_members[chat_id] = {**member(self.bot_user, status), **rights}

    def delete(self, chat_id: int, message_id: int) -> None:
        """Someone deleted a message: editing it now fails as it does on Telegram."""
        with self._lock:
            self._messages.forget(chat_id, message_id)
            self.pins.unpin(chat_id, message_id)

    def remember(self, message: JSON) -> None:
        """Record a message the bot sent earlier (for a button pressed on it after a restart)."""
        with self._lock:
            self._messages.remember(message)

    def push(self, update: JSON) -> None:
        """Queue an update (as :class:`Updates` builds it) for getUpdates; wakes a long poll."""
        with self._lock:
            self.updates.push(update)
            self._lock.notify_all()

    def calls_to(self, *methods: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method in methods]

    def sent(self) -> list[JSON]:
        """Parameters of every successful sendMessage and editMessageText, in order."""
        return [c.params for c in self.calls_to("sendMessage", "editMessageText") if not c.error]

    def last(self, method: str) -> JSON:
        with self._lock:
            found = self.calls_to(method)
            if not found:
                methods = [c.method for c in self.calls]
                raise AssertionError(f"no {method} call; calls were {methods}")
            return found[-1].params

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float) -> bool:
        """Wait until ``predicate(calls)`` holds (checked on every call, and every 0.1 s, so
        it may also watch something else, such as a process) or ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self.calls):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, _RECHECK))
        return True

    # -- the server -------------------------------------------------------------------------

    def respond(self, method: str, params: JSON, *, longest_poll: float = 0.0) -> tuple[int, JSON]:
        """Record a call and answer it: the HTTP status and the JSON body Telegram would send.

        A getUpdates with nothing to deliver is held until an update is pushed, for at most
        its ``timeout`` or ``longest_poll`` seconds, whichever is shorter. The call is
        recorded when it arrives, before any wait.
        """
        with self._lock:
            call = Call(method, params)
            self.calls.append(call)
            self._lock.notify_all()
            if method == "getUpdates" and longest_poll > 0:
                hold = min(float(params.get("timeout") or 0), longest_poll)
                self._lock.wait_for(lambda: bool(self.updates.ready(params)), hold)
            failure = self._take_failure(method)
            if failure is None:
                try:
                    call.result = self._answer(method, params)
                except ApiError as exc:
                    failure = exc.error
            if failure is not None:
                call.error = failure
                return failure["error_code"], failure
            return 200, {"ok": True, "result": call.result}

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        """The in-process transport; it never holds a poll, so the event loop never blocks."""
        method = request.url.path.rsplit("/", 1)[-1]
        began = time.perf_counter()
        params = decode_params(request.content)
        if method == "getUpdates" and not self._has_updates(params):
            # Long polling: a real server would hold the request; do not spin the caller.
            self.server_seconds += time.perf_counter() - began
            await asyncio.sleep(_POLL_PAUSE)
            began = time.perf_counter()
        status, body = self.respond(method, params)
        self.server_seconds += time.perf_counter() - began
        return httpx.Response(status, json=body)

    def _has_updates(self, params: JSON) -> bool:
        with self._lock:
            return bool(self.updates.ready(params))

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
        raise ApiError(404, "Not Found")

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

    def _send_message(self, params: JSON) -> JSON:
        return self._messages.send(self._chat(int(params["chat_id"])), self.bot_user, params)

    def _edit_message_text(self, params: JSON) -> JSON:
        return self._messages.edit(self._chat(int(params["chat_id"])), self.bot_user, params)

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
            raise ApiError(400, NO_PIN_RIGHTS)
        if (chat_id, message_id) not in self._messages:
            raise ApiError(400, "Bad Request: message to pin not found")
        self.pins.pin(chat_id, message_id)
        return True

    def _unpin_chat_message(self, params: JSON) -> bool:
        chat_id = int(params["chat_id"])
        if not self.pins.may_pin(chat_id, self.bot_user):
            raise ApiError(400, NO_PIN_RIGHTS)
        self.pins.unpin(chat_id, int(params.get("message_id", 0)))
        return True

    def _delete_message(self, params: JSON) -> bool:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to delete not found")
        self.delete(*key)
        return True

    def _get_updates(self, params: JSON) -> list[JSON]:
        return list(self.updates.ready(params))

    def _delete_webhook(self, params: JSON) -> bool:
        if str(params.get("drop_pending_updates", "")).lower() == "true":
            self.updates.drop()
        return True

    def _get_my_commands(self, _: JSON) -> list[JSON]:
        for call in reversed(self.calls_to("setMyCommands")):
            return list(call.params.get("commands", []))
        return []


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
    "deleteWebhook": FakeTelegram._delete_webhook,
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
        "logOut",
        "close",
    }
)
