"""Sentence-level judgements for summaries: is it about the query, does it stand alone,
does it carry facts?

:class:`ConceptMatcher` measures how much of a query a text mentions, the way search does
(any form of a concept counts, concepts weighted by rarity), except that Latin and digit
forms must stand as whole tokens (the ``1`` of a stray ``alert(1)`` must not match every
year from 2010 to 2019), and a word counts for less where it is not what the sentence is
about: one item of a list (工业创新、数字经济、绿色经济、生物制造), or a generic form of
the query's word used of something else (伙伴国 in a poll on Japan for 金砖国家伙伴国).

The other helpers rate a sentence as summary material: :func:`information` (dates,
figures, documents and the actions that make events: 成立, 签署, 举行…) against
:func:`thesis` (a text's statements about itself, 本文拟从…, or empty significance,
具有重要现实意义), and the stand-alone form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.lookup.search.query import Concept
from bot.lookup.search.searcher import folded_forms
from bot.lookup.summary.sentpool import Sentence
from bot.lookup.text import wordlists
from bot.lookup.text.script import fold
from bot.lookup.text.segment import has_cjk

LEAD = 4  # a concept found within this many characters opens the sentence
# Openers that lean on the sentence before (so, however, this, secondly): out of context
# they read as non sequiturs, so such sentences are ranked lower, not excluded.
_DANGLING = tuple(sorted(wordlists.load("dangling_openers")))
# Sections and phrases where a document states its own gist (folded forms).
_GIST_SECTIONS = tuple(sorted(wordlists.load("gist_sections")))
_GIST_CUES = tuple(sorted(wordlists.load("thesis_markers")))
# What makes a sentence informative, on folded text (simplified, no spaces, "，" as ",").
_DATE = re.compile(r"(?:19|20)\d\d年|\d{1,2}月\d{1,2}日|(?:19|20)\d\d[-—–至到](?:19|20)?\d\d")
_YEAR = re.compile(r"((?:19|20)\d\d)(?:年|[-—–至到](?:19|20)?\d\d年)")
_COUNT = re.compile(
    r"\d+(?:\.\d+)?(?:多|余)?(?:%|亿|万|千|个|次|家|所|名|项|届|批|国|人次|人|篇|倍|美元|元|"
    r"吨|台|场|份|座|门|期|列|公里|千瓦)"
    r"|[一二三四五六七八九十两百]+(?:个|次|届|家|批|场|国|项|倍|所)|首[届次批]|第[一二三四五六七八九十\d]+[届次批]"
)
_ACTION = re.compile(
    r"成立|加入|签署|签订|举行|举办|召开|宣布|启动|批准|发布|通过|设立|建立|建成|主办|发起|"
    r"达成|出台|发行|派遣|投产|提出"
)
_DIGIT = re.compile(r"\d")
_DOCUMENT = re.compile(r"《[^》]{2,40}》")
# A text talking about itself, or asserting significance without saying what it is.
_SELF = re.compile(r"本文|本研究|本课题|本报告|本节|本章|本部分|这一部分|笔者|拟从|以下几个方面")
_EMPTY = re.compile(
    r"具有(?:十分|非常|极其|极为)?(?:重要|重大|深远|特殊|积极|里程碑)的?(?:现实|历史|理论|战略|时代)?意义"
    r"|意义(?:重大|深远)"
)
# What a significance request looks for: what the topic brings or changes.
_BRINGS = re.compile(
    r"意义|作用|影响|有助于|有利于|推动|促进|提升|增强|标志着|彰显|体现|带来|赋予|注入|奠定|拓展|扩大"
)
LISTED = 0.4  # credit of a word named only as one item of a list
HEADING = 0.6  # credit of a concept the sentence's section headings name
NEAR = 12  # characters around a generic form where its qualifier must stand
PART = 0.6  # credit of a compound the text says in other words order (its parts), as search gives
# Sentences whose judgements below are remembered: every summary judges its candidates
# again, and they are drawn from one pool of a few thousand sentences.
REMEMBERED = 1 << 14


@dataclass(slots=True)
class _Compiled:
    """One concept, ready to match: its forms as one alternation, longest first."""

    weight: float
    pattern: re.Pattern[str] | None
    qualifiers: dict[str, str]  # generic form -> what the query's word adds (see cover)
    parts: list[str]


class ConceptMatcher:
    """Finds a query's concepts in folded text."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.concepts = [_compile(c) for c in concepts]
        self.total = sum(c.weight for c in self.concepts) or 1.0
        alternatives = [c.pattern.pattern for c in self.concepts if c.pattern is not None]
        self.any = re.compile("|".join(alternatives)) if alternatives else None
        # Headings and titles recur across the sentences of a query: what a concept earns
        # in one (when it has no qualifier, so nothing around it counts) and what share of
        # one the query names are worked out once per matcher.
        self._headed: dict[tuple[int, str], float] = {}
        self._names: dict[str, float] = {}

    def cover(self, folded: str, around: Callable[[], str] = str, head: str = "") -> float:
        """The share of the concepts' weight that ``folded`` mentions (0 to 1).

        A concept named only as an item of a list (between 、) earns :data:`LISTED`, and so
        does one named by a shorter, generic form of the query's word (伙伴国 for
        金砖国家伙伴国) without what the query's word adds (金砖) near it, or, when the
        text never names that, ``around`` it (its passage and headings, computed only when
        needed): 伙伴国 in a poll on Japan is another partner, and so is the 扩员 of a bank
        in a sentence that names 金砖 elsewhere. A compound found only as its parts (经贸 …
        合作 for 经贸合作) earns :data:`PART` for the share of its parts present. In a
        sentence that names some of the concepts, one its ``head`` (its section headings)
        names earns :data:`HEADING`: under "俄对“全球南方”外交的举措" a sentence on what
        Russia did answers "俄罗斯 全球南方 举措" without the word 举措.
        """
        return self.covers(folded, around, head)[1]

    def covers(
        self, folded: str, around: Callable[[], str] = str, head: str = ""
    ) -> tuple[float, float]:
        """:meth:`cover` without the ``head``, and with it, from one reading of ``folded``
        (a summary needs both: the first for what a sentence says in its own words)."""
        credits = []
        for concept in self.concepts:
            credit = _credit(folded, concept, around)
            if not credit and concept.parts:
                credit = PART * sum(p in folded for p in concept.parts) / len(concept.parts)
            credits.append(credit)
        plain = (
            sum(c.weight * credit for c, credit in zip(self.concepts, credits, strict=True))
            / self.total
        )
        if not head or not any(credits):
            return plain, plain
        # Headings complete what the sentence says; they cannot make it say anything.
        credits = [
            max(credit, HEADING * self._head_credit(head, n, around))
            if credit < HEADING
            else credit
            for n, credit in enumerate(credits)
        ]
        return plain, (
            sum(c.weight * credit for c, credit in zip(self.concepts, credits, strict=True))
            / self.total
        )

    def _head_credit(self, head: str, n: int, around: Callable[[], str]) -> float:
        concept = self.concepts[n]
        if concept.qualifiers:
            return _credit(head, concept, around)
        key = (n, head)
        if key not in self._headed:
            self._headed[key] = _credit(head, concept, around)
        return self._headed[key]

    def names(self, folded: str) -> float:
        """The share of a name's (a title's) characters the query accounts for (0 to 1).

        "扩员背景下深化金砖国家科技创新合作" mentions 扩员 but is not named by it: a text is
        devoted to a topic when the topic makes up most of its title.
        """
        if self.any is None:
            return 0.0
        share = self._names.get(folded)
        if share is None:
            marked = sum(m.end() - m.start() for m in self.any.finditer(folded))
            letters = sum(ch.isalnum() for ch in folded)
            share = self._names[folded] = min(1.0, marked / letters) if letters else 0.0
        return share

    def leads(self, folded: str) -> float:
        """How early a concept comes (1 when it opens the sentence, 0 from its middle on):
        a sentence is about what it starts with, and mentions aside what comes late."""
        found = self.any.search(folded) if self.any is not None else None
        if found is None:
            return 0.0
        first = found.start()
        half = max(len(folded) / 2, LEAD + 1)
        return 1.0 - max(0, first - LEAD) / (half - LEAD) if first < half else 0.0


