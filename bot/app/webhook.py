"""The webhook HTTP server: Telegram's POSTs on the webhook path, and GET /healthz.

PTB's ``run_webhook`` serves only the webhook path, but a host's health checks need an answer
on the same port, so this small tornado app does both and feeds ``application.update_queue``
as PTB's own webhook handler does (see PTB's "customwebhookbot" examples).
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"


@dataclass
class ServerState:
    """What the health check reports; ``ready`` is set once the webhook is registered."""

    ready: bool = False
    corpus_version: str = "-"


class UpdateHandler(tornado.web.RequestHandler):
    """Accepts an update from Telegram: right secret header, JSON body, then the queue."""

    def initialize(self, bot_app: Application[Any, Any, Any, Any, Any, Any], secret: str,
                   state: ServerState) -> None:  # fmt: skip
        self.bot_app = bot_app
        self.secret = secret
        self.state = state

    async def post(self) -> None:
        sent = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.secret.encode()):
            log.warning(
                "Webhook request without the right secret token from %s", self.request.remote_ip
            )
            raise tornado.web.HTTPError(403)
        if not self.state.ready:
            # Telegram retries failed deliveries, so an early update is delayed, not lost.
            raise tornado.web.HTTPError(503)
        update = self._parse()
        await self.bot_app.update_queue.put(update)
        self.set_status(200)

    def _parse(self) -> Update:
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning("Webhook request with an unreadable body: %r", exc)
            raise tornado.web.HTTPError(400) from None
        if update is None:
            raise tornado.web.HTTPError(400)
        return update

    def check_xsrf_cookie(self) -> None:
        """Telegram's POSTs carry no cookies; the secret header authenticates them."""

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        # Expected HTTP errors (403/400/503) are logged above; keep tornado's tracebacks out.
        if not isinstance(value, tornado.web.HTTPError):
            super().log_exception(typ, value, tb)


class HealthHandler(tornado.web.RequestHandler):
    """GET /healthz: 200 ``ok <corpus version>`` while serving, 503 while starting or stopping."""

    def initialize(self, bot_app: Application[Any, Any, Any, Any, Any, Any],
                   state: ServerState) -> None:  # fmt: skip
        self.bot_app = bot_app
        self.state = state

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if self.state.ready and self.bot_app.running:
            self.write(f"ok {self.state.corpus_version}\n")
        else:
            self.set_status(503)
            self.write("starting\n" if not self.state.ready else "stopping\n")


def webhook_path(webhook_url: str) -> str:
    """The path Telegram will POST to: the path part of the public webhook URL."""
    return urlsplit(webhook_url).path or "/"


def make_app(
    application: Application[Any, Any, Any, Any, Any, Any],
    webhook_url: str,
    secret: str,
    state: ServerState,
) -> tornado.web.Application:
    """The tornado application serving the webhook path and the health check."""
    path = webhook_path(webhook_url)
    return tornado.web.Application(
        [
            (HEALTH_PATH, HealthHandler, {"bot_app": application, "state": state}),
            (
                re.escape(path),
                UpdateHandler,
                {"bot_app": application, "secret": secret, "state": state},
            ),
        ],
        log_function=_log_request,
    )


def _log_request(handler: tornado.web.RequestHandler) -> None:
    log.debug("%s %s -> %d", handler.request.method, handler.request.path, handler.get_status())
