"""Cards stay true: a re-ingest that changes a cited passage makes the card stale, and the
moderators are told once, with the old and the new wording (a real corpus copy, re-ingested).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bot.app.application import build_application, running
from bot.config import Settings
from devtools.fakeapi import FakeTelegram
from tests.conftest import CORPUS
from tests.handlers.cards_helpers import ADMIN, MEMBER, admins, card_cmd, texts
from tests.handlers.conftest import Harness, reply

NDB = "000_d4b0f48c579fd5d3.txt"  # d0.p26: 新开发银行……优先支持可再生能源与低碳基础设施项目。
NOTICE = "卡片 #1「绿色融资」的出处已变"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    return copy


@pytest.fixture
def settings(settings: Settings, corpus: Path) -> Settings:
    return dataclasses.replace(settings, corpus_dir=corpus)


def _rewrite(corpus: Path) -> None:
    raw = corpus / "raw" / NDB
    raw.write_text(raw.read_text("utf-8").replace("优先支持可再生", "重点支持可再生"), "utf-8")


async def _cards_citing(tg: Harness) -> None:
    admins(tg)
    await card_cmd(tg, "new 绿色融资 | 新开发银行优先支持可再生能源与低碳基础设施。")
    assert "d0.p26</a>" in reply(await card_cmd(tg, "cite 1 d0.p26"))["text"]
    await card_cmd(tg, "new 厦门 | 与此无关的一张卡片")
    await card_cmd(tg, "cite 2 d1.p107")


async def test_a_reingest_makes_a_card_stale_and_its_chat_is_told_once(
    tg: Harness, corpus: Path
) -> None:
    await _cards_citing(tg)
    _rewrite(corpus)
    assert (await tg.app.bot_data.library.reindex()).updated == [NDB]
    calls = await tg.say_in_group("/cards@ZhikuBot", sender=MEMBER)
    notice, listing = texts(calls)
    assert NOTICE in notice
    assert "<s>优先</s>" in notice
    assert "<u>重点</u>" in notice
    assert "<code>/card cite 1 d0.p26</code>" in notice
    assert "厦门" not in notice
    assert "<b>#1</b> 绿色融资 · 📝 草稿 · ⚠️ 出处已变（d0.p26）" in listing
    assert "<b>#2</b> 厦门 · 📝 草稿\n" in listing + "\n"
    # Told once: neither the next command nor a restart tells again.
    assert len(texts(await tg.say_in_group("/cards@ZhikuBot", sender=MEMBER))) == 1
    assert len(texts(await card_cmd(tg, "show 1", MEMBER))) == 1
    accepted = reply(await card_cmd(tg, "cite 1 d0.p26"))
    assert "已接受 d0.p26 的现有原文" in accepted["text"]
    assert "出处已变" not in accepted["text"]
    log = reply(await tg.say_in_group("/cards@ZhikuBot log", sender=ADMIN))["text"]
    assert "出处已变（已通知） #1 v2 <code>d0.p26</code>" in log
    assert "接受新原文 #1" in log


async def _cards_then_rewrite(settings: Settings, fake: FakeTelegram, corpus: Path) -> None:
    """Cards citing passages made by one run of the bot; then the cited text is changed."""
    first = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(first):
        await _cards_citing(Harness(first, fake))
    _rewrite(corpus)
    fake.clear()


async def test_a_change_made_while_the_bot_was_down_is_told_at_start(
    settings: Settings, fake: FakeTelegram, corpus: Path
) -> None:
    await _cards_then_rewrite(settings, fake, corpus)
    second = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(second):
        told = [c.params for c in fake.calls_to("sendMessage")]
    assert len(told) == 1
    assert told[0]["chat_id"] == "-1001234567890"
    assert NOTICE in told[0]["text"]
    fake.clear()
    third = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(third):
        pass
    assert fake.calls_to("sendMessage") == []


async def test_when_the_chat_is_gone_the_moderator_who_made_the_card_is_told(
    settings: Settings, fake: FakeTelegram, corpus: Path
) -> None:
    await _cards_then_rewrite(settings, fake, corpus)
    fake.fail_next(
        "sendMessage", code=403, description="Forbidden: bot was kicked from the supergroup chat"
    )
    second = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(second):
        sent = fake.calls_to("sendMessage")
    assert [(c.params["chat_id"], c.error is None) for c in sent] == [
        ("-1001234567890", False),
        (str(ADMIN["id"]), True),
    ]
    assert NOTICE in sent[1].params["text"]
