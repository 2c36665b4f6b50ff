"""Grouping's arithmetic on the real chronology: the shared weights of a year's statements
(worked out with arrays) are the weighted overlaps of their bigram sets, and the claims it
compares for conflicts are remembered by the chronology without changing what it finds."""

from __future__ import annotations

from collections import defaultdict

from bot.lookup.library import Library
from bot.lookup.timeline import grouping
from bot.lookup.timeline.build import build_timeline
from bot.lookup.timeline.chronology import Entry, corpus_events


def _overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """The weighted overlap coefficient of two bigram sets, by its definition."""
    smaller = min(sum(idf[g] for g in a), sum(idf[g] for g in b))
    return sum(idf[g] for g in a & b) / smaller if smaller else 0.0


async def test_shared_weights_are_the_overlaps_of_the_bigram_sets(library: Library) -> None:
    chronology = await corpus_events(library.conn, library.summits)
    # A broad topic's candidates: every statement naming 金砖, many of them in one year.
    entries = [e for e in chronology.entries if "金砖" in e.sentence_fold][:150]
    assert len(entries) > 100
    weights = grouping._idf(entries, chronology)
    ids = chronology.bigram_ids()
    idf = {
        g: float(weights[i])
        for e in entries
        for g, i in zip(e.grams, ids.grams[e.order].tolist(), strict=True)
    }
    common = {g for e in entries for g in e.grams if sum(g in o.grams for o in entries) > 1}
    assert 0 < len(common) < len(idf)  # some bigrams are shared, others held by one
    assert len({round(w, 9) for w in idf.values()}) > 2  # rarer bigrams weigh more
    years: dict[str, list[tuple[Entry, float]]] = defaultdict(list)
    for entry in entries:
        years[entry.date[:4]].append((entry, 1.0))
    members = max(years.values(), key=len)
    assert len(members) >= 10
    year = grouping._Year.of(members, chronology, weights)
    compared = overlapping = 0
    for a in year.statements:
        assert abs(a.mass - sum(idf[g] for g in a.entry.grams)) < 1e-9
        for b in year.statements[: a.at]:
            whole = _overlap(a.entry.grams, b.entry.grams, idf)
            expected = whole
            if min(len(a.entry.claim), len(b.entry.claim)) >= 4:
                expected = max(whole, _overlap(a.entry.claim, b.entry.claim, idf))
            assert abs(year.similarity(a, b) - expected) < 1e-9
            compared += 1
            overlapping += expected > grouping.SAME_EVENT
    assert compared > 40
    assert 0 < overlapping < compared  # some pairs read as one event, most do not


async def test_claims_compared_for_conflicts_are_remembered(library: Library) -> None:
    chronology = await corpus_events(library.conn, library.summits)
    chronology.apart.clear()
    first = await build_timeline(library, "南非加入金砖", 50)
    remembered = dict(chronology.apart)
    assert remembered
    assert True in remembered.values()  # 南非正式加入: 2010 in 001, 2011 in 000
    assert False in remembered.values()
    again = await build_timeline(library, "南非加入金砖", 50)
    assert again.events == first.events
    assert dict(chronology.apart) == remembered  # nothing compared anew
    conflicts = [e.conflict for e in again.events if e.conflict and "南非正式加入" in e.text]
    assert len(conflicts) == 2
    by_order = {e.order: e for e in chronology.entries}
    for key, disagree in remembered.items():
        a, b = by_order[key // len(chronology.entries)], by_order[key % len(chronology.entries)]
        assert chronology.compared(a, b) is disagree
        claims = [
            grouping._Claim(e.passage.doc, frozenset(e.ordinals), grouping._claim(e))
            for e in (a, b)
        ]
        assert grouping._disagree(*claims) is disagree
