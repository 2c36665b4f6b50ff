"""Passage ids that last: a re-ingested document keeps the ids of its unchanged passages.

A document's first ingest numbers its passages in reading order (``d2.a6.p41``, ``d1.n7``;
see :mod:`bot.lookup.index.passages`). When its file changes, the new passages are aligned
with the old ones by kind and text: a passage whose text is unchanged keeps its id wherever
it now stands, so a paragraph inserted or removed elsewhere moves no citation. A new or
edited passage takes its reading-order id if that id was never given out in the document,
else the next number never used there. The ids an edit retires become aliases pointing at
the passage now in their place, so an id once shown in a chat or cited by a card still
opens something and can say that it changed.

A first ingest (and a rebuild from scratch) gives reading-order ids, so the seed corpus's ids
are the same whichever way its index was built.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from bot.lookup.index.passages import PassageRecord, text_sha

EDITED = "edited"
REMOVED = "removed"
_PARTS = re.compile(r"^(.*)\.([pn])(\d+)$")


@dataclass(frozen=True, slots=True)
class OldPassage:
    """A passage of the document's previous version, as stored."""

    pid: str
    kind: str
    text: str  # "" when only its hash is known (:mod:`bot.lookup.index.idlock`)
    sha: str = ""  # ``passages.sha``, what the new version is compared by ("": of ``text``)

    @property
    def digest(self) -> str:
        return self.sha or text_sha(self.text)


@dataclass(frozen=True, slots=True)
class Alias:
    """A retired id and the passage now standing where it stood."""

    old_pid: str
    new_pid: str
    change: str  # edited | removed
    old_text: str


def _parts(pid: str) -> tuple[str, str, int]:
    match = _PARTS.match(pid)
    if match is None:
        raise ValueError(f"not a passage id: {pid}")
    return match.group(1), match.group(2), int(match.group(3))


class _Numbers:
    """The ids a document has ever given out, and fresh ones after the highest."""

    def __init__(self, issued: Iterable[str]) -> None:
        self.issued = set(issued)
        self.highest: defaultdict[tuple[str, str], int] = defaultdict(int)
        for pid in self.issued:
            prefix, letter, number = _parts(pid)
            self.highest[prefix, letter] = max(self.highest[prefix, letter], number)

    def fresh(self, positional: str) -> str:
        """``positional`` if it was never given out, else the next unused number."""
        prefix, letter, _ = _parts(positional)
        if positional in self.issued:
            positional = f"{prefix}.{letter}{self.highest[prefix, letter] + 1}"
        self.issued.add(positional)
        number = _parts(positional)[2]
        self.highest[prefix, letter] = max(self.highest[prefix, letter], number)
        return positional


def keep_ids(
    old: list[OldPassage], new: list[PassageRecord], retired: Iterable[str] = ()
) -> list[Alias]:
    """Give ``new`` (in place) the ids of its unchanged passages in ``old``.

    Args:
        old: The document's passages as stored, in reading order.
        new: The records of its new version, numbered in reading order
            (:func:`bot.lookup.index.passages.build_passages`); their ids, footnote
            references and anchors are rewritten.
        retired: Ids the document gave out before and retired (its aliases), never reused.

    Returns:
        An alias for each old id no new passage keeps, pointing at the passage in its place.
    """
    if not old or not new:
        return []
    before = [(p.kind, p.digest) for p in old]
    after = [(r.kind, r.sha) for r in new]
    kept: dict[int, str] = {}
    unmatched_old: list[int] = []
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, _j2 in opcodes:
        if tag == "equal":
            kept.update((j1 + k, old[i1 + k].pid) for k in range(i2 - i1))
        else:
            unmatched_old.extend(range(i1, i2))
    # A passage moved elsewhere in the document keeps its id too.
    moved: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for i in unmatched_old:
        moved[before[i]].append(i)
    reused: set[int] = set()
    for j, key in enumerate(after):
        if j not in kept and moved.get(key):
            i = moved[key].pop(0)
            kept[j] = old[i].pid
            reused.add(i)
    numbers = _Numbers([p.pid for p in old] + list(retired))
    renamed = {r.pid: kept.get(j) or numbers.fresh(r.pid) for j, r in enumerate(new)}
    _rename(new, renamed)
    return _aliases(old, new, opcodes, reused)


def _rename(records: list[PassageRecord], renamed: dict[str, str]) -> None:
    for record in records:
        record.pid = renamed[record.pid]
        record.refs = [(at, mark, renamed.get(t, t) if t else t) for at, mark, t in record.refs]
        if record.anchor is not None:
            record.anchor = renamed.get(record.anchor, record.anchor)


def _aliases(
    old: list[OldPassage],
    new: list[PassageRecord],
    opcodes: Sequence[tuple[str, int, int, int, int]],
    reused: set[int],
) -> list[Alias]:
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        for k, i in enumerate(range(i1, i2)):
            if tag == "equal" or i in reused:
                continue
            if tag == "replace":
                target, change = new[j1 + min(k, j2 - j1 - 1)], EDITED
            else:  # deleted: the passage that now follows it (or the last one)
                target, change = new[min(j1, len(new) - 1)], REMOVED
            out.append(Alias(old[i].pid, target.pid, change, old[i].text))
    return out
