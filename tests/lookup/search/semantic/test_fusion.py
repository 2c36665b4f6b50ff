"""Min-max fusion of lexical scores and cosine similarity, on numbers worked out by hand."""

from __future__ import annotations

import pytest

from bot.lookup.search.semantic.fusion import fuse


def _ids(fused: list[tuple[int, float]]) -> list[int]:
    return [i for i, _ in fused]


def test_no_weight_keeps_the_lexical_order() -> None:
    lexical = [(1, 9.0), (2, 5.0), (3, 1.0)]
    cosine = {1: 0.1, 2: 0.9, 3: 0.5}
    assert _ids(fuse(lexical, cosine, 0.0)) == [1, 2, 3]


def test_scores_are_scaled_then_weighed() -> None:
    # lexical scaled: 1 -> 1.0, 2 -> 0.5, 3 -> 0.0; cosine scaled: 1 -> 0.0, 2 -> 1.0, 3 -> 0.5
    fused = dict(fuse([(1, 9.0), (2, 5.0), (3, 1.0)], {1: 0.2, 2: 0.8, 3: 0.5}, 0.4))
    assert fused == pytest.approx({1: 0.6, 2: 0.7, 3: 0.2})


def test_a_passage_close_in_meaning_overtakes_a_slightly_better_word_match() -> None:
    lexical = [(1, 10.0), (2, 9.5), (3, 2.0)]
    cosine = {1: 0.70, 2: 0.90, 3: 0.71}
    assert _ids(fuse(lexical, cosine, 0.35)) == [2, 1, 3]


def test_a_weak_word_match_is_not_lifted_past_strong_ones_by_meaning_alone() -> None:
    lexical = [(1, 10.0), (2, 9.0), (3, 1.0)]
    cosine = {1: 0.70, 2: 0.72, 3: 0.95}
    assert _ids(fuse(lexical, cosine, 0.35)) == [1, 2, 3]


def test_a_neighbour_only_the_embedding_found_joins_with_no_lexical_share() -> None:
    fused = dict(fuse([(1, 4.0), (2, 2.0)], {1: 0.5, 2: 0.6, 7: 0.9}, 0.3))
    assert fused[7] == pytest.approx(0.3)  # lexical 0, cosine the highest
    assert fused[1] == pytest.approx(0.7)  # lexical the highest, cosine the lowest
    assert fused[2] == pytest.approx(0.3 * 0.25)


def test_equal_scores_scale_to_one_and_ties_keep_the_lexical_order() -> None:
    assert fuse([(4, 2.0), (5, 2.0)], {4: 0.3, 5: 0.3}, 0.5) == [(4, 1.0), (5, 1.0)]


def test_a_candidate_without_a_vector_counts_as_the_least_similar() -> None:
    fused = dict(fuse([(1, 3.0), (2, 2.0), (3, 1.0)], {2: 0.9, 3: 0.5}, 0.5))
    assert fused == pytest.approx({1: 0.5, 2: 0.75, 3: 0.0})


def test_nothing_in_nothing_out() -> None:
    assert fuse([], {}, 0.3) == []
