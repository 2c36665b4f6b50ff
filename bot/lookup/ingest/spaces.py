"""Space normalisation inside paragraphs and letter-spaced lines (rule E17).

Typesetting puts spaces around numbers (「截至 2024年」, 「2012 年 11 月 29日」), justified lines
spread single characters apart (「本 部 分 主 要 参 考」), and short headings are letter-spaced
(「前   言」). Those spaces go. Spaces that mean something stay: between the two halves of a
speech title (「《深化金砖伙伴关系 开辟更加光明未来》」, also unbracketed in citations), between
personal names (「錢蔚 王姍姍」), and in Latin text.
"""

from __future__ import annotations

import re

_HAN = r"\u3400-\u9fff\uf900-\ufaff"
_DIGITS = frozenset("0123456789")
_SPACES = re.compile(r" {2,}")
_GAP = re.compile(r" +")
_HAN_RUN = re.compile(rf"[{_HAN}]+")
# Punctuation that never wants a space beside it in Chinese text.
_CJK_PUNCT = frozenset("。，、；：？！《》「」『』（）【】〔〕")
_NAME_LIST = re.compile(rf"[{_HAN}]{{1,3}}(?: +[{_HAN}]{{1,3}})+")
_NAME_LIST_MAX = 20
# 「 本 部 分 主 要 参 考 」: five or more single characters (Han or punctuation) spread apart.
_SPREAD_TOKEN = rf"[{_HAN}，。、：；！？.,:]"
_LETTER_SPACED = re.compile(rf"(?<!\S)(?:{_SPREAD_TOKEN} +){{4,}}{_SPREAD_TOKEN}(?!\S)")
_HEADING_MAX_HAN = 6


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _run_length(text: str, i: int, step: int) -> int:
    """Length of the run of Han characters starting at ``i`` and going in direction ``step``."""
    n = 0
    while 0 <= i < len(text) and _is_han(text[i]):
        n += 1
        i += step
    return n


def _inside_title(text: str, i: int) -> bool:
    """Whether position ``i`` lies inside 《…》 (an unclosed 《 runs to the end)."""
    return text.rfind("《", 0, i) > text.rfind("》", 0, i)


def _gap_goes(text: str, start: int, end: int) -> bool:
    """Decide whether the spaces ``text[start:end]`` between two non-spaces are deleted."""
    left, right = text[start - 1], text[end]
    if left in _CJK_PUNCT or right in _CJK_PUNCT:
        return True
    # ASCII digits only: str.isdigit() also accepts the circled footnote numbers ①②.
    digit_unit = left in _DIGITS and (_is_han(right) or right == "%")
    if digit_unit or (_is_han(left) and right in _DIGITS):
        return True
    if not (_is_han(left) and _is_han(right)) or _inside_title(text, start):
        return False
    # Two words of two or more characters are a title's halves or two names; a lone
    # character beside a space is justification or a broken word.
    return _run_length(text, start - 1, -1) == 1 or _run_length(text, end, 1) == 1


def _is_name_list(text: str) -> bool:
    """A short line of 1–3-character names, at least one of them longer than one character."""
    return (
        len(text) <= _NAME_LIST_MAX
        and _NAME_LIST.fullmatch(text) is not None
        and any(len(run) > 1 for run in _HAN_RUN.findall(text))
    )


def normalize_spaces(text: str) -> str:
    """Normalise the spaces of one paragraph.

    Run this after footnote-marker detection: it maps U+3000 and U+00A0 to plain spaces.

    Args:
        text: A paragraph, heading or caption (no line breaks expected).

    Returns:
        The text with typesetting spaces deleted, meaningful ones collapsed to one space,
        and no leading or trailing spaces.
    """
    text = text.replace("\u3000", " ").replace("\u00a0", " ").strip(" ")
    if _is_name_list(text):
        return _SPACES.sub(" ", text)
    pieces: list[str] = []
    cursor = 0
    for m in _GAP.finditer(text):
        pieces.append(text[cursor : m.start()])
        pieces.append("" if _gap_goes(text, m.start(), m.end()) else " ")
        cursor = m.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def collapse_letter_spacing(line: str) -> str:
    """Remove letter-spacing from a justified line or a short front/back-matter heading.

    Args:
        line: One raw line, e.g. 001 L1923 「 本 部 分 主 要 参 考 了 …」 or 「 前   言 」.

    Returns:
        The line with the spaces between spread single characters removed (surrounding
        spaces kept, as the layout reads page starts from them); other lines unchanged.
    """
    body = line.strip(" ")
    runs = _HAN_RUN.findall(body)
    if (
        len(runs) > 1
        and all(len(run) == 1 for run in runs)
        and sum(map(len, runs)) <= _HEADING_MAX_HAN
        and _GAP.sub("", body) == "".join(runs)
    ):
        return line.replace(body, "".join(runs))
    return _LETTER_SPACED.sub(_join_spread, line)


def _join_spread(m: re.Match[str]) -> str:
    spread = m.group()
    if len(_HAN_RUN.findall(spread)) < 5:
        return spread
    return _GAP.sub("", spread)
