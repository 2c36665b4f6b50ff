"""What a summary request asks for, apart from its topic.

People frame a topic: "金砖扩员的来龙去脉", "新开发银行发展历程", "喀山宣言的主要内容",
"金砖扩员有什么意义". The framing words are not the topic: no passage needs to contain
"来龙去脉" to be about the expansion, and as rare words they would otherwise outweigh the
topic and empty the summary. They are taken out of the topic and kept as the *intent*:

* ``progression`` (发展历程, 来龙去脉, 沿革…): a dated progression, earliest first;
* ``significance`` (意义, 作用, 影响…): sentences that say what the topic brings;
* ``record`` (成果, 成就…): what was done, with its dates and figures;
* ``definition`` (是什么, 是干什么的, 是个什么机构): the sentences that say what the topic
  is (X是…), and the kind named (机构) where one is;
* ``quantity`` (多少, 几届, 有多大): the sentences that give figures;
* ``overview`` (概况, 简介…) and no framing at all: the topic's key facts.

A question asking when or how the topic came about (什么时候, 哪一年, 是怎么提出来的) is a
progression too: its answer is the dated facts; one asking how much or how many (多少,
几届) is a ``quantity``. When and how much are the query parser's reading
(``ParsedQuery.asks``), shared with search.

The word lists are data (``bot/lookup/text/words/summary_*.txt``); the summary is their
only reader. A phrase is matched on the parser's own terms, whole terms only, so "影响" is
framing in "扩员的影响" but not in "影响力", and "发展" only inside "发展历程".
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from bot.lookup.search.query import Concept
from bot.lookup.text import wordlists

Kind = Literal["overview", "progression", "significance", "record", "definition", "quantity"]

# Words that ask for a summary rather than name its subject (总结一下这篇文章).
ASKING = wordlists.load("summary_requests")
# Framing phrases by intent, as the parser's terms they are made of, joined (发展 + 历程);
# question words (主要, 内容, 情况, 什么, 介绍…) are dropped by the parser before this.
_FRAMING: dict[Kind, frozenset[str]] = {
    "progression": wordlists.load("summary_progression"),
    "significance": wordlists.load("summary_significance"),
    "record": wordlists.load("summary_record"),
    "overview": wordlists.load("summary_overview"),
}
_LONGEST = 3  # terms a framing phrase may span (发展 + 历程, 历史 + 意义)
# Words of the question rather than of its topic (干什么, 之间, 不同).
_QUESTION = wordlists.load("summary_question_phrases")
# A count asked for (开了几届, 多少年): a question word the segmenter keeps whole.
_COUNT_ASKED = re.compile(r"^(?:几|多少)[\u4e00-\u9fff]?$")
# Wordings that ask how a thing came about (怎么 提出), as word sequences.
_ORIGIN = tuple(tuple(entry.split()) for entry in sorted(wordlists.load("summary_asks_origin")))
# What the query parser says a question asks for (ParsedQuery.asks), as an intent.
_ASKED: dict[str, Kind] = {"date": "progression", "count": "quantity"}
# Words after which a noun names the kind of thing a definition asks for (是个什么机构).
_KIND_ASKED = frozenset({"什么", "哪种", "哪类", "何种", "什么样"})
GLUED = 1  # characters a segmenter may glue onto a word (对 of 对巴以)
# Weight of a question's predicate (开工, 讨论, 期间) beside the words naming its subject.
PREDICATE = 0.25
_DEFINES = re.compile(
    r"是(?:个|一个|一种|怎样的)?什么(?!时候|时间)|什么是|干什么|做什么|是指|\bwhat is\b|\bwhat's\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Intent:
    """The framing of a request: what kind of summary, and which terms were framing."""

    kind: Kind = "overview"
    framing: frozenset[str] = frozenset()  # the terms taken out of the topic
    asked: str = ""  # the kind of thing a definition asks for (机构 in 是个什么机构)


def read_intent(concepts: Sequence[Concept]) -> tuple[Intent, list[Concept]]:
    """Split a request's concepts into its intent and its topic.

    Args:
        concepts: The parsed concepts, in query order.

    Returns:
        The intent and the topic's concepts; the topic is empty when every concept is
        framing ("意义" alone), and the caller decides what that means.
    """
    terms = [c.term for c in concepts]
    found: dict[int, Kind] = {}
    i = 0
    while i < len(terms):
        for size in range(min(_LONGEST, len(terms) - i), 0, -1):
            kind = _kind("".join(terms[i : i + size]))
            if kind is not None:
                found.update(dict.fromkeys(range(i, i + size), kind))
                i += size
                break
        else:
            i += 1
    topic = [c for n, c in enumerate(concepts) if n not in found]
    if not found:
        return Intent(), topic
    # The last framing phrase speaks for the request (…的背景和意义: significance).
    kind = found[max(found)]
    return Intent(kind, frozenset(terms[n] for n in found)), topic


def read_request(
    concepts: Sequence[Concept], typed: Sequence[str], asks: str | None = None
) -> tuple[Intent, list[Concept]]:
    """Like :func:`read_intent`, also reading the framing from the words as typed.

    The query parser drops general framing words (来龙去脉, 历程) from every query, so
    the concepts may no longer hold them; ``typed`` (the segmented query) still does.
    Without framing, a question's own kind speaks: ``asks`` (the parser's reading, "date"
    or "count") or a wording asking how the topic came about.
    """
    intent, topic = read_intent(_without_question(concepts, typed))
    if intent.kind == "overview":
        framed = read_intent([Concept(w, [w]) for w in typed if w.strip()])[0]
        if framed.kind != "overview":
            # 发展 of 发展历程 may still be a concept: it is framing too.
            intent = framed
            topic = [c for c in topic if c.term not in framed.framing]
    if intent.kind == "overview" and _defines(typed):
        intent = Intent("definition", intent.framing, _kind_asked(typed))
    if intent.kind == "overview":
        kind = "progression" if _asks_origin(typed) else _ASKED.get(asks or "")
        if kind is not None:
            intent = Intent(kind, intent.framing)
    return intent, topic


def unglue(concepts: Sequence[Concept]) -> list[Concept]:
    """The topic's words with a character the segmenter glued on taken off.

    A preposition or conjunction may be cut together with the word after it (金砖国家对巴以
    冲突的立场: 对巴以): the corpus never writes that token, so as an unknown word it would
    weigh most in the topic while sentences match it only by its part (巴以) for partial
    credit, and no sentence would be about the topic. A word the corpus does not know, whose
    one part is all of it but for :data:`GLUED` character at either end, is that part.
    """
    out = []
    for concept in concepts:
        term, parts = concept.term, concept.parts
        if (
            not concept.known
            and len(parts) == 1
            and len(term) - len(parts[0]) == GLUED
            and term.startswith(parts[0]) != term.endswith(parts[0])
        ):
            concept = replace(concept, term=parts[0], forms=[parts[0]], parts=[])
        out.append(concept)
    return out


def lighten(concepts: Sequence[Concept], predicates: Set[str]) -> list[Concept]:
    """The topic with its predicates weighed lightly.

    Concepts are weighted by rarity in the corpus, and the verbs a question is put with
    (中吉乌铁路什么时候开工, 外长会晤讨论了什么, 印度对扩员的态度) are often rarer there
    than its subject: at full weight they leave the summary empty when no sentence says
    both, and the summary then asks again with the topic this returns. A predicate (a verb,
    a word of position or time, a set phrase of the general dictionary; see
    :func:`bot.lookup.text.names.predicates`) keeps :data:`PREDICATE` of its weight, so
    sentences that say it still rank first. A topic of predicates only (成立, 加入) keeps
    its weights.
    """
    light = [c.term in predicates for c in concepts]
    if all(light) or not any(light):
        return list(concepts)
    return [
        replace(c, weight=c.weight * PREDICATE) if is_light else c
        for c, is_light in zip(concepts, light, strict=True)
    ]


SHARED = 0.2  # share of passages above which a word next to a conjunct is shared by both
# Words joining two things asked about (新能源和绿色金融, 反恐与网络安全).
_AND = re.compile(r"以及|和|与|及|、")


def conjuncts(topic: Sequence[Concept], query: str, names: Set[str]) -> list[list[Concept]] | None:
    """The topics a request joins with 和 (与, 及, 、), each with what they share; None when
    it joins nothing.

    "金砖国家在新能源和绿色金融上的合作" asks about two fields, and a sentence rarely names
    both: each is a topic of its own, with 金砖国家 and 合作. "日本和印度的关系" and
    "日本与全球南方" ask about one relation: when a side names a place or an organisation
    (the general dictionary's ``names``), the request is one topic.

    Args:
        topic: The topic's concepts.
        query: The request in simplified script, as the concepts were read from it.
        names: Names of places and organisations.
    """
    found = _AND.search(query)
    if found is None:
        return None
    spans = []
    for concept in topic:
        at = query.find(concept.term)
        spans.append((at, at + len(concept.term)) if at >= 0 else None)
    # A word in much of the corpus at the outer end is what both share (金砖国家 in
    # 金砖国家反恐和网络安全合作, 合作 after it), not part of either.
    left = _trim(_run(spans, found.start(), backwards=True), topic)
    right = _trim(_run(spans, found.end(), backwards=False), topic)
    if not left or not right:
        return None
    sides = [[topic[i] for i in left], [topic[i] for i in right]]
    if any(c.term in names for side in sides for c in side):
        return None
    joined = set(left) | set(right)
    return [
        [c for i, c in enumerate(topic) if i not in joined or i in side]
        for side in (set(left), set(right))
    ]


def _trim(run: list[int], topic: Sequence[Concept]) -> list[int]:
    while len(run) > 1 and topic[run[-1]].share > SHARED:
        run = run[:-1]
    return run


def _run(spans: list[tuple[int, int] | None], at: int, *, backwards: bool) -> list[int]:
    """The concepts written one after another up to ``at`` (backwards) or from it."""
    out: list[int] = []
    while True:
        side = 1 if backwards else 0
        nxt = next(
            (i for i, span in enumerate(spans) if span is not None and span[side] == at), None
        )
        if nxt is None or nxt in out:
            return out
        out.append(nxt)
        span = spans[nxt]
        assert span is not None
        at = span[1 - side]


def _asks_origin(typed: Sequence[str]) -> bool:
    """Whether a question asks how its topic came about (是怎么提出来的, 由来)."""
    words = [w.strip() for w in typed if w.strip()]
    return any(
        tuple(words[i : i + len(wording)]) == wording
        for wording in _ORIGIN
        for i in range(len(words) - len(wording) + 1)
    )


def _defines(typed: Sequence[str]) -> bool:
    """Whether a request asks what its topic is (是什么, 什么是, 是干什么的, 是个什么机构)."""
    joined = "".join(w.strip() for w in typed)
    return bool(_DEFINES.search(joined))


def _kind_asked(typed: Sequence[str]) -> str:
    words = [w.strip() for w in typed if w.strip()]
    kinds = [b for a, b in pairwise(words) if a in _KIND_ASKED]
    return kinds[0] if kinds and kinds[0] not in _QUESTION else ""


def _without_question(concepts: Sequence[Concept], typed: Sequence[str]) -> list[Concept]:
    """The concepts without the question's own words: a count asked for (几届), a word
    that asks (干什么, 不同), the kind a definition names (机构 in 是个什么机构).

    What would be left empty keeps them: "不同" alone is the topic after all.
    """
    words = [w.strip() for w in typed if w.strip()]
    kinds = {_kind_asked(words)} - {""}
    kept = [
        c
        for c in concepts
        if c.term not in _QUESTION and c.term not in kinds and not _COUNT_ASKED.match(c.term)
    ]
    return kept or list(concepts)


def _kind(phrase: str) -> Kind | None:
    for kind, words in _FRAMING.items():
        if phrase in words:
            return kind
    return None
