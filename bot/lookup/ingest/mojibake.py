"""Detection and verified repair of GBK-misalignment mojibake (rule A5).

Some web pages were encoded as GBK, lost one byte (usually the lead byte of 「。」), and were
decoded one byte out of step until an ASCII byte brought the decoder back in line. The result
is a run of odd characters (「??萍紕撔率墙鸫u」 for 「。科技創新是金磚」). Such runs are flagged; a
repair is applied only when re-encoding the run proves it, and a run that cannot be repaired is
replaced by a visible placeholder (``PLACEHOLDER``), so that no reader ever sees the garbage as
if it were text. Real ASCII ``?``/``!`` (web pages turned full-width marks into ASCII) are left
alone: a question mark is damage only next to decoder garbage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.lookup.ingest.charfreq import char_frequency, is_simplified_only, is_word
from bot.lookup.ingest.model import Span

# Below this word-weighted frequency a character counts as rare: 撔 0, 紕 76, 鸫 34, 獾 693
# against 率 43,494. Legitimate rare characters (names such as 炜, 劭) occur alone, so a rare
# character only seeds a span as part of a run of two.
_RARE = 300
# Characters a verified repair may produce: frequent in ordinary text.
_COMMON = 1000
# How many ordinary characters may sit between two suspicious ones inside one garbage run
# (「?!霸坪嫌啊币蕴」: 霸坪嫌啊 are common characters produced by the misaligned decoder).
_BRIDGE = 4
_MERGE_GAP = 4

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_QMARK = re.compile(rf"[?!]+(?=[{_CJK}])|(?<=[{_CJK}])[?!]+")
_LONE_LATIN = re.compile(rf"(?<=[{_CJK}])[A-Za-z](?=[{_CJK}])")
_HTML = re.compile(r"</?p>|(?<![<\w])/p>")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_GBK_SYMBOL = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u2460-\u24ff\u3200-\u32ff]")
_REPAIR_PUNCT = frozenset("。，、；：？！“”‘’《》（）")
_LOST_LEADS = (b"\xa1", b"\xa3")
_MARKS = {"?": (b"", b"\xa3\xbf"), "!": (b"\xa3\xa1",)}
PLACEHOLDER = "…"  # stands for an unrepairable run: words were lost here
_TITLE_OPEN, _TITLE_CLOSE = "《", "》"


def _is_cjk(ch: str) -> bool:
    return ("\u3400" <= ch <= "\u9fff") or ("\uf900" <= ch <= "\ufaff")


def _is_rare(ch: str) -> bool:
    return _is_cjk(ch) and char_frequency(ch) < _RARE


def _is_lone_latin(text: str, i: int) -> bool:
    return (
        text[i].isascii()
        and text[i].isalpha()
        and 0 < i < len(text) - 1
        and _is_cjk(text[i - 1])
        and _is_cjk(text[i + 1])
    )


def _oddness(text: str, i: int, script: str) -> int:
    """How strongly ``text[i]`` looks like misaligned-decoder output: 0 none, 1 weak, 2 strong."""
    ch = text[i]
    if ch in "?!" or _GBK_SYMBOL.match(ch) or _is_lone_latin(text, i) or _is_rare(ch):
        return 2
    if _is_cjk(ch) and (
        char_frequency(ch) < _COMMON or (script == "traditional" and is_simplified_only(ch))
    ):
        return 1
    return 0


def _can_continue(ch: str) -> bool:
    """Whether a garbage run may extend over ``ch`` (punctuation and spaces end it)."""
    return (
        _is_cjk(ch) or ch in "?!" or bool(_GBK_SYMBOL.match(ch)) or (ch.isascii() and ch.isalpha())
    )


def _walk(text: str, i: int, step: int, script: str) -> int:
    """Index of the last odd character reached from ``i`` in direction ``step``, bridging gaps."""
    last, gap = i - step, 0
    # An ASCII letter means the decoder is back in step: after one, only strong signals
    # (not a merely simplified 伙 as in 「鸫u伙伴」) keep the run going to the right.
    resynced = step > 0 and _is_lone_latin(text, i - step)
    while 0 <= i < len(text) and _can_continue(text[i]) and gap <= _BRIDGE:
        oddness = _oddness(text, i, script)
        if oddness == 2 or (oddness == 1 and not resynced):
            last, gap = i, 0
            resynced = step > 0 and _is_lone_latin(text, i)
        else:
            gap += 1
        i += step
    return last


def _extend(text: str, start: int, end: int, script: str) -> tuple[int, int]:
    """Grow ``[start, end)`` over neighbouring odd characters."""
    return _walk(text, start - 1, -1, script), _walk(text, end, 1, script) + 1


def _rare_runs(text: str, script: str) -> Iterator[tuple[int, int]]:
    """Runs of rare characters that are not a word (桎梏 is), or one rare simplified-only
    character in a traditional document (鸫)."""
    for m in _CJK_RUN.finditer(text):
        i = m.start()
        while i < m.end():
            j = i
            while j < m.end() and _is_rare(text[j]):
                j += 1
            run = text[i:j]
            if (len(run) >= 2 and not is_word(run)) or (
                script == "traditional" and any(is_simplified_only(ch) for ch in run)
            ):
                yield i, j
            i = j + 1


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    head = text.rfind("\n", 0, start) + 1
    tail = text.find("\n", end)
    return head, tail if tail >= 0 else len(text)


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether ``start..end`` sits inside a 《…》 title on its line."""
    head, tail = _line(text, start, end)
    opened = text.rfind(_TITLE_OPEN, head, start)
    return (
        opened >= 0
        and text.find(_TITLE_CLOSE, opened, start) < 0
        and text.find(_TITLE_CLOSE, end, tail) >= 0
    )


