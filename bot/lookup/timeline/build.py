"""``timeline(query)``: the dated events about a topic, in date order, each with its sources.

Relevance comes from the search core: the query is parsed into concepts and ranked, and
a dated sentence is kept when it names every concept itself, when its passage covers
them and ranks well, or when it stands in a section that is *about* the topic (its
heading names the concepts and most of its passages do too). Statements of one event in
several places become one event with all their citations (:mod:`bot.lookup.timeline.grouping`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from bot.lookup.handle import IndexHandle
from bot.lookup.results import Timeline
from bot.lookup.search.query import Concept
from bot.lookup.search.searcher import folded_forms
from bot.lookup.timeline.chronology import Chronology, Entry, corpus_events, match_form
from bot.lookup.timeline.grouping import group_entries

# A concept is *core* (a sentence must name it) when it is specific: found in at most
# RARE of the passages, or an entity with aliases found in at most COMMON of them. 中亚 in
# "中国—中亚合作" is core, 中国 and 合作 are background; so is 理念 in "金砖+ 合作理念".
RARE = 0.10
COMMON = 0.40
# A section is about the topic when its heading names the core concepts and at least this
# share of its passages do too.
TOPICAL_SHARE = 0.3
# ... where a passage naming only background concepts counts if it ranks this well.
TOPICAL_RANK = 0.4
# A passage that names every concept counts when its search score is at least this share
# of the best one.
STRONG_RANK = 0.75
FULL = 0.999
_SUMMIT_WORDS = ("会晤", "峰会")


@dataclass(slots=True)
class _Topic:
    """The query's concepts as folded forms with weights."""

    patterns: list[re.Pattern[str]]  # one alternation of folded forms per concept
    weights: list[float]
    core: list[bool]
    summits: list[bool]  # concepts that name leaders' summits (金砖峰会, 领导人会晤)
    matching: list[frozenset[int]]  # per concept, the passages that name it

    @classmethod
    def of(cls, concepts: list[Concept], chronology: Chronology) -> _Topic:
        patterns = []
        for concept in concepts:
            forms = sorted({match_form(f) for f in folded_forms(concept)} - {""}, key=len)
            alternation = "|".join(re.escape(f) for f in reversed(forms))
            patterns.append(re.compile(alternation or r"(?!)"))
        matching = [chronology.matching(p) for p in patterns]
        shares = [len(m) / max(len(chronology.passages), 1) for m in matching]
        summits = [any(f.endswith(_SUMMIT_WORDS) for f in c.forms) for c in concepts]
        # A word no dated passage contains (大事记, 来龙去脉, timeline) cannot select events:
        # it is never required and weighs nothing, or every topic phrased with it is empty.
        present = [bool(m) or summit for m, summit in zip(matching, summits, strict=True)]
        core = [
            seen and (share <= RARE or (len(c.forms) > 1 and share <= COMMON))
            for c, share, seen in zip(concepts, shares, present, strict=True)
        ]
        if not any(core):  # every word is common: the least common one carries the topic
            least = min((s for s, seen in zip(shares, present, strict=True) if seen), default=0)
            core = [seen and share == least for share, seen in zip(shares, present, strict=True)]
        weights = [c.weight if seen else 0.0 for c, seen in zip(concepts, present, strict=True)]
        return cls(patterns, weights, core, summits, matching)

    def found(self, text: str) -> list[bool]:
        """Which concepts ``text`` (folded) names."""
        return [pattern.search(text) is not None for pattern in self.patterns]

    def in_passage(self, pid: int) -> list[bool]:
        """Which concepts passage ``pid`` names."""
        return [pid in passages for passages in self.matching]

    def in_entry(self, entry: Entry) -> list[bool]:
        """Which concepts an event's sentence names; 厦门会晤 and 第九次会晤 name a summit."""
        found = self.found(entry.sentence_fold)
        if entry.summit:
            found = [hit or summit for hit, summit in zip(found, self.summits, strict=True)]
        return found

    def cover(self, found: list[bool]) -> float:
        """Weighted share of the concepts named."""
        total = sum(self.weights) or 1.0
        return sum(w for w, hit in zip(self.weights, found, strict=True) if hit) / total

    def names_core(self, found: list[bool]) -> bool:
        """True if every core concept is named."""
        return all(hit for hit, core in zip(found, self.core, strict=True) if core)

    def names_some_core(self, found: list[bool]) -> bool:
        """True if at least one core concept is named."""
        return any(hit and core for hit, core in zip(found, self.core, strict=True))


