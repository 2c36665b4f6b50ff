"""Building blocks for chat HTML: escaping, highlighting, sentence-boundary clipping, fitting.

Telegram counts a message's length and its entities *after* parsing the HTML: at most 4096
characters (UTF-16 code units, which is what the server counts) and at most 100 entities
(later ones are silently dropped). :func:`fit` assembles complete blocks while both stay
within bounds, so a cut never splits a tag or a sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from bot.lookup.text.script import as_traditional, detect_script, to_simplified
from bot.lookup.text.sentences import split_sentences, split_statements

MAX_LENGTH = 4096
MAX_ENTITIES = 100
ELLIPSIS = "…"
# A chat's script setting: one script for every reply. "auto" follows each question's own
# script; "source" keeps every document as written (replies may then mix scripts).
Script = Literal["simplified", "traditional", "auto", "source"]
SCRIPTS: tuple[Script, ...] = ("simplified", "traditional", "auto", "source")
DEFAULT_SCRIPT: Script = "simplified"

_TAG = re.compile(r"<[^>]*>")
_OPENING_TAG = re.compile(r"<[a-z][^>]*>")
# Bold spans per passage: enough to show why it matched, few enough to stay far from 100.
_MAX_MARKS = 6


def esc(text: str) -> str:
    """Escape a corpus or user fragment for Telegram HTML."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape a value for an HTML attribute (a link's href)."""
    return html.escape(text, quote=True)


def script_for(setting: Script, asked: str) -> Script:
    """The script a reply is written in: the setting, or with "auto" the question's own."""
    if setting != "auto":
        return setting
    return detect_script(asked) if asked.strip() else DEFAULT_SCRIPT


def in_script(text: str, script: Script) -> str:
    """Corpus text in the chat's chosen script ("source" leaves it as written)."""
    if script in ("simplified", "auto"):
        return to_simplified(text)
    if script == "traditional":
        return as_traditional(text)
    return text


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def measure(markup: str) -> tuple[int, int]:
    """(length after parsing in UTF-16 units, number of entities) of Telegram HTML."""
    visible = html.unescape(_TAG.sub("", markup))
    return utf16_len(visible), len(_OPENING_TAG.findall(markup))


def highlight(text: str, terms: Iterable[str], limit: int = _MAX_MARKS) -> str:
    """Escape ``text`` and wrap the first ``limit`` occurrences of ``terms`` in ``<b>``."""
    wanted = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not wanted:
        return esc(text)
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    out: list[str] = []
    last = marks = 0
    for match in pattern.finditer(text):
        if marks >= limit:
            break
        out += [esc(text[last : match.start()]), "<b>", esc(match.group()), "</b>"]
        last, marks = match.end(), marks + 1
    out.append(esc(text[last:]))
    return "".join(out)


def clip(text: str, budget: int, focus: Sequence[str] = ()) -> str:
    """At most ``budget`` characters of ``text``, cut on sentence boundaries.

    The window starts at the first sentence holding one of ``focus`` (so a snippet shows
    why a passage matched) and takes whole sentences while they fit. A single sentence
    longer than the budget is cut at the budget with an ellipsis, the only case where a cut
    falls inside a sentence.
    """
    text = text.strip()
    if len(text) <= budget:
        return text
    spans = split_sentences(text)
    first = _focus_sentence(text, spans, focus)
    start = spans[first][0]
    end = start
    for _, span_end in spans[first:]:
        if span_end - start > budget:
            break
        end = span_end
    if end == start:
        return text[start : start + budget - 1].rstrip() + ELLIPSIS
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix


def clip_around(
    text: str,
    budget: int,
    sentence: tuple[int, int],
    fact: tuple[int, int] | None = None,
    focus: tuple[int, int] | None = None,
) -> str:
    """At most ``budget`` characters of ``text`` that show ``sentence`` (offsets) whole.

    The window starts at that sentence and takes the following sentences while they fit.
    A sentence longer than the budget shows its ``focus`` (the statement that answers)
    instead, and one still too long is cut around ``fact`` (or from its start), with an
    ellipsis on each side that was cut.
    """
    start, end = sentence
    if len(text) <= budget:
        return text.strip()
    if end - start > budget and focus is not None:
        start, end = _around(text, sentence, focus, budget)
    if end - start > budget:
        middle = (fact[0] + fact[1]) // 2 if fact else start + budget // 2
        start = max(start, min(middle - budget // 2, end - budget))
        end = start + budget
        window = text[start:end].strip()
        return (ELLIPSIS if start > 0 else "") + window + (ELLIPSIS if end < len(text) else "")
    for span_start, span_end in split_sentences(text):
        if span_start >= end and span_end - start <= budget:
            end = span_end
        elif span_start >= end:
            break
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return prefix + text[start:end].strip() + suffix


def _around(
    text: str, sentence: tuple[int, int], focus: tuple[int, int], budget: int
) -> tuple[int, int]:
    """``focus`` with as many of the statements after it, then before it, in ``sentence``
    as fit ``budget`` characters together."""
    statements = split_statements(text, *sentence)
    bounds = sorted({sentence[0], *(end for _, end in statements), sentence[1]})
    start, end = focus
    for bound in (b for b in bounds if b > end):
        if bound - start > budget:
            break
        end = bound
    for bound in sorted((b for b in bounds if b < start), reverse=True):
        if end - bound > budget:
            break
        start = bound
    return start, end


def _focus_sentence(text: str, spans: list[tuple[int, int]], focus: Sequence[str]) -> int:
    positions = [text.find(term) for term in focus if term]
    hits = [p for p in positions if p >= 0]
    if not hits:
        return 0
    at = min(hits)
    for index, (start, end) in enumerate(spans):
        if start <= at < end:
            return index
    return 0


def fit(
    head: Sequence[str], blocks: Sequence[str], tail: Sequence[str] = (), sep: str = "\n\n"
) -> str:
    """Join ``head``, as many whole ``blocks`` as fit, and ``tail`` within Telegram's limits.

    Every part must be complete HTML (balanced tags). Head and tail are always kept; blocks
    are dropped from the end once the next one would exceed the length or entity limit.
    """
    fixed = [p for p in (*head, *tail) if p]
    length, entities = measure(sep.join(fixed))
    kept: list[str] = []
    for block in blocks:
        size, count = measure(block)
        if length + size + utf16_len(sep) > MAX_LENGTH or entities + count > MAX_ENTITIES:
            break
        kept.append(block)
        length, entities = length + size + utf16_len(sep), entities + count
    return sep.join(p for p in (*head, *kept, *tail) if p)


def blockquote(inner: str, *, expandable_over: int = 300) -> str:
    """A quotation block; long ones collapse (``<blockquote expandable>``)."""
    length, _ = measure(inner)
    opening = "<blockquote expandable>" if length > expandable_over else "<blockquote>"
    return f"{opening}{inner}</blockquote>"


def shorten(text: str, limit: int) -> str:
    """A label cut to ``limit`` characters with an ellipsis (titles, sections, button text)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
