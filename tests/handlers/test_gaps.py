"""/gaps for moderators: grouped questions with counts and today's best passage; a gap
becomes a draft card or is dismissed; the weekly digest keeps its schedule across restarts."""

from __future__ import annotations

import dataclasses

import pytest
from telegram.ext import Job

from bot.app.application import build_application, running
from bot.app.context import Context, ZhikuApplication
from bot.config import Settings
from bot.feedback.digest import LAST_KEY, PERIOD
from devtools.fakeapi import FakeTelegram
from devtools.fakeapi.updates import user
from handlers.gaps import DIGEST_JOB
from tests.handlers.cards_helpers import ADMIN, MEMBER, MODERATOR, admins
from tests.handlers.conftest import Harness, answered, callback_data, reply, sent_message

MODS_CHAT = -100555
SAME = ("金砖扩员什么时候", "金磚擴員是何時", "金砖扩圆什么时候")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(
        settings, moderators=frozenset({MODERATOR["id"]}), gaps_chat_id=MODS_CHAT
    )


async def _dislike(tg: Harness, question: str, who: int) -> None:
    asker = user(who, "Member", "zh-hans")
    shown = sent_message(await tg.say_in_group(f"/search@ZhikuBot {question}", sender=asker))
    down = next(d for d in callback_data(shown) if d.startswith("v1:fb:") and d.endswith(":d"))
    await tg.press(down, shown, sender=asker)


async def _asked(tg: Harness) -> None:
    admins(tg)
    for n, question in enumerate(SAME):
        await _dislike(tg, question, 900 + n)
    await tg.say_in_group("/search@ZhikuBot qzxwvkjh", sender=MEMBER)


async def test_gaps_groups_one_question_asked_three_ways(tg: Harness) -> None:
    await _asked(tg)
    shown = reply(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))
    text = shown["text"]
    assert "（2 组）" in text
    first = text.split("\n\n")[1]
    assert "×3" in first
    assert "👎 3" in first
    assert "<code>d" in first  # the best passage today
    assert "qzxwvkjh" in text.split("\n\n")[2]
    assert len([d for d in callback_data(shown) if d.startswith("v1:gp:")]) == 4


async def test_gaps_is_for_moderators_only(tg: Harness) -> None:
    await _asked(tg)
    text = reply(await tg.say_in_group("/gaps@ZhikuBot", sender=MEMBER))["text"]
    assert "管理员" in text
    assert "×3" not in text
    shown = sent_message(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))
    card = next(d for d in callback_data(shown) if d.startswith("v1:gp:card:"))
    alert = answered(await tg.press(card, shown, sender=MEMBER))
    assert alert["show_alert"] == "true"
    assert await tg.app.bot_data.cards.store.cards(tg.group["id"]) == []


async def test_a_gap_becomes_a_draft_card_and_leaves_the_list(tg: Harness) -> None:
    await _asked(tg)
    shown = sent_message(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))
    card = next(d for d in callback_data(shown) if d.startswith("v1:gp:card:"))
    calls = await tg.press(card, shown, sender=ADMIN)
    assert "卡片草稿 #1" in reply(calls)["text"]
    again = reply(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))["text"]
    assert "（1 组）" in again
    alert = answered(await tg.press(card, shown, sender=ADMIN))  # handled: not drafted twice
    assert (alert["show_alert"], alert["text"]) == ("true", "这个问题已处理或不存在。")
    assert len(await tg.app.bot_data.cards.store.cards(tg.group["id"])) == 1


async def test_a_dismissed_gap_is_gone(tg: Harness) -> None:
    await _asked(tg)
    shown = sent_message(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))
    dismiss = [d for d in callback_data(shown) if d.startswith("v1:gp:dis:")]
    for data in dismiss:
        assert answered(await tg.press(data, shown, sender=ADMIN))["text"] == "已忽略这个问题。"
    text = reply(await tg.say_in_group("/gaps@ZhikuBot", sender=ADMIN))["text"]
    assert text == "本周没有未答或被点 👎 的问题。"


async def test_the_moderators_chat_and_bot_moderators_see_every_chat(tg: Harness) -> None:
    await _asked(tg)
    assert "×3" in reply(await tg.say_in_group("/gaps@ZhikuBot", sender=MODERATOR))["text"]
    text = reply(await tg.say("/gaps", sender=MODERATOR))["text"]
    assert "×3" in text
    assert "×3" not in reply(await tg.say("/gaps", sender=MEMBER))["text"]  # their own chat


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _app(settings: Settings, fake: FakeTelegram, clock: Clock) -> ZhikuApplication:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    app.bot_data.clock = clock
    return app


def _digest(app: ZhikuApplication) -> Job[Context]:
    assert app.job_queue is not None
    jobs = app.job_queue.get_jobs_by_name(DIGEST_JOB)
    assert len(jobs) >= 1
    return jobs[-1]


async def test_the_digest_keeps_its_schedule_across_restarts(
    settings: Settings, fake: FakeTelegram
) -> None:
    clock = Clock(1_700_000_000.0)
    t0 = clock.now
    app = _app(settings, fake, clock)
    async with running(app):
        assert _digest(app).data == t0 + PERIOD
        await Harness(app, fake).say_in_group("/search@ZhikuBot qzxwvkjh", sender=MEMBER)
    clock.now = t0 + 2 * 24 * 3600  # restarted two days later: still due at t0 + a week
    app = _app(settings, fake, clock)
    async with running(app):
        job = _digest(app)
        assert job.data == t0 + PERIOD
        clock.now = t0 + PERIOD  # the job fires (run by hand: tests never wait)
        fake.clear()
        await job.run(app)  # type: ignore[arg-type]  # typed for apps that always have a JobQueue
        posted = [c.params for c in fake.calls if c.method == "sendMessage"]
        assert [p["chat_id"] for p in posted] == [str(MODS_CHAT)]
        assert "qzxwvkjh" in posted[0]["text"]
        assert _digest(app).data == t0 + 2 * PERIOD
    clock.now = t0 + 3 * PERIOD  # down for a fortnight: the missed digest is due at once
    app = _app(settings, fake, clock)
    async with running(app):
        assert await app.bot_data.feedback.meta(LAST_KEY) == repr(t0 + PERIOD)
        assert _digest(app).data == t0 + 2 * PERIOD


def test_without_a_moderators_chat_there_is_no_job_queue(
    settings: Settings, fake: FakeTelegram
) -> None:
    plain = dataclasses.replace(settings, gaps_chat_id=None)
    app = build_application(plain, request=fake.request(), rate_limiter=False)
    assert app._job_queue is None
