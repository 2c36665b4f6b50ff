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

from bot.lookup.text.sentences import split_sentences

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
            r"多少|几[个次届家项年人名位国倍成亿万千百十]|多大|多高|多长|多久|多远|占比|比例"
            r"|百分之几|几成|\bhow (?:many|much|long|large|big)\b|\bwhat (?:percentage|share)\b",
            re.I,
        ),
    ),
    ("person", re.compile(r"谁|哪位|何人|哪个人|\bwho\b|\bwhom\b", re.I)),
    (
        "place",
        re.compile(r"哪里|哪儿|在哪|哪个城市|哪座城市|哪个国家|哪国|何地|\bwhere\b", re.I),
    ),
    ("list", re.compile(r"哪些|哪几|有什么|包括什么|\bwhat are\b|\bwhich\b", re.I)),
    ("reason", re.compile(r"为什么|为何|原因|怎么会|\bwhy\b", re.I)),
    ("definition", re.compile(r"是什么|什么是|指什么|\bwhat is\b|\bwhat's\b", re.I)),
    ("yesno", re.compile(r"吗[?？]?$|是否|有没有|能否|是不是|\b(?:did|does|is|are|was)\b", re.I)),
)

_NUM = r"(?:\d[\d,，.]*|[零一二两三四五六七八九十百千万亿]+)"
_FACTS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日"
        r"|[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"
    ),
    "number": re.compile(
        rf"百分之{_NUM}|{_NUM}\s*分之\s*{_NUM}|{_NUM}\s*(?:%|％)"
        rf"|{_NUM}\s*(?:多|余)?\s*(?:万亿|亿|万|千|百)?\s*"
        r"(?:个|次|届|家|项|名|位|人|国|倍|成|元|美元|兰特|卢布|件|所|场|批|座|条|种)"
        rf"|\d[\d,，.]*\s*(?:万亿|亿|万)?"
    ),
}
# A sentence's share of the question's terms outweighs the kind of fact it holds; the fact
# decides between sentences that cover the question about as well.
FACT_BONUS = 0.5


def question_type(query: str) -> AnswerType:
    """What kind of answer ``query`` asks for; ``topic`` when it asks for none in particular."""
    text = query.strip()
    for kind, cue in _CUES:
        if cue.search(text):
            return kind
    return "topic"


@dataclass(frozen=True, slots=True)
class AnswerSpan:
    """Where the answer sits in a passage's text: its sentence and, if found, the fact."""

    sentence: tuple[int, int]
    fact: tuple[int, int] | None = None


def find_fact(
    text: str, kind: AnswerType, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """The first answer of ``kind`` (a date, a number) in ``text[start:end]``, if any."""
    pattern = _FACTS.get(kind)
    if pattern is None:
        return None
    stop = len(text) if end is None else end
    if kind != "number":
        return pattern.search(text, start, stop)
    # A date is not the amount a 多少 question asks for (2023年, 6月22日), and 一个 / 一次 is
    # how Chinese says "a", not a count.
    dates = [m.span() for m in _FACTS["date"].finditer(text, start, stop)]
    for match in pattern.finditer(text, start, stop):
        found = match.group()
        in_date = any(a <= match.start() < b for a, b in dates)
        if in_date or (len(found) == 2 and found[0] == "一"):
            continue
        return match
    return None


def answer_span(text: str, terms: Sequence[str], kind: AnswerType) -> AnswerSpan | None:
    """The sentence of ``text`` that best answers a question with matched ``terms``.

    Each sentence scores the share of the terms (weighted by length, a proxy for how
    specific a term is) it holds, plus :data:`FACT_BONUS` when it holds a fact of the
    asked ``kind``. The earliest sentence wins a tie. None when no sentence holds a term.
    """
    wanted = {t for t in terms if t.strip()}
    total = sum(len(t) for t in wanted)
    if not total:
        return None
    best: tuple[float, int, int, re.Match[str] | None] | None = None
    for start, end in split_sentences(text):
        sentence = text[start:end]
        covered = sum(len(t) for t in wanted if t in sentence) / total
        if not covered:
            continue
        fact = find_fact(text, kind, start, end)
        score = covered + (FACT_BONUS if fact else 0.0)
        if best is None or score > best[0]:
            best = (score, start, end, fact)
    if best is None:
        return None
    _, start, end, fact = best
    return AnswerSpan((start, end), (fact.start(), fact.end()) if fact else None)
