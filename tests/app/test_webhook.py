"""The webhook server in-process: secret check, health check, lifecycle order, shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from tornado.testing import bind_unused_port

from bot.app.runner import corpus_version, serve_webhook
from bot.app.webhook import SECRET_HEADER, webhook_path
from bot.config import Settings
from devtools.fakeapi import FakeTelegram, Updates
from devtools.fakeapi.updates import user

TOKEN = "123456789:AAHfakeTokenForWebhookTests_01234"
SECRET = "s3cret-Token_for-tests"
AnyApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class Journal:
    """What the application saw, in order: lifecycle hooks and update texts."""

    events: list[str] = field(default_factory=list)


def _application(fake: FakeTelegram, journal: Journal) -> AnyApp:
    async def post_init(app: AnyApp) -> None:
        journal.events.append("post_init")

    async def post_stop(app: AnyApp) -> None:
        journal.events.append("post_stop")

    async def post_shutdown(app: AnyApp) -> None:
        journal.events.append("post_shutdown")

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Slow enough that shutdown must wait for it to count as "finished in flight".
        await asyncio.sleep(0.05)
        assert update.effective_message is not None
        journal.events.append(f"update:{update.effective_message.text}")

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(fake.request())
        .get_updates_request(fake.request())
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    app.add_handler(TypeHandler(Update, record))
    return app


@dataclass
class Served:
    url: str
    fake: FakeTelegram
    journal: Journal
    stop: asyncio.Event
    task: asyncio.Task[None]
    client: httpx.AsyncClient


@pytest.fixture
async def served(db_copy: Path, tmp_path: Path) -> AsyncIterator[Served]:
    sock, port = bind_unused_port()
    sock.close()
    settings = Settings(
        token=TOKEN,
        index_path=db_copy,
        database_path=tmp_path / "state.sqlite3",
        webhook_url="https://example.invalid/telegram/hook",
        webhook_secret=SECRET,
        listen="127.0.0.1",
        port=port,
        semantic=False,
    )
    fake, journal, stop = FakeTelegram(), Journal(), asyncio.Event()
    task = asyncio.create_task(serve_webhook(_application(fake, journal), settings, stop))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
        served = Served(f"http://127.0.0.1:{port}", fake, journal, stop, task, client)
        await _until(lambda: bool(fake.calls_to("setWebhook")))
        try:
            yield served
        finally:
            stop.set()
            await asyncio.wait_for(task, 10)


async def _until(condition: Any, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached in time")


def _update(text: str) -> dict[str, Any]:
    return Updates().message(text, sender=user(4242))


async def test_registers_the_webhook_with_its_secret(served: Served) -> None:
    params = served.fake.last("setWebhook")
    assert params["url"] == "https://example.invalid/telegram/hook"
    assert params["secret_token"] == SECRET
    assert "callback_query" in params["allowed_updates"]
    assert "inline_query" in params["allowed_updates"]
    assert served.journal.events == ["post_init"]


async def test_health_reports_the_corpus_version(served: Served, indexed_db: Path) -> None:
    response = await served.client.get("/healthz")
    assert response.status_code == 200
    version = corpus_version(indexed_db)
    assert len(version) == 12
    assert response.text == f"ok {version}\n"


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET[:-1]}])
async def test_requests_without_the_secret_are_refused(
    served: Served, headers: dict[str, str]
) -> None:
    response = await served.client.post("/telegram/hook", json=_update("金砖"), headers=headers)
    assert response.status_code == 403
    await asyncio.sleep(0.1)
    assert served.journal.events == ["post_init"]


async def test_an_update_with_the_secret_is_processed(served: Served) -> None:
    response = await served.client.post(
        "/telegram/hook", json=_update("新开发银行"), headers={SECRET_HEADER: SECRET}
    )
    assert response.status_code == 200
    await _until(lambda: "update:新开发银行" in served.journal.events)


async def test_unreadable_bodies_are_rejected(served: Served) -> None:
    for body in (b"{not json", b"[1, 2]", b'"text"'):
        response = await served.client.post(
            "/telegram/hook", content=body, headers={SECRET_HEADER: SECRET}
        )
        assert response.status_code == 400, body
    assert served.journal.events == ["post_init"]


async def test_other_paths_are_not_found(served: Served) -> None:
    response = await served.client.post("/hook", json=_update("x"), headers={SECRET_HEADER: SECRET})
    assert response.status_code == 404
    assert (await served.client.get("/telegram/hook")).status_code == 405


async def test_stop_finishes_updates_then_runs_the_hooks(served: Served) -> None:
    for text in ("一", "二", "三"):
        response = await served.client.post(
            "/telegram/hook", json=_update(text), headers={SECRET_HEADER: SECRET}
        )
        assert response.status_code == 200
    served.stop.set()
    await asyncio.wait_for(served.task, 10)
    events = served.journal.events
    assert events[0] == "post_init"
    assert sorted(events[1:4]) == ["update:一", "update:三", "update:二"]
    assert events[4:] == ["post_stop", "post_shutdown"]
    with pytest.raises(httpx.ConnectError):
        await served.client.get("/healthz")
    # Shutting down never deletes the webhook: Telegram keeps queueing for the next start.
    assert not served.fake.calls_to("deleteWebhook")


def _webhook_settings(database: Path, url: str) -> tuple[Settings, int]:
    """Webhook settings on a free loopback port (and the port)."""
    sock, port = bind_unused_port()
    sock.close()
    settings = Settings(
        token=TOKEN,
        index_path=database,
        database_path=database.with_name("state.sqlite3"),
        webhook_url=url,
        webhook_secret=SECRET,
        listen="127.0.0.1",
        port=port,
        semantic=False,
    )
    return settings, port


async def test_health_is_unavailable_until_started(db_copy: Path) -> None:
    """An update or health check that arrives during startup gets 503, so Telegram retries."""
    settings, port = _webhook_settings(db_copy, "https://example.invalid/")
    fake, journal, stop = FakeTelegram(), Journal(), asyncio.Event()
    gate = asyncio.Event()
    app = _application(fake, journal)
    original = app.post_init
    assert original is not None

    async def slow_post_init(application: AnyApp) -> None:
        await gate.wait()
        await original(application)

    app.post_init = slow_post_init
    task = asyncio.create_task(serve_webhook(app, settings, stop))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
        await _until(lambda: fake.calls_to("getMe"))
        health = await client.get("/healthz")
        assert (health.status_code, health.text) == (503, "starting\n")
        early = await client.post("/", json=_update("早"), headers={SECRET_HEADER: SECRET})
        assert early.status_code == 503
        gate.set()
        await _until(lambda: fake.calls_to("setWebhook"))
        assert (await client.get("/healthz")).status_code == 200
    stop.set()
    await asyncio.wait_for(task, 10)
    assert journal.events == ["post_init", "post_stop", "post_shutdown"]


async def test_a_stop_during_startup_still_shuts_down(db_copy: Path) -> None:
    settings, _ = _webhook_settings(db_copy, "https://example.invalid/hook")
    fake, journal, stop = FakeTelegram(), Journal(), asyncio.Event()
    app = _application(fake, journal)

    async def stuck_post_init(application: AnyApp) -> None:
        journal.events.append("post_init")
        stop.set()
        await asyncio.sleep(30)

    app.post_init = stuck_post_init
    await asyncio.wait_for(serve_webhook(app, settings, stop), 10)
    assert journal.events == ["post_init", "post_shutdown"]
    assert not fake.calls_to("setWebhook")


def test_webhook_path_and_corpus_version(tmp_path: Path) -> None:
    assert webhook_path("https://example.org/telegram/hook?x=1") == "/telegram/hook"
    assert webhook_path("https://example.org") == "/"
    assert corpus_version(tmp_path / "missing.sqlite3") == "-"
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database" * 100)
    assert corpus_version(tmp_path / "junk.sqlite3") == "-"
