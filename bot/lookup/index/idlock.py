"""The passage ids the corpus has given out, shipped beside it: ``corpus/passage_ids.json``.

An index that is updated in place keeps its ids across edits (:mod:`bot.lookup.index.stableids`
aligns a changed document with its stored passages). A host whose disk does not survive a
restart builds its index from scratch at every start, with nothing stored to align with, and
a from-scratch build numbers passages in reading order: after an edit, every citation below
it in the document would open another paragraph. So the ids are shipped with the corpus,
like its vectors: ``python -m bot ingest`` writes this file whenever the ids it gave out
change, the maintainer commits it with the documents, and any build, from scratch or not,
aligns a document it does not hold yet with the file's record of it. A test holds the file
to the corpus, so it cannot fall behind unnoticed.

For each file name the record keeps the document key, the passages in reading order as
``[pid, kind, text hash]`` (the hash is ``passages.sha``: the file stays small and holds no
corpus text), and the ids retired by earlier edits as ``[old, new, change, old text]``, so
that the history an index kept survives its rebuild.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.lookup.index.retired import Retired
from bot.lookup.index.stableids import OldPassage

log = logging.getLogger(__name__)

#: The file's name in the corpus folder.
FILE_NAME = "passage_ids.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class LockedDocument:
    """What the file records of one document."""

    key: str
    passages: list[OldPassage]  # text unknown (""), the hash known
    retired: list[Retired]


Lock = dict[str, LockedDocument]  # by file name


def read_lock(corpus_dir: Path) -> Lock:
    """The record in ``corpus_dir``; empty when there is none or it cannot be read (logged)."""
    path = corpus_dir / FILE_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        return {
            name: LockedDocument(
                str(doc["key"]),
                [OldPassage(str(p), str(k), "", str(s)) for p, k, s in doc["passages"]],
                [Retired(str(o), str(n), str(c), str(t)) for o, n, c, t in doc["retired"]],
            )
            for name, doc in data["documents"].items()
        }
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        log.warning("ingest: %s cannot be read (%s); ids are given in reading order", path, exc)
        return {}


async def current_lock(conn: aiosqlite.Connection) -> str:
    """The record of the index in ``conn``, as the file holds it (stable text, sorted)."""
    blocks = []
    async with conn.execute("SELECT id, name, key FROM documents ORDER BY name") as cur:
        rows = [tuple(r) async for r in cur]
    for doc_id, name, key in rows:
        passages = await conn.execute_fetchall(
            "SELECT pid, kind, sha FROM passages WHERE doc_id = ? ORDER BY seq", (doc_id,)
        )
        retired = await conn.execute_fetchall(
            "SELECT old_pid, new_pid, change, old_text FROM passage_aliases WHERE doc_key = ?"
            " ORDER BY old_pid",
            (key,),
        )
        # One passage a line, so that a commit's diff shows which ids an edit touched.
        head = f'{_dump(str(name))}: {{"key": {_dump(str(key))},'
        olds, pids = _rows(retired), _rows(passages)
        blocks.append(f'{head}\n"retired": {olds},\n"passages": {pids}}}')
    body = ",\n".join(blocks)
    return f'{{"format": {FORMAT}, "documents": {{\n{body}\n}}}}\n'


def _rows(rows: Iterable[Iterable[object]]) -> str:
    lines = [f"  {_dump([str(v) for v in row])}" for row in rows]
    return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_lock(corpus_dir: Path, text: str) -> bool:
    """Write ``text`` as the record in ``corpus_dir`` if it differs; whether it was written.

    A folder that cannot be written (a read-only deploy) is logged, never fatal: the index
    itself is fine, only the record for the next build from scratch is not updated.
    """
    path = corpus_dir / FILE_NAME
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return False
        path.write_text(text, encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("ingest: could not write %s (%s)", path, exc)
        return False
    return True
