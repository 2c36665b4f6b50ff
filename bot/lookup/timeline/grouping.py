"""One event, many statements: grouping dated sentences and flagging where sources disagree.

Two statements are the same event when their dates fit (one is a refinement of the other:
``2020`` and ``2020-12-08``), they are both past or both planned, and their event texts
share enough *distinctive* wording (character bigrams weighted by rarity among the
candidates, so 南非正式加入 counts for more than 金砖国家). Statements that read alike but
carry different years are a conflict between sources (南非 joined in 2011 says one report,
in 2010 the other); so are statements of one summit with different numbers (厦门 第九次 vs
第十次). Both sides stay in the timeline, each noting the other.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from bot.lookup.corpus.summits import SummitTable, summit_name
from bot.lookup.results import Citation, TimelineEvent
from bot.lookup.timeline.chronology import Chronology, Entry, Ids

SAME_EVENT = 0.40  # weighted bigram overlap for two statements of one event
SAME_CLAIM = 90  # rapidfuzz partial ratio of two claims' first clauses (conflicts)
_MIN_CLAIM = 5
_MIN_CLAUSE = 4  # bigrams a first clause needs before it can decide alone
_FIRST_CLAUSE = re.compile(r"^[^,;:。]+")


@dataclass(slots=True)
class _Statement:
    """One entry as a candidate member of a group: the weight of its bigrams and its
    claim's, and its place among the statements of its year (see :class:`_Year`)."""

    entry: Entry
    score: float
    at: int
    mass: float  # sum of the weights of its bigrams
    claim_mass: float


@dataclass(slots=True)
class _Year:
    """The statements of one year, and the weight of the bigrams each pair shares.

    A broad topic (金砖国家) groups 150 statements, 40 of them in one year; intersecting
    their bigram sets pair by pair took most of its timeline's time. The shared weights of
    all pairs of a year are one product of arrays (statements by the year's bigrams).
    """

    statements: list[_Statement]
    common: list[list[float]]  # [a.at][b.at]: the weight the two texts share
    claim_common: list[list[float]]

    @classmethod
    def of(
        cls, members: list[tuple[Entry, float]], chronology: Chronology, weights: Weights
    ) -> _Year:
        ids = chronology.bigram_ids()
        common, masses = _shared([ids.grams[e.order] for e, _ in members], weights)
        claim_common, claim_masses = _shared([ids.claims[e.order] for e, _ in members], weights)
        statements = [
            _Statement(entry, score, at, mass, claim_mass)
            for at, ((entry, score), mass, claim_mass) in enumerate(
                zip(members, masses, claim_masses, strict=True)
            )
        ]
        return cls(statements, common, claim_common)

    def similarity(self, a: _Statement, b: _Statement) -> float:
        """How alike two statements read: whole texts, or their first clauses if long
        enough (weighted overlap coefficients)."""
        whole = _coefficient(self.common[a.at][b.at], min(a.mass, b.mass))
        if min(len(a.entry.claim), len(b.entry.claim)) < _MIN_CLAUSE:
            return whole
        shared = self.claim_common[a.at][b.at]
        return max(whole, _coefficient(shared, min(a.claim_mass, b.claim_mass)))


