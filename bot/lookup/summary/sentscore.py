"""Sentence-level judgements for summaries: is it about the query, does it stand alone?

:class:`ConceptMatcher` measures how much of a query a text mentions, the way search does
(any form of a concept counts, concepts weighted by rarity), except that Latin and digit
forms must stand as whole tokens: the ``1`` of a stray ``alert(1)`` must not match every
year from 2010 to 2019. The other helpers rate a sentence as summary material.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lookup.search.query import Concept
from bot.lookup.search.searcher import folded_forms
from bot.lookup.summary.sentpool import Sentence
from bot.lookup.text import wordlists
from bot.lookup.text.segment import has_cjk

LEAD = 4  # a concept found within this many characters opens the sentence
# Openers that lean on the sentence before (so, however, this, secondly): out of context
# they read as non sequiturs, so such sentences are ranked lower, not excluded.
_DANGLING = tuple(sorted(wordlists.load("dangling_openers")))
# Sections and phrases where a document states its own gist (folded forms).
_GIST_SECTIONS = tuple(sorted(wordlists.load("gist_sections")))
_FACT = re.compile(r"\d{4}\s*年|\d+(?:\.\d+)?\s*(?:%|％|亿|万|个|次|家|所|名|项|届|批)")
_GIST_CUES = tuple(sorted(wordlists.load("thesis_markers")))


class ConceptMatcher:
    """Finds a query's concepts in folded text."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.forms = [(c.weight, _patterns(c)) for c in concepts]
        self.total = sum(w for w, _ in self.forms) or 1.0

    def cover(self, folded: str) -> float:
        """The share of the concepts' weight that ``folded`` mentions (0 to 1)."""
        found = sum(w for w, forms in self.forms if any(_has(folded, f) for f in forms))
        return found / self.total

    def leads(self, folded: str) -> bool:
        """Whether a concept opens the sentence: the sentence is about it, not aside it."""
        return any(0 <= _find(folded, f) <= LEAD for _, forms in self.forms for f in forms)


def _patterns(concept: Concept) -> list[str | re.Pattern[str]]:
    out: list[str | re.Pattern[str]] = []
    for form in folded_forms(concept):
        if not form:
            continue
        if has_cjk(form):
            out.append(form)
        else:
            out.append(re.compile(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])"))
    return out


def _has(folded: str, form: str | re.Pattern[str]) -> bool:
    return form in folded if isinstance(form, str) else form.search(folded) is not None


def _find(folded: str, form: str | re.Pattern[str]) -> int:
    if isinstance(form, str):
        return folded.find(form)
    found = form.search(folded)
    return found.start() if found else -1


def states_fact(text: str) -> bool:
    """Whether a sentence carries a dated or counted fact (a year, a figure with its unit)."""
    return _FACT.search(text) is not None


def form_factor(sentence: Sentence) -> float:
    """How well a sentence stands alone: short, very long or dangling ones rank lower."""
    n = len(sentence.text)
    factor = 0.8 if n < 25 else 1.0 - 0.4 * max(0, n - 120) / 180
    if sentence.folded.startswith(_DANGLING):
        factor *= 0.7
    return factor


def gist_bonus(sentence: Sentence, opening: set[int]) -> float:
    """Extra weight for where documents state their gist: intro, conclusion, "本文认为"."""
    bonus = 0.0
    if sentence.section.startswith(_GIST_SECTIONS):
        bonus += 0.2
    if sentence.passage in opening:
        bonus += 0.1
    if any(cue in sentence.folded[:15] for cue in _GIST_CUES):
        bonus += 0.3
    return bonus
