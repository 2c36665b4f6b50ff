"""The BRICS leaders' summits the corpus numbers and places: one table, checked by a test.

Texts date summits by number (第十四次会晤, 第12次金砖峰会) or by host city (厦门会晤,
喀山金砖峰会) as often as by year. The table below is what the corpus itself says
(CORPUS_NOTES rule 18): the first summit in Russia in 2009 (000: 2009年…在俄罗斯举行首次
会晤), Xiamen the ninth on 2017-09-04 (001), then one a year up to Kazan, the sixteenth, in
2024 (003). Months are the ones documents give; they only decide whether a summit was
still ahead when a document was written. ``tests/lookup/test_dates.py`` checks that the
corpus's own year-and-number statements agree with it (001's 第十次…厦门 aside).
"""

from __future__ import annotations

import re

# Whose summits these are: the alias table's canonical name of the body that holds them.
BODY = "金砖国家"

# number -> (year, month or None, host city)
SUMMITS: dict[int, tuple[int, int | None, str]] = {
    1: (2009, None, "俄罗斯"),  # the corpus names the country only
    9: (2017, 9, "厦门"),
    10: (2018, 7, "约翰内斯堡"),
    11: (2019, 11, "巴西利亚"),
    12: (2020, 11, "莫斯科"),
    13: (2021, 9, "新德里"),
    14: (2022, 6, "北京"),
    15: (2023, 8, "约翰内斯堡"),
    16: (2024, 10, "喀山"),
}

# Host cities the corpus gives for summits it does not number (001 L1962–2054).
HOSTS: dict[int, str] = {2012: "新德里", 2013: "德班", 2014: "福塔莱萨", 2015: "乌法", 2016: "果阿"}
HOSTS |= {year: place for year, _, place in SUMMITS.values()}

BY_YEAR = {year: number for number, (year, _, _) in SUMMITS.items()}
_BY_PLACE = {(place, year): number for number, (year, _, place) in SUMMITS.items()}
# A host city followed closely by 会晤/峰会: 厦门会晤, 金砖厦门会晤, 喀山举行的金砖峰会.
_PLACE = re.compile(
    "(" + "|".join(sorted(set(HOSTS.values()), key=len, reverse=True)) + ")"
    r"[^,;:。]{0,8}?(?:会晤|峰会)"
)
_DIGITS = "零一二三四五六七八九"


def summits_named(folded: str, start: int, end: int, year: int) -> list[int]:
    """Numbers of the summits named by host city in ``folded[start:end]`` for ``year``."""
    found = []
    for match in _PLACE.finditer(folded, start, end):
        number = _BY_PLACE.get((match.group(1), year))
        if number is not None and number not in found:
            found.append(number)
    return found


def hosts_summit(folded: str, start: int, end: int, year: int) -> bool:
    """True if ``folded[start:end]`` names the summit of ``year`` by its host city."""
    return any(HOSTS.get(year) == m.group(1) for m in _PLACE.finditer(folded, start, end))


def summit_name(number: int) -> str:
    """``第十四次会晤`` for 14."""
    tens, ones = divmod(number, 10)
    words = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    words += _DIGITS[ones] if ones else ""
    return f"第{words}次会晤"
