"""Incremental ingest on real corpus files: idempotent, per-file, all-or-nothing.

Most tests run on a small corpus (the two web documents 003 and 004, which parse fastest)
indexed once per module and copied for each test; the full corpus comes from the session
fixture.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.lookup.corpus.catalog import assign_key
from bot.lookup.errors import IngestError
from bot.lookup.index import db
from bot.lookup.index.indexer import (
    IngestReport,
    ingest,
    pipeline_fingerprint,
    quoted_terms,
    read_state,
    skipped_files,
)
from bot.lookup.library import Library
from bot.lookup.search.searcher import quote_fts

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
SCI = "003_4f62d0ff6928acda.txt"
WEB = "004_eab1bee5dfb038ec.txt"
ALL = sorted(p.name for p in (CORPUS / "raw").iterdir())


def _raw_lines(name: str) -> list[str]:
    return (CORPUS / "raw" / name).read_text(encoding="utf-8").split("\n")


# Real paragraphs of 003 (traditional script), used to change or add documents.
CO_AUTHORSHIP = _raw_lines(SCI)[11]  # 國家間科技論文合著數量是衡量國際科研合作的重要指標。…
TRUST_HEADING, TRUST = _raw_lines(SCI)[30], _raw_lines(SCI)[31]  # 金磚成員國間戰略互信…
LIMITS_HEADING, LIMITS = _raw_lines(SCI)[35], _raw_lines(SCI)[36]  # 美西方國家制約和限制…


def _make_corpus(folder: Path, names: list[str]) -> Path:
    (folder / "raw").mkdir(parents=True)
    for name in names:
        shutil.copy(CORPUS / "raw" / name, folder / "raw" / name)
    for meta in ("aliases.toml", "synonyms.toml", "documents.toml"):
        shutil.copy(CORPUS / meta, folder / meta)
    return folder


async def _ingest_once(path: Path, corpus: Path, cache: Path) -> None:
    conn = await db.connect(path)
    try:
        await ingest(conn, corpus, cache_dir=cache)
    finally:
        await conn.close()


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, jieba_cache: Path) -> tuple[Path, Path]:
    """Documents 003 and 004 indexed once: (corpus folder, database file); never modified."""
    base = tmp_path_factory.mktemp("small")
    corpus = _make_corpus(base / "corpus", [SCI, WEB])
    path = base / "small.sqlite3"
    asyncio.run(_ingest_once(path, corpus, jieba_cache))
    return corpus, path


@dataclass
class Work:
    corpus: Path
    conn: aiosqlite.Connection

    @property
    def raw(self) -> Path:
        return self.corpus / "raw"


@pytest.fixture
async def work(small_index: tuple[Path, Path], tmp_path: Path) -> AsyncIterator[Work]:
    """A private copy of the small corpus and its index, opened."""
    corpus = tmp_path / "corpus"
    shutil.copytree(small_index[0], corpus)
    path = tmp_path / "small.sqlite3"
    shutil.copyfile(small_index[1], path)
    conn = await db.connect(path)
    try:
        yield Work(corpus, conn)
    finally:
        await conn.close()


async def _snapshot(conn: aiosqlite.Connection) -> dict[str, Any]:
    """Everything an ingest may change, in comparable form."""

    async def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await conn.execute_fetchall(sql)]

    return {
        "documents": await rows("SELECT id, key, name, sha256, title, ingested_at FROM documents"),
        "passages": await rows("SELECT id, pid, sha, text FROM passages ORDER BY id"),
        "fts": await rows("SELECT rowid, words, grams FROM passages_fts ORDER BY rowid"),
        "vocab": await rows("SELECT term, df FROM vocab ORDER BY term"),
        "state": await read_state(conn),
    }


async def _pids(conn: aiosqlite.Connection, key: str) -> dict[str, tuple[int, str]]:
    rows = await conn.execute_fetchall(
        "SELECT p.pid, p.id, p.sha FROM passages p JOIN documents d ON d.id = p.doc_id"
        " WHERE d.key = ?",
        (key,),
    )
    return {pid: (rowid, sha) for pid, rowid, sha in rows}


async def _fts_pids(conn: aiosqlite.Connection, form: str) -> set[str]:
    rows = await conn.execute_fetchall(
        "SELECT p.pid FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid"
        " WHERE passages_fts MATCH ?",
        (quote_fts(form),),
    )
    return {r[0] for r in rows}


async def _count(conn: aiosqlite.Connection, sql: str, *params: object) -> int:
    rows = list(await conn.execute_fetchall(sql, params))
    return int(rows[0][0])


def _insert_after(path: Path, marker: str, paragraph: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(marker))
    path.write_text("\n".join([*lines[: at + 1], paragraph, *lines[at + 1 :]]), encoding="utf-8")


async def test_a_second_ingest_of_the_whole_corpus_changes_nothing(
    db_copy: Path, jieba_cache: Path
) -> None:
    conn = await db.connect(db_copy)
    try:
        before = await _snapshot(conn)
        report = await ingest(conn, CORPUS, cache_dir=jieba_cache)
        after = await _snapshot(conn)
    finally:
        await conn.close()
    assert not report.changed
    assert report.unchanged == ALL
    assert report.added == report.updated == report.removed == []
    assert report.passages == len(before["passages"])
    assert after == before


async def test_a_changed_file_is_parsed_again_and_the_others_keep_their_ids(
    work: Work, jieba_cache: Path
) -> None:
    kept = await _pids(work.conn, "d3")
    _insert_after(work.raw / WEB, "金磚合作,正在構建起", CO_AUTHORSHIP)
    report = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert (report.updated, report.unchanged, report.added, report.removed) == (
        [WEB],
        [SCI],
        [],
        [],
    )
    assert await _pids(work.conn, "d3") == kept
    new = [
        pid
        for (pid,) in await work.conn.execute_fetchall(
            "SELECT pid FROM passages WHERE instr(text, ?)", ("金磚成員國間合著論文數量",)
        )
        if pid.startswith("d4.")
    ]
    assert len(new) == 1
    assert new[0] in await _fts_pids(work.conn, "合著")
    assert await _count(work.conn, "SELECT count(*) FROM passages") == await _count(
        work.conn, "SELECT count(*) FROM passages_fts"
    )


async def test_a_removed_file_leaves_no_document_passage_index_row_or_word(
    work: Work, jieba_cache: Path
) -> None:
    assert await _fts_pids(work.conn, "云合影")
    (work.raw / WEB).unlink()
    report = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert report.removed == [WEB]
    assert report.unchanged == [SCI]
    assert await _count(work.conn, "SELECT count(*) FROM documents WHERE key = 'd4'") == 0
    assert await _count(work.conn, "SELECT count(*) FROM passages WHERE pid LIKE 'd4.%'") == 0
    assert await _fts_pids(work.conn, "云合影") == set()
    assert await _count(work.conn, "SELECT count(*) FROM passages_fts") == report.passages
    # Typo correction must not suggest a word the corpus no longer has.
    assert await _count(work.conn, "SELECT count(*) FROM vocab WHERE term = '云合影'") == 0


async def test_new_files_take_their_catalog_id_or_a_key_from_their_name(
    work: Work, jieba_cache: Path
) -> None:
    (work.raw / "notes.md").write_text(f"# {TRUST_HEADING}\n\n{TRUST}\n", encoding="utf-8")
    (work.raw / "zz_extra.txt").write_text(f"{LIMITS_HEADING}\n{LIMITS}\n", encoding="utf-8")
    with (work.corpus / "documents.toml").open("a", encoding="utf-8") as catalog:
        catalog.write('\n["zz_extra.txt"]\nid = "d9"\ntitle = "美西方的制约"\ndate = "2025-05"\n')
    report: IngestReport = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert report.added == ["notes.md", "zz_extra.txt"]
    assert report.unchanged == [SCI, WEB]
    docs = {
        row[0]: tuple(row[1:])
        for row in await work.conn.execute_fetchall(
            "SELECT name, key, title, script, date, date_kind FROM documents"
        )
    }
    # No entry: the title and script come from the text, the key from the file name (so a
    # rebuild from scratch gives the same key whatever was ingested before).
    notes = assign_key("notes.md", None, set())
    assert docs["notes.md"] == (notes, TRUST_HEADING, "traditional", None, "unknown")
    assert docs["zz_extra.txt"] == ("d9", "美西方的制约", "traditional", "2025-05", "unknown")
    pids = await _pids(work.conn, notes)
    assert sorted(pids)[0] == f"{notes}.p1"
    assert pids.keys() & await _fts_pids(work.conn, "互信")
    assert (await _pids(work.conn, "d9")).keys() & await _fts_pids(work.conn, "霸权")


async def test_a_file_that_is_not_utf8_is_named_and_the_rest_is_ingested(
    work: Work, jieba_cache: Path
) -> None:
    _insert_after(work.raw / WEB, "金磚合作,正在構建起", CO_AUTHORSHIP)
    gbk = "\n\n".join(_raw_lines("000_d4b0f48c579fd5d3.txt")[4:9]).encode("gbk")
    (work.raw / "005_gbk.txt").write_bytes(gbk)
    report = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert [name for name, _ in report.skipped] == ["005_gbk.txt"]
    assert report.skipped[0][1].startswith("not valid UTF-8")
    assert report.updated == [WEB]
    names = {r[0] for r in await work.conn.execute_fetchall("SELECT name FROM documents")}
    assert "005_gbk.txt" not in names


async def test_a_file_with_a_few_damaged_bytes_is_indexed_with_them_replaced(
    work: Work, jieba_cache: Path
) -> None:
    damaged = TRUST.encode()[:-4] + b"\xe4\xb8\n"  # the last characters cut mid-sequence
    (work.raw / "notes.md").write_bytes(f"# {TRUST_HEADING}\n\n".encode() + damaged)
    report = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert report.added == ["notes.md"]
    rows = await work.conn.execute_fetchall(
        "SELECT p.text FROM passages p JOIN documents d ON d.id = p.doc_id"
        " WHERE d.name = 'notes.md' ORDER BY p.id"
    )
    text = "".join(row[0] for row in rows)
    assert text.startswith(TRUST[:20])
    assert text.endswith("\ufffd\ufffd")


async def test_a_failure_while_writing_rolls_the_whole_ingest_back(
    work: Work, tmp_path: Path
) -> None:
    before = await _snapshot(work.conn)
    _insert_after(work.raw / WEB, "金磚合作,正在構建起", CO_AUTHORSHIP)
    (work.raw / SCI).unlink()
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    # The old rows are deleted and the new ones inserted before segmentation needs the cache.
    with pytest.raises(FileExistsError):
        await ingest(work.conn, work.corpus, cache_dir=not_a_folder)
    assert not work.conn.in_transaction
    assert await _snapshot(work.conn) == before


async def test_an_invalid_catalog_is_a_clear_error_and_changes_nothing(
    work: Work, jieba_cache: Path
) -> None:
    before = await _snapshot(work.conn)
    (work.corpus / "documents.toml").write_text('["004.txt"\nid = "d4"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"documents\.toml is not valid TOML"):
        await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert await _snapshot(work.conn) == before


def test_quoted_terms_are_short_chinese_terms_in_simplified_script() -> None:
    texts = [
        "三場“云外交”,兩張設計獨具匠心的“云合影”,正是",  # 004
        "习近平主席提出“金砖+”合作理念。",  # 000
        "“金砖国家不是封闭的俱乐部，也不是排外的‘小圈子’”",  # 001: a quotation, not a term
        "Oliver Stuenkel, “The Financial Crisis,” Global Governance",  # 001 footnote
    ]
    assert quoted_terms(texts) == ["云合影", "云外交", "金砖+"]


async def test_new_ingest_code_reparses_unchanged_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("00[0-3]_*"))
    conn = await db.connect(tmp_path / "z.sqlite3")
    try:
        first = await ingest(conn, corpus)
        assert first.added == ["004_eab1bee5dfb038ec.txt"]
        assert (await ingest(conn, corpus)).unchanged == ["004_eab1bee5dfb038ec.txt"]
        version = (await read_state(conn))["version"]
        # An index written by other ingest code (an older release) is parsed again.
        await conn.execute("UPDATE corpus_state SET value = 'older' WHERE key = 'pipeline'")
        await conn.commit()
        again = await ingest(conn, corpus)
        assert again.updated == ["004_eab1bee5dfb038ec.txt"]
        state = await read_state(conn)
        assert state["pipeline"] == pipeline_fingerprint()
        assert state["version"] == version
    finally:
        await conn.close()


async def test_a_bad_or_empty_file_is_skipped_and_the_rest_serves(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("00[0-2]_*"))
    conn = await db.connect(tmp_path / "z.sqlite3")
    try:
        await ingest(conn, corpus)
        good = corpus / "raw" / "004_eab1bee5dfb038ec.txt"
        before = await conn.execute_fetchall("SELECT count(*) FROM passages")
        # A GBK file, an empty one, and a good file damaged in place.
        (corpus / "raw" / "new.txt").write_bytes("中文测试，这是一个文件。".encode("gbk"))
        (corpus / "raw" / "empty.md").write_bytes(b"  \n")
        good.write_bytes("中文".encode("gbk") * 50)
        report = await ingest(conn, corpus)
        assert dict(report.skipped).keys() == {"new.txt", "empty.md", good.name}
        assert dict(report.skipped)["empty.md"] == "empty file"
        assert "UTF-8" in dict(report.skipped)["new.txt"]
        assert not dict(report.skipped)["new.txt"].startswith("new.txt")
        # Nothing indexed is lost: the damaged file keeps its last good version.
        assert await conn.execute_fetchall("SELECT count(*) FROM passages") == before
        names = {r[0] for r in await conn.execute_fetchall("SELECT name FROM documents")}
        assert names == {"003_4f62d0ff6928acda.txt", good.name}
        assert skipped_files(await read_state(conn)) == report.skipped
    finally:
        await conn.close()


async def test_a_changed_catalog_entry_reingests_its_file_without_force(
    work: Work, jieba_cache: Path
) -> None:
    await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    catalog = work.corpus / "documents.toml"
    text = catalog.read_text(encoding="utf-8")
    old = next(
        line for line in text.splitlines() if line.startswith("title = ") and "云合影" in line
    )
    catalog.write_text(text.replace(old, 'title = "两张云合影"'), encoding="utf-8")
    report = await ingest(work.conn, work.corpus, cache_dir=jieba_cache)
    assert report.updated == [WEB]
    rows = await work.conn.execute_fetchall("SELECT title FROM documents WHERE name = ?", (WEB,))
    assert [r[0] for r in rows] == ["两张云合影"]
    assert (await ingest(work.conn, work.corpus, cache_dir=jieba_cache)).updated == []


async def test_an_open_library_follows_an_ingest_by_another_process(
    small_index: tuple[Path, Path], tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(small_index[0], corpus)
    path = tmp_path / "live.sqlite3"
    shutil.copyfile(small_index[1], path)
    library = await Library.open(path, corpus, cache_dir=jieba_cache)
    try:
        queries = ("兩張云合影", "習近平主席出席金磚國家工商論壇", "科技論文合著", "云外交")
        for query in queries:  # the rows and rankings these read are now cached
            assert (await library.search(query, 5)).hits
        # Another process (python -m bot ingest) inserts a paragraph early in 004, which
        # moves the positional ids of everything after it.
        _insert_after(corpus / "raw" / WEB, "6月22日至24日", "新增的一段，用来移动后面的段落编号。")
        other = await db.connect(path)
        try:
            assert (await ingest(other, corpus, cache_dir=jieba_cache)).updated == [WEB]
        finally:
            await other.close()
        # The running library notices before answering: every id it cites opens its text.
        for query in queries:
            for hit in (await library.search(query, 5)).hits:
                view = await library.passage(hit.passage_id)
                assert view is not None
                assert view.hit.text == hit.text
    finally:
        await library.close()


async def test_an_open_library_shows_a_title_changed_in_the_catalog_by_another_process(
    small_index: tuple[Path, Path], tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(small_index[0], corpus)
    path = tmp_path / "live.sqlite3"
    shutil.copyfile(small_index[1], path)
    library = await Library.open(path, corpus, cache_dir=jieba_cache)
    try:
        before = {h.title for h in (await library.search("云合影", 5)).hits}
        catalog = corpus / "documents.toml"
        text = catalog.read_text(encoding="utf-8")
        old = next(
            line for line in text.splitlines() if line.startswith("title = ") and "云合影" in line
        )
        catalog.write_text(text.replace(old, 'title = "两张云合影"'), encoding="utf-8")
        other = await db.connect(path)
        try:
            assert (await ingest(other, corpus, cache_dir=jieba_cache)).updated == [WEB]
        finally:
            await other.close()
        # The file's bytes did not change, but what its citations show did.
        assert {h.title for h in (await library.search("云合影", 5)).hits} == {"两张云合影"}
        assert before != {"两张云合影"}
        assert [d.title for d in await library.documents() if d.name == WEB] == ["两张云合影"]
    finally:
        await library.close()