def _unclosed_quote(text: str, at: int) -> bool:
    """Whether a “ opened before ``at`` is never closed on its line (its ” was lost)."""
    head, tail = _line(text, at, at)
    opened: list[int] = []
    for i in range(head, tail):
        if text[i] == "“":
            opened.append(i)
        elif text[i] == "”" and opened:
            opened.pop()
    return any(i < at for i in opened)


def _is_damage(text: str, start: int, end: int, script: str) -> bool:
    """Whether the ``?``/``!`` cluster at ``start..end`` is decoder output, not punctuation.

    A misaligned decoder leaves the marks in a run of odd characters (「?!苯陙?」,
    「??萍紕撔」); a real question or exclamation mark ends a clause of ordinary text
    (「為什麼要擴員?這是因為」), closes a title (《…?》) or belongs to Latin text. The one
    run without odd characters is a mixed cluster that ate the closing mark of an open
    quotation (「“心合意同,謀無不成?!?」).
    """
    before = text[start - 1] if start else ""
    if (before.isascii() and before.isalnum()) or _in_title(text, start, end):
        return False
    grown_start, grown_end = _extend(text, start, end, script)
    if any(
        text[i] not in "?!" and _oddness(text, i, script) == 2
        for i in range(grown_start, grown_end)
    ):
        return True
    marks = text[start:end]
    return "?" in marks and "!" in marks and _unclosed_quote(text, start)


def _seeds(text: str, script: str) -> Iterator[Span]:
    for m in _QMARK.finditer(text):
        if _is_damage(text, m.start(), m.end(), script):
            yield Span(m.start(), m.end(), "qmark-cjk")
    for m in _LONE_LATIN.finditer(text):
        yield Span(m.start(), m.end(), "lone-latin")
    for start, end in _rare_runs(text, script):
        # Japanese references (002) are full of characters Chinese frequency lists lack.
        if not _KANA.search(text, *_line(text, start, end)):
            yield Span(start, end, "rare-chars")


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, span.end)
        else:
            merged.append(Span(span.start, span.end, span.reason))
    return merged


