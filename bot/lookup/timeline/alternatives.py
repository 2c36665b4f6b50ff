"""Concepts a question lists as alternatives are one topic: any of them; two concepts that
together spell one known word are that word.

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

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.text.script import to_simplified

# What may stand between two listed items: the enumeration comma, 或/或者, and spaces.
_LISTING = re.compile(r"\s*(?:、|或者|或)\s*")
# Between two words that spell one: no conjunction (中国和中亚 asks about the two together).
_APART = re.compile(r"和|与|及|同|跟|、|或")


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
    text = query_text(parsed)
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


def merge_joined(concepts: list[Concept], aliases: AliasTable, text: str) -> list[Concept]:
    """``concepts`` with two that stand next to each other in the query (``text``, with only
    words that are no concept between them) and, joined in either order, make a name or a
    synonym of ``aliases`` merged into that word: ``金砖国家成员是怎么一步步扩大的`` asks about
    扩大成员 (扩员, and the countries joining that the table says speak of it), not about
    whatever grew (扩大合作) with 成员 beside it; ``中国—中亚合作`` about 中国—中亚.
    """
    spots = [(_position(c, text), i) for i, c in enumerate(concepts)]
    placed = sorted((spot, i) for spot, i in spots if spot is not None)
    for (before, i), (after, j) in pairwise(placed):
        word = _known(concepts[i], concepts[j], aliases)
        if word is None or _APART.search(text, before[1], after[0]):
            continue
        first, second = concepts[i], concepts[j]
        merged = replace(
            first,
            term=word,
            forms=aliases.expand(word),
            weight=max(first.weight, second.weight),
            parts=list(dict.fromkeys([*first.parts, *second.parts])),
            share=min(first.share, second.share),
        )
        rest = [merged if n == i else c for n, c in enumerate(concepts) if n != j]
        return merge_joined(rest, aliases, text)
    return concepts


def query_text(parsed: ParsedQuery) -> str:
    """The query as its concepts are found in it (corrected, simplified, lowercase)."""
    return to_simplified(parsed.corrected or parsed.cleaned).lower()


def _known(first: Concept, second: Concept, aliases: AliasTable) -> str | None:
    """The word ``first`` and ``second`` spell together, if the table knows it."""
    if first.latin or second.latin:
        return None
    for word in (first.term + second.term, second.term + first.term):
        folded = word.lower()
        if folded in aliases.canonical or folded in aliases.synonyms:
            return folded
    return None