def _compile(concept: Concept) -> _Compiled:
    forms = sorted((f for f in folded_forms(concept) if f), key=len, reverse=True)
    alternatives = [
        re.escape(f) if has_cjk(f) else rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])" for f in forms
    ]
    pattern = re.compile("|".join(alternatives)) if alternatives else None
    return _Compiled(
        concept.weight, pattern, _qualifiers(concept, forms), [fold(p) for p in concept.parts]
    )


def _qualifiers(concept: Concept, forms: list[str]) -> dict[str, str]:
    """For each form shorter than the query's word and inside it, what the word adds.

    The modifier's first two characters stand for it (金砖 for 金砖国家 in 金砖国家伙伴国).
    """
    term = fold(concept.term)
    out = {}
    for form in forms:
        if form != term and form in term and has_cjk(form):
            rest = term.replace(form, "", 1)
            if len(rest) >= 2:
                out[form] = rest[:2]
    return out


def _qualified(
    folded: str, start: int, end: int, qualifier: str, around: Callable[[], str]
) -> bool:
    """Whether a generic form at ``start:end`` stands for the query's word: its qualifier
    is near it, or, when the sentence never names the qualifier, in what is around."""
    if qualifier in folded:
        return qualifier in folded[max(0, start - NEAR) : end + NEAR]
    return qualifier in around()


