"""Choosing summary sentences: centrality, then a diverse pick within a length budget.

Centrality is TextRank/LexRank over a similarity graph of the candidate sentences (weighted
cosine of character-bigram features); for a whole document, where the graph would be large,
similarity to the document's centroid stands in for it. The pick is maximal marginal
relevance: each step takes the sentence with the best score after a penalty for resembling
what is already chosen, skips near-duplicates outright (also across documents, which often
restate each other), and never exceeds the character budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.lookup.summary.sentpool import Sentence, SentencePool

DAMPING = 0.85
EDGE_MIN = 0.05  # similarities below this are noise (shared common bigrams)
DUPLICATE = 0.5  # cosine at or above which two sentences say the same thing
CONTAINED = 88  # rapidfuzz partial_ratio at which a short sentence repeats a longer one
MMR_LAMBDA = 0.7
BUDGET = 400  # four sentences, still short in a chat, with room for one with figures
MAX_SENTENCES = 4
MIN_SECOND = 40  # keep room for a second sentence after the first when one would fit


@dataclass(slots=True)
class Graph:
    """Pairwise similarities of a candidate list (symmetric, computed once)."""

    sims: list[list[float]]

    @classmethod
    def build(cls, pool: SentencePool, cands: Sequence[Sentence]) -> Graph:
        n = len(cands)
        sims = [[0.0] * n for _ in range(n)]
        for i in range(n):
            row = sims[i]
            for j in range(i + 1, n):
                s = pool.similarity(cands[i], cands[j])
                row[j] = s
                sims[j][i] = s
        return cls(sims)


def pagerank(graph: Graph, iterations: int = 30, tolerance: float = 1e-4) -> list[float]:
    """TextRank scores of the graph's nodes, scaled so the most central is 1."""
    n = len(graph.sims)
    if n == 0:
        return []
    edges = [[(j, s) for j, s in enumerate(row) if s >= EDGE_MIN] for row in graph.sims]
    out = [sum(s for _, s in e) for e in edges]
    rank = [1.0 / n] * n
    for _ in range(iterations):
        new = [
            (1 - DAMPING) / n + DAMPING * sum(s / out[j] * rank[j] for j, s in edges[i])
            for i in range(n)
        ]
        done = max(abs(a - b) for a, b in zip(new, rank, strict=True)) < tolerance
        rank = new
        if done:
            break
    top = max(rank) or 1.0
    return [r / top for r in rank]


def centroid_scores(pool: SentencePool, cands: Sequence[Sentence]) -> list[float]:
    """Cosine of each sentence with the centroid of all of them, scaled so the best is 1."""
    centre: dict[int, float] = {}
    for sentence in cands:
        for f in sentence.features:
            centre[f] = centre.get(f, 0.0) + math.sqrt(pool.weights[f]) / sentence.norm
    length = math.sqrt(sum(v * v for v in centre.values())) or 1.0
    scores = [
        sum(math.sqrt(pool.weights[f]) * centre[f] for f in s.features) / (s.norm * length)
        for s in cands
    ]
    top = max(scores, default=0.0) or 1.0
    return [s / top for s in scores]


def near_duplicate(a: Sentence, b: Sentence, similarity: float) -> bool:
    """Whether two sentences repeat each other (paraphrase, or one inside the other)."""
    if similarity >= DUPLICATE or a.folded == b.folded:
        return True
    short, long = sorted((a, b), key=lambda s: len(s.folded))
    # Containment needs most of the short sentence's bigrams in the long one; checking that
    # first spares the (costlier) alignment for almost every pair.
    if len(short.folded) < 10 or len(short.features & long.features) < 0.6 * len(short.features):
        return False
    return fuzz.partial_ratio(short.folded, long.folded) >= CONTAINED


def select(
    cands: Sequence[Sentence],
    scores: Sequence[float],
    similar: Callable[[int, int], float],
    *,
    budget: int = BUDGET,
    limit: int = MAX_SENTENCES,
    floor: float = 0.0,
) -> list[int]:
    """Pick up to ``limit`` diverse, high-scoring sentences within ``budget`` characters.

    Args:
        cands: The candidate sentences.
        scores: Their scores (higher is better), same order.
        similar: Similarity of candidates ``i`` and ``j``.
        budget: Total characters allowed.
        limit: Most sentences to take.
        floor: After two picks, stop when the best remaining score falls below this.

    Returns:
        Indexes into ``cands`` in the order they were picked.
    """
    chosen: list[int] = []
    rejected: set[int] = set()  # near-duplicates of a chosen sentence stay rejected
    used = 0
    shortest = min((len(s.text) for s in cands), default=0)
    while len(chosen) < limit:
        room = budget - used
        if not chosen and len(cands) > 1:
            room = max(room - max(MIN_SECOND, shortest), shortest)
        best, best_value = -1, -math.inf
        for i, sentence in enumerate(cands):
            if i in chosen or len(sentence.text) > room:
                continue
            if i in rejected:
                continue
            if any(near_duplicate(sentence, cands[j], similar(i, j)) for j in chosen[-1:]):
                rejected.add(i)
                continue
            overlap = max((similar(i, j) for j in chosen), default=0.0)
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * overlap
            if value > best_value:
                best, best_value = i, value
        if best < 0 or (len(chosen) >= 2 and scores[best] < floor):
            break
        chosen.append(best)
        used += len(cands[best].text)
    return chosen
