"""Fact cards in the state store (each test on SQLite and on PostgreSQL) and from the corpus:
versions, optimistic concurrency, restarts, drafting from the lookup core, and staleness
after a re-ingest (real corpus, real files).
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from bot.cards.desk import CardDesk
from bot.cards.errors import CardError, VersionConflict
from bot.cards.model import Actor, CardContent
from bot.cards.sources import passage_sources
from bot.cards.stale import check_cards
from bot.cards.store import CardStore
from bot.lookup.library import Library
from bot.state.db import StateDB
from bot.state.sqlite import SqliteState
from tests.conftest import CORPUS, StateTarget

CHAT = -1001234567890
WANG = Actor(601, "Wang")
LI = Actor(602, "Li")
NDB = "000_d4b0f48c579fd5d3.txt"  # d0: 新开发银行 ... 优先支持可再生能源 (d0.p26)


@pytest.fixture
async def desk(db_copy: Path, jieba_cache: Path, state_db: StateDB) -> AsyncIterator[CardDesk]:
    library = await Library.open(db_copy, CORPUS, update_index=False, cache_dir=jieba_cache)
    try:
        yield CardDesk.open(state_db, library)
    finally:
        await library.close()


async def _hand_made(desk: CardDesk) -> int:
    card = await desk.new(CHAT, WANG, "绿色融资", ["新开发银行优先支持可再生能源。"])
    return (await desk.cite(card, "d0.p26", WANG)).id


async def test_a_draft_takes_its_facts_and_quote_from_the_corpus(desk: CardDesk) -> None:
    card = await desk.draft(CHAT, WANG, "新开发银行")
    assert card is not None
    sources = {source.pid: source.text for source in card.sources}
    assert 1 <= len(card.content.facts) <= 3
    assert set(sources) == set(card.content.sources)
    # Every fact is a sentence of a cited passage, the quote verbatim from its passage.
    for fact in card.content.facts:
        assert any(fact in text for text in sources.values()), fact
    assert card.content.quote_pid in sources
    assert card.content.quote is not None
    assert card.content.quote in sources[card.content.quote_pid]
    assert card.version == 1
    assert card.state == "draft"


async def test_nothing_in_the_corpus_drafts_nothing(desk: CardDesk) -> None:
    assert await desk.draft(CHAT, WANG, "qzxwvkjh") is None


async def test_a_draft_from_an_answers_passages(desk: CardDesk) -> None:
    card = await desk.draft_from_answer(CHAT, WANG, ["d0.p26", "d0.p30", "d9.p1"], None)
    assert card is not None
    assert card.content.sources == ("d0.p26", "d0.p30")
    assert card.content.facts[0].startswith("金砖国家通过绿色融资机制")
    assert card.content.title == "“金砖合作”推动全球南方携手共进"


async def test_every_edit_is_a_version_and_any_version_can_be_restored(desk: CardDesk) -> None:
    card = await desk.new(CHAT, WANG, "标题", ["事实一"])
    card = await desk.edit(card, 1, "title", 0, "新标题", WANG)
    card = await desk.edit(card, 2, "fact", 2, "事实二", LI)
    card = await desk.edit(card, None, "fact", 1, None, LI)
    assert (card.version, card.content.title, card.content.facts) == (4, "新标题", ("事实二",))
    card = await desk.restore(card, 1, WANG)
    assert (card.version, card.content.title, card.content.facts) == (5, "标题", ("事实一",))
    history = await desk.store.history(card.id)
    assert [(v.version, v.change, v.author.name) for v in history] == [
        (5, "restore", "Wang"),
        (4, "edit", "Li"),
        (3, "edit", "Li"),
        (2, "edit", "Wang"),
        (1, "new", "Wang"),
    ]
    with pytest.raises(CardError, match=r"cards.no_such_version"):
        await desk.restore(card, 9, WANG)


async def test_an_edit_against_an_outdated_version_is_refused_and_loses_nothing(
    desk: CardDesk,
) -> None:
    card = await desk.new(CHAT, WANG, "标题", ["事实一"])
    first = desk.edit(card, 1, "title", 0, "王的标题", WANG)
    second = desk.edit(card, 1, "title", 0, "李的标题", LI)
    results = await asyncio.gather(first, second, return_exceptions=True)
    assert [type(r).__name__ for r in results] == ["Card", "VersionConflict"]
    conflict = results[1]
    assert isinstance(conflict, VersionConflict)
    assert (conflict.base, conflict.current.version) == (1, 2)
    assert conflict.current.content.title == "王的标题"
    current = await desk.store.get(CHAT, card.id)
    assert (current.version, current.content.title) == (2, "王的标题")
    assert len(await desk.store.history(card.id)) == 2


async def test_a_quote_must_be_verbatim_and_is_cited_where_it_was_found(desk: CardDesk) -> None:
    card = await desk.new(CHAT, WANG, "绿色", ["事实"])
    with pytest.raises(CardError, match=r"cards.quote_not_verbatim") as raised:
        await desk.edit(card, None, "quote", 0, "新开发银行作为金砖国家合作的核心平台", WANG)
    assert "绿色合作" in str(raised.value.params["found"])
    card = await desk.edit(card, None, "quote", 0, "新开发银行作为金砖国家绿色合作的核心平台", WANG)
    assert (card.content.quote_pid, card.content.sources) == ("d0.p26", ("d0.p26",))


async def test_locks_deletion_and_card_state_are_checked_in_the_store(desk: CardDesk) -> None:
    card = await desk.new(CHAT, WANG, "标题", ["事实一"])
    await desk.store.set_flag(card.id, "locked", True, WANG)
    with pytest.raises(CardError, match=r"cards.locked"):
        await desk.edit(card, None, "title", 0, "改", LI)
    with pytest.raises(CardError, match=r"cards.locked"):
        await desk.store.set_flag(card.id, "deleted", True, LI)
    await desk.store.set_flag(card.id, "locked", False, WANG)
    deleted = await desk.store.set_flag(card.id, "deleted", True, LI)
    assert deleted.state == "deleted"
    assert await desk.store.cards(CHAT) == []
    assert [c.id for c in await desk.store.cards(CHAT, deleted=True)] == [card.id]
    restored = await desk.store.set_flag(card.id, "deleted", False, WANG)
    assert restored.state == "draft"
    assert restored.version == 1
    with pytest.raises(CardError, match=r"cards.not_found"):
        await desk.store.get(CHAT + 1, card.id)


async def test_cards_pins_and_the_log_survive_a_reopened_database(
    desk: CardDesk, state_target: StateTarget
) -> None:
    card_id = await _hand_made(desk)
    await desk.store.pinned(card_id, 4242, WANG)
    reopened = await state_target.open()
    try:
        again = await CardDesk.open(reopened, desk.library).store.get(CHAT, card_id)
        log = await CardStore(reopened, desk.store.shas).log(CHAT)
    finally:
        await reopened.close()
    assert again.pin is not None
    assert again.pin.message_id == 4242
    assert again.content.sources == ("d0.p26",)
    assert [entry.action for entry in log] == ["pin", "cite", "new"]


async def test_a_reingest_that_changes_a_cited_passage_makes_the_card_stale_once(
    db_copy: Path, jieba_cache: Path, tmp_path: Path, state_db: StateDB
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    library = await Library.open(db_copy, corpus, cache_dir=jieba_cache)
    try:
        desk = CardDesk.open(state_db, library)
        card_id = await _hand_made(desk)
        other = await desk.new(CHAT, WANG, "无关", ["x"])
        await desk.cite(other, "d1.p107", WANG)
        assert await check_cards(desk.store, library.conn) == []
        raw = corpus / "raw" / NDB
        raw.write_text(raw.read_text("utf-8").replace("优先支持可再生", "重点支持可再生"), "utf-8")
        assert (await library.reindex()).updated == [NDB]
        stale = await check_cards(desk.store, library.conn)
        assert [s.card.id for s in stale] == [card_id]
        (source,) = stale[0].sources
        assert "优先支持" in source.old_text
        assert source.new_text is not None
        assert "重点支持" in source.new_text
        assert stale[0].card.stale == ("d0.p26",)
        await desk.store.told(stale[0].card, [(source.pid, source.new_sha)], WANG)
        assert await check_cards(desk.store, library.conn) == []  # told once
        card = await desk.store.get(CHAT, card_id)
        assert card.stale == ("d0.p26",)  # still stale until someone looks at it
        card = await desk.cite(card, "d0.p26", WANG)
        assert card.stale == ()
        assert card.version == 2
    finally:
        await library.close()


async def test_a_passage_that_disappears_is_reported_gone(desk: CardDesk) -> None:
    card_id = await _hand_made(desk)
    await desk.conn.execute("DELETE FROM passages WHERE pid = 'd0.p26'")
    (stale,) = await check_cards(desk.store, desk.conn)
    assert stale.card.id == card_id
    assert stale.sources[0].new_text is None
    assert stale.sources[0].new_sha == ""


async def test_only_sources_of_the_current_version_count(desk: CardDesk) -> None:
    card_id = await _hand_made(desk)
    card = await desk.uncite(await desk.store.get(CHAT, card_id), "d0.p26", WANG)
    await desk.conn.execute("UPDATE passages SET sha = 'changed' WHERE pid = 'd0.p26'")
    assert await check_cards(desk.store, desk.conn) == []
    # Restoring the version that cited it brings the change back into view.
    card = await desk.restore(card, 2, WANG)
    assert card.stale == ("d0.p26",)
    assert [s.card.id for s in await check_cards(desk.store, desk.conn)] == [card_id]


async def test_sources_are_read_from_the_index(desk: CardDesk) -> None:
    found = await passage_sources(desk.conn, ["d0.p26", "d9.p9", "d0.p26"])
    assert list(found) == ["d0.p26"]
    assert "优先支持可再生能源" in found["d0.p26"].text
    content = CardContent("t", ("f",), sources=("d0.p26",))
    card = await desk.store.create(CHAT, content, found.values(), WANG)
    assert card.sources[0].sha == found["d0.p26"].sha


async def test_the_card_tables_enforce_one_current_pin_and_known_changes(desk: CardDesk) -> None:
    store, db = desk.store, desk.store.db
    card = await store.create(CHAT, CardContent("t", ("f",)), [], WANG)
    await store.pinned(card.id, 1, WANG)
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        await db.execute(
            "INSERT INTO card_pins (card_id, chat_id, message_id, pinned_at)"
            " VALUES (?, ?, 2, 'now')",
            (card.id, CHAT),
        )
    with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)):
        await db.execute(
            "INSERT INTO card_versions (card_id, version, content, change, created_at)"
            " VALUES (?, 9, '{}', 'rewrite', 'now')",
            (card.id,),
        )
    with pytest.raises(CardError, match=r"cards.already_pinned"):
        await store.pinned(card.id, 3, LI)


async def test_the_ingest_command_reports_the_cards_it_made_stale(
    db_copy: Path, jieba_cache: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    state_path = tmp_path / "state.sqlite3"
    library = await Library.open(db_copy, corpus, update_index=False, cache_dir=jieba_cache)
    state = await SqliteState.open(state_path)
    try:
        await _hand_made(CardDesk.open(state, library))
    finally:
        await state.close()
        await library.close()
    raw = corpus / "raw" / NDB
    raw.write_text(raw.read_text("utf-8").replace("优先支持可再生", "重点支持可再生"), "utf-8")
    command = [sys.executable, "-m", "bot", "--index", str(db_copy), "--state", str(state_path)]
    command += ["--corpus", str(corpus), "ingest"]
    done = await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert "1 updated" in done.stdout
    assert "fact cards: 1 cite passages this ingest changed or removed" in done.stdout