async def build_timeline(library: IndexHandle, query: str, limit: int = 50) -> Timeline:
    """The dated events about ``query``, oldest first.

    Args:
        library: An open library.
        query: Anything a user typed.
        limit: At most this many events (the most relevant ones, then sorted by date).

    Returns:
        The timeline; empty when nothing in the corpus dates the topic.
    """
    parsed = library.searcher.parser.parse(query)
    if parsed.empty or limit <= 0:
        return Timeline(query=query, events=[], corrected=parsed.corrected)
    chronology = await corpus_events(library.conn)
    ranked = await library.searcher.rank(parsed)
    topic = _Topic.of(parsed.concepts, chronology)
    scored = select(chronology, topic, {c.id: c.score for c in ranked})
    events = group_entries(scored, limit)
    return Timeline(query=query, events=events, corrected=parsed.corrected)


def select(
    chronology: Chronology, topic: _Topic, scores: dict[int, float]
) -> list[tuple[Entry, float]]:
    """The entries relevant to ``topic`` with a relevance score, given search scores by id."""
    best = max(scores.values(), default=0.0) or 1.0
    rank = {pid: score / best for pid, score in scores.items()}
    passages: dict[int, list[bool]] = {}
    topical = _topical_scopes(chronology, topic, rank, passages)
    out: list[tuple[Entry, float]] = []
    summits = any(topic.summits)
    for entry in chronology.entries:
        passage = entry.passage
        in_passage = passages.get(passage.id)
        if in_passage is None:
            in_passage = passages[passage.id] = topic.in_passage(passage.id)
        if not (any(in_passage) or passage.scope in topical or (summits and entry.summit)):
            continue  # a sentence names nothing its passage does not
        in_sentence = topic.in_entry(entry)
        sentence, whole = topic.cover(in_sentence), topic.cover(in_passage)
        strength = rank.get(passage.id, 0.0)
        strong = whole >= FULL and strength >= STRONG_RANK
        if topic.names_core(in_sentence) or (strong and _leans_on(topic, entry, sentence)):
            out.append((entry, 2.0 * sentence + whole + strength))
        elif passage.scope in topical and (
            _anchored(topic, in_passage, strength)
            or _previous_anchored(topic, chronology, passage.previous, (passages, rank))
        ):
            out.append((entry, sentence + whole + strength))
    return out


def _anchored(topic: _Topic, found: list[bool], strength: float) -> bool:
    """A passage of a topical section that is on the subject: it names a core concept, or
    another concept and the search core ranks it well (金砖 in every passage of 003)."""
    return topic.names_some_core(found) or (any(found) and strength >= TOPICAL_RANK)


def _topical_scopes(
    chronology: Chronology,
    topic: _Topic,
    rank: dict[int, float],
    found: dict[int, list[bool]],
) -> set[tuple[int, int | None, str]]:
    """Sections whose heading names the core concepts and whose passages cover the topic."""
    headed: set[tuple[int, int | None, str]] = set()
    for pid in rank:
        passage = chronology.passages.get(pid)
        if passage is None or passage.scope in headed:
            continue
        if topic.names_core(topic.found(passage.head)):
            headed.add(passage.scope)
    naming: dict[tuple[int, int | None, str], int] = defaultdict(int)
    for passage in chronology.passages.values():
        if passage.scope in headed:
            found[passage.id] = topic.in_passage(passage.id)
            naming[passage.scope] += topic.names_core(found[passage.id])
    return {
        scope
        for scope in headed
        if naming[scope] >= TOPICAL_SHARE * chronology.scope_size.get(scope, 1)
    }


def _previous_anchored(
    topic: _Topic,
    chronology: Chronology,
    pid: int | None,
    known: tuple[dict[int, list[bool]], dict[int, float]],
) -> bool:
    """True if the passage before is on the subject (例如… passages lean on it)."""
    found, rank = known
    if pid is None or pid not in chronology.passages:
        return False
    if pid not in found:
        found[pid] = topic.in_passage(pid)
    return _anchored(topic, found[pid], rank.get(pid, 0.0))


def _leans_on(topic: _Topic, entry: Entry, sentence: float) -> bool:
    """True if the sentence names part of the topic or follows sentences that name it."""
    return sentence > 0 or any(topic.found(entry.context_fold))
