"""The passage-row cache: reads only what it lacks, keeps the most recently used rows."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.lookup.index.rowcache import RowCache
from bot.lookup.library import Library
from tests.lookup.tracing import statements


@pytest.fixture
async def reads(library: Library) -> AsyncIterator[list[str]]:
    """The passage-row queries the library's connection runs from now on."""
    async with statements(library.conn, "FROM passages p") as seen:
        yield seen


async def _ids(library: Library, n: int) -> list[int]:
    rows = await library.conn.execute_fetchall("SELECT id FROM passages ORDER BY id LIMIT ?", (n,))
    return [row[0] for row in rows]


async def test_only_missing_rows_are_read(library: Library, reads: list[str]) -> None:
    a, b, c = await _ids(library, 3)
    cache = RowCache(library.conn, size=3)
    first = await cache.get([a, b, a])
    assert set(first) == {a, b}
    assert first[a].pid.startswith("d")
    assert len(reads) == 1
    assert set(await cache.get([b, a])) == {a, b}
    assert len(reads) == 1  # both were cached
    assert set(await cache.get([c, b, -1])) == {b, c}  # an unknown id is left out
    assert len(reads) == 2


async def test_the_least_recently_used_row_is_evicted(library: Library, reads: list[str]) -> None:
    a, b, c, d = await _ids(library, 4)
    cache = RowCache(library.conn, size=3)
    await cache.get([a, b, c])
    await cache.get([a])  # a is now more recent than b and c
    await cache.get([d])  # evicts b, the least recently used
    assert len(reads) == 2
    await cache.get([a, c, d])
    assert len(reads) == 2
    await cache.get([b])
    assert len(reads) == 3


async def test_a_request_larger_than_the_cache_still_gets_every_row(library: Library) -> None:
    ids = await _ids(library, 5)
    cache = RowCache(library.conn, size=2)
    assert set(await cache.get(ids)) == set(ids)
    assert set(await cache.get(ids)) == set(ids)
