"""Sentence boundaries in Chinese (and embedded English) text.

A sentence ends at 。！？ (or ASCII .!? followed by a space in Latin text), together with any
closing quotes or brackets right after it. Full stops *inside* a quotation do not end the
sentence, so a quoted speech stays whole with its attribution — unless the quotation runs
on for so long that its closing mark was evidently lost.
"""

from __future__ import annotations

from itertools import pairwise

_HARD_END = frozenset("。！？!?.")
_CLOSERS = frozenset("”’」』）)】》\"'")
_OPEN_QUOTES = frozenset("“「『")
_CLOSE_QUOTES = frozenset("”」』")
# A quotation longer than this without its closing mark is treated as broken.
_MAX_QUOTE = 320


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Args:
        text: A cleaned paragraph.

    Returns:
        Half-open ``(start, end)`` ranges covering ``text`` without gaps; whitespace at a
        boundary belongs to the preceding sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    quote_start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            if depth == 0:
                quote_start = i
            depth += 1
        elif ch in _CLOSE_QUOTES and depth:
            depth -= 1
        elif depth and i - quote_start > _MAX_QUOTE:
            depth = 0
        if (
            ch in _HARD_END
            and (depth == 0 or _quote_ends_here(text, i, depth))
            and _is_end(text, i)
        ):
            end = _absorb_closers(text, i + 1)
            spans.append((start, end))
            start, i, depth = end, end, 0
            continue
        i += 1
    if start < n:
        if text[start:].strip() or not spans:
            spans.append((start, n))
        else:
            spans[-1] = (spans[-1][0], n)
    return spans


def _is_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "." and (i == 0 or not text[i - 1].isascii() or not text[i - 1].isalpha()):
        return False  # "1.5", "[M].", a Chinese sentence with a stray dot
    if ch in "!?.":
        # ASCII marks end a sentence only before a space or the end (not "1.5", "www.x").
        return i + 1 >= len(text) or text[i + 1] in " \n" or text[i + 1] in _CLOSERS
    return True


def _quote_ends_here(text: str, i: int, depth: int) -> bool:
    """True when the closing marks right after ``text[i]`` close every open quotation."""
    j = i + 1
    closed = 0
    while j < len(text) and text[j] in _CLOSERS:
        closed += text[j] in _CLOSE_QUOTES or text[j] == "’"
        j += 1
    return closed >= depth


def _absorb_closers(text: str, j: int) -> int:
    while j < len(text) and (text[j] in _CLOSERS or text[j] in " \u3000"):
        j += 1
    return j


def sentence_texts(text: str) -> list[str]:
    """The sentences of ``text`` as strings, stripped."""
    return [text[a:b].strip() for a, b in split_sentences(text) if text[a:b].strip()]


def split_long(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a single over-long sentence at ；/， (or a space) close to ``limit`` characters."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(sep) for sep in "；;，,、 ")
        end = start + (cut + 1 if cut > limit // 3 else limit)
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def split_statements(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The statements of the sentence ``text[start:end]`` that semicolons join (在南非…；
    在巴西…), each with its semicolon; none when there is no semicolon outside a quotation
    or brackets."""
    cuts = []
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in "“「『（(":
            depth += 1
        elif ch in "”」』）)" and depth:
            depth -= 1
        elif ch in "；;" and not depth:
            cuts.append(i + 1)
    if not cuts:
        return []
    bounds = [start, *(c for c in cuts if start < c < end), end]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]
