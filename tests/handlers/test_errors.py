"""Bot API errors and handler failures: narrow handling, reports, never silence."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from bot.app.application import build_application, running
from bot.app.context import Context
from bot.config import Settings
from bot.logs import RedactingFormatter, secrets_of
from devtools.fakeapi import FakeTelegram
from tests.handlers.conftest import (
    ERROR_CHAT,
    TOKEN,
    Harness,
    answered,
    replies,
    reply,
    sent_message,
)


async def test_unparseable_html_is_resent_as_plain_text(tg: Harness) -> None:
    tg.fake.fail_next(
        "sendMessage", description="Bad Request: can't parse entities: Unsupported start tag"
    )
    calls = await tg.say("/about")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 2
    assert sent[0].error is not None
    assert "parse_mode" not in sent[1].params
    assert "<b>" not in sent[1].params["text"]
    assert "智库语料" in sent[1].params["text"]


async def test_an_edit_that_changes_nothing_is_fine(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d1.p5"))
    calls = await tg.press("v1:nav:d1.p5", shown)  # the passage already shown
    edit = [c for c in calls if c.method == "editMessageText"]
    assert "message is not modified" in str(edit[0].error)
    assert "show_alert" not in answered(calls)
    assert not tg.fake.calls_to("sendMessage")[1:]  # no error report, no apology


async def test_an_edit_of_a_deleted_message_sends_a_new_one(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d1.p5"))
    shown = {**shown, "message_id": 999}  # Telegram no longer has it
    calls = await tg.press("v1:nav:d1.p6", shown)
    assert "<code>d1.p6</code>" in reply(calls)["text"]
    answered(calls)


async def test_blocked_by_the_user_is_logged_not_reported(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    tg.fake.fail_next("sendMessage", code=403, description="Forbidden: bot was blocked by the user")
    calls = await tg.say("/about")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "bot was blocked by the user" in caplog.text


async def test_flood_control_without_the_limiter_is_logged(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    tg.fake.fail_next(
        "sendMessage", code=429, description="Too Many Requests: retry after 1", retry_after=1
    )
    calls = await tg.say("/about")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "flood control" in caplog.text


async def test_flood_control_with_the_limiter_retries_after_the_wait(
    settings: Settings, fake: FakeTelegram
) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=True)
    async with running(app):
        harness = Harness(app, fake)
        fake.fail_next(
            "sendMessage", code=429, description="Too Many Requests: retry after 1", retry_after=1
        )
        calls = await harness.say("/about")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 2
    assert sent[0].error is not None
    assert sent[1].error is None


async def test_an_unexpected_failure_is_logged_reported_and_apologised_for(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    admin_check_fails = "Bad Request: chat not found"
    tg.fake.fail_next("getChatAdministrators", description=admin_check_fails)
    calls = await tg.say_in_group("/settings@ZhikuBot")
    record = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert record.exc_info is not None
    report, apology = replies(calls)
    assert report["chat_id"] == str(ERROR_CHAT)
    assert "<pre>" in report["text"]
    assert "BadRequest" in report["text"]
    assert apology["chat_id"] == str(tg.group["id"])
    assert "抱歉" in apology["text"]


@pytest.fixture
async def booby_trapped(settings: Settings, fake: FakeTelegram) -> AsyncIterator[Harness]:
    """The app with one extra command whose failure message contains the token."""

    async def boom(update: Update, context: Context) -> None:
        raise RuntimeError(
            f"request to https://api.telegram.org/bot{TOKEN}/sendMessage <failed> & died"
        )

    app = build_application(settings, request=fake.request(), rate_limiter=False)
    app.add_handler(CommandHandler("boom", boom), group=1)
    async with running(app):
        yield Harness(app, fake)


async def test_the_token_never_reaches_the_report_or_the_log(
    booby_trapped: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    calls = await booby_trapped.say("/boom")
    report = next(p for p in replies(calls) if p["chat_id"] == str(ERROR_CHAT))
    assert TOKEN not in report["text"]
    assert TOKEN.partition(":")[2] not in report["text"]
    assert "&lt;failed&gt; &amp; died" in report["text"]
    settings = booby_trapped.app.bot_data.settings
    formatter = RedactingFormatter(secrets_of(settings))
    logged = "\n".join(formatter.format(r) for r in caplog.records)
    assert "RuntimeError" in logged
    assert TOKEN.partition(":")[2] not in logged


async def test_a_button_whose_handler_fails_is_still_answered(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], tg.user["id"])
    panel = sent_message(await tg.say_in_group("/settings@ZhikuBot"))
    tg.app.bot_data.admins.pop(tg.group["id"], None)
    tg.fake.fail_next("getChatAdministrators", description="Bad Request: chat not found")
    calls = await tg.press("v1:set:sc:s", panel)
    alert = answered(calls)
    assert alert["show_alert"] == "true"
    assert "抱歉" in alert["text"]
