"""The fake Bot API over real HTTP on 127.0.0.1, for a bot that runs as a process of its own.

``python -m bot run`` talks to it through ``TELEGRAM_API_BASE_URL=http://127.0.0.1:<port>/bot``.
A thin front: each request body is decoded as the in-process transport decodes it and
answered by the same :class:`FakeTelegram` core, so every Bot API method behaves the same
whichever way the bot reaches it. What the front adds is HTTP's: the token in the path, a
real long poll (an empty getUpdates waits for a pushed update, at most :data:`POLL_CAP`
seconds by default), and a lifetime after which it stops itself in case a test forgets to.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from telegram.request import HTTPXRequest

from devtools.fakeapi.errors import error_body
from devtools.fakeapi.forms import decode_params
from devtools.fakeapi.server import BOT_ID, FakeTelegram
from devtools.fakeapi.updates import JSON

TOKEN = f"{BOT_ID}:AAHfakeTokenForProcessTests_0123456"
POLL_CAP = 0.5  # seconds an empty getUpdates may wait, whatever timeout the bot asks for


class HttpFront:
    """Serves ``api`` from daemon threads while in a ``with`` block (or until ``lifetime``).

    An empty getUpdates waits for at most ``longest_poll`` seconds, whatever its timeout.
    """

    def __init__(
        self,
        api: FakeTelegram,
        *,
        token: str = TOKEN,
        lifetime: float = 60.0,
        longest_poll: float = POLL_CAP,
    ) -> None:
        self.api = api
        self.token = token
        self.longest_poll = longest_poll
        self.bad_paths: list[str] = []  # requests that were not /bot<token>/<method>
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._timer = threading.Timer(lifetime, self.close)
        self._timer.daemon = True

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL (PTB's ``base_url``)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def request(self, **kwargs: Any) -> HTTPXRequest:
        """A PTB request object for a Bot with ``base_url=front.base_url``: it goes straight
        to 127.0.0.1, whatever proxy the environment names."""
        return HTTPXRequest(httpx_kwargs={"trust_env": False}, **kwargs)

    def __enter__(self) -> HttpFront:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving (idempotent); a poll still waiting ends within ``longest_poll``."""
        self._timer.cancel()
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def answer(self, path: str, body: bytes) -> tuple[int, JSON]:
        """The status and body for a POST of ``body`` to ``path``."""
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            self.bad_paths.append(path)
            return 404, error_body(404, "Not Found")
        method = path[len(prefix) :]
        return self.api.respond(method, decode_params(body), longest_poll=self.longest_poll)


class _Server(ThreadingHTTPServer):
    # Several bots with dozens of requests in flight each: the default backlog of 5 makes the
    # kernel reset connections under load, a network fault Telegram itself does not have.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A bot that stops cancels its pending long poll; a broken pipe is expected then."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(front: HttpFront) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm on, the body waits
        # for the client's delayed ACK, about 40 ms on every call.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, answer = front.answer(self.path, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the recorded calls are the log."""

    return Handler
