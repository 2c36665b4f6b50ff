"""Which dated events are about a topic, and how relevant each one is.

The topic is the query's concepts, weighted as search weighs them, and search ranks the
passages as /search does (lexical, fused with the semantic layer when it is on). Each
specific concept weighs its search weight (its rarity) times the share of the relevant
passages that name it (see ``Topic.focus``): the entities among them (新开发银行, 俄罗斯)
and what most well-ranked passages name (太空安全) weigh fully; a rare word few of them hold
(拉拢 in 俄罗斯如何拉拢全球南方, 渲染, 演变, 以来) weighs little; a common word (金砖, 合作)
weighs nothing but must be named by the event's section.

An event is about the topic when its own clauses cover enough of that weight (COVER; where
a sentence tells several stories, the clauses of the event's story: see ``Entry.own_fold``),
when its passage ranks well and names the topic in most of its sentences (2023年8月…作出金砖
扩员的决定。2024年1月，沙特阿拉伯…成为金砖国家正式成员。), when it stands in a section that is
about the topic and search ranks its passage or its meaning is near the topic, or when its
passage is among the closest in meaning to the topic and its clauses name part of it
(SIMILAR: 欧盟…国防 for 欧洲防务), or when it stands in a small section whose own heading
names the topic (二、欧盟太空安全战略变化的动因: 2021年6月，欧盟颁布了第一个综合太空计划) and its
clauses name part of the topic or its passage is close to it in meaning. Standing near a
mention is not enough. The bars are calibrated on the development
timelines (the figures below).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.search.query import Concept
from bot.lookup.search.searcher import folded_forms
from bot.lookup.text.script import fold
from bot.lookup.timeline.chronology import Chronology, Entry, Passage, match_form, names_in
from bot.lookup.timeline.dates import cn_number

# A concept is *specific* (a candidate for being required) when it is found in at most RARE
# of the passages, or names an entity of the alias table found in at most COMMON of them:
# 中亚 in "中国—中亚合作" and 俄罗斯 are specific, 中国, 合作 and 成立 are background.
# Measured on the development timelines (recall / precision at 50, 0.834 / 0.726 as set):
# RARE 0.05 -> 0.834 / 0.728, 0.20 -> 0.821 / 0.754; COMMON 0.3 -> unchanged, 0.5 ->
# 0.831 / 0.729.
RARE = 0.10
COMMON = 0.40
# Passages scoring at least RELEVANT of the best search score, and at least the best
# RELEVANT_MIN of them, are the relevant ones. A specific concept is required when it names
# an entity of the alias table (新开发银行, 俄罗斯, 全球南方) or when at least SUPPORT of
# the relevant passages name it (太空安全); a rare word around them that few relevant
# passages hold (拉拢, 演变, 进程) only orders the events. When the query names entities,
# only the ranked passages naming them count (see _support). Measured: RELEVANT 0.4 or
# 0.8 and RELEVANT_MIN 10 or 40 change nothing on the development topics; SUPPORT 0.3
# changes nothing, 0.7 costs precision (0.720); they matter for phrasings such as
# 俄罗斯如何拉拢全球南方 (0 events when every rare word was required).
RELEVANT = 0.6
RELEVANT_MIN = 20
SUPPORT = 0.5
# A section is about the topic when its heading names the required concepts and at least
# this share of its passages do too (0.2 -> 0.834 / 0.724, 0.5 -> 0.740 / 0.717) ...
TOPICAL_SHARE = 0.3
# ... where a passage naming only other concepts counts if it ranks this well (0.2 ->
# unchanged, 0.6 -> 0.803 / 0.721).
TOPICAL_RANK = 0.4
# ... and a passage search does not rank at all (outside its hundred best) counts only if
# its similarity to the topic stands this many deviations above the mean. Measured (recall
# / precision at 50; dev, fresh, fresh2 aggregate): no bar 0.837 / 0.640, 0.821 / 0.289,
# 0.809 / 0.458; 1.0: 0.837 / 0.647, 0.821 / 0.293, 0.805 / 0.461; 1.5 and 2.0 lift dev
# precision to 0.658 / 0.661 but cost fresh2 recall (0.798).
TOPICAL_SIMILAR = 1.0
# A passage ranking this well that names the topic lends it to a sentence of its own that
# names a specific part of it (银行 for 新开发银行), or to all of its sentences when at
# more than DENSE of them name the topic (2023年8月…作出金砖扩员的决定。2024年1月，沙特…).
# STRONG_RANK 0.6 -> unchanged, 0.9 -> 0.823 / 0.728; DENSE 0.3 -> 0.839 / 0.679, 0.7 ->
# 0.826 / 0.729.
STRONG_RANK = 0.75
DENSE = 0.5
# An event's clauses are about the topic when they cover at least COVER of its focus
# weight (Topic.focus). With the semantic layer on, a passage whose similarity to the topic
# stands SIMILAR standard deviations above the corpus mean also lends the topic to the events
# whose clauses name part of it. Measured on the development timelines (recall / precision
# at 50, semantic layer on), COVER 0.5 / 0.6 / 0.7 / 1.0 with SIMILAR 2.0: 0.812 / 0.574,
# 0.804 / 0.641, 0.804 / 0.646, 0.802 / 0.651; SIMILAR 1.5 / 2.0 / 2.5 / off with COVER
# 0.7: 0.815 / 0.596, 0.804 / 0.646, 0.797 / 0.658, 0.791 / 0.658 (and one empty topic).
# Lexical only, 0.804 / 0.655 (COVER 0.7, as with every specific concept required).
COVER = 0.7
SIMILAR = 2.0
# The similarity (in standard deviations) also orders the events a little: 0.05 or 0.1
# found 2 more development events than 0, 0.2 and 0.4 one.
SIMILAR_WEIGHT = 0.1
# A section whose own heading names the topic (at any depth: 2.厦门金砖创新基地的建设背景…,
# 二、欧盟太空安全战略变化的动因) lends it to the events of its passages when it holds at most
# HEADED_SIZE passages (a chapter naming the topic beside others holds many more: 一、习近平
# 外交思想对金砖合作的影响, 105) and the event's clauses name part of the topic or its passage
# stands HEADED_SIMILAR deviations above the mean similarity. Measured (recall / precision at
# 50, dev and fresh; 0.814 / 0.648 and 0.768 / 0.295 without): every event of such a section,
# 0.848 / 0.582, 0.804 / 0.269; clauses naming part of the topic only, 0.816 / 0.648, 0.798 /
# 0.285; either, HEADED_SIMILAR 1.0 / 1.5 / 2.0: 0.848 / 0.630, 0.835 / 0.646, 0.824 / 0.650
# (fresh 0.804 / 0.276, 0.286, 0.287); HEADED_SIZE 25 / 40 at 1.5: 0.814 / 0.640, 0.835 / 0.646.
HEADED_SIZE = 30
HEADED_SIMILAR = 1.5
_SENTENCE_END = re.compile(r"[。!?]")
_GENERIC_SUMMIT = re.compile(
    r"^(?:金砖(?:国家)?)?(?:领导人|首脑)?(?:会晤|峰会|会务)$|^brics summit$"
)
# 第14次, and a summit's numbered name among its aliases (金砖国家领导人第九次会晤)
_NUMBERED_SUMMIT = re.compile(
    r"^(?:金砖(?:国家)?)?(?:领导人)?第([\d一二三四五六七八九十]{1,3})次(?:会晤|峰会|会务)?$"
)

Scope = tuple[int, int | None, str]


@dataclass(slots=True)
class Topic:
    """The query's concepts as patterns over folded text, with what relevance needs of each.

    Attributes:
        patterns: One alternation of folded forms per concept.
        weights: Search weights; 0 for a concept no passage holds.
        required: The concepts that name the topic (entities, and specific words most
            relevant passages hold); they weigh fully in ``focus``.
        anchors: Per concept, the sections (scopes) that name it, for the common concepts
            most relevant passages name; None for the others. Search gives a common word
            little weight, so ranking alone cannot keep it: an event's section must name
            them all (金砖 for 金砖国家人工智能合作 keeps the EU's AI treaty out).
        summits: Per concept, which summits it names: None (not a summit), 0 (any BRICS
            leaders' summit: 金砖峰会, 领导人会晤) or a summit number (2022年金砖峰会).
        matching: Per concept, the passages that name it.
        parts: Specific sub-words of the required concepts (银行 of 新开发银行), as one pattern.
        focus: Per concept, what naming it counts towards being about the topic: its
            search weight for a required concept, times the share of the relevant passages
            naming it for another specific one, 0 for a word no dated passage holds and
            for background words (中国, 合作).
        carried: Per concept, True for a common name the relevant passages hold (金砖国家
            in South Africa BRICS, 中国 in 中国和哈萨克斯坦关系): an event's passage must name
            it, not only its section. A section of this corpus names 金砖 about everything
            it tells (South Africa's trade, India's ban on Chinese apps).
        pieces: Per required compound concept, its folded parts of two characters or more
            (人文, 交流 of 人文交流); a section heading holding them all names it.
    """

    patterns: list[re.Pattern[str]]
    weights: list[float]
    required: list[bool]
    anchors: list[frozenset[Scope] | None]
    summits: list[int | None]
    matching: list[frozenset[int]]
    parts: re.Pattern[str] | None
    focus: list[float]
    carried: list[bool] = field(default_factory=list)
    pieces: list[tuple[str, ...]] = field(default_factory=list)
    # Per concept, the passages holding one of its own forms, inside a longer name too
    # (印度 in 印度尼西亚): a part of a passage names it only if the passage is among them. Empty
    # when not worked out (see ``may_tell``).
    loose: list[frozenset[int]] = field(default_factory=list)
    # names() runs for every sentence of the candidate passages: what it needs, computed once
    _needed: list[int] = field(init=False)
    _weighted: list[tuple[int, float]] = field(init=False)
    _total: float = field(init=False)
    _weight: float = field(init=False)  # the sum of the search weights (1 if none)
    # the concepts whose naming can make a text about the topic (``names``, ``touches``)
    _telling: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._weight = sum(self.weights) or 1.0
        self._needed = [i for i, need in enumerate(self.required) if need]
        self._weighted = [(i, w) for i, w in enumerate(self.focus) if w > 0.0]
        self._total = sum(w for _, w in self._weighted)
        self._telling = sorted({*self._needed, *(i for i, _ in self._weighted)})

    @classmethod
    def of(
        cls,
        concepts: list[Concept],
        chronology: Chronology,
        rank: dict[int, float],
        entities: list[bool],
        mentions: list[list[str]] | None = None,
        blockers: list[list[str]] | None = None,
    ) -> Topic:
        """The topic of ``concepts`` given the search ``rank`` (passage id -> share of best),
        which concepts name an entity of the alias table, the wordings that mention each
        one (see :func:`mentioned`) and the longer place names that hold one without
        naming it (see :func:`containing`)."""
        summits = [_summit(c) for c in concepts]
        extra = mentions or [[] for _ in concepts]
        longer = blockers or [[] for _ in concepts]
        # (concept, numbered, mentions) per concept: its forms (see _pattern). Only a numbered
        # summit (N > 0) drops the generic forms 会晤/峰会; the generic concept (0) is them.
        forms = [(c, bool(s), more) for c, s, more in zip(concepts, summits, extra, strict=True)]
        patterns = [_pattern(*own, inside) for own, inside in zip(forms, longer, strict=True)]
        matching = [chronology.matching(p) for p in patterns]
        for i, concept in enumerate(concepts):
            if summits[i] is None and not matching[i] & chronology.dated:
                # A compound no dated passage writes (中印关系 beside 中印双边关系) is sought
                # by its rare parts (中印), as search gives them partial credit.
                pieces = _rare_parts(concept, chronology)
                if pieces:
                    forms[i] = (concept, False, [*extra[i], *pieces])
                    patterns[i] = _pattern(*forms[i], longer[i])
                    matching[i] = chronology.matching(patterns[i])
        loose = [
            chronology.matching(_pattern(*own)) if pattern.groups else m
            for own, pattern, m in zip(forms, patterns, matching, strict=True)
        ]
        # A word no dated passage contains (大事记, 来龙去脉, timeline) cannot select events:
        # it is never required and weighs nothing, or every topic phrased with it is empty.
        present = [bool(m) or s is not None for m, s in zip(matching, summits, strict=True)]
        specific = _specific(matching, present, entities, len(chronology.passages))
        common = [len(m) > COMMON * len(chronology.passages) for m in matching]
        named = [m for m, s, e in zip(matching, specific, entities, strict=True) if s and e]
        support = _support(matching, summits, chronology, rank, named)
        supported = [
            seen and share >= SUPPORT for seen, share in zip(present, support, strict=True)
        ]
        required = [
            s and (ok or entity)
            for s, ok, entity in zip(specific, supported, entities, strict=True)
        ]
        if not any(required) and any(specific):
            best = max(share for s, share in zip(specific, support, strict=True) if s)
            required = [s and share == best for s, share in zip(specific, support, strict=True)]
        anchors = [
            frozenset(chronology.passages[pid].scope for pid in m) if ok and wide else None
            for m, ok, wide in zip(matching, supported, common, strict=True)
        ]
        # A common word (合作, 发展 of 发展历程) is the setting, kept by the sections it must
        # stand in; weighing it too would let a phrasing of the question reorder the events.
        weights = [
            c.weight if seen and not wide else 0.0
            for c, seen, wide in zip(concepts, present, common, strict=True)
        ]
        parts = _parts(concepts, required, chronology)
        # What an event must cover: each concept's search weight times the share of the
        # relevant passages naming it, so a rare word they seldom hold (拉拢, 渲染, 进程)
        # counts for little and the names they all hold for much.
        focus = [
            w * (1.0 if need else share) if rare else 0.0
            for w, need, share, rare in zip(weights, required, support, specific, strict=True)
        ]
        carried = [a is not None and e for a, e in zip(anchors, entities, strict=True)]
        split: list[tuple[str, ...]] = [
            tuple(fold(p) for p in c.parts if len(p) >= 2) if need and len(c.parts) >= 2 else ()
            for c, need in zip(concepts, required, strict=True)
        ]
        return cls(
            patterns,
            weights,
            required,
            anchors,
            summits,
            matching,
            parts,
            focus,
            carried,
            split,
            loose,
        )

    def found(self, text: str, within: int | None = None) -> list[bool]:
        """Which concepts ``text`` (folded) names; ``within`` is a passage whose folded text
        holds ``text`` as it stands, so a concept that passage does not name is not sought."""
        if within is None:
            return [names_in(pattern, text) for pattern in self.patterns]
        # A concept pattern is an alternation of literal forms: what a part of a text holds,
        # the whole text holds. A pattern with a group (longer names consumed first) is
        # sought anyway: cutting 印度尼西亚 can leave 印度.
        return [
            (within in passages or bool(pattern.groups)) and names_in(pattern, text)
            for pattern, passages in zip(self.patterns, self.matching, strict=True)
        ]

    def in_passage(self, pid: int) -> list[bool]:
        """Which concepts passage ``pid`` names."""
        return [pid in passages for passages in self.matching]

    def may_tell(self, pid: int) -> bool:
        """False if no part of passage ``pid``'s text can name the topic (``names``) or touch
        it (``touches``): it holds none of the concepts that count. (A summit an event's
        clauses name by number or host city is not text: see ``in_entry``.)"""
        if not self.loose:
            return True  # not worked out: any text may
        return any(pid in self.loose[i] for i in self._telling)

    def telling(self) -> list[int]:
        """The concepts whose naming can make a text about the topic."""
        return self._telling

    def names_nothing(self) -> bool:
        """True if naming no concept names the topic (a focus weight too small to need any)."""
        return self.names([False] * len(self.patterns))

    def in_entry(self, entry: Entry) -> list[bool]:
        """Which concepts an event's own clauses (its story, see ``Entry.own_fold``) name;
        厦门会晤 and 第九次会晤 name a summit."""
        passage, told = entry.passage, entry.own_fold or entry.scope_fold
        found = self.found(told, passage.id if told in passage.fold else None)
        for i, summit in enumerate(self.summits):
            if summit is not None and not found[i]:
                found[i] = entry.summit if summit == 0 else summit in entry.ordinals
        return found

    def cover(self, found: list[bool]) -> float:
        """Weighted share of the concepts named."""
        return sum(w for w, hit in zip(self.weights, found, strict=True) if hit) / self._weight

    def names(self, found: list[bool]) -> bool:
        """True if the concepts named cover at least COVER of the topic's focus weight, or
        every required concept (a word the relevant passages seldom hold may weigh more)."""
        needed = self._needed
        if needed and all(found[i] for i in needed):
            return True
        return self.covers(found, COVER)

    def covers(self, found: list[bool], share: float) -> bool:
        """True if the concepts named hold at least ``share`` of the focus weight."""
        if self._total <= 0.0:
            return False
        held = sum(w for i, w in self._weighted if found[i])
        return held >= share * self._total - 1e-9

    def touches(self, found: list[bool]) -> bool:
        """True if a concept with focus weight is named."""
        return any(found[i] for i, _ in self._weighted)

    def names_some(self, found: list[bool]) -> bool:
        """True if a required concept is named."""
        return any(hit and need for hit, need in zip(found, self.required, strict=True))

    def in_scope(self, scope: Scope) -> bool:
        """True if the section names every concept the relevant passages name."""
        return all(scopes is None or scope in scopes for scopes in self.anchors)

    def carries(self, in_passage: list[bool]) -> bool:
        """True if a passage naming the concepts ``in_passage`` names the carried ones."""
        # a Topic built without ``carried`` (empty) carries nothing
        return all(found or not need for found, need in zip(in_passage, self.carried, strict=False))


def _specific(
    matching: list[frozenset[int]], present: list[bool], entities: list[bool], total: int
) -> list[bool]:
    """Concepts rare enough to name a topic (the least common one if every word is common)."""
    total = max(total, 1)
    specific = [
        seen and (len(m) <= RARE * total or (entity and len(m) <= COMMON * total))
        for m, seen, entity in zip(matching, present, entities, strict=True)
    ]
    if not any(specific):
        least = min((len(m) for m, seen in zip(matching, present, strict=True) if seen), default=0)
        specific = [seen and len(m) == least for m, seen in zip(matching, present, strict=True)]
    return specific


def _support(
    matching: list[frozenset[int]],
    summits: list[int | None],
    chronology: Chronology,
    rank: dict[int, float],
    named: list[frozenset[int]],
) -> list[float]:
    """Per concept, the share of the relevant passages that name it (1 when none rank).

    When the query names entities, the relevant passages are those naming them: search
    ranks a passage higher for a rare word it holds (以来, 出现), so among the best-ranked
    passages every rare word looks supported."""
    ranked = sorted(
        (pid for pid in rank if pid in chronology.passages and all(pid in m for m in named)),
        key=lambda p: -rank[p],
    )
    count = max(RELEVANT_MIN, sum(rank[pid] >= RELEVANT for pid in ranked))
    relevant = ranked[:count]
    if not relevant:
        return [1.0] * len(matching)
    return [
        1.0 if summit is not None else sum(pid in m for pid in relevant) / len(relevant)
        for m, summit in zip(matching, summits, strict=True)
    ]


def _summit(concept: Concept) -> int | None:
    """0 for a concept naming BRICS leaders' summits, N for the Nth summit, else None."""
    for form in concept.forms:
        number = _NUMBERED_SUMMIT.match(form)
        value = cn_number(number.group(1)) if number else None
        if value:
            return value
    return 0 if any(_GENERIC_SUMMIT.match(f) for f in concept.forms) else None


def _pattern(
    concept: Concept, summit: bool, mentions: list[str], inside: Sequence[str] = ()
) -> re.Pattern[str]:
    forms = {match_form(f) for f in [*folded_forms(concept), *map(fold, mentions)]} - {""}
    if summit:  # 第十四次会晤 reads 会晤 once numbers are removed: that names every summit
        forms = {f for f in forms if not _GENERIC_SUMMIT.match(f)}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if not alternation:
        return re.compile(r"(?!)")
    longer = sorted({match_form(fold(n)) for n in inside} - {""}, key=len, reverse=True)
    if not longer:
        return re.compile(alternation)
    # The longer names are matched first and consumed, so 印度 inside 印度尼西亚 is no hit;
    # only the group counts (see :func:`names_in`).
    return re.compile("(?:" + "|".join(map(re.escape, longer)) + f")|({alternation})")


def _rare_parts(concept: Concept, chronology: Chronology) -> list[str]:
    """The sub-words of ``concept`` that dated passages hold and few passages do."""
    total = len(chronology.passages)
    out = []
    for part in concept.parts:
        holding = chronology.matching(re.compile(re.escape(match_form(fold(part)))))
        if len(part) >= 2 and holding & chronology.dated and len(holding) <= RARE * total:
            out.append(part)
    return out


def _parts(
    concepts: list[Concept], required: list[bool], chronology: Chronology
) -> re.Pattern[str] | None:
    """The sub-words of required concepts that are specific themselves (银行, not 金砖)."""
    total = len(chronology.passages)
    words = {p for c, need in zip(concepts, required, strict=True) if need for p in c.parts}
    kept = [
        p
        for p in sorted(words, key=len, reverse=True)
        if len(p) >= 2 and len(chronology.matching(re.compile(re.escape(p)))) <= RARE * total
    ]
    return re.compile("|".join(map(re.escape, kept))) if kept else None


@dataclass(slots=True)
class _Judge:
    """Decides, entry by entry, whether it is about the topic and how relevant it is."""

    chronology: Chronology
    topic: Topic
    rank: dict[int, float]
    topical: set[Scope]
    passages: dict[int, list[bool]]
    density: dict[int, float]  # passage id -> share of its sentences naming the topic
    similar: dict[int, float]  # passage id -> similarity to the topic, in deviations
    headed: set[Scope] = field(default_factory=set)  # small sections whose heading names it

    def in_passage(self, pid: int) -> list[bool]:
        found = self.passages.get(pid)
        if found is None:
            found = self.passages[pid] = self.topic.in_passage(pid)
        return found

    def admits(self, passage: Passage) -> bool:
        """True if the passage's section and text let its events be about the topic at all
        (the first checks of ``score``)."""
        topic = self.topic
        return topic.in_scope(passage.scope) and topic.carries(self.in_passage(passage.id))

    def may_hold(self, passage: Passage) -> bool:
        """False if ``score`` refuses every event of the passage whose clauses stand in its
        text and name no summit: the passage names no concept that counts, it is not strong,
        not an anchored passage of a topical section, and no small section naming the topic
        holds it. Most passages are none of these; their events need no judging."""
        pid, topic = passage.id, self.topic
        if topic.may_tell(pid):
            return True
        in_passage = self.in_passage(pid)
        strength = self.rank.get(pid, 0.0)
        if strength >= STRONG_RANK and topic.names(in_passage):
            return True
        if (
            passage.scope in self.topical
            and self._anchored(passage, in_passage, strength)
            and self._ranked_or_close(strength, self.similar.get(pid, 0.0))
        ):
            return True
        return self._headed(passage)

    def score(self, entry: Entry) -> float | None:
        """The entry's relevance, or None if it is not about the topic."""
        topic, passage = self.topic, entry.passage
        if not topic.in_scope(passage.scope):
            return None
        in_passage = self.in_passage(passage.id)
        if not topic.carries(in_passage):
            return None
        named = topic.in_entry(entry)
        sentence, whole = topic.cover(named), topic.cover(in_passage)
        strength = self.rank.get(passage.id, 0.0)
        similar = self.similar.get(passage.id, 0.0)
        # The base (the passage's density above all) is worked out for the entries kept only.
        if topic.names(named):
            return 2.0 * sentence + self._base(passage, whole, similar)
        strong = strength >= STRONG_RANK and topic.names(in_passage)
        if strong and (self._names_part(entry) or self._density(passage) > DENSE):
            return 2.0 * sentence + self._base(passage, whole, similar)
        if (
            passage.scope in self.topical
            and self._anchored(passage, in_passage, strength)
            and self._ranked_or_close(strength, similar)
        ):
            return sentence + self._base(passage, whole, similar)
        if similar >= SIMILAR and topic.touches(named):
            return sentence + self._base(passage, whole, similar)
        if self._headed(passage) and (
            similar >= HEADED_SIMILAR or topic.touches(named) or self._names_part(entry)
        ):
            return sentence + self._base(passage, whole, similar)
        return None

    def _ranked_or_close(self, strength: float, similar: float) -> bool:
        """True if search ranks the passage for the topic at all, or its meaning is nearer
        the topic than most (TOPICAL_SIMILAR). A topical section can be long (over a hundred
        passages: 二、习近平外交思想对“金砖+”机制的引领作用) and argue through other subjects
        (三大倡议, 一带一路, the sanctions of the West); a passage search leaves out and the
        encoder puts no nearer than the rest is one of those. Without the semantic layer
        every passage of the section is kept, as before."""
        return strength > 0.0 or not self.similar or similar >= TOPICAL_SIMILAR

    def _headed(self, passage: Passage) -> bool:
        """True if the passage stands in a small section whose heading names the topic."""
        headed = self.headed
        return bool(headed) and any(section in headed for section in passage.sections)

    def _base(self, passage: Passage, whole: float, similar: float) -> float:
        return whole + self._density(passage) + SIMILAR_WEIGHT * similar

    def _names_part(self, entry: Entry) -> bool:
        parts = self.topic.parts
        return parts is not None and parts.search(entry.scope_fold) is not None

    def _density(self, passage: Passage) -> float:
        """The share of the passage's sentences that name the topic."""
        density = self.density.get(passage.id)
        if density is None:
            sentences = [s for s in _SENTENCE_END.split(passage.fold) if s]
            found = self.topic.found
            naming = sum(self.topic.names(found(s, passage.id)) for s in sentences)
            density = self.density[passage.id] = naming / max(len(sentences), 1)
        return density

    def _anchored(self, passage: Passage, found: list[bool], strength: float) -> bool:
        """A passage of a topical section that is on the subject: it names a required
        concept, another one and ranks well (金砖 in every passage of 003), or it follows
        a passage that does (例如… passages lean on the one before)."""
        if self._on_subject(found, strength):
            return True
        previous = passage.previous
        if previous is None or previous not in self.chronology.passages:
            return False
        return self._on_subject(self.in_passage(previous), self.rank.get(previous, 0.0))

    def _on_subject(self, found: list[bool], strength: float) -> bool:
        return self.topic.names_some(found) or (any(found) and strength >= TOPICAL_RANK)


def mentioned(concepts: list[Concept], aliases: AliasTable) -> list[list[str]]:
    """Per concept, the wordings of running text that speak of its entity without naming
    it (``mentions`` in the alias table: 加入金砖 for 金砖扩员)."""
    return [aliases.mentioned(concept.forms) for concept in concepts]


_PLACES = frozenset({"country", "place"})


def containing(concepts: list[Concept], aliases: AliasTable) -> list[list[str]]:
    """Per concept naming a country or a place, the names of other countries and places
    that hold one of its forms without naming it: 印度尼西亚 holds 印度, 撒哈拉以南非洲 holds
    南非, 东南亚 holds 南亚. (A park or a summit named after a place is about that place.)"""
    places: list[tuple[str, str]] | None = None  # every place name, once a concept names one
    out: list[list[str]] = []
    for concept in concepts:
        names = {aliases.canonical.get(form) for form in concept.forms}
        if not any(aliases.kinds.get(n or "") in _PLACES for n in names):
            out.append([])
            continue
        if places is None:
            kinds = aliases.kinds
            places = [(f, n) for f, n in aliases.canonical.items() if kinds.get(n) in _PLACES]
        mine = [f for f in concept.forms if aliases.canonical.get(f) in names]
        holding = {
            longer
            for longer, name in places
            if name not in names and any(f in longer and f != longer for f in mine)
        }
        out.append(sorted(holding))
    return out


def entities(concepts: list[Concept], aliases: AliasTable) -> list[bool]:
    """Which concepts name an entity of the alias table (an organisation, a country, a
    programme, a named term such as 全球南方), by any of their forms."""
    return [
        any(aliases.canonical.get(form) in aliases.kinds for form in concept.forms)
        for concept in concepts
    ]


def select(
    chronology: Chronology,
    concepts: list[Concept],
    scores: dict[int, float],
    named: list[bool],
    mentions: list[list[str]] | None = None,
    blockers: list[list[str]] | None = None,
    similarity: dict[int, float] | None = None,
) -> list[tuple[Entry, float]]:
    """The entries about the topic of ``concepts``, each with its relevance.

    Args:
        chronology: The corpus's dated events.
        concepts: The parsed query's concepts.
        scores: Search scores by passage id (lexical fused with semantic, as /search).
        named: Which concepts name an entity (see :func:`entities`).
        mentions: Per concept, wordings that mention it (see :func:`mentioned`).
        blockers: Per concept, longer place names that hold it (see :func:`containing`).
        similarity: Cosine similarity of every passage to the topic, when the semantic
            layer is on.

    Returns:
        (entry, relevance) pairs in corpus order.
    """
    best = max(scores.values(), default=0.0) or 1.0
    rank = {pid: score / best for pid, score in scores.items()}
    topic = Topic.of(concepts, chronology, rank, named, mentions, blockers)
    if not any(topic.required):
        return []  # nothing the query names is in a dated passage
    passages: dict[int, list[bool]] = {}
    judge = _Judge(chronology, topic, rank, set(), passages, {}, _deviations(similarity))
    judge.topical = _topical_scopes(chronology, topic, rank, judge)
    judge.headed = _headed_sections(chronology, topic)
    # Events are judged one by one only in the passages that can hold one about the topic,
    # and where the test by passage cannot speak for them: an event told in words not in
    # its passage's text as they stand, or naming a summit by number or host city.
    screen = not topic.names_nothing()
    summits = any(summit is not None for summit in topic.summits)
    runs = chronology.runs()
    out: list[tuple[Entry, float]] = []
    for n in _candidates(chronology, judge, summits) if screen else range(len(runs)):
        passage, entries, inside = runs[n]
        if not judge.admits(passage):
            continue
        every = not screen or judge.may_hold(passage)
        for entry, within in zip(entries, inside, strict=True):
            if every or not within or (summits and (entry.summit or bool(entry.ordinals))):
                relevance = judge.score(entry)
                if relevance is not None:
                    out.append((entry, relevance))
    return out


def _candidates(chronology: Chronology, judge: _Judge, summits: bool) -> list[int]:
    """The runs (see ``Chronology.runs``) with an event ``score`` may keep, in corpus order:
    those ``_Judge.may_hold`` may pass (passages naming a concept that counts, strong,
    standing in a topical or topic-headed section) and those with an event it cannot speak
    for (clauses told apart from the passage's text, a summit named by number)."""
    topic, index = judge.topic, chronology.run_index()
    if not topic.loose:
        return list(range(len(chronology.runs())))
    pids: set[int] = set()
    for i in topic.telling():
        pids |= topic.loose[i]
    pids.update(pid for pid, strength in judge.rank.items() if strength >= STRONG_RANK)
    at = index.at
    runs = {at[pid] for pid in pids if pid in at}
    for section in (*judge.topical, *judge.headed):
        runs.update(index.within.get(section, ()))
    runs.update(index.told_apart)
    if summits:
        runs.update(index.summits)
    return sorted(runs)


def _deviations(similarity: dict[int, float] | None) -> dict[int, float]:
    """Each passage's similarity to the topic in standard deviations from the mean: the
    encoder's cosines of a topic to unrelated text are high (about 0.85) and their spread
    differs from topic to topic, so a fixed cosine would be no bar."""
    if not similarity:
        return {}
    values = list(similarity.values())
    mean = sum(values) / len(values)
    spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5 or 1.0
    return {pid: (v - mean) / spread for pid, v in similarity.items()}


def _headed_sections(chronology: Chronology, topic: Topic) -> set[Scope]:
    """The sections of at most HEADED_SIZE passages whose own heading names the topic.

    Only the concepts that can make a heading name the topic (required or weighted) are
    sought, each with one scan of all headings joined (a scan per heading cost 1.5 ms). A
    heading names a required compound when it holds all its parts (人文金砖：文化交流与民心相通
    for 人文交流): a heading is short and often splits the term it is about."""
    joined, sections = chronology.headings()
    found: dict[int, list[bool]] = {}
    for i, pattern in enumerate(topic.patterns):
        if not (topic.required[i] or topic.focus[i] > 0.0):
            continue
        for match in pattern.finditer(joined.text):
            if pattern.groups and match.group(1) is None:
                continue  # a longer name holding the concept's form (see names_in)
            at = joined.part_at(match.start())
            found.setdefault(at, [False] * len(topic.patterns))[i] = True
    for i, pieces in enumerate(topic.pieces):
        for at in joined.holding(pieces[:1]):
            if all(piece in chronology.sections[sections[at]][0] for piece in pieces[1:]):
                found.setdefault(at, [False] * len(topic.patterns))[i] = True
    return {
        sections[at]
        for at, hits in found.items()
        if chronology.sections[sections[at]][1] <= HEADED_SIZE and topic.names(hits)
    }


def _topical_scopes(
    chronology: Chronology, topic: Topic, rank: dict[int, float], judge: _Judge
) -> set[Scope]:
    """Sections whose heading names the required concepts and whose passages do too."""
    headed: set[Scope] = set()
    for pid in rank:
        passage = chronology.passages.get(pid)
        if passage is None or passage.scope in headed:
            continue
        if topic.names(topic.found(passage.head)):
            headed.add(passage.scope)
    naming: dict[Scope, int] = defaultdict(int)
    for scope in headed:
        for passage in chronology.members(scope):
            naming[scope] += topic.names(judge.in_passage(passage.id))
    return {
        scope
        for scope in headed
        if naming[scope] >= TOPICAL_SHARE * chronology.scope_size.get(scope, 1)
    }
