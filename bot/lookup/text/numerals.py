"""Small counts written either way: 五年 and 5年, 第十四次 and 第14次 say the same.

A question and the text it asks about often write a count differently (a question typed
with an input method gets 五年; a speech transcribed for the press has 5年来). Only a count
before a measure word (年, 次, 届, 个…) is rewritten, and only from 1 to 99, so a name such
as 一带一路 or 十四五 is left alone.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"两": 2}
_MEASURE = "(?=[年次届个项国周天月倍])"
_COUNT = re.compile(
    r"(?<![\d.零一二三四五六七八九十两百千万])"
    rf"(?:([一二三四五六七八九十两]{{1,3}})|(\d{{1,2}})){_MEASURE}"
)


def chinese_value(text: str) -> int | None:
    """The value of 一 to 九十九 (十四, 二十, 两); None for anything else."""
    if "十" not in text:
        return _VALUES.get(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    tens = _VALUES.get(head) if head else 1
    ones = _VALUES.get(tail) if tail else 0
    if tens is None or ones is None or tens == 0 or len(tail) > 1:
        return None
    return tens * 10 + ones


def chinese_number(value: int) -> str:
    """一 to 九十九 for 1 to 99."""
    tens, ones = divmod(value, 10)
    words = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    return words + (_DIGITS[ones] if ones else "")


def other_numerals(text: str) -> str | None:
    """``text`` with its counts written the other way (五年 -> 5年, 14次 -> 十四次), or None
    when it holds no count to rewrite."""

    def swap(match: re.Match[str]) -> str:
        if match.group(1):
            value = chinese_value(match.group(1))
            return str(value) if value else match.group(0)
        number = int(match.group(2))
        return chinese_number(number) if number else match.group(0)

    other = _COUNT.sub(swap, text)
    return other if other != text else None