@dataclass(slots=True)
class _Group:
    date: str
    kind: str
    members: list[_Statement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lead: Entry | None = None

    @property
    def score(self) -> float:
        return max(m.score for m in self.members)

    def leader(self) -> Entry:
        """The statement that dates the event most precisely, then the most relevant one."""
        if self.lead is None:
            best = max(self.members, key=lambda m: (len(m.entry.date), m.score, -m.entry.order))
            self.lead = best.entry
        return self.lead


def compatible(a: str, b: str) -> bool:
    """True if two dates can name the same day (``2020`` fits ``2020-12-08``)."""
    return a.startswith(b) or b.startswith(a)


def group_entries(
    scored: list[tuple[Entry, float]], limit: int, chronology: Chronology
) -> list[TimelineEvent]:
    """Merge statements of one event, note conflicts, keep the ``limit`` most relevant.

    Args:
        scored: Relevant entries with their relevance scores.
        limit: How many events to return at most.
        chronology: The corpus's chronology (the entries' own): a shown event is also
            checked against all its statements, since another source may date it in words
            the topic does not match; its summit table numbers the summits.

    Returns:
        Timeline events in date order.
    """
    weights = _idf([e for e, _ in scored], chronology)
    # Precise statements found the groups; vaguer ones (a bare year) then join the best fit.
    founding = sorted(scored, key=_founding_order)
    members: dict[str, list[tuple[Entry, float]]] = defaultdict(list)
    for entry, score in founding:
        members[entry.date[:4]].append((entry, score))
    years = {year: _Year.of(m, chronology, weights) for year, m in members.items()}
    by_year: dict[str, list[_Group]] = defaultdict(list)
    placed: dict[str, int] = defaultdict(int)  # per year, the statements placed so far
    for entry, _ in founding:
        key = entry.date[:4]
        year, groups = years[key], by_year[key]
        statement = year.statements[placed[key]]
        placed[key] += 1
        target = _best_group(groups, statement, year)
        if target is None:
            target = _Group(entry.date, entry.kind)
            groups.append(target)
        target.members.append(statement)
        target.date = _finer(target, entry)
    groups = [g for year in by_year.values() for g in year]
    for group in groups:
        group.notes.extend(_inner_conflicts(group, chronology.summits))
    _cross_conflicts(by_year, chronology)
    _numbering_conflicts(groups, chronology.summits)
    kept = sorted(groups, key=lambda g: -g.score)[:limit]
    _outside_conflicts(kept, chronology)
    kept.sort(key=lambda g: (g.date, g.leader().order))
    return [_event(g) for g in kept]


def _founding_order(member: tuple[Entry, float]) -> tuple[int, bool, str, int]:
    entry = member[0]
    return (-len(entry.date), entry.ranged, entry.date, entry.order)


Weights = npt.NDArray[np.float64]


def _idf(entries: list[Entry], chronology: Chronology) -> Weights:
    """Each bigram's weight (by id, see ``Chronology.bigram_ids``): the rarer among the
    candidates, the heavier; 0 for a bigram none of them holds."""
    ids = chronology.bigram_ids()
    held = [ids.grams[e.order] for e in entries]
    counts = np.bincount(np.concatenate(held) if held else [], minlength=ids.count)
    n = len(entries) + 1
    # Thousands of bigrams share a handful of counts: one logarithm per count.
    weight = [0.0] + [math.log(n / c) + 0.1 for c in range(1, n)]
    return np.asarray(weight)[counts]


def _shared(rows: list[Ids], weights: Weights) -> tuple[list[list[float]], list[float]]:
    """For bigram sets (as ids), the weight each pair of them shares and each one's own
    weight, added in the order of its ids as a sum over the set would."""
    lengths = [len(row) for row in rows]
    flat = np.concatenate(rows)
    each = weights[flat].tolist()
    masses, start = [], 0
    for length in lengths:
        masses.append(sum(each[start : start + length]))
        start += length
    if len(rows) < 2:
        return [[0.0]], masses  # no pair
    columns, column, holders = np.unique(flat, return_inverse=True, return_counts=True)
    held = np.zeros((len(rows), len(columns)))
    held[np.repeat(np.arange(len(rows)), lengths), column] = 1.0
    # Only a bigram two of the sets hold is shared. einsum, not a matrix product: BLAS would
    # run it on threads that spin while they wait (81 ms rather than 12 on a busy machine).
    shared = holders > 1
    held = held[:, shared]
    common: list[list[float]] = np.einsum(
        "ik,jk->ij", held * weights[columns[shared]], held
    ).tolist()
    return common, masses


def _coefficient(common: float, smaller: float) -> float:
    """Weighted overlap coefficient: the weight two sets share over the lesser one's."""
    return common / smaller if smaller else 0.0


def _finer(group: _Group, entry: Entry) -> str:
    """The group's date after ``entry`` joins: the most precise date stated."""
    return entry.date if len(entry.date) > len(group.date) else group.date


def _best_group(groups: list[_Group], statement: _Statement, year: _Year) -> _Group | None:
    entry = statement.entry
    best: tuple[float, _Group | None] = (SAME_EVENT - 1e-9, None)
    for group in groups:
        if group.kind != entry.kind or not compatible(group.date, entry.date):
            continue
        if any(_same_sentence(m.entry, entry) for m in group.members):
            continue
        if _same_summit(group, entry):
            similarity = 1.0
        else:
            similarity = max(year.similarity(statement, m) for m in group.members)
        if similarity > best[0]:  # ties go to the group founded first
            best = (similarity, group)
    return best[1]


def _same_summit(group: _Group, entry: Entry) -> bool:
    if not entry.ordinals:
        return False
    numbers = set(entry.ordinals)
    return any(not numbers.isdisjoint(m.entry.ordinals) for m in group.members)


def _same_sentence(a: Entry, b: Entry) -> bool:
    return a.passage.id == b.passage.id and a.sentence == b.sentence


def _inner_conflicts(group: _Group, summits: SummitTable) -> list[str]:
    """Notes for one event whose statements give different summit numbers or years."""
    notes = []
    numbers = Counter(o for m in group.members for o in set(m.entry.ordinals))
    entries = [m.entry for m in group.members]
    if len(numbers) > 1:
        usual = numbers.most_common(1)[0][0]
        for entry in entries:
            odd = [o for o in entry.ordinals if o != usual]
            if odd:
                notes.append(f"其他来源记为 {summit_name(odd[0])} ({entry.passage.pid})")
    for entry in entries:
        if entry.year_conflict is not None:
            number = next(
                o for o in entry.ordinals if summits.numbered[o][0] == entry.year_conflict
            )
            notes.append(f"{summit_name(number)}应为 {entry.year_conflict}年 ({entry.passage.pid})")
    return list(dict.fromkeys(notes))


def _numbering_conflicts(groups: list[_Group], summits: SummitTable) -> None:
    """Tell the statements of a summit that another source numbers it differently.

    001 dates 第十次会晤 to 2017 in Xiamen; the summit table has Xiamen 2017 as the ninth,
    so the events that call it 第九次 get a note pointing at the odd statement.
    """
    for group in groups:
        for entry in (m.entry for m in group.members):
            if entry.year_conflict is None:
                continue
            usual = summits.by_year.get(int(entry.date[:4]))
            odd = next((o for o in entry.ordinals if o != usual), None)
            if usual is None or odd is None:
                continue
            note = f"其他来源记为 {summit_name(odd)} ({entry.passage.pid})"
            for other in groups:
                fits = other is not group and compatible(other.date, group.date)
                if fits and any(usual in m.entry.ordinals for m in other.members):
                    other.notes.append(note)


def _claim(entry: Entry) -> str:
    match = _FIRST_CLAUSE.match(entry.event_fold)
    return match.group(0) if match else entry.event_fold


@dataclass(slots=True, frozen=True)
class _Claim:
    """What a conflict check compares of an event: its leading statement's source and claim."""

    doc: str
    ordinals: frozenset[int]
    text: str


def _cross_conflicts(by_year: dict[str, list[_Group]], chronology: Chronology) -> None:
    """Note pairs of events from different documents that state one claim with other years."""
    claims = {
        id(g): _Claim(g.leader().passage.doc, frozenset(g.leader().ordinals), _claim(g.leader()))
        for year in by_year.values()
        for g in year
    }
    for year, groups in by_year.items():
        later = [g for y, gs in by_year.items() if 0 < int(y) - int(year) <= 3 for g in gs]
        for a in groups:
            claim_a = claims[id(a)]
            if len(claim_a.text) < _MIN_CLAIM:
                continue
            for b in later:
                if _apart(chronology, a.leader(), claim_a, b.leader(), claims[id(b)]):
                    a.notes.append(f"其他来源记为 {b.date[:4]}年 ({b.leader().passage.pid})")
                    b.notes.append(f"其他来源记为 {a.date[:4]}年 ({a.leader().passage.pid})")


def _outside_conflicts(kept: list[_Group], chronology: Chronology) -> None:
    """Note statements outside the timeline that give a shown event's claim another year
    (到2010年南非正式加入 beside 2011年，南非正式加入金砖国家 for 金砖扩员)."""
    disagreeing = known_disagreements(chronology)
    for group in kept:
        shown = {id(m.entry) for m in group.members}
        for other in disagreeing.get(group.leader().order, ()):
            note = f"其他来源记为 {other.date[:4]}年 ({other.passage.pid})"
            if id(other) not in shown and note not in group.notes:
                group.notes.append(note)


def known_disagreements(chronology: Chronology) -> dict[int, list[Entry]]:
    """The chronology's :func:`disagreements`, found on first use (about 40 ms)."""
    if chronology.disagreeing is None:
        chronology.disagreeing = disagreements(chronology.entries)
    return chronology.disagreeing


def disagreements(entries: Sequence[Entry]) -> dict[int, list[Entry]]:
    """Per entry (by order), the statements of other documents that read like its claim
    with a year up to three apart."""
    by_year: dict[int, list[tuple[Entry, _Claim]]] = defaultdict(list)
    for entry in entries:
        claim = _Claim(entry.passage.doc, frozenset(entry.ordinals), _claim(entry))
        if len(entry.claim) >= _MIN_CLAUSE and len(claim.text) >= _MIN_CLAIM:
            by_year[int(entry.date[:4])].append((entry, claim))
    out: dict[int, list[Entry]] = {}
    for year, members in by_year.items():
        later = [m for gap in (1, 2, 3) for m in by_year.get(year + gap, ())]
        for a, claim_a in members:
            for b, claim_b in later:
                if len(a.claim & b.claim) * 2 < min(len(a.claim), len(b.claim)):
                    continue  # cheap test first: most statements share no wording at all
                if _disagree(claim_a, claim_b):
                    out.setdefault(a.order, []).append(b)
                    out.setdefault(b.order, []).append(a)
    return out


def _apart(chronology: Chronology, a: Entry, claim_a: _Claim, b: Entry, claim_b: _Claim) -> bool:
    """``_disagree`` for the claims of two entries, remembered by the chronology: a broad
    topic compares a thousand pairs of events, most of them again for the next topic."""
    found = chronology.compared(a, b)
    if found is None:
        found = _disagree(claim_a, claim_b)
        chronology.remember(a, b, found)
    return found


def _disagree(a: _Claim, b: _Claim) -> bool:
    if a.doc == b.doc or a.ordinals != b.ordinals or len(b.text) < _MIN_CLAIM:
        return False
    return fuzz.partial_ratio(a.text, b.text) >= SAME_CLAIM


def _event(group: _Group) -> TimelineEvent:
    lead = group.leader()
    members = sorted(group.members, key=lambda m: (m.entry is not lead, m.entry.order))
    citations: list[Citation] = []
    sentences: list[str] = []
    for entry in (m.entry for m in members):
        if entry.passage.citation not in citations:
            citations.append(entry.passage.citation)
            sentences.append(entry.sentence)
        else:  # a second sentence of the same passage states it too
            at = citations.index(entry.passage.citation)
            if entry.sentence not in sentences[at]:
                sentences[at] += " " + entry.sentence
    cite = lead.passage.citation
    return TimelineEvent(
        date=group.date,
        event=lead.event,
        text=lead.sentence,
        passage_id=cite.passage_id,
        doc=cite.doc,
        title=cite.title,
        citations=citations,
        conflict="；".join(group.notes) or None,
        kind="planned" if group.kind == "planned" else "past",
        sentences=sentences,
    )
