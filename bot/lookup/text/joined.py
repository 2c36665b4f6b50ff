"""Many short texts (sentences, headings) joined into one, so that a word or a pattern is
sought in all of them with one scan rather than one scan per text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SEPARATOR = "\x00"  # between the parts: in no text, so no word runs across two parts


@dataclass(frozen=True, slots=True)
class Joined:
    """The parts joined by :data:`SEPARATOR`, and where each starts."""

    text: str = ""
    starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, parts: Sequence[str]) -> Joined:
        starts, at = [], 0
        for part in parts:
            starts.append(at)
            at += len(part) + 1
        return cls(SEPARATOR.join(parts), tuple(starts))

    def part_at(self, offset: int) -> int:
        """The index of the part that ``offset`` of :attr:`text` falls in."""
        return bisect_right(self.starts, offset) - 1

    def holding(self, forms: Iterable[str]) -> set[int]:
        """The indexes of the parts that hold any of ``forms``."""
        found: set[int] = set()
        for form in forms:
            at = self.text.find(form) if form else -1
            while at >= 0:
                found.add(self.part_at(at))
                at = self.text.find(form, at + 1)
        return found
