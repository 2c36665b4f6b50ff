"""Every passage's vector in memory, and the cosine similarity of a question to them.

About 1,400 passages of 384 float32 values take 2 MB; one matrix-vector product scores them
all in about 0.1 ms, so no approximate index is needed. Question vectors are kept in a
bounded LRU cache, since paging and repeated questions ask again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

import aiosqlite
import numpy as np
import numpy.typing as npt
from cachetools import LRUCache

from bot.lookup.search.query import ParsedQuery
from bot.lookup.search.semantic.embed import encoder_key, from_blob, stored_vectors
from bot.lookup.search.semantic.encoder import Encoder, Vectors
from bot.lookup.search.semantic.shipped import ShippedVectors
from bot.lookup.text.script import to_simplified
from bot.lookup.text.segment import has_cjk

log = logging.getLogger(__name__)

_QUERY_CACHE = 1024  # question vectors kept (1.5 kB each)
_PASSAGES = "SELECT id, sha FROM passages ORDER BY id"


def query_text(parsed: ParsedQuery) -> str:
    """What the encoder reads for a question: its text in simplified script, with the
    corrections search made (金钻 -> 金砖), since that is the question being answered.

    A question in English also carries the Chinese name of each concept the alias and
    synonym tables give it (European Space Agency -> 欧空局): the small multilingual model
    matches English to the corpus's few English abstracts far more readily than to the
    Chinese text that answers.
    """
    text = to_simplified(parsed.cleaned if parsed.corrected is None else parsed.corrected)
    if not parsed.english:
        return text
    # Not the dictionary's words for its other English words: the first of them is often
    # a sense the question does not mean, and the model reads the English well enough.
    named = (c for c in parsed.concepts if not c.glossed)
    names = (next((f for f in c.forms if has_cjk(f)), "") for c in named)
    return " ".join([text, *(n for n in names if n)])


def topic_text(parsed: ParsedQuery) -> str:
    """What the encoder reads for the topic of a question: its concepts (by their Chinese
    name where they have one), without the words that frame it (大事记, 发展历程, timeline),
    so that 新开发银行 and 新开发银行的来龙去脉 are the same topic in meaning as they are
    in words."""
    names = (next((f for f in c.forms if has_cjk(f)), c.term) for c in parsed.concepts)
    return to_simplified(" ".join(dict.fromkeys(n for n in names if n)))


class QueryVectors:
    """Question vectors from one encoder, the recent ones kept (paging and repeated
    questions ask again). They outlive an index version: a question reads the same."""

    def __init__(self, encoder: Encoder, size: int = _QUERY_CACHE) -> None:
        self.encoder = encoder
        self._cache: LRUCache[str, Vectors] = LRUCache(size)

    def cached(self, text: str) -> Vectors | None:
        return self._cache.get(text)

    async def vector(self, text: str) -> Vectors:
        """The question's vector (encoded in a worker thread unless cached)."""
        vector = self._cache.get(text)
        if vector is None:
            vector = (await asyncio.to_thread(self.encoder.encode, [text], query=True))[0]
            self._cache[text] = vector
        return vector

    def clear(self) -> None:
        self._cache.clear()


