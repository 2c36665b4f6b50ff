"""What a request for a timeline names, apart from how it asks for a history.

People ask for a timeline in words of history: "说说新开发银行的历史", "金砖扩员经历了哪些
阶段", "欧盟太空安全近年来的动态", "回顾一下厦门会晤", "How did the New Development Bank
evolve?". The parser drops question words and set framing phrases (时间线, 来龙去脉), but the
history words left (历史, 阶段, 动态, 回顾, evolve) read as topic words: rare in the corpus,
they outweighed the topic and moved the events shown from one phrasing to the next.

They are framing only at the edges of the request, and only where the grammar sets them
apart from the topic (``bot/lookup/text/words/history_*.txt``):

* ``history_heads`` (历史, 阶段, 进展, 发展, events): the history's nouns and qualifiers. At
  the end they are framing after a word of the question (的, 了, 有哪些, 和) or of framing;
  written right against the topic they are part of it (绿色发展, 和平进程, 新阶段). At the
  start, before such a word ("key events of X").
* ``history_framing`` (经历, 发生, 开始, 近年来, 发展史, over the years): verbs of going
  through time, stretches of time, a history by name, rough adverbs. No topic's name ends
  with them: at either edge they are framing, and they set the history's nouns after them
  apart (X经历了哪些阶段).
* ``history_requests`` (回顾, 列出, 想看, 能不能, trace): they open a request. They are
  matched on the characters the request starts with as well, since the segmenter may glue
  the last one to the topic (想看中哈关系: 想 | 看中 | 哈).

Inside the request, a light verb (``light_verbs``: 开展, 进行) before its object is no
topic either: "金砖国家如何开展人文交流" asks about 人文交流, not about all that was 开展ed.
Other words inside the request are never touched (中日历史问题 keeps 历史), nor is a request made
of framing only (历史 alone is the topic after all). What is taken out is blanked in the
request as typed, so the parser reads the rest as before: same names, same script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.lookup.search.query import QueryParser, blank_framing, clean
from bot.lookup.text import wordlists
from bot.lookup.text.segment import has_cjk, token_form

_HEADS = wordlists.load("history_heads")
_FRAMING = wordlists.load("history_framing")
_REQUESTS = wordlists.load("history_requests")
_LIGHT = wordlists.load("light_verbs")
# A request the text opens with, on its characters: a Latin word must end where it ends.
_OPENERS = re.compile(
    "|".join(
        re.escape(w) + ("" if has_cjk(w) else r"\b")
        for w in sorted(_REQUESTS, key=len, reverse=True)
    )
)
# Words of the segmenter's cut a listed phrase may span (时间 + 点, over + the + years).
_SPAN = 4

Role = Literal["noise", "head", "framing", "request"]


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Item:
    first: int  # index of its first word
    last: int  # index after its last word
    role: Role


def timeline_topic(query: str, parser: QueryParser) -> str:
    """``query`` with the history words at its edges blanked out; ``query`` itself when
    there are none, or when nothing but framing would be left."""
    cleaned = clean(query)
    form = token_form(cleaned)
    if len(form) != len(cleaned):
        return query  # a character folded into several: positions would not match
    framed = blank_framing(form)
    opened = _opened(framed)
    words = _words(opened, parser)
    if not words:
        return query
    head = _head(_run(words, parser, backwards=False))
    tail = _tail(_run(words, parser, backwards=True))
    dropped = {i for item in head + tail for i in range(item.first, item.last)}
    dropped |= _light(words, dropped, parser)
    if not dropped and opened == framed:
        return query
    # the requests blanked on characters, then the words dropped
    out = [" " if o != f else c for c, o, f in zip(cleaned, opened, framed, strict=True)]
    for i in dropped:
        out[words[i].start : words[i].end] = " " * (words[i].end - words[i].start)
    kept = [w for n, w in enumerate(words) if n not in dropped]
    if all(parser.is_noise(w.text) for w in kept):
        return query
    return "".join(out)


def _light(words: list[_Word], dropped: set[int], parser: QueryParser) -> set[int]:
    """The light verbs (开展, 进行) with their object, a word of the topic, after them
    (开展了哪些反恐合作: past the question's words)."""
    topical = [n for n, w in enumerate(words) if n not in dropped and not parser.is_noise(w.text)]
    last = max(topical, default=-1)
    return {n for n in topical if words[n].text in _LIGHT and n < last}


def _opened(form: str) -> str:
    """``form`` with the requests it opens with blanked, matched on its characters (a Latin
    word whole)."""
    at = 0
    while True:
        at += len(form[at:]) - len(form[at:].lstrip())
        match = _OPENERS.match(form, at)
        if match is None:
            return form
        form = form[:at] + " " * (match.end() - at) + form[match.end() :]
        at = match.end()


def _words(form: str, parser: QueryParser) -> list[_Word]:
    """The segmenter's words of ``form`` with where they stand, spaces left out."""
    out, at = [], 0
    for piece in parser.segmenter.pieces(form):
        if piece.strip():
            out.append(_Word(at, at + len(piece), piece.strip()))
        at += len(piece)
    return out


def _role(words: list[_Word], parser: QueryParser) -> Role | None:
    joiner = "" if any(has_cjk(w.text) for w in words) else " "
    phrase = joiner.join(w.text for w in words)
    if phrase in _HEADS:
        return "head"
    if phrase in _FRAMING:
        return "framing"
    if phrase in _REQUESTS:
        return "request"
    if len(words) == 1 and parser.is_noise(phrase):
        return "noise"
    return None


def _run(words: list[_Word], parser: QueryParser, *, backwards: bool) -> list[_Item]:
    """The words of framing and of the question at one edge, outermost first; a phrase of
    several words is one item, the longest first."""
    items: list[_Item] = []
    lo, hi = 0, len(words)
    while lo < hi:
        for size in range(min(_SPAN, hi - lo), 0, -1):
            first, last = (hi - size, hi) if backwards else (lo, lo + size)
            role = _role(words[first:last], parser)
            if role is not None:
                items.append(_Item(first, last, role))
                hi, lo = (first, lo) if backwards else (hi, last)
                break
        else:
            break
    return items


def _tail(run: list[_Item]) -> list[_Item]:
    """What to drop of the run at the end (outermost first): framing words always, nouns
    of history when a word of the question or of framing stands before them in the run."""
    dropped: list[_Item] = []
    apart = False
    for item in reversed(run):  # from the topic outwards
        if item.role in ("noise", "framing"):
            apart = True
        if item.role == "framing" or (item.role == "head" and apart):
            dropped.append(item)
    return dropped


def _head(run: list[_Item]) -> list[_Item]:
    """What to drop of the run at the start: requests and framing words always, nouns of
    history when a word of the question stands after them in the run (key events of X)."""
    last_noise = max((n for n, item in enumerate(run) if item.role == "noise"), default=-1)
    return [
        item
        for n, item in enumerate(run)
        if item.role in ("request", "framing") or (item.role == "head" and n < last_noise)
    ]
