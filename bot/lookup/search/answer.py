"""The answer inside a passage: what a question asks for, and the sentence that says it.

Extractive and rule-based: the question words say what kind of answer is wanted (a number,
a date, a person, a place, a list, a reason, a definition, yes or no). In each passage the
sentence that answers is the one that covers most of the question's matched terms, with a
bonus when it holds an answer of the asked kind (a number for 多少, a date for 哪年). The
snippet a chat shows is built around that sentence, and the fact in it is marked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.lookup.text.script import fold
from bot.lookup.text.sentences import split_sentences, split_statements

AnswerType = Literal[
    "number", "date", "person", "place", "list", "reason", "definition", "yesno", "topic"
]

# Ordered: the first cue that matches decides (哪年 is a date before 几 is a number).
_CUES: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        "date",
        re.compile(
            r"哪一?年|哪一?天|哪一?月|几月|几号|何时|什么时候|什么时间|啥时候|哪个时候"
            r"|哪一?年份|\bwhen\b|\bwhat year\b|\bwhich year\b|\bwhat date\b",
            re.I,
        ),
    ),
    (
        "number",
        re.compile(
            r"多少|(?<!哪)几[个次届家项年人名位国倍成亿万千百十]|多大|多高|多长|多久|多远|占比|比例"
            r"|百分之几|几成|\bhow (?:many|much|long|large|big)\b|\bwhat (?:percentage|share)\b"
            r"|\bshare of\b|\bproportion\b|\bpercent(?:age)?\b",
            re.I,
        ),
    ),
    ("person", re.compile(r"谁|哪位|何人|哪个人|\bwho\b|\bwhom\b", re.I)),
    (
        "place",
        re.compile(
            r"哪里|哪儿|在哪|哪个城市|哪座城市|哪个国家|哪国|何地|\bwhere\b"
            r"|\b(?:which|what) (?:city|country|place|province|region)\b",
            re.I,
        ),
    ),
    (
        "list",
        re.compile(r"哪些|哪几|有什么|包括什么|\bwhat are\b|\bwhich \w+(?:ies|es|s)\b", re.I),
    ),
    ("reason", re.compile(r"为什么|为何|原因|怎么会|\bwhy\b", re.I)),
    ("definition", re.compile(r"是什么|什么是|指什么|\bwhat is\b|\bwhat's\b", re.I)),
    # An English question asks yes or no only when it opens with the verb ("Did…", not
    # "What did…").
    (
        "yesno",
        re.compile(
            r"吗[?？]?$|是否|有没有|能否|是不是|^\s*(?:did|does|do|is|are|was|were|can|has|have)\b",
            re.I,
        ),
    ),
)

# A figure in digits is never the tail of a name in Latin letters (G7, 5G, COVID-19).
_NUM = r"(?:(?<![A-Za-z\-])\d[\d,，.]*|[零一二两三四五六七八九十百千万亿億萬]+)"
_FACTS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日"
        r"|[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"
    ),
    # An enumeration (印度、阿联酋、沙特阿拉伯): what 哪些 asks for.
    "list": re.compile(r"[^，,。；;：:、\s“”]{1,12}(?:、[^，,。；;：:、\s“”]{1,12})+"),
    "number": re.compile(
        rf"百分之{_NUM}|{_NUM}\s*分之\s*{_NUM}|{_NUM}\s*(?:%|％)"
        rf"|{_NUM}\s*(?:多|余|餘)?\s*(?:万亿|亿|万|萬億|億|萬|千|百)?\s*"
        r"(?:个|個|次|届|屆|家|项|項|名|位|人|国|國|倍|成|元|美元|兰特|卢布|件|所|场|場|批|座|条|條|种|種)"
        r"|(?<![A-Za-z\-\d])\d[\d,，.]*\s*(?:万亿|亿|万|億|萬)?(?![A-Za-z\d])"
    ),
}
# The unit a count question names (几次 -> 次, 多少人 -> 人), and questions for a share.
_UNIT = re.compile(r"(?:几|幾|多少)\s*([个個次届屆家项項年人名位国國倍亿億万萬千百元])")
# Else the thing counted, named right after the question word (多少运动员, 多少贷款): its
# first two characters, as a count of it writes them after the figure (3000多名运动员).
_NOUN = re.compile(r"(?:多少|几|幾)(?:个|個|名|位|家|项|項|笔|筆)?([\u4e00-\u9fff]{2})")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# The unit named before the question word: 人数有多少 asks for 人, 次数是多少 for 次.
_COUNTED = re.compile(
    r"([人次家项項国國个個])[数數](?:量)?(?:有|是|为|為|达到|達到)?(?:多少|几|幾)"
)
_SHARE = re.compile(
    r"比例|占比|百分之几|几成|占.{0,12}多少|\bshare\b|\bproportion\b|\bpercent", re.I
)
_SHARE_FACT = re.compile(r"%|％|百分之|分之|成")
# A sentence's share of the question's terms outweighs the kind of fact it holds; the fact
# decides between sentences that cover the question about as well.
FACT_BONUS = 0.5
# How strongly a fact answers, as a share of FACT_BONUS: one in the unit the question names
# (十次 for 几次) answers outright; a figure in digits with its unit is more often the
# amount asked for than a small number in words (四个金砖国家, 五个分工作组), which mostly
# describes, or a bare figure.
FACT_IN_UNIT = 1.0
FACT_IN_DIGITS = 0.8
FACT_IN_WORDS = 0.5
FACT_IN_LIST = 0.6
# A sentence longer than this (characters) that joins several statements with semicolons
# also names the statement that answers best: about what a group chat's snippet shows.
LONG_SENTENCE = 100


def question_type(query: str) -> AnswerType:
    """What kind of answer ``query`` asks for; ``topic`` when it asks for none in particular."""
    text = query.strip()
    for kind, cue in _CUES:
        if cue.search(text):
            return kind
    return "topic"


def asked_unit(query: str) -> str | None:
    """The unit a count question names: ``次`` for 几次, ``%`` for a share; else None."""
    if _SHARE.search(query):
        return "%"
    found = _UNIT.search(query) or _COUNTED.search(query) or _NOUN.search(query)
    return fold(found.group(1)) if found else None


def given_figures(query: str) -> frozenset[str]:
    """The figures a question states itself (10% in "what does a 10% rise bring"): the
    answer is another one."""
    return frozenset(_FIGURE.findall(query))


def fact_strength(fact: str, kind: AnswerType, unit: str | None, after: str = "") -> float:
    """How surely ``fact`` (a date or a number found in a sentence, followed by ``after``)
    answers the question."""
    if kind == "list":
        # 、 also joins pairs that are no answer (政治、经济): an enumeration only hints.
        return FACT_IN_LIST
    if kind != "number":
        return FACT_IN_UNIT
    if unit == "%" and _SHARE_FACT.search(fact):
        return FACT_IN_UNIT
    if unit is not None and unit != "%" and fold(unit) in fold(fact + after[: len(unit) + 1]):
        return FACT_IN_UNIT
    # A bare figure (no unit: a page, a list number) says less than one with its unit.
    counted = any(ch.isdigit() for ch in fact) and not fact[-1].isdigit()
    return FACT_IN_DIGITS if counted else FACT_IN_WORDS


# A term of the question as the passage writes it, or a concept: its weight and the ways
# the passage writes it (any one counts).
Term = str | tuple[float, Sequence[str]]


def _weighted(terms: Sequence[Term]) -> list[tuple[float, list[str]]]:
    out = []
    for term in terms:
        if isinstance(term, str):
            if term.strip():
                out.append((float(len(term)), [term]))
        else:
            weight, forms = term
            out.append((weight, [f for f in forms if f.strip()]))
    return out


@dataclass(frozen=True, slots=True)
class AnswerSpan:
    """Where the answer sits in a passage's text: its sentence and, if found, the fact."""

    sentence: tuple[int, int]
    fact: tuple[int, int] | None = None
    cover: float = 0.0  # the share of the question's weight the sentence holds
    strength: float = 0.0  # how surely the fact answers (see fact_strength)
    # In a long sentence of statements joined by semicolons, the one that answers best.
    focus: tuple[int, int] | None = None


