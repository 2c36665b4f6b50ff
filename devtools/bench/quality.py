"""Search quality on the development query set, for Zhiku and for a bm25s + jieba baseline.

A returned passage is relevant when its text contains one of the query's evidence spans
after folding (simplified script, width, case) and dropping punctuation and spaces — the
same rule for both systems, over the same passages.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from bot.lookup.search.ranking_config import RankingConfig
from bot.lookup.search.searcher import Searcher
from bot.lookup.text.script import fold, to_simplified

_NOT_WORD = re.compile(r"[\W_]+")
Ranker = Callable[[str], Awaitable[list[str]]]  # query -> passage ids, best first


def strip(text: str) -> str:
    """Folded text without punctuation or spaces: what evidence matching compares."""
    return _NOT_WORD.sub("", fold(text))


@dataclass(slots=True)
class Query:
    id: str
    query: str
    kind: str
    evidence: list[str]


def load_queries(path: Path) -> list[Query]:
    """The questions the documents answer: retrieval is measured on those. A question of
    kind ``unanswerable`` has no evidence to find; the answer bench counts its abstentions
    (:mod:`devtools.bench.answers`)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            if d["kind"] != "unanswerable":
                out.append(Query(d["id"], d["query"], d["kind"], d["evidence"]))
    return out


async def passage_texts(library: Library) -> dict[str, str]:
    rows = await library.conn.execute_fetchall("SELECT pid, text FROM passages")
    return {pid: strip(text) for pid, text in rows}


def first_relevant(pids: Sequence[str], evidence: list[str], texts: dict[str, str]) -> int | None:
    """1-based rank of the first relevant passage among ``pids``, or None."""
    spans = [strip(e) for e in evidence]
    for rank, pid in enumerate(pids, 1):
        text = texts.get(pid, "")
        if any(span and span in text for span in spans):
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "n": float(len(ranks)),
        "recall@1": sum(1 for r in ranks if r == 1) / n,
        "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "mrr@10": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


async def evaluate(queries: list[Query], rank: Ranker, texts: dict[str, str]) -> dict[str, Any]:
    """Recall@1, Recall@5 and MRR@10 overall and per kind, plus the misses."""
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    overall: list[int | None] = []
    misses = []
    for q in queries:
        found = first_relevant(await rank(q.query), q.evidence, texts)
        by_kind[q.kind].append(found)
        overall.append(found)
        if found is None or found > 5:
            misses.append({"id": q.id, "kind": q.kind, "query": q.query, "rank": found})
    return {
        "overall": metrics(overall),
        "kinds": {k: metrics(v) for k, v in sorted(by_kind.items())},
        "misses": misses,
    }


def zhiku_ranker(library: Library, ranking: RankingConfig | None = None) -> Ranker:
    """Zhiku's ten best passages; with ``ranking``, ranked by those numbers instead.

    ``zhiku_ranker(library, RankingConfig(answer_bonus=0.0))`` measures one constant.
    """
    searcher = library.searcher
    if ranking is not None:
        searcher = Searcher(library.conn, library.searcher.parser, ranking, library.semantic)

    async def rank(query: str) -> list[str]:
        result = await searcher.search(query, 10)
        return [h.passage_id for h in result.hits]

    return rank


class Baseline:
    """bm25s over jieba tokens of the simplified passages: no aliases, no correction."""

    def __init__(self, pids: list[str], texts: list[str]) -> None:
        import bm25s
        import jieba

        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self.pids = pids
        self.index = bm25s.BM25()
        self.index.index([self.tokens(t) for t in texts], show_progress=False)

    def tokens(self, text: str) -> list[str]:
        words = self._jieba.lcut_for_search(to_simplified(text).lower())
        return [w for w in words if w.strip() and not _NOT_WORD.fullmatch(w)] or ["∅"]

    def ranker(self) -> Ranker:
        async def rank(query: str) -> list[str]:
            docs, _ = self.index.retrieve([self.tokens(query)], k=10, show_progress=False)
            return [self.pids[int(i)] for i in docs[0]]

        return rank


async def build_baseline(library: Library) -> Baseline:
    rows = await library.conn.execute_fetchall("SELECT pid, text FROM passages ORDER BY id")
    return Baseline([r[0] for r in rows], [r[1] for r in rows])
