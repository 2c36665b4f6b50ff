"""Shared fixtures: the real corpus indexed once per test session into a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.library import Library
from bot.state.db import StateDB
from bot.state.postgres import PostgresState
from bot.state.sqlite import SqliteState
from devtools.pgschema import throwaway_schema

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


# -- the state store, on both backends ---------------------------------------------------
#
# State tests take ``state_target`` (or ``state_db``) and run once on SQLite and once on
# PostgreSQL. The PostgreSQL half needs a server: ``.ci/run`` starts a throwaway one and sets
# ZHIKU_TEST_DATABASE_URL. Without it, CI fails those tests loudly; a developer's `make test`
# leaves them out and says so at the end of the run.

PG_URL_VAR = "ZHIKU_TEST_DATABASE_URL"
BACKENDS = ("sqlite", "postgres")


class StateTarget:
    """Where one test's state lives: a fresh SQLite file, or a fresh PostgreSQL schema."""

    def __init__(self, backend: str, path: Path, url: str | None) -> None:
        self.backend = backend
        self.path = path
        self.url = url

    async def open(self) -> StateDB:
        if self.url is not None:
            return await PostgresState.open(self.url)
        return await SqliteState.open(self.path)


def pg_base_url() -> str | None:
    return os.environ.get(PG_URL_VAR) or None


@pytest.fixture(params=BACKENDS)
async def state_target(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[StateTarget]:
    backend = str(request.param)
    if backend == "sqlite":
        yield StateTarget(backend, tmp_path / "state.sqlite3", None)
        return
    base = pg_base_url()
    if base is None:
        pytest.fail(f"{PG_URL_VAR} is not set: the PostgreSQL half of the state tests cannot run")
    async with throwaway_schema(base) as scoped:
        yield StateTarget(backend, tmp_path / "unused.sqlite3", scoped)


@pytest.fixture
async def state_db(state_target: StateTarget) -> AsyncIterator[StateDB]:
    db = await state_target.open()
    try:
        yield db
    finally:
        await db.close()


_LEFT_OUT: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server (and outside CI), leave the PostgreSQL half out, loudly."""
    if pg_base_url() is not None or os.environ.get("CI"):
        return
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        uses_pg = callspec is not None and callspec.params.get("state_target") == "postgres"
        (drop if uses_pg else keep).append(item)
    if drop:
        _LEFT_OUT.extend(item.nodeid for item in drop)
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LEFT_OUT:
        terminalreporter.write_line(
            f"NOT RUN: {len(_LEFT_OUT)} state tests on PostgreSQL ({PG_URL_VAR} is not set; "
            "`bash .ci/run` starts a throwaway server and runs them)",
            yellow=True,
            bold=True,
        )