def _credit(folded: str, concept: _Compiled, around: Callable[[], str]) -> float:
    if concept.pattern is None:
        return 0.0
    best = 0.0
    for found in concept.pattern.finditer(folded):
        start, end = found.span()
        qualifier = concept.qualifiers.get(found.group())
        if qualifier is not None and not _qualified(folded, start, end, qualifier, around):
            best = LISTED
        elif folded[start - 1 : start] != "、" and folded[end : end + 1] != "、":
            return 1.0
        best = LISTED
    return best


@lru_cache(maxsize=REMEMBERED)
def information(folded: str) -> float:
    """How much a sentence tells (0 to 1): a date, figures, an action, a named document."""
    score = 0.0
    if _DATE.search(folded):
        score += 0.4
    counts = len(_COUNT.findall(folded))
    score += min(counts, 2) * 0.15
    if _ACTION.search(folded):
        score += 0.2
    if _DOCUMENT.search(folded):
        score += 0.1
    return min(score, 1.0)


def numeric(folded: str) -> bool:
    """Whether a sentence states a number at all (a year, an amount, a share, a count): the
    sentences holding a topic's key facts nearly all do, its commentary mostly not."""
    return _DIGIT.search(folded) is not None


def figures(folded: str) -> float:
    """How many figures a sentence gives (0 to 1: none, one, two or more)."""
    return min(len(_COUNT.findall(folded)), 2) / 2


@lru_cache(maxsize=REMEMBERED)
def thesis(folded: str, *, significance: bool = False) -> bool:
    """Whether a sentence frames rather than informs: a text about itself (本文拟从…), or
    significance asserted without content (具有重要现实意义), unless significance is asked."""
    return _SELF.search(folded) is not None or (
        not significance and _EMPTY.search(folded) is not None
    )


# What follows a subject a sentence defines: 欧空局是致力于…的政府间组织, X指…, X为….
_IS = re.compile(r"[^,，。;；]{0,6}?(?:是|为|指|系)")


def defines(folded: str, topic: re.Pattern[str] | None, kind: str = "") -> float:
    """How plainly a sentence says what the topic is (for 是什么): 1 when the topic is the
    subject of 是 (and the sentence names the ``kind`` asked, if any), 0.5 for the
    subject of 是 without that kind, else 0."""
    if topic is None:
        return 0.0
    for found in topic.finditer(folded):
        if _IS.match(folded, found.end()):
            return 1.0 if not kind or kind in folded else 0.5
    return 0.0


def brings(folded: str) -> bool:
    """Whether a sentence says what something brings or changes (for 有什么意义)."""
    return _BRINGS.search(folded) is not None


@lru_cache(maxsize=REMEMBERED)
def first_year(folded: str) -> int | None:
    """The first year a sentence names (2023年, 2022—2026年), for a dated progression."""
    found = _YEAR.search(folded)
    return int(found.group(1)) if found else None


def form_factor(sentence: Sentence) -> float:
    """How well a sentence stands alone: short, very long or dangling ones rank lower."""
    n = len(sentence.text)
    factor = 0.8 if n < 25 else 1.0 - 0.4 * max(0, n - 120) / 180
    if sentence.folded.startswith(_DANGLING):
        factor *= 0.7
    return factor


def gist_bonus(sentence: Sentence, opening: set[int]) -> float:
    """Extra weight for where documents state their gist: the introduction and conclusion.

    Where a text announces itself (本文拟从…入手) is not its gist: :func:`thesis` ranks
    such sentences down.
    """
    bonus = 0.0
    if sentence.section.startswith(_GIST_SECTIONS):
        bonus += 0.2
    if sentence.passage in opening:
        bonus += 0.1
    return bonus
