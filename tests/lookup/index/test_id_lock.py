"""The passage ids shipped with the corpus (``corpus/passage_ids.json``): a host that builds
its index from scratch at every start gives the ids the maintainer's index gave, history
included; the repository's record matches its corpus.

The tests edit a real corpus file (004, a web page in traditional script) as a maintainer
would, and build fresh indexes as a host with an ephemeral disk does.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import aiosqlite
import pytest

from bot.lookup.index import db
from bot.lookup.index.idlock import FILE_NAME, current_lock, read_lock, write_lock
from bot.lookup.index.indexer import ingest
from bot.lookup.index.sources import passage_view
from bot.render.replies import View, passage

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
WEB = "004_eab1bee5dfb038ec.txt"
NEW_PARAGRAPH = "新增的一段文字，说明金砖国家在会后又发表了一份联合声明，内容涉及贸易与投资合作。"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "raw").mkdir(parents=True)
    shutil.copy(CORPUS / "raw" / WEB, folder / "raw" / WEB)
    for meta in ("aliases.toml", "synonyms.toml", "documents.toml"):
        shutil.copy(CORPUS / meta, folder / meta)
    return folder


async def _build(path: Path, corpus: Path, jieba_cache: Path) -> aiosqlite.Connection:
    conn = await db.connect(path)
    await ingest(conn, corpus, cache_dir=jieba_cache)
    return conn


async def _texts(conn: aiosqlite.Connection) -> dict[str, str]:
    rows = await conn.execute_fetchall("SELECT pid, text FROM passages ORDER BY seq")
    return {str(pid): str(text) for pid, text in rows}


async def _line(conn: aiosqlite.Connection, pid: str) -> int:
    rows = await conn.execute_fetchall("SELECT line_start FROM passages WHERE pid = ?", (pid,))
    return int(next(iter(rows))[0])


def _edit(corpus: Path, change: str, line: int, text: str) -> None:
    """Insert ``text`` after line ``line`` (1-based) of the file, or replace that line."""
    path = corpus / "raw" / WEB
    lines = path.read_text(encoding="utf-8").split("\n")
    at = line - 1
    middle = {"insert": [lines[at], text], "replace": [text]}[change]
    path.write_text("\n".join([*lines[:at], *middle, *lines[at + 1 :]]), encoding="utf-8")


async def _edit_twice(conn: aiosqlite.Connection, corpus: Path) -> tuple[dict[str, str], str]:
    """Edit a passage, then insert a paragraph above it: (the texts before, the edited id)."""
    shown = await _texts(conn)
    edited = list(shown)[5]
    _edit(corpus, "replace", await _line(conn, edited), shown[edited] + "（修订）")
    _edit(corpus, "insert", await _line(conn, next(iter(shown))), NEW_PARAGRAPH)
    return shown, edited


async def _opens(conn: aiosqlite.Connection, shown: dict[str, str], edited: str) -> None:
    """Every id shown before the edits opens its text, or (the edited one) says it changed."""
    for pid, text in shown.items():
        view = await passage_view(conn, pid)
        assert view is not None, pid
        if pid != edited:
            assert (view.hit.passage_id, view.hit.text, view.changed) == (pid, text, None)
    view = await passage_view(conn, edited)
    assert view is not None
    assert view.changed is not None
    assert view.changed.change == "edited"
    assert view.hit.text == shown[edited] + "（修订）"


async def test_a_build_from_scratch_gives_the_ids_and_history_the_maintainer_recorded(
    corpus: Path, tmp_path: Path, jieba_cache: Path
) -> None:
    maintainer = await _build(tmp_path / "maintainer.sqlite3", corpus, jieba_cache)
    try:
        shown, edited = await _edit_twice(maintainer, corpus)
        await ingest(maintainer, corpus, cache_dir=jieba_cache)  # in place: ids aligned
        assert write_lock(corpus, await current_lock(maintainer))
        recorded = await _texts(maintainer)
    finally:
        await maintainer.close()
    host = await _build(tmp_path / "host.sqlite3", corpus, jieba_cache)  # from scratch
    try:
        assert await _texts(host) == recorded
        await _opens(host, shown, edited)
        view = await passage_view(host, edited)
        assert view is not None
        assert view.changed is not None
        assert view.changed.old_text == shown[edited]  # the history came with the record
    finally:
        await host.close()


async def test_a_record_older_than_the_edit_still_keeps_every_unchanged_id(
    corpus: Path, tmp_path: Path, jieba_cache: Path
) -> None:
    before = await _build(tmp_path / "before.sqlite3", corpus, jieba_cache)
    try:
        write_lock(corpus, await current_lock(before))
        shown, edited = await _edit_twice(before, corpus)
    finally:
        await before.close()
    host = await _build(tmp_path / "host.sqlite3", corpus, jieba_cache)  # edit not ingested
    try:
        await _opens(host, shown, edited)
        view = await passage_view(host, edited)
        assert view is not None
        assert view.changed is not None
        assert view.changed.old_text == ""  # the record holds hashes, not the old text
        reply = passage(view, View("zh-Hans"))
        assert "改动了" in reply.text
        assert "原来是" not in reply.text
    finally:
        await host.close()
    # Without the record, the same build shifts the ids below the inserted paragraph.
    (corpus / FILE_NAME).unlink()
    bare = await _build(tmp_path / "bare.sqlite3", corpus, jieba_cache)
    try:
        now = await _texts(bare)
        assert sum(now.get(pid) != text for pid, text in shown.items()) > len(shown) // 2
    finally:
        await bare.close()


async def test_an_unreadable_record_is_ignored_with_a_warning(
    corpus: Path, tmp_path: Path, jieba_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plain = await _build(tmp_path / "plain.sqlite3", corpus, jieba_cache)
    try:
        expected = await _texts(plain)
    finally:
        await plain.close()
    (corpus / FILE_NAME).write_text('{"format": 1, "documents": {', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        conn = await _build(tmp_path / "host.sqlite3", corpus, jieba_cache)
    try:
        assert await _texts(conn) == expected
        assert any(FILE_NAME in r.getMessage() for r in caplog.records)
    finally:
        await conn.close()
    (corpus / FILE_NAME).write_text('{"format": 99, "documents": {}}', encoding="utf-8")
    assert read_lock(corpus) == {}


def test_a_record_that_cannot_be_written_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / FILE_NAME).mkdir()
    with caplog.at_level(logging.WARNING):
        assert write_lock(tmp_path, "{}\n") is False
    assert any("could not write" in r.getMessage() for r in caplog.records)
    assert write_lock(tmp_path / "other", "{}\n") is False  # no such folder


async def test_the_shipped_record_matches_the_corpus(indexed_db: Path) -> None:
    """Fails when passage ids moved without the record: run `python -m bot ingest` and
    commit corpus/passage_ids.json."""
    conn = await db.connect(indexed_db)
    try:
        assert await current_lock(conn) == (CORPUS / FILE_NAME).read_text(encoding="utf-8")
    finally:
        await conn.close()
    assert {doc.key for doc in read_lock(CORPUS).values()} == {"d0", "d1", "d2", "d3", "d4"}
