"""Shared fixtures: the real corpus indexed once per test session into a real SQLite file."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.library import Library

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session", autouse=True)
def _lexical_subprocesses() -> Iterator[None]:
    """``python -m bot`` started by a test searches lexically, the ranking its assertions
    were written for. The semantic path has its own tests (tests/lookup/search/semantic),
    on the shipped vectors of the corpus and on a small corpus embedded for real."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEMANTIC", "off")
        yield


async def _build(path: Path, cache_dir: Path) -> None:
    conn = await db.connect(path)
    try:
        await ingest(conn, CORPUS, cache_dir=cache_dir)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def jieba_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba")


@pytest.fixture(scope="session")
def indexed_db(tmp_path_factory: pytest.TempPathFactory, jieba_cache: Path) -> Path:
    """A database holding the whole seed corpus, built once; never modify it in a test."""
    path = tmp_path_factory.mktemp("index") / "zhiku.sqlite3"
    asyncio.run(_build(path, jieba_cache))
    return path


@pytest.fixture
def db_copy(indexed_db: Path, tmp_path: Path) -> Path:
    """A private copy of the indexed database that a test may change."""
    target = tmp_path / "zhiku.sqlite3"
    shutil.copyfile(indexed_db, target)
    return target


@pytest.fixture
async def library(indexed_db: Path, jieba_cache: Path) -> AsyncIterator[Library]:
    """The indexed corpus opened read-mostly (the index is already up to date)."""
    lib = await Library.open(indexed_db, CORPUS, update_index=False, cache_dir=jieba_cache)
    try:
        yield lib
    finally:
        await lib.close()
