"""Buttons: stored state survives a restart; forged, stale or foreign data gets an alert."""

from __future__ import annotations

from bot.app.application import build_application, running
from bot.app.state import STATE_TTL, Store
from bot.config import Settings
from devtools.fakeapi import FakeTelegram
from devtools.fakeapi.updates import JSON
from tests.handlers.conftest import Harness, answered, callback_data, reply, sent_message


def _page_button(message: JSON) -> str:
    return next(d for d in callback_data(message) if d.startswith("v1:pg:"))


async def test_an_old_button_works_after_a_restart(settings: Settings, fake: FakeTelegram) -> None:
    first_run = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(first_run):
        shown = sent_message(await Harness(first_run, fake).say("/search 金砖"))
    second_run = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(second_run):
        calls = await Harness(second_run, fake).press(_page_button(shown), shown)
    edited = next(c.params for c in calls if c.method == "editMessageText")
    assert "第 2 页" in edited["text"]
    assert "show_alert" not in answered(calls)


async def test_forged_callback_data_gets_a_polite_alert(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d0.p5"))
    for data in ("garbage", "v1:pg:'; DROP TABLE x;--:1", "v9:pg:AbCdEfGh:1", "v1:src:d0.p5<b>"):
        alert = answered(await tg.press(data, shown))
        assert alert["show_alert"] == "true"
        assert alert["text"] == "无法识别这个按钮。"


async def test_unknown_or_expired_state_gets_a_polite_alert(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d0.p5"))
    for data in ("v1:pg:NoSuchId:1", "v1:mo:NoSuchId"):
        calls = await tg.press(data, shown)
        assert answered(calls)["text"] == "这个按钮已失效，请重新查询。"
        assert [c.method for c in calls] == ["answerCallbackQuery"]


async def test_state_from_another_chat_is_refused(tg: Harness) -> None:
    group_answer = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖"))
    private_answer = sent_message(await tg.say("/source d0.p5"))
    calls = await tg.press(_page_button(group_answer), private_answer)
    assert answered(calls)["text"] == "这个按钮已失效，请重新查询。"


async def test_expired_state_is_purged_at_startup(settings: Settings, fake: FakeTelegram) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(app):
        store = app.bot_data.store
        old = Store(store.db, clock=lambda: 1000.0)
        stale = await old.save_query("search", "金砖", 1, 5)
        fresh = await store.save_query("search", "金砖", 1, 5)
        assert await store.load_query(stale.id) is None
        assert await store.purge_expired() == 1
        assert await store.load_query(fresh.id) == fresh
    assert STATE_TTL >= 7 * 24 * 3600


async def test_a_group_page_button_is_answered_in_place(tg: Harness) -> None:
    shown = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖"))
    calls = await tg.press(_page_button(shown), shown)
    edited = next(c.params for c in calls if c.method == "editMessageText")
    assert edited["chat_id"] == str(tg.group["id"])
    assert edited["text"].count("<blockquote") == 3


async def test_source_button_on_an_inline_keyboard_opens_a_new_message(tg: Harness) -> None:
    shown = sent_message(await tg.say("/search 新开发银行"))
    data = callback_data(shown)[1]
    pid = data.removeprefix("v1:src:")
    assert f"<code>{pid}</code>" in reply(await tg.press(data, shown))["text"]