def find_fact(
    text: str,
    kind: AnswerType,
    start: int = 0,
    end: int | None = None,
    unit: str | None = None,
    given: frozenset[str] = frozenset(),
) -> re.Match[str] | None:
    """The answer of ``kind`` (a date, a number) in ``text[start:end]`` that answers most
    surely (see :func:`fact_strength`; the first of equals), if any; a number the question
    states itself (``given``) is not its answer."""
    pattern = _FACTS.get(kind)
    if pattern is None:
        return None
    stop = len(text) if end is None else end
    if kind != "number":
        return pattern.search(text, start, stop)
    # A date is not the amount a 多少 question asks for (2023年, 6月22日), and 一个 / 一次 is
    # how Chinese says "a", not a count.
    dates = [m.span() for m in _FACTS["date"].finditer(text, start, stop)]
    best: tuple[float, re.Match[str]] | None = None
    for match in pattern.finditer(text, start, stop):
        found = match.group()
        in_date = any(a <= match.start() < b for a, b in dates)
        if in_date or (len(found) == 2 and found[0] == "一"):
            continue
        if given and any(f in given for f in _FIGURE.findall(found)):
            continue
        strength = fact_strength(found, kind, unit, text[match.end() : match.end() + 4])
        if best is None or strength > best[0]:
            best = (strength, match)
    return best[1] if best else None


