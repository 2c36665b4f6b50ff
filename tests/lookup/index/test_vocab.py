"""Ingest that adds documents touches only what they change, and ends where a rebuild would.

Adding documents to an index counts their rows into the stored token counts, and a quoted
term they bring into the segmentation dictionary re-segments only the passages holding it;
the index that results must equal one built from scratch on the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import aiosqlite

from bot.lookup.index import db, vocab
from bot.lookup.index.indexer import ingest

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
NEW = ROOT / "tests" / "data" / "new_documents"


def _grown(folder: Path) -> Path:
    """The seed corpus plus the new pages (files linked, not copied)."""
    (folder / "raw").mkdir(parents=True)
    for path in [*(CORPUS / "raw").iterdir(), *NEW.glob("*.txt")]:
        (folder / "raw" / path.name).symlink_to(path)
    for meta in ("aliases.toml", "synonyms.toml", "documents.toml"):
        (folder / meta).symlink_to(CORPUS / meta)
    return folder


async def _index(conn: aiosqlite.Connection) -> dict[str, Any]:
    async def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await conn.execute_fetchall(sql)]

    return {
        "fts": await rows(
            "SELECT p.pid, f.words, f.grams, f.title, f.section, p.head, p.byline"
            " FROM passages_fts f JOIN passages p ON p.id = f.rowid ORDER BY p.pid"
        ),
        "token_df": await rows("SELECT * FROM token_df ORDER BY token"),
        "vocab": await rows("SELECT * FROM vocab ORDER BY term"),
        "grams": await rows("SELECT * FROM grams ORDER BY gram"),
        "dictionary": await rows("SELECT value FROM corpus_state WHERE key = 'dictionary'"),
    }


async def test_new_documents_added_to_the_seed_index_give_the_index_a_rebuild_would(
    db_copy: Path, tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = _grown(tmp_path / "corpus")
    conn = await db.connect(db_copy)
    try:
        before = await _index(conn)
        report = await ingest(conn, corpus, cache_dir=jieba_cache)
        # The new pages bring quoted terms of their own into the dictionary.
        assert report.resegmented
        assert sorted(report.added) == sorted(p.name for p in NEW.glob("*.txt"))
        grown = await _index(conn)
        await vocab.rebuild(conn)
        assert await _index(conn) == grown
    finally:
        await conn.close()
    assert grown["dictionary"] != before["dictionary"]
    fresh_path = tmp_path / "fresh.sqlite3"
    fresh = await db.connect(fresh_path)
    try:
        await ingest(fresh, corpus, cache_dir=jieba_cache)
        assert await _index(fresh) == grown
    finally:
        await fresh.close()


async def test_a_document_without_new_terms_segments_nothing_else_again(
    db_copy: Path, tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("embeddings.npz"))
    shutil.copy(NEW / "xinhua_brics_finance_ministers.txt", corpus / "raw")
    conn = await db.connect(db_copy)
    try:
        before = await _index(conn)
        report = await ingest(conn, corpus, cache_dir=jieba_cache)
        after = await _index(conn)
    finally:
        await conn.close()
    assert not report.resegmented
    new = {row[0] for row in after["fts"]} - {row[0] for row in before["fts"]}
    assert len(new) > 10
    assert [row for row in after["fts"] if row[0] not in new] == before["fts"]
