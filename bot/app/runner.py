"""Run the bot until the host stops it: long polling, or a webhook server with a health check.

Polling (no ``WEBHOOK_URL``) is PTB's ``run_polling``: it deletes any webhook, then long-polls
getUpdates. Webhook mode binds ``LISTEN:PORT`` *first* (a PaaS kills a web process that has
not bound its port within about a minute), then initialises the Application, opens the
library (``post_init``), starts processing and registers the webhook with its secret.

Both modes stop on SIGTERM or SIGINT: no new updates are accepted, queued and in-flight
updates finish, then ``post_stop``/``post_shutdown`` close the library.

Pending updates are kept by default (``DROP_PENDING_UPDATES=false``): a restart takes seconds
and every queued update is a user's question that deserves its answer. Set it to true for a
deploy after a long outage, when stale commands would only confuse.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
from collections.abc import Awaitable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.app.webhook import HEALTH_PATH, ServerState, make_app, webhook_path
from bot.config import Settings
from bot.logs import configure_logging
from bot.lookup.errors import ConfigError

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def run(settings: Settings) -> None:
    """Run the bot in the mode the settings choose; returns after a clean stop.

    Raises:
        ConfigError: no token is set.
    """
    settings.require_token()
    configure_logging(settings)
    # Imported here so the CLI's other commands never load the Telegram stack.
    from bot.app.application import build_application

    application = build_application(settings, warm_up=True)
    if settings.webhook_mode:
        asyncio.run(serve_webhook(application, settings))
    else:
        run_polling(application, settings)
    log.info("Zhiku stopped")


def run_polling(application: AnyApplication, settings: Settings) -> None:
    """Long-poll getUpdates until SIGTERM/SIGINT (PTB installs the signal handlers)."""
    log.info(
        "Zhiku starting: long polling %s (drop_pending_updates=%s)",
        urlsplit(settings.api_base_url).netloc,
        settings.drop_pending_updates,
    )
    application.run_polling(
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=settings.drop_pending_updates,
        stop_signals=STOP_SIGNALS,
    )


async def serve_webhook(
    application: AnyApplication, settings: Settings, stop: asyncio.Event | None = None
) -> None:
    """Serve the webhook and /healthz on ``settings.listen:settings.port`` until stopped.

    Args:
        application: The Application, neither initialised nor started.
        settings: Settings in webhook mode.
        stop: Set it to stop; by default SIGTERM and SIGINT set it.
    """
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ConfigError("webhook mode needs both WEBHOOK_URL and WEBHOOK_SECRET")
    stop = stop or _stop_on_signals()
    state = ServerState()
    server = HTTPServer(
        make_app(application, settings.webhook_url, settings.webhook_secret, state),
        xheaders=True,
    )
    server.listen(settings.port, settings.listen)
    log.info(
        "Zhiku starting: webhook server on %s:%d (updates at %s, health at %s)",
        settings.listen,
        settings.port,
        webhook_path(settings.webhook_url),
        HEALTH_PATH,
    )
    try:
        if await _unless_stopped(_start_webhook(application, settings, state), stop):
            log.info("Zhiku serving webhook %s", settings.webhook_url)
            await stop.wait()
    finally:
        state.ready = False
        server.stop()
        await server.close_all_connections()
        await shutdown(application)


async def _start_webhook(
    application: AnyApplication, settings: Settings, state: ServerState
) -> None:
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()
    state.corpus_version = await asyncio.to_thread(corpus_version, settings.index_path)
    # Ready before registering: Telegram may deliver the first update the moment it is set.
    state.ready = True
    await application.bot.set_webhook(
        url=settings.webhook_url or "",
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=settings.drop_pending_updates,
    )


async def shutdown(application: AnyApplication) -> None:
    """Stop and shut down as ``run_polling`` does: pending updates first, then the hooks."""
    if application.running:
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, _request_stop, stop, sig)
    return stop


def _request_stop(stop: asyncio.Event, sig: signal.Signals) -> None:
    log.info("Received %s: stopping after the updates in progress", sig.name)
    stop.set()


async def _unless_stopped(startup: Awaitable[None], stop: asyncio.Event) -> bool:
    """Run ``startup`` unless a stop signal comes first (then cancel it); True if it ran."""
    task = asyncio.ensure_future(startup)
    stopper = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if not task.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return False
    task.result()
    return True


def corpus_version(database: Path) -> str:
    """The indexed corpus version stored in the database, or "-" if there is none yet."""
    try:
        conn = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return "-"
    try:
        row = conn.execute("SELECT value FROM corpus_state WHERE key = 'version'").fetchone()
    except sqlite3.Error:
        return "-"
    finally:
        conn.close()
    return str(row[0]) if row else "-"
