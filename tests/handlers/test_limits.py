"""Per-user rate limiting: one polite notice per blocked stretch, buttons still answered."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import Settings
from devtools.fakeapi.updates import user
from tests.handlers.conftest import Harness, answered, callback_data, replies, sent_message

MODERATOR = 4242


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(
        settings, rate_limit=3, rate_window=30.0, moderators=frozenset({MODERATOR})
    )


async def test_over_the_limit_gets_one_notice_then_silence(tg: Harness) -> None:
    sent = [replies(await tg.say("/about")) for _ in range(7)]
    assert [len(s) for s in sent] == [1, 1, 1, 1, 0, 0, 0]
    notice = sent[3][0]["text"]
    assert "每 30 秒最多 3 次查询" in notice


async def test_other_users_are_not_affected(tg: Harness) -> None:
    for _ in range(5):
        await tg.say("/about")
    other = user(502, "Chen")
    assert "智库语料" in replies(await tg.say("/about", sender=other))[0]["text"]


async def test_moderators_are_exempt(tg: Harness) -> None:
    moderator = user(MODERATOR, "Mod")
    counts = [len(replies(await tg.say("/about", sender=moderator))) for _ in range(6)]
    assert counts == [1] * 6


async def test_button_presses_over_the_limit_are_still_answered(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d1.p5"))
    await tg.press("v1:nav:d1.p6", shown)
    await tg.press("v1:nav:d1.p5", shown)
    first = answered(await tg.press("v1:nav:d1.p6", shown))
    second = answered(await tg.press("v1:nav:d1.p7", shown))
    assert first["show_alert"] == "true"
    assert "3 次" in first["text"]
    assert "text" not in second


async def test_ordinary_group_conversation_does_not_count(tg: Harness) -> None:
    for _ in range(10):
        assert await tg.say_in_group("大家好") == []
    assert replies(await tg.say_in_group("/about@ZhikuBot"))


async def test_votes_do_not_use_up_the_allowance(tg: Harness) -> None:
    shown = sent_message(await tg.say("/search 新开发银行"))
    up = next(d for d in callback_data(shown) if d.startswith("v1:fb:") and d.endswith(":u"))
    said = [answered(await tg.press(up, shown))["text"] for _ in range(5)]
    assert said == ["谢谢反馈！"] + ["已记下你的评价。"] * 4  # thanked, never told to wait
    # Three queries in the window: the search, then two more lookups; the third is refused.
    assert len(replies(await tg.say("/about"))) == 1
    assert len(replies(await tg.say("/about"))) == 1
    assert "每 30 秒最多 3 次查询" in replies(await tg.say("/about"))[0]["text"]
