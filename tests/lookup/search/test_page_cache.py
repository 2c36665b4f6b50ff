"""Paging reuses the ranking of a recent query; the least recently paged one is forgotten."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.lookup.library import Library
from bot.lookup.search import searcher as searcher_module
from bot.lookup.search.searcher import Searcher
from tests.lookup.tracing import statements


@pytest.fixture
async def rankings(library: Library) -> AsyncIterator[list[str]]:
    """The full-text queries (one per ranking) the library's connection runs from now on."""
    async with statements(library.conn, "passages_fts MATCH") as seen:
        yield seen


async def test_next_pages_reuse_the_ranking_until_it_is_evicted(
    library: Library, rankings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searcher_module, "_PAGE_CACHE", 2)
    searcher = Searcher(library.conn, library.searcher.parser)
    first = await searcher.search("新开发银行", 3)
    await searcher.search("喀山宣言", 3)
    assert len(rankings) == 2
    second = await searcher.search("新开发银行", 3, offset=3)  # reused, and now most recent
    assert len(rankings) == 2
    assert {h.passage_id for h in first.hits}.isdisjoint(h.passage_id for h in second.hits)
    await searcher.search("金砖扩员", 3)  # a third query evicts 喀山宣言
    await searcher.search("新开发银行", 3, offset=6)
    assert len(rankings) == 3
    await searcher.search("喀山宣言", 3, offset=3)
    assert len(rankings) == 4
    await searcher.search("新开发银行", 3)  # a first page always ranks afresh
    assert len(rankings) == 5
