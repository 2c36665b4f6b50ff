"""A deterministic stand-in for an embedding model, for tests of what is done with vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.lookup.search.semantic.encoder import Vectors


class TopicEncoder:
    """Reads meaning from a table: one axis per group of words that mean the same.

    A text's vector counts the words of each group it holds, plus a small constant so that
    no vector is zero, scaled to unit length. It remembers every passage it was asked for.
    """

    name = "topics-v1"

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.groups = [tuple(g) for g in groups]
        self.passages: list[str] = []
        self.queries: list[str] = []

    def encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        (self.queries if query else self.passages).extend(texts)
        rows = []
        for text in texts:
            counts = [sum(text.count(w) for w in group) for group in self.groups]
            vector = np.array([*counts, 0.1], dtype=np.float32)
            rows.append(vector / np.linalg.norm(vector))
        return np.stack(rows) if rows else np.empty((0, len(self.groups) + 1), np.float32)
