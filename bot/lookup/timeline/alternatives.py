"""Concepts a question lists as alternatives are one topic: any of them.

``全球发展倡议、全球安全倡议、全球文明倡议的时间线`` asks for the events of each initiative, not
for events naming all three at once; weighed as three concepts, an event naming one covers a
third of the topic and is dropped. Items listed with 、 (or joined by 或) become one concept
whose forms are all of theirs. ``和``/``与`` are left alone: ``中国和哈萨克斯坦关系`` asks about
the two together.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.text.script import to_simplified

# What may stand between two listed items: the enumeration comma, 或/或者, and spaces.
_LISTING = re.compile(r"\s*(?:、|或者|或)\s*")


def _position(concept: Concept, text: str) -> tuple[int, int] | None:
    """Where the query writes ``concept`` (its earliest, then longest, form)."""
    spots = [
        (at, -len(form))
        for form in dict.fromkeys([concept.term.lower(), *concept.forms])
        if form and (at := text.find(form)) >= 0
    ]
    if not spots:
        return None
    at, negative = min(spots)
    return at, at - negative


def listed_groups(concepts: list[Concept], text: str) -> list[list[int]]:
    """Indices of the concepts, grouped: those listed one after another with 、 or 或 share a
    group, every other concept stands alone (in the order of ``concepts``)."""
    spots = [(_position(c, text), i) for i, c in enumerate(concepts)]
    placed = sorted((spot, i) for spot, i in spots if spot is not None)
    group_of = list(range(len(concepts)))
    for (before, i), (after, j) in pairwise(placed):
        if _LISTING.fullmatch(text[before[1] : after[0]]):
            group_of[j] = group_of[i]
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        groups.setdefault(g, []).append(i)
    return list(groups.values())


def merge_listed(parsed: ParsedQuery) -> list[Concept]:
    """The query's concepts with the items of each list merged into one concept."""
    text = to_simplified(parsed.corrected or parsed.cleaned).lower()
    concepts = parsed.concepts
    out: list[Concept] = []
    for group in listed_groups(concepts, text):
        members = [concepts[i] for i in group]
        if len(members) == 1:
            out.append(members[0])
            continue
        out.append(
            replace(
                members[0],
                term="、".join(m.term for m in members),
                forms=list(dict.fromkeys(f for m in members for f in m.forms)),
                # the union is as common as its most common member, at least
                weight=min(m.weight for m in members),
                parts=list(dict.fromkeys(p for m in members for p in m.parts)),
                share=max(m.share for m in members),
            )
        )
    return out
