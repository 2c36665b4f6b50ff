"""Mixing the cosine similarity of passages into the lexical order: min-max fusion.

Each score is scaled to 0..1 over the candidates (lexical over the passages lexical search
found, cosine over every candidate), and the fused score is their weighted sum. Measured on
the development questions against the alternatives: reciprocal rank fusion and re-ranking by
cosine alone gave up first places the lexical order had right; a small cosine weight on
scaled scores keeps them and lifts paraphrases whose words differ from the passage's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def _scaled(values: Sequence[float]) -> list[float]:
    low, high = min(values), max(values)
    if high <= low:
        return [1.0] * len(values)
    return [(v - low) / (high - low) for v in values]


def fuse(
    lexical: Sequence[tuple[int, float]], cosine: Mapping[int, float], weight: float
) -> list[tuple[int, float]]:
    """Candidates ordered by ``(1 - weight) * lexical + weight * cosine``, both scaled to 0..1.

    Args:
        lexical: ``(id, score)`` of the passages lexical search found (higher is better).
        cosine: Cosine similarity to the query of every candidate: those of ``lexical`` and
            any the embedding alone found (their lexical share is 0). Ids without one are
            scored as the least similar candidate.
        weight: The cosine's share, 0 to 1.

    Returns:
        ``(id, fused score)`` of every candidate, best first; ties keep the lexical order,
        then the order of ``cosine``.
    """
    ids = list(dict.fromkeys([i for i, _ in lexical] + list(cosine)))
    if not ids:
        return []
    found = {}
    if lexical:
        found = dict(zip([i for i, _ in lexical], _scaled([s for _, s in lexical]), strict=True))
    floor = min(cosine.values(), default=0.0)
    dense = dict(zip(ids, _scaled([cosine.get(i, floor) for i in ids]), strict=True))
    fused = [(i, (1.0 - weight) * found.get(i, 0.0) + weight * dense[i]) for i in ids]
    order = sorted(range(len(ids)), key=lambda k: -fused[k][1])
    return [fused[k] for k in order]
