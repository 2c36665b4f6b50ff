"""A fake Telegram Bot API over real HTTP on 127.0.0.1, for tests that run the bot as a process.

``python -m bot run`` talks to it through ``TELEGRAM_API_BASE_URL=http://127.0.0.1:<port>/bot``.
It answers getMe, getUpdates (queued updates once, then short empty long polls), sendMessage
and friends like Telegram does, and records every call as ``(method, params)``. It lives in a
daemon thread, and stops itself after ``lifetime`` seconds in case a test forgets to.

``measure_cold_start`` times a real process from spawn to its first getUpdates call.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456789:AAHfakeTokenForProcessTests_0123456"
BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Zhiku",
    "username": "zhiku_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# Methods whose result is the Message they create or edit.
_MESSAGE_METHODS = {"sendMessage", "editMessageText", "sendDocument", "editMessageReplyMarkup"}
POLL_CAP = 0.5  # seconds an empty getUpdates may wait, whatever timeout the bot asks for


@dataclass
class Call:
    """One recorded Bot API request."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class FakeTelegram:
    """The server: queue updates with :meth:`push`, read what the bot did in :attr:`calls`."""

    def __init__(self, token: str = TOKEN, lifetime: float = 60.0) -> None:
        self.token = token
        self.lifetime = lifetime
        self.calls: list[Call] = []
        self.bad_paths: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._cond = threading.Condition()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))
        self._timer = threading.Timer(lifetime, self.close)

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def __enter__(self) -> FakeTelegram:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving (idempotent); wakes any waiting long poll."""
        self._timer.cancel()
        with self._cond:
            self._cond.notify_all()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (``update_id`` is assigned); returns its id."""
        with self._cond:
            update = {"update_id": next(self._ids), **update}
            self._updates.append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float) -> bool:
        """Wait until ``predicate(calls)`` holds or ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self.calls):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.1))
        return True

    def answer(self, method: str, params: dict[str, Any]) -> Any:
        """The result Telegram would send for ``method`` (after recording the call)."""
        with self._cond:
            self.calls.append(Call(method, params))
            self._cond.notify_all()
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return self._get_updates(params)
        if method in _MESSAGE_METHODS:
            return self._message(params)
        if method == "getMyCommands":
            return []
        return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), POLL_CAP)
        deadline = time.monotonic() + wait
        with self._cond:
            while True:
                ready = [u for u in self._updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if ready or left <= 0 or not self._thread.is_alive():
                    return ready
                self._cond.wait(left)

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message_id = params.get("message_id")
        return {
            "message_id": int(message_id) if message_id else next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": str(params.get("text", "")),
        }


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A bot that stops cancels its pending long poll; a broken pipe is expected then."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(api: FakeTelegram) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            prefix = f"/bot{api.token}/"
            if not self.path.startswith(prefix):
                api.bad_paths.append(self.path)
                return self._reply(
                    404, {"ok": False, "error_code": 404, "description": "Not Found"}
                )
            length = int(self.headers.get("Content-Length") or 0)
            params = _params(self.headers.get("Content-Type", ""), self.rfile.read(length))
            result = api.answer(self.path[len(prefix) :], params)
            self._reply(200, {"ok": True, "result": result})

        do_GET = do_POST

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the recorded calls are the log."""

    return Handler


def _params(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        return dict(json.loads(body or b"{}"))
    return dict(parse_qsl(body.decode(), keep_blank_values=True))


def private_message(text: str, *, chat_id: int = 4242, message_id: int = 1) -> dict[str, Any]:
    """A private-chat ``message`` update body, with a bot_command entity for ``/commands``."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Li", "language_code": "zh-hans"}
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Li"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split()[0].encode("utf-16-le")) // 2
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"message": message}


def bot_env(api_base_url: str, database: Path, corpus: Path, **extra: str) -> dict[str, str]:
    """The environment for a bot subprocess: fake API, given files, no proxies, no .env."""
    env = {k: v for k, v in os.environ.items() if "PROXY" not in k.upper()}
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "BOT_MODERATORS", "ERROR_CHAT_ID"):
        env.pop(name, None)
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api_base_url,
        DATABASE_PATH=str(database),
        CORPUS_DIR=str(corpus),
        NO_PROXY="127.0.0.1,localhost",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class BotProcess:
    """A running ``python -m bot ...`` child; its stdout and stderr go to ``log``."""

    proc: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then wait up to ``timeout`` seconds; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)


@contextmanager
def bot_process(env: Mapping[str, str], cwd: Path, *args: str) -> Iterator[BotProcess]:
    """``python -m bot run`` (or ``args``) as a child process, killed on exit if still running.

    Output goes to a file, not a pipe, so a chatty child can never block on a full pipe.
    """
    log = cwd / "bot-process.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *(args or ("run",))],
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            yield BotProcess(proc, log)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)


def measure_cold_start(database: Path, corpus: Path, *, timeout: float = 30.0) -> float:
    """Seconds from spawning ``python -m bot run`` (polling) to its first getUpdates call.

    Runs against a fresh :class:`FakeTelegram`, on a copy-safe database (the bot may write
    to it), from a neutral working directory so no .env applies.

    Raises:
        TimeoutError: the bot did not poll within ``timeout`` seconds.
    """
    with FakeTelegram(lifetime=timeout + 15) as api:
        env = bot_env(api.base_url, database, corpus, LOG_LEVEL="WARNING")
        started = time.monotonic()
        with bot_process(env, database.parent) as bot:
            polled = api.wait_for(
                lambda calls: _polled(calls) or bot.proc.poll() is not None, timeout
            )
            first = api.calls_to("getUpdates")
            bot.stop()
        if not polled or not first:
            raise TimeoutError(f"the bot did not poll within {timeout} s")
        return first[0].at - started


def _polled(calls: list[Call]) -> bool:
    return any(c.method == "getUpdates" for c in calls)