class SemanticIndex:
    """The passage vectors of one index version, with the question vectors."""

    def __init__(self, queries: QueryVectors, ids: npt.NDArray[np.int64], matrix: Vectors) -> None:
        self.queries = queries
        self.ids = ids
        self.matrix = matrix
        self._rows = {int(i): row for row, i in enumerate(ids)}
        self._moments: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def similarities(self, vector: Vectors) -> dict[int, float]:
        """Cosine similarity of the question ``vector`` to every passage, by passage id."""
        scores = np.einsum("ij,j->i", self.matrix, vector)
        return dict(zip(self.ids.tolist(), scores.tolist(), strict=True))

    def standing(self, vector: Vectors, ids: list[int]) -> float | None:
        """How far the passage of ``ids`` most similar to the question stands above the
        corpus: the largest of their :meth:`deviations`.

        The small model's cosines are bunched (nearly every passage scores 0.8 to 0.9 on
        any question), so only a cosine's place among the corpus's says how close it is.
        None when no passage of ``ids`` has a vector.
        """
        return max(self.deviations(vector, ids).values(), default=None)

    def deviations(self, vector: Vectors, ids: Iterable[int]) -> dict[int, float]:
        """The similarity of each passage of ``ids`` to ``vector`` in standard deviations from
        the mean over all passages: how far it stands out, on a scale that does not depend
        on the query (ids without a vector are left out).

        The mean and spread over all passages come from the matrix's column means and
        covariance, kept once: a few hundred products per query, not one per passage.
        """
        if self._moments is None:
            matrix = self.matrix.astype(np.float64)
            self._moments = (matrix.mean(axis=0), np.cov(matrix, rowvar=False, bias=True))
        centre, spread = self._moments
        # einsum rather than ``@`` (see cosine): no BLAS threads for a small product.
        vector64 = vector.astype(np.float64)
        mean = float(np.einsum("i,i->", centre, vector64))
        variance = float(np.einsum("i,i->", np.einsum("ij,j->i", spread, vector64), vector64))
        deviation = float(np.sqrt(max(variance, 0.0))) or 1.0
        rows = [(i, self._rows[i]) for i in ids if i in self._rows]
        if not rows:
            return {}
        scores = np.einsum("ij,j->i", self.matrix[[row for _, row in rows]], vector)
        return {
            i: (float(score) - mean) / deviation for (i, _), score in zip(rows, scores, strict=True)
        }

    def cosine(self, vector: Vectors, ids: list[int], neighbours: int) -> dict[int, float]:
        """Cosine similarity of the question ``vector`` to the passages ``ids`` and to its
        ``neighbours`` most similar passages (ids without a vector are left out)."""
        # einsum rather than ``@``: the product is small, and numpy's BLAS would start its
        # threads for it, which spin; on a busy two-core machine that took 8 ms, not 0.1 ms.
        scores = np.einsum("ij,j->i", self.matrix, vector)
        out = {i: float(scores[self._rows[i]]) for i in ids if i in self._rows}
        if neighbours > 0 and len(scores):
            count = min(neighbours, len(scores))
            top = np.argpartition(-scores, count - 1)[:count]
            for row in top[np.argsort(-scores[top])]:
                out.setdefault(int(self.ids[row]), float(scores[row]))
        return out


async def load_index(
    conn: aiosqlite.Connection, queries: QueryVectors, shipped: ShippedVectors | None
) -> tuple[SemanticIndex | None, list[str]]:
    """The vector of every passage, from the shipped file or the database.

    Returns:
        The index, or None while some passage texts have no vector from the encoder (a
        partly embedded index would rank passages with and without one on different
        scales); and the hashes of those texts.
    """
    key = encoder_key(queries.encoder)
    passages = list(await conn.execute_fetchall(_PASSAGES))
    if not passages:
        return None, []
    shipped_rows = shipped.for_encoder(key) if shipped is not None else {}
    local: dict[str, bytes] = {}
    if any(sha not in shipped_rows for _, sha in passages):
        local = await stored_vectors(conn, key)
    missing = sorted({sha for _, sha in passages if sha not in shipped_rows and sha not in local})
    if missing:
        return None, missing
    ids = np.fromiter((pid for pid, _ in passages), dtype=np.int64, count=len(passages))
    if shipped is not None and shipped_rows:
        dim = shipped.matrix.shape[1]
    else:
        dim = len(from_blob(next(iter(local.values()))))
    matrix = np.empty((len(passages), dim), dtype=np.float32)
    if shipped is not None and shipped_rows:
        pairs = [(row, shipped_rows.get(sha, -1)) for row, (_, sha) in enumerate(passages)]
        rows = [row for row, source in pairs if source >= 0]
        matrix[rows] = shipped.matrix[[source for _, source in pairs if source >= 0]]
    for row, (_, sha) in enumerate(passages):
        if sha not in shipped_rows:
            vector = from_blob(local[sha])
            if len(vector) != dim:
                log.warning("stored passage vectors differ in length; search is lexical")
                return None, []
            matrix[row] = vector
    return SemanticIndex(queries, ids, matrix), []
