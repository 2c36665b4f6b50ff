"""The handler test harness: the real Application on a real database, a fake Bot API.

Every test that uses ``fake`` has all its recorded messages linted at teardown (valid
Telegram HTML, within the limits, callback data ≤ 64 bytes), and no test here can open a
network connection.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app.application import build_application, running
from bot.app.context import ZhikuApplication
from bot.config import Settings
from devtools.fakeapi import Call, FakeTelegram, Updates
from devtools.fakeapi.updates import JSON, group, user
from tests.conftest import CORPUS
from tests.lint_telegram import lint_call

TOKEN = "123456789:TEST-token_for_the_fake_api"
ERROR_CHAT = -100777


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach a real host fails the test."""
    # PTB 22 warns on every RetryAfter unless durations are opted into timedelta.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a test tried to open a network connection: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    """The fake Bot API; at teardown every message the bot sent is linted."""
    server = FakeTelegram()
    yield server
    problems = [p for call in server.calls for p in lint_call(call.method, call.params)]
    assert not problems, "\n".join(problems)


@pytest.fixture
def settings(db_copy: Path, tmp_path: Path) -> Settings:
    return Settings(
        token=TOKEN,
        index_path=db_copy,
        database_path=tmp_path / "state.sqlite3",
        corpus_dir=CORPUS,
        error_chat_id=ERROR_CHAT,
        rate_limit=1000,
        rate_window=30.0,
        semantic=False,
    )


class Harness:
    """Drives the Application with updates built as real JSON, as Telegram would send them."""

    def __init__(self, app: ZhikuApplication, fake: FakeTelegram) -> None:
        self.app = app
        self.fake = fake
        self.updates = Updates()
        self.user = user(501, "Lin", "zh-hans")
        self.group = group()

    async def process(self, data: JSON) -> list[Call]:
        """Feed one update; return the Bot API calls it caused."""
        start = len(self.fake.calls)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return self.fake.calls[start:]

    async def say(self, text: str, *, sender: JSON | None = None, **kwargs: Any) -> list[Call]:
        """A text message from ``sender`` (in their private chat unless ``chat=`` is given)."""
        return await self.process(self.updates.message(text, sender=sender or self.user, **kwargs))

    async def say_in_group(
        self, text: str, *, sender: JSON | None = None, **kwargs: Any
    ) -> list[Call]:
        return await self.say(text, sender=sender, chat=self.group, **kwargs)

    async def press(self, data: str, message: JSON, *, sender: JSON | None = None) -> list[Call]:
        """Press a button (its callback data) on a message the bot sent."""
        return await self.process(
            self.updates.callback(data, sender=sender or self.user, message=message)
        )

    async def inline(
        self, query: str, *, sender: JSON | None = None, offset: str = ""
    ) -> list[Call]:
        return await self.process(
            self.updates.inline(query, sender=sender or self.user, offset=offset)
        )


def replies(calls: list[Call]) -> list[JSON]:
    """The successful sendMessage calls' parameters."""
    return [c.params for c in calls if c.method == "sendMessage" and c.error is None]


def reply(calls: list[Call]) -> JSON:
    """The one message a step sent."""
    sent = replies(calls)
    assert len(sent) == 1, [(c.method, c.params.get("text", "")[:80]) for c in calls]
    return sent[0]


def sent_message(calls: list[Call]) -> JSON:
    """The Message object Telegram returned for the step's one sendMessage/edit."""
    found = [
        c.result
        for c in calls
        if c.method in ("sendMessage", "editMessageText") and c.error is None
    ]
    assert len(found) == 1, [c.method for c in calls]
    result: JSON = found[-1]
    return result


def buttons(params: JSON) -> list[JSON]:
    """Every button of a message's inline keyboard, row by row."""
    markup = params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def callback_data(params: JSON) -> list[str]:
    return [b["callback_data"] for b in buttons(params) if "callback_data" in b]


def answered(calls: list[Call]) -> JSON:
    """The answerCallbackQuery of a button press (there must be exactly one)."""
    found = [c.params for c in calls if c.method == "answerCallbackQuery"]
    assert len(found) == 1, [c.method for c in calls]
    return found[0]


@pytest.fixture
async def tg(settings: Settings, fake: FakeTelegram) -> AsyncIterator[Harness]:
    """The real Application (post_init opens the library on a private database copy)."""
    app = build_application(
        settings, request=fake.request(), updates_request=fake.request(), rate_limiter=False
    )
    async with running(app):
        fake.clear()  # startup calls (getMe, setMyCommands) are tested on their own
        yield Harness(app, fake)