def answer_span(
    text: str,
    terms: Sequence[Term],
    kind: AnswerType,
    unit: str | None = None,
    given: frozenset[str] = frozenset(),
) -> AnswerSpan | None:
    """The sentence of ``text`` that best answers a question with matched ``terms``.

    A term is a string (weighted by its length, a proxy for how specific it is) or a
    concept's weight with the ways ``text`` writes it; a question's concept counts once
    however many of its forms a sentence holds (国际货币基金组织 and IMF are one). Each
    sentence scores the share of the weight it holds, plus :data:`FACT_BONUS` times
    :func:`fact_strength` when it holds a fact of the asked ``kind`` (in the asked
    ``unit``, see :func:`asked_unit`; not one of the figures ``given`` in the question).
    The earliest sentence wins a tie. None when no sentence holds a term.
    """
    wanted = _weighted(terms)
    total = sum(weight for weight, _ in wanted)
    if not total:
        return None
    best = _best_unit(text, split_sentences(text), wanted, total, kind, unit, given)
    if best is None:
        return None
    _, start, end, fact, covered, strength = best
    focus = None
    if end - start > LONG_SENTENCE:
        # A long sentence of several statements (在南非…；在巴西…；在埃及…) is shown in part
        # where a snippet is short: the statement that says the most of the question, with
        # its fact. The sentence's share of the question stays the whole sentence's.
        parts = split_statements(text, start, end)
        inner = _best_unit(text, parts, wanted, total, kind, unit, given) if parts else None
        if inner is not None:
            _, first, last, fact, _, strength = inner
            focus = (first, last)
    found = (fact.start(), fact.end()) if fact else None
    return AnswerSpan((start, end), found, covered, strength, focus)


_Unit = tuple[float, int, int, re.Match[str] | None, float, float]


def _best_unit(
    text: str,
    spans: Sequence[tuple[int, int]],
    wanted: list[tuple[float, list[str]]],
    total: float,
    kind: AnswerType,
    unit: str | None,
    given: frozenset[str],
) -> _Unit | None:
    """Of ``spans`` of ``text``, the one that answers best: (score, start, end, fact,
    cover, strength); the earliest of equals, None when none holds a term."""
    best: _Unit | None = None
    for start, end in spans:
        sentence = text[start:end]
        covered = sum(w for w, forms in wanted if any(f in sentence for f in forms)) / total
        if not covered:
            continue
        fact = find_fact(text, kind, start, end, unit, given)
        after = text[fact.end() : fact.end() + 4] if fact else ""
        strength = fact_strength(fact.group(), kind, unit, after) if fact else 0.0
        score = covered + FACT_BONUS * strength
        if best is None or score > best[0]:
            best = (score, start, end, fact, covered, strength)
    return best
