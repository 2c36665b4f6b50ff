"""The ranking's numbers: documented, checked, and the ones a Searcher actually ranks by."""

from __future__ import annotations

import inspect
import re
from dataclasses import fields

import pytest

from bot.lookup.library import Library
from bot.lookup.search import ranking_config
from bot.lookup.search.ranking_config import DEFAULT_RANKING, RankingConfig
from bot.lookup.search.searcher import Searcher


def test_every_number_says_what_it_does_and_its_unit() -> None:
    lines = inspect.getsource(ranking_config).splitlines()
    for field in fields(RankingConfig):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"    {field.name}: "))
        doc = lines[at - 1].strip()
        assert re.fullmatch(r"#: \S.+ \([^()]+\)\.", doc), f"{field.name}: {doc!r}"


@pytest.mark.parametrize(
    "bad",
    [
        {"candidates": 0},
        {"match_budget": 0},
        {"opening_passages": 0},
        {"answer_window": -1},
        {"common_share": 1.5},
        {"part_credit": -0.1},
        {"bm25_weights": (1.0, 0.7)},
    ],
)
def test_numbers_that_cannot_rank_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="RankingConfig"):
        RankingConfig(**bad)  # type: ignore[arg-type]


async def test_the_library_ranks_by_the_defaults(library: Library) -> None:
    assert library.searcher.ranking == DEFAULT_RANKING
    assert library.searcher.parser.ranking == DEFAULT_RANKING


async def test_a_searcher_ranks_by_its_own_numbers(library: Library) -> None:
    few = Searcher(library.conn, library.searcher.parser, RankingConfig(candidates=3))
    assert len((await library.search("金砖", 10)).hits) == 10
    assert len((await few.search("金砖", 10)).hits) == 3


async def test_its_parser_weighs_concepts_by_the_same_numbers(library: Library) -> None:
    heavy = Searcher(library.conn, library.searcher.parser, RankingConfig(latin_weight=5.0))
    [concept] = heavy.parser.parse("zyxwv").concepts
    assert concept.weight == 5.0
    # The library's own parser keeps the defaults.
    [default] = library.searcher.parser.parse("zyxwv").concepts
    assert default.weight == DEFAULT_RANKING.latin_weight
