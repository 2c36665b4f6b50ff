"""The passage vectors shipped with the corpus: ``corpus/embeddings.npz``, a build artefact.

Embedding every passage of the corpus takes minutes on a small machine, and the vectors
depend only on the passage text and the model. So they are computed once, by
``python -m bot embed`` (``make embed``), and committed beside the corpus: a fresh checkout
starts with semantic search on and embeds nothing. Only passages whose text is not in the
file (a document added or edited since) are embedded where the bot runs, in the background
(:mod:`bot.lookup.search.semantic.embed`), and kept in the database.

The file is a NumPy ``.npz`` archive of three arrays:

- ``encoder``: the key the vectors were made with (model, version, how a passage is read;
  :func:`bot.lookup.search.semantic.embed.encoder_key`). A file from another encoder is
  ignored, never mixed with this one's vectors.
- ``sha``: the hash of each passage text (``passages.sha``, ASCII), sorted.
- ``vectors``: one unit vector per hash, float16: half the size of float32, and the
  development figures were the same to the third decimal with either (three of 178 top-ten
  lists differ in order).
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.lookup.search.semantic.encoder import Vectors

log = logging.getLogger(__name__)

#: The file's name in the corpus folder.
FILE_NAME = "embeddings.npz"

Half = npt.NDArray[np.float16]


@dataclass(frozen=True, slots=True)
class ShippedVectors:
    """The vectors of one artefact file, by passage text hash."""

    encoder: str
    rows: dict[str, int]  # sha -> row of ``matrix``
    matrix: Half

    def __len__(self) -> int:
        return len(self.rows)

    def for_encoder(self, key: str) -> dict[str, int]:
        """The rows by hash if the file was made by ``key``, else none."""
        return self.rows if key == self.encoder else {}


def read_shipped(path: Path) -> ShippedVectors | None:
    """The artefact at ``path``, or None when there is none or it cannot be read (logged)."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            encoder = str(data["encoder"])
            shas = data["sha"]
            matrix = np.asarray(data["vectors"], dtype=np.float16)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("ignoring %s, which cannot be read: %s", path, exc)
        return None
    if matrix.ndim != 2 or len(shas) != len(matrix):
        log.warning("ignoring %s: %d hashes for %s vectors", path, len(shas), matrix.shape)
        return None
    rows = {sha.decode("ascii"): row for row, sha in enumerate(shas.tolist())}
    return ShippedVectors(encoder, rows, matrix)


def write_shipped(path: Path, encoder: str, vectors: Mapping[str, Vectors]) -> bool:
    """Write ``vectors`` (by hash) as the artefact; False, and nothing written, when the file
    already holds exactly these, so that regenerating an unchanged corpus changes no file."""
    shas = sorted(vectors)
    matrix = (
        np.stack([vectors[s] for s in shas]).astype(np.float16)
        if shas
        else np.empty((0, 0), np.float16)
    )
    old = read_shipped(path)
    if (
        old is not None
        and old.encoder == encoder
        and sorted(old.rows) == shas
        and np.array_equal(old.matrix[[old.rows[s] for s in shas]], matrix)
    ):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as out:
        np.savez_compressed(
            out,
            encoder=np.array(encoder),
            sha=np.array([s.encode("ascii") for s in shas], dtype="S"),
            vectors=matrix,
        )
    partial.replace(path)
    return True