def _bridge(text: str, spans: list[Span]) -> list[Span]:
    """Join spans separated only by a few CJK characters: they are one garbage run."""
    joined: list[Span] = []
    for span in spans:
        if joined:
            gap = text[joined[-1].end : span.start]
            if len(gap) <= _MERGE_GAP and all(_is_cjk(ch) for ch in gap):
                joined[-1].end = span.end
                continue
        joined.append(span)
    return joined


def find_mojibake(text: str, script: str) -> list[Span]:
    """Find runs of GBK-misalignment garbage and HTML remnants.

    Args:
        text: A paragraph or a whole document.
        script: The document's script (``"simplified"`` or ``"traditional"``); in traditional
            documents simplified-only characters are suspicious too.

    Returns:
        Non-overlapping spans sorted by position. ``reason`` is the first signal found:
        ``qmark-cjk``, ``lone-latin``, ``rare-chars`` or ``html-remnant``.
    """
    grown = [Span(*_extend(text, s.start, s.end, script), s.reason) for s in _seeds(text, script)]
    garbage = _bridge(text, _merge(grown))
    html = [Span(m.start(), m.end(), "html-remnant") for m in _HTML.finditer(text)]
    return _merge(garbage + html)


def _mark_options(marks: str) -> Iterator[bytes]:
    """GBK bytes the leading ``?``/``!`` cluster may stand for.

    A ``?`` is either the placeholder of the lost byte (no bytes) or a full-width ？ (A3 BF)
    that a later pass turned into ASCII; a ``!`` is a full-width ！ (A3 A1).
    """
    if not marks:
        yield b""
        return
    for head in _MARKS[marks[0]]:
        for tail in _mark_options(marks[1:]):
            yield head + tail


def _plausible(decoded: str) -> bool:
    return all(
        ch in _REPAIR_PUNCT or (_is_cjk(ch) and char_frequency(ch) >= _COMMON) for ch in decoded
    )


def repair_candidate(garbage: str) -> str | None:
    """Undo one GBK misalignment if exactly one reading of the bytes is ordinary text.

    The run is re-encoded as GBK, a guessed lost lead byte (A1 of 「。」 or A3 of 「！」) is put
    back in front, and the bytes are decoded in step. A reading is accepted only if it decodes
    strictly to the last byte (so the text after the run is in step again) and every character
    is common.

    Args:
        garbage: The flagged run, starting with its ``?``/``!`` cluster.

    Returns:
        The repaired text, or None if no single reading can be verified.
    """
    rest = garbage.lstrip("?!")
    marks = garbage[: len(garbage) - len(rest)]
    if not marks or not rest:
        return None
    try:
        body = rest.encode("gbk")
    except UnicodeEncodeError:
        return None
    readings: set[str] = set()
    for lead in _LOST_LEADS:
        for middle in _mark_options(marks):
            try:
                decoded = (lead + middle + body).decode("gbk")
            except UnicodeDecodeError:
                continue
            if _plausible(decoded):
                readings.add(decoded)
    return readings.pop() if len(readings) == 1 else None


def repair_mojibake(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """Apply verified repairs to flagged spans; keep everything flagged.

    Args:
        text: The text the spans refer to.
        spans: Spans from :func:`find_mojibake`, non-overlapping.

    Returns:
        ``(new_text, new_spans)``: repaired runs are replaced and flagged with reason
        ``repaired``; unverifiable runs become ``PLACEHOLDER``, flagged with their reason;
        HTML remnants stay as they are, still flagged. Offsets refer to the new text.
    """
    pieces: list[str] = []
    flagged: list[Span] = []
    cursor = length = 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces.append(text[cursor : span.start])
        length += span.start - cursor
        original = text[span.start : span.end]
        if span.reason == "html-remnant":
            fixed, replacement = None, original
        else:
            fixed = repair_candidate(original)
            replacement = PLACEHOLDER if fixed is None else fixed
        reason = span.reason if fixed is None else "repaired"
        pieces.append(replacement)
        flagged.append(Span(length, length + len(replacement), reason))
        length += len(replacement)
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces), flagged
