"""Every passage's vector in memory, and the cosine similarity of a question to them.

About 1,400 passages of 384 float32 values take 2 MB; one matrix-vector product scores them
all in about 0.1 ms, so no approximate index is needed. Question vectors are kept in a
bounded LRU cache, since paging and repeated questions ask again.
"""

from __future__ import annotations

import asyncio
import logging

import aiosqlite
import numpy as np
import numpy.typing as npt
from cachetools import LRUCache

from bot.lookup.search.query import ParsedQuery
from bot.lookup.search.semantic.embed import encoder_key
from bot.lookup.search.semantic.encoder import Encoder, Vectors
from bot.lookup.text.script import to_simplified
from bot.lookup.text.segment import has_cjk

log = logging.getLogger(__name__)

_QUERY_CACHE = 1024  # question vectors kept (1.5 kB each)
_VECTORS = """
SELECT p.id, v.vector FROM passages p
LEFT JOIN passage_vectors v ON v.encoder = ? AND v.sha = p.sha
ORDER BY p.id
"""


def query_text(parsed: ParsedQuery) -> str:
    """What the encoder reads for a question: its text in simplified script.

    A question in English also carries the Chinese name of each concept the alias and
    synonym tables give it (European Space Agency -> 欧空局): the small multilingual model
    matches English to the corpus's few English abstracts far more readily than to the
    Chinese text that answers.
    """
    text = to_simplified(parsed.cleaned)
    if not parsed.english:
        return text
    names = (next((f for f in c.forms if has_cjk(f)), "") for c in parsed.concepts)
    return " ".join([text, *(n for n in names if n)])


class SemanticIndex:
    """The passage vectors of one index version, with the encoder for questions."""

    def __init__(self, encoder: Encoder, ids: npt.NDArray[np.int64], matrix: Vectors) -> None:
        self.encoder = encoder
        self.ids = ids
        self.matrix = matrix
        self._rows = {int(i): row for row, i in enumerate(ids)}
        self._queries: LRUCache[str, Vectors] = LRUCache(_QUERY_CACHE)

    def __len__(self) -> int:
        return len(self.ids)

    async def query_vector(self, text: str) -> Vectors:
        """The question's vector (encoded in a worker thread unless cached)."""
        vector = self._queries.get(text)
        if vector is None:
            vector = (await asyncio.to_thread(self.encoder.encode, [text], query=True))[0]
            self._queries[text] = vector
        return vector

    async def cosine(self, text: str, ids: list[int], neighbours: int) -> dict[int, float]:
        """Cosine similarity of ``text`` to the passages ``ids`` and to its ``neighbours``
        most similar passages (ids without a vector are left out)."""
        # einsum rather than ``@``: the product is small, and numpy's BLAS would start its
        # threads for it, which spin; on a busy two-core machine that took 8 ms, not 0.1 ms.
        scores = np.einsum("ij,j->i", self.matrix, await self.query_vector(text))
        out = {i: float(scores[self._rows[i]]) for i in ids if i in self._rows}
        if neighbours > 0 and len(scores):
            count = min(neighbours, len(scores))
            top = np.argpartition(-scores, count - 1)[:count]
            for row in top[np.argsort(-scores[top])]:
                out.setdefault(int(self.ids[row]), float(scores[row]))
        return out


async def load_index(conn: aiosqlite.Connection, encoder: Encoder) -> SemanticIndex | None:
    """The vectors of every passage, or None (logged) when some have none from ``encoder``.

    A partly embedded index would rank passages with and without a vector on different
    scales, so search stays lexical until an ingest has embedded them all.
    """
    rows = list(await conn.execute_fetchall(_VECTORS, (encoder_key(encoder),)))
    missing = sum(1 for _, blob in rows if blob is None)
    if missing or not rows:
        if missing:
            log.info(
                "%d of %d passages have no vector yet; search is lexical until an ingest "
                "embeds them (python -m bot ingest)",
                missing,
                len(rows),
            )
        return None
    if len({len(blob) for _, blob in rows}) != 1:
        log.warning("stored passage vectors differ in length; search is lexical")
        return None
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    flat = np.frombuffer(b"".join(row[1] for row in rows), dtype="<f4")
    return SemanticIndex(encoder, ids, flat.reshape(len(rows), -1).astype(np.float32))
