"""Passage ids that last: edits elsewhere move no citation, an edited passage's old id says so.

The end-to-end tests edit a real corpus file (004, a web page in traditional script) and
ingest it again, as a maintainer would; the alignment itself is also tested on its own.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from bot.cards.sources import passage_sources
from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.index.passages import PassageRecord
from bot.lookup.index.sources import passage_view
from bot.lookup.index.stableids import OldPassage, keep_ids

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
WEB = "004_eab1bee5dfb038ec.txt"
NEW_PARAGRAPH = "新增的一段文字，说明金砖国家在会后又发表了一份联合声明，内容涉及贸易与投资合作。"


def _record(pid: str, text: str, kind: str = "body", **extra: object) -> PassageRecord:
    return PassageRecord(pid, None, 0, 0, kind, None, text, [], [], **extra)  # type: ignore[arg-type]


def _old(*pairs: tuple[str, str]) -> list[OldPassage]:
    return [OldPassage(pid, "body", text) for pid, text in pairs]


# -- the alignment on its own --------------------------------------------------------------


def test_an_inserted_passage_takes_a_new_number_and_the_others_keep_theirs() -> None:
    old = _old(("d7.p1", "甲"), ("d7.p2", "乙"), ("d7.p3", "丙"))
    new = [_record(f"d7.p{i}", t) for i, t in enumerate(["甲", "新", "乙", "丙"], 1)]
    assert keep_ids(old, new) == []
    assert [r.pid for r in new] == ["d7.p1", "d7.p4", "d7.p2", "d7.p3"]


def test_a_passage_added_at_the_end_keeps_its_reading_order_number() -> None:
    old = _old(("d7.p1", "甲"), ("d7.p2", "乙"))
    new = [_record(f"d7.p{i}", t) for i, t in enumerate(["甲", "乙", "丙"], 1)]
    keep_ids(old, new)
    assert [r.pid for r in new] == ["d7.p1", "d7.p2", "d7.p3"]


def test_an_edited_passage_gets_an_unused_number_and_its_old_id_an_alias() -> None:
    old = _old(("d7.p1", "甲"), ("d7.p2", "乙"), ("d7.p3", "丙"))
    new = [_record(f"d7.p{i}", t) for i, t in enumerate(["甲", "乙改", "丙"], 1)]
    aliases = keep_ids(old, new, retired=["d7.p4"])
    assert [r.pid for r in new] == ["d7.p1", "d7.p5", "d7.p3"]
    assert [(a.old_pid, a.new_pid, a.change, a.old_text) for a in aliases] == [
        ("d7.p2", "d7.p5", "edited", "乙")
    ]


def test_a_removed_passage_points_at_the_one_now_in_its_place() -> None:
    old = _old(("d7.p1", "甲"), ("d7.p2", "乙"), ("d7.p3", "丙"))
    new = [_record("d7.p1", "甲"), _record("d7.p2", "丙")]
    aliases = keep_ids(old, new)
    assert [r.pid for r in new] == ["d7.p1", "d7.p3"]
    assert [(a.old_pid, a.new_pid, a.change) for a in aliases] == [("d7.p2", "d7.p3", "removed")]


def test_a_moved_passage_keeps_its_id_and_repeats_keep_theirs_in_order() -> None:
    old = _old(("d7.p1", "甲"), ("d7.p2", "乙"), ("d7.p3", "甲"), ("d7.p4", "丙"))
    new = [_record(f"d7.p{i}", t) for i, t in enumerate(["丙", "甲", "乙", "甲"], 1)]
    assert keep_ids(old, new) == []
    assert [r.pid for r in new] == ["d7.p4", "d7.p1", "d7.p2", "d7.p3"]


def test_footnote_references_and_anchors_follow_the_ids() -> None:
    old = [OldPassage("d7.p1", "body", "甲"), OldPassage("d7.n1", "footnote", "注一")]
    new = [
        _record("d7.p1", "新"),
        _record("d7.p2", "甲", refs=[(1, "[1]", "d7.n1")]),
        _record("d7.n1", "新注", kind="footnote", anchor="d7.p1"),
        _record("d7.n2", "注一", kind="footnote", anchor="d7.p2"),
    ]
    keep_ids(old, new)
    assert [r.pid for r in new] == ["d7.p2", "d7.p1", "d7.n2", "d7.n1"]
    assert new[1].refs == [(1, "[1]", "d7.n2")]
    assert [r.anchor for r in new[2:]] == ["d7.p2", "d7.p1"]


# -- a real file edited and ingested again -------------------------------------------------


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory, jieba_cache: Path) -> tuple[Path, Path]:
    """Document 004 indexed once: (corpus folder, database file); never modified."""
    base = tmp_path_factory.mktemp("web")
    corpus = base / "corpus"
    (corpus / "raw").mkdir(parents=True)
    shutil.copy(CORPUS / "raw" / WEB, corpus / "raw" / WEB)
    for meta in ("aliases.toml", "synonyms.toml", "documents.toml"):
        shutil.copy(CORPUS / meta, corpus / meta)
    path = base / "web.sqlite3"

    async def build() -> None:
        conn = await db.connect(path)
        try:
            await ingest(conn, corpus, cache_dir=jieba_cache)
        finally:
            await conn.close()

    asyncio.run(build())
    return corpus, path


@pytest.fixture
async def web(web_index: tuple[Path, Path], tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    shutil.copytree(web_index[0], tmp_path / "corpus")
    shutil.copyfile(web_index[1], tmp_path / "web.sqlite3")
    conn = await db.connect(tmp_path / "web.sqlite3")
    try:
        yield conn
    finally:
        await conn.close()


async def _texts(conn: aiosqlite.Connection) -> dict[str, str]:
    rows = await conn.execute_fetchall("SELECT pid, text FROM passages ORDER BY seq")
    return {str(pid): str(text) for pid, text in rows}


async def _line(conn: aiosqlite.Connection, pid: str) -> int:
    rows = list(
        await conn.execute_fetchall("SELECT line_start FROM passages WHERE pid = ?", (pid,))
    )
    return int(rows[0][0])


def _edit(corpus: Path, change: str, line: int, text: str = "") -> None:
    """Insert ``text`` after line ``line`` (1-based) of the file, replace it, or remove it."""
    path = corpus / "raw" / WEB
    lines = path.read_text(encoding="utf-8").split("\n")
    at = line - 1
    middle = {"insert": [lines[at], text], "replace": [text], "remove": []}[change]
    path.write_text("\n".join([*lines[:at], *middle, *lines[at + 1 :]]), encoding="utf-8")


async def test_a_citation_shown_before_an_edit_elsewhere_opens_the_same_text_after(
    web: aiosqlite.Connection, tmp_path: Path, jieba_cache: Path
) -> None:
    shown = await _texts(web)
    first, (last_pid, last_text) = next(iter(shown)), list(shown.items())[-1]
    # A paragraph is removed near the end and another inserted early (in that order, so
    # that the line numbers read before either edit still hold).
    _edit(tmp_path / "corpus", "remove", await _line(web, last_pid))
    _edit(tmp_path / "corpus", "insert", await _line(web, first), NEW_PARAGRAPH)
    report = await ingest(web, tmp_path / "corpus", cache_dir=jieba_cache)
    assert report.updated == [WEB]
    now = await _texts(web)
    for pid, text in shown.items():
        view = await passage_view(web, pid)
        assert view is not None, pid
        if pid != last_pid:
            assert (view.hit.passage_id, view.hit.text, view.changed) == (pid, text, None)
    added = [pid for pid, text in now.items() if text == NEW_PARAGRAPH]
    assert len(added) == 1
    assert added[0] not in shown
    # The removed passage's id says so and opens the passage now in its place.
    gone = await passage_view(web, last_pid)
    assert gone is not None
    assert gone.changed is not None
    assert (gone.changed.change, gone.changed.old_text) == ("removed", last_text)
    assert gone.hit.passage_id in now


async def test_an_edited_passage_old_id_says_it_changed_and_shows_the_new_text(
    web: aiosqlite.Connection, tmp_path: Path, jieba_cache: Path
) -> None:
    shown = await _texts(web)
    pid = list(shown)[5]
    line = await _line(web, pid)
    retired = []
    for round_ in ("一", "二"):
        _edit(tmp_path / "corpus", "replace", line, f"{shown[pid]}（第{round_}次修订）")
        report = await ingest(web, tmp_path / "corpus", cache_dir=jieba_cache)
        assert report.updated == [WEB]
        retired += report.retired
    view = await passage_view(web, pid)
    assert view is not None
    assert view.changed is not None
    assert (view.changed.old_id, view.changed.change) == (pid, "edited")
    assert view.changed.old_text == shown[pid]
    # The ingest reports each id it retired: the first edit's, then the second's.
    assert [(old, how) for old, _, how in retired] == [(pid, "edited"), (retired[0][1], "edited")]
    assert retired[1][1] == view.hit.passage_id
    assert "第二次修订" in view.hit.text
    assert view.hit.passage_id not in shown
    # A card citing the old id reads the new text under it, so it shows as changed.
    source = (await passage_sources(web, [pid]))[pid]
    assert source.text == view.hit.text
    others = {p: t for p, t in shown.items() if p != pid}
    assert {p: s.text for p, s in (await passage_sources(web, others)).items()} == others


async def test_a_removed_document_takes_its_aliases_with_it(
    web: aiosqlite.Connection, tmp_path: Path, jieba_cache: Path
) -> None:
    _edit(tmp_path / "corpus", "replace", await _line(web, "d4.p4"), NEW_PARAGRAPH)
    await ingest(web, tmp_path / "corpus", cache_dir=jieba_cache)
    assert await web.execute_fetchall("SELECT old_pid FROM passage_aliases")
    (tmp_path / "corpus" / "raw" / WEB).unlink()
    await ingest(web, tmp_path / "corpus", cache_dir=jieba_cache)
    assert list(await web.execute_fetchall("SELECT old_pid FROM passage_aliases")) == []


async def test_a_forced_reingest_of_the_seed_corpus_keeps_every_id(
    db_copy: Path, jieba_cache: Path
) -> None:
    conn = await db.connect(db_copy)
    try:
        before = await conn.execute_fetchall("SELECT pid, sha FROM passages ORDER BY pid")
        report = await ingest(conn, CORPUS, force=True, cache_dir=jieba_cache)
        after = await conn.execute_fetchall("SELECT pid, sha FROM passages ORDER BY pid")
        aliases = await conn.execute_fetchall("SELECT * FROM passage_aliases")
    finally:
        await conn.close()
    assert len(report.updated) == 5
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    assert list(aliases) == []
