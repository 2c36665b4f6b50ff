"""Near-duplicate questions form one gap: script-folded, typo-tolerant, semantic."""

from __future__ import annotations

import numpy as np

from bot.feedback.gaps import group
from bot.feedback.store import Entry
from bot.lookup.library import Library

SAME = ("金砖扩员什么时候", "金磚擴員是何時", "金砖扩圆什么时候")


def _entries(queries: list[str]) -> list[Entry]:
    return [Entry(i, -100, "search", q, "empty", float(i)) for i, q in enumerate(queries, 1)]


async def test_one_question_in_three_spellings_is_one_gap(library: Library) -> None:
    queries = [*SAME, "新开发银行给莱索托的贷款", SAME[0]]
    keys = {q: library.question_key(q) for q in queries}
    gaps = group(_entries(queries), keys)
    assert [(g.count, set(g.wordings)) for g in gaps] == [
        (4, set(SAME)),
        (1, {"新开发银行给莱索托的贷款"}),
    ]
    assert gaps[0].query == SAME[0]  # the commonest wording speaks for the gap
    assert gaps[0].ids == [1, 2, 3, 5]


def test_typos_join_but_another_topic_on_the_same_name_does_not() -> None:
    queries = ["金砖扩员", "金砖扩园", "金砖银行"]
    gaps = group(_entries(queries), {q: q for q in queries})
    assert sorted(sorted(g.wordings) for g in gaps) == [sorted(queries[:2]), ["金砖银行"]]


def test_close_vectors_join_questions_in_other_words() -> None:
    queries = ["金砖扩员", "BRICS enlargement", "气候变化"]
    vectors = {
        "金砖扩员": np.array([1.0, 0.0, 0.0], dtype=np.float32),
        "BRICS enlargement": np.array([0.97, 0.2, 0.0], dtype=np.float32),
        "气候变化": np.array([0.0, 0.0, 1.0], dtype=np.float32),
    }
    gaps = group(_entries(queries), {q: q for q in queries}, vectors)
    assert sorted(len(g.wordings) for g in gaps) == [1, 2]
    assert group(_entries(queries), {q: q for q in queries}) != gaps  # words alone: three
