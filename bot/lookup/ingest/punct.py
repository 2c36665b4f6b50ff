"""Context-aware restoration of full-width punctuation (rule A3).

Web reposts (003, 004) had their full-width ``，；：（）？！`` turned into ASCII. Inside Chinese
text the ASCII forms are restored; in Latin text, URLs, times, numbers and citations they are
left alone. One character in, one character out, so spans computed on the text stay valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.lookup.ingest.model import Span

_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SEPARATORS = frozenset(",;:?!")
# Full-width punctuation is Chinese context on its own (「(圖1),較」 after conversion).
_CJK_PUNCT = frozenset("。，、；：？！《》「」『』（）【】〔〕")
# Curly quotes and dashes are shared with English (「Agency,” 」), so they count only when
# the other neighbour is a Han character (「“金磚+”,加強」).
_SHARED_PUNCT = frozenset("“”‘’…—·")
# References keep their ASCII punctuation by convention: GB/T 7714 type codes, URLs, numeric
# dates, publishers and pages (001 L7442 「[R].金砖课题研究报告,2022,7.」), 「作者.题名」 or
# 「作者:“题名”」 openings, and 「,2022,30」 volume data.
_CITATION = re.compile(
    r"\[(?:[A-Z]|EB/OL|[A-Z]/OL)\]|https?://|www\.|\d{4}-\d{1,2}-\d{1,2}|\d{4}, ?\d+\("
    r"|出版社|年版|第\s*\d+\s*页|[,，] ?\d{4}[,，(]"
    r"|^[\s①-⑳]*[\u4e00-\u9fff·]{2,4}(?:[、,][\u4e00-\u9fff·]{2,4})*[.:](?=[\u4e00-\u9fff“《])"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s，。、“”《》（）]*")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _chinese(ch: str) -> bool:
    return _is_han(ch) or ch in _CJK_PUNCT


def looks_like_citation(line: str) -> bool:
    """Whether a line is (part of) a bibliographic citation, whose punctuation is kept.

    Args:
        line: One line or footnote.

    Returns:
        True for GB/T 7714 type codes, URLs and numeric dates.
    """
    return _CITATION.search(line) is not None


def _separator_converts(line: str, i: int) -> bool:
    """A separator is Chinese when both neighbours are Chinese, or Chinese and a digit.

    The digit case covers 「年,2」 and 「42.34%,較」 but never digit-digit (1,000; 22:08:32).
    """
    left = line[i - 1] if i > 0 else ""
    right = line[i + 1] if i + 1 < len(line) else ""
    if _chinese(left) and (_chinese(right) or right.isdigit()):
        return True
    if (left in _SHARED_PUNCT and _is_han(right)) or (_is_han(left) and right in _SHARED_PUNCT):
        return True
    # 「42.34%,較」, 「(UNCOMTRADE),分析」: a number or a kept Latin parenthetical, then Chinese.
    return (left.isdigit() or left in "%)") and _is_han(right)


def _paren_pairs(line: str) -> Iterable[tuple[int, int]]:
    """Balanced ASCII parenthesis pairs; a line with unbalanced ones yields only matched pairs."""
    stack: list[int] = []
    for i, ch in enumerate(line):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            yield stack.pop(), i


def _paren_converts(line: str, start: int, end: int) -> bool:
    """Convert a pair around Chinese content (「(圖1)」), never around Latin (「(G7)」)."""
    content = line[start + 1 : end]
    if any(ch.isascii() and ch.isalpha() for ch in content):
        return any(_is_han(ch) for ch in content) and not _URL.search(content)
    if any(_is_han(ch) for ch in content):
        return True
    # Bare numbers such as 「(1)」 follow the text around them.
    outside = (line[start - 1] if start else "") + (line[end + 1] if end + 1 < len(line) else "")
    return bool(content) and any(_is_han(ch) for ch in outside)


def _normalize_line(line: str, offset: int, protected: set[int]) -> str:
    if looks_like_citation(line):
        return line
    chars = list(line)
    in_url = {i for m in _URL.finditer(line) for i in range(m.start(), m.end())}
    blocked = in_url | {i - offset for i in protected if offset <= i < offset + len(line)}
    for start, end in _paren_pairs(line):
        if start not in blocked and end not in blocked and _paren_converts(line, start, end):
            chars[start], chars[end] = "（", "）"
    converted = "".join(chars)
    for i, ch in enumerate(converted):
        if ch in _SEPARATORS and i not in blocked and _separator_converts(converted, i):
            chars[i] = _FULLWIDTH[ch]
    return "".join(chars)


def normalize_punct(text: str, protect: Sequence[Span] = ()) -> str:
    """Restore full-width punctuation where ASCII stands inside Chinese text.

    Args:
        text: A paragraph (or several lines; each line is judged on its own).
        protect: Spans that must not change, e.g. flagged mojibake.

    Returns:
        Text of exactly the same length with ``, ; : ? ! ( )`` converted where their
        context is Chinese.
    """
    protected = {i for span in protect for i in range(span.start, span.end)}
    out: list[str] = []
    offset = 0
    for line in text.split("\n"):
        out.append(_normalize_line(line, offset, protected))
        offset += len(line) + 1
    return "\n".join(out)
