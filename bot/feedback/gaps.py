"""Near-duplicate questions grouped into gaps: the same question asked in other words.

Two questions are one gap when any of these holds:

- **Script-folded and parsed** they ask for the same things: each is reduced to its key
  (:meth:`bot.lookup.library.Library.question_key`: simplified with OpenCC, the corrections
  search makes, question words dropped), so 金磚擴員是何時 and 金砖扩员什么时候 meet.
- **Typo-tolerant**: their keys are close (rapidfuzz's normalised Indel ratio at least
  :data:`FUZZY_MIN`), or read the same in pinyin (金砖扩圆 and 金砖扩员).
- **Semantic**, where the layer is on: their vectors' cosine is at least
  :data:`COSINE_MIN`.

Pairs are joined transitively (union-find). A report holds a week of rows, a few hundred at
most, so comparing every pair of distinct keys is cheap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from bot.feedback.store import Entry
from bot.lookup.text.pinyin_key import pinyin_key

# Tuned so that a one-character slip in a short key still joins (金砖扩员 / 金砖扩园 is 75)
# while two different topics sharing a name do not (金砖扩员 / 金砖银行 is 50).
FUZZY_MIN = 75.0
# High on purpose: multilingual-e5 scores any two questions on one topic well above 0.8, and
# joining two different questions hides one of them from the moderators.
COSINE_MIN = 0.92


@dataclass(slots=True)
class Gap:
    """Questions the bot did not answer well, grouped; ``query`` is the commonest wording."""

    query: str
    count: int
    ids: list[int]
    wordings: list[str]
    reasons: dict[str, int]
    chats: list[int]
    last_at: float
    best: tuple[str, str] | None = field(default=None)  # (pid, title) of today's best hit

    @property
    def first_id(self) -> int:
        """The row a button names for the whole gap."""
        return self.ids[0]


def group(
    entries: Sequence[Entry],
    keys: dict[str, str],
    vectors: dict[str, npt.NDArray[np.float32]] | None = None,
) -> list[Gap]:
    """Group log rows into gaps, most asked first.

    Args:
        entries: Rows of the unanswered log.
        keys: Each distinct query's key (what it asks for).
        vectors: Each distinct key's vector, when the semantic layer is on.
    """
    distinct = sorted({keys[e.query] for e in entries})
    parent = list(range(len(distinct)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _similar_pairs(distinct, vectors):
        parent[root(i)] = root(j)
    index = {key: i for i, key in enumerate(distinct)}
    members: dict[int, list[Entry]] = {}
    for entry in entries:
        members.setdefault(root(index[keys[entry.query]]), []).append(entry)
    gaps = [_gap(rows) for rows in members.values()]
    return sorted(gaps, key=lambda g: (-g.count, -g.last_at))


def _similar_pairs(
    keys: list[str], vectors: dict[str, npt.NDArray[np.float32]] | None
) -> list[tuple[int, int]]:
    spoken = [pinyin_key(k) for k in keys]
    pairs = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if _similar(keys[i], keys[j], spoken[i], spoken[j], vectors):
                pairs.append((i, j))
    return pairs


def _similar(
    a: str, b: str, spoken_a: str, spoken_b: str, vectors: dict[str, npt.NDArray[np.float32]] | None
) -> bool:
    if spoken_a and spoken_a == spoken_b:
        return True
    if fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= FUZZY_MIN:
        return True
    if vectors is None or a not in vectors or b not in vectors:
        return False
    return cosine(vectors[a], vectors[b]) >= COSINE_MIN


def cosine(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / norm if norm else 0.0


def _gap(rows: list[Entry]) -> Gap:
    wordings = Counter(e.query for e in rows)
    reasons: Counter[str] = Counter(e.reason for e in rows)
    return Gap(
        query=wordings.most_common(1)[0][0],
        count=len(rows),
        ids=sorted(e.id for e in rows),
        wordings=[w for w, _ in wordings.most_common()],
        reasons=dict(reasons),
        chats=sorted({e.chat_id for e in rows}),
        last_at=max(e.at for e in rows),
    )
