"""Date expressions in Chinese text: what the text says, before any context is applied.

Everything here works on *folded* text (:func:`bot.lookup.text.script.fold`: simplified script,
no whitespace, ASCII digits and punctuation), so ``2024 年 10 月``, ``2024年10月`` and the
traditional ``當年`` all look the same. :func:`extract_dates` finds the expressions and
says how each is anchored; :func:`resolve` turns one into a calendar date once the caller
knows the year it leans on. Only written-out dates count: numeric ``2023-5-17`` forms are
citation and access dates, and the extractor never sees them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable

Kind = Literal["absolute", "partial", "relative", "deictic", "ordinal"]
Ymd = tuple[int, int | None, int | None]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression found in folded text.

    Attributes:
        start: Offset of the expression in the folded text.
        end: End offset (exclusive).
        kind: ``absolute`` (has its year), ``partial`` (month/day, year from context),
            ``relative`` (同年/次年/当年: leans on the year just mentioned), ``deictic``
            (今年/去年/五年前: leans on the time of writing) or ``ordinal`` (第N次会晤).
        year: The year, or for relative and deictic expressions the offset in years.
        month: Month, if stated.
        day: Day, if stated.
        qualifier: ``as_of`` (截至), ``since`` (以来/起), ``deadline`` (年前), ``end``/``start``
            /``half``/``season`` (年底, 年初, 上半年, 春), ``range`` (start of a span), or ``""``.
        group: Expressions joined by 、/和 (``2017年、2019年和2024年``) share a group number.
        ordinal: The summit number for ``ordinal`` expressions.
        precision_days: For deictic expressions such as 几天前, the document's month is meant.
    """

    start: int
    end: int
    kind: Kind
    year: int | None
    month: int | None = None
    day: int | None = None
    qualifier: str = ""
    group: int = -1
    ordinal: int | None = None
    precision_days: bool = False


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})

_YEAR = r"(?:(?<![\d.])(?:1[89]|20)\d{2}(?![\d.])|[一二][〇○零0一二三四五六七八九]{3})"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十两]{1,3})"
_DASH = r"(?:-|—|–|~|至|到)"
_TAIL = r"(?:以来|以後|以后|起|开始|前后|之前|前|年间|间)?"
_DATE = re.compile(
    rf"""
    (?P<y1>{_YEAR})(?:年(?P<q1>底|末|初|度|春|夏|秋|冬|上半年|下半年)?)?
      (?:{_DASH}(?P<y2>{_YEAR})年)?
      (?(y2)|(?:(?<=年)(?P<m>\d{{1,2}})(?:{_DASH}(?P<m2>\d{{1,2}}))?月
        (?:(?P<d>\d{{1,2}})日?(?:{_DASH}(?:\d{{1,2}}月)?(?P<d2>\d{{1,2}})日|日))?)?)
    |(?<![\d.年月])(?P<pm>\d{{1,2}})月(?:(?P<pd>\d{{1,2}})日(?:{_DASH}(?P<pd2>\d{{1,2}})日)?)?
    |(?P<rel>同年|当年|次年|翌年|这一年|该年|(?<![\d一二三四五六七八九十百几数两])年内|上半年|下半年)
      (?:(?P<rm>\d{{1,2}})月(?:(?P<rd>\d{{1,2}})日)?)?
    |(?P<dx>今年|去年|明年|前年|(?<![\d百千万几数多十一二三四五六七八九两])(?P<ago>{_NUM})年前
      |几天前|数天前|前几天|不久前)
      (?:(?P<dm>\d{{1,2}})月(?:(?P<dd>\d{{1,2}})日)?)?
    |(?:第|(?<=领导人))(?P<ord>{_NUM})次(?:金砖(?:国家)?)?(?:领导人)?(?:会晤|峰会|会务)
    |(?<=领导人)(?:在\w{{0,6}}?)?(?:举行)?(?P<first>首次)(?:会晤|峰会)
    """,
    re.VERBOSE,
)
# A bare year (no 年) counts only before an enumeration or a named event: 2022金砖国家…大赛.
_BARE_YEAR_OK = re.compile(r"、|金砖|全球|中国|世界|国际|欧洲|亚洲|非洲|厦门|北京")
_ACCESS = re.compile(r"(?:访问|上网|检索|浏览|引用)(?:时间|日期)[:]?$|来源[:]?.{0,16}$")
_NAME_AFTER = re.compile(r"可持续发展|议程|远景目标|愿景|第\d+期")
_TIME_AFTER = re.compile(r"\d{1,2}:\d{2}")
_JOINERS = frozenset({"、", "和", "与", "及", "以及"})


def cn_number(text: str) -> int | None:
    """Value of a small Chinese or Arabic number (``十四``, ``二十``, ``12``); None if unclear."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head, -1) if head else 1
        ones = _CN_DIGITS.get(tail, -1) if tail else 0
        return tens * 10 + ones if tens > 0 and ones >= 0 and len(tail) <= 1 else None
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


def year_value(text: str) -> int | None:
    """A year written in Arabic or Chinese digits (``2017``, ``二〇三五``, ``二0一七``)."""
    if text.isdigit():
        return int(text)
    digits = [_CN_DIGITS.get(ch) for ch in text]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def valid_date(year: int, month: int | None, day: int | None) -> bool:
    """True if the calendar has this date (``2023年3月34日`` does not)."""
    if not 1800 <= year <= 2100:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def format_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as known."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str | None) -> Ymd | None:
    """The parts of a ``YYYY[-MM[-DD]]`` string (a document date); None if absent or odd."""
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not match:
        return None
    y, m, d = match.groups()
    return int(y), int(m) if m else None, int(d) if d else None


def extract_dates(folded: str, summits: SummitTable = NO_SUMMITS) -> list[DateExpr]:
    """Find the date expressions in folded text, in order.

    Expressions that are not dates of anything are left out: years inside book titles
    (《金砖国家经济伙伴战略2025》), names such as 2030年可持续发展议程, decades (2000年代),
    journal issues (2025年第3期), access and citation dates, web timestamps and impossible
    dates. Summit ordinals count only in a BRICS context.

    Args:
        folded: Text folded with :func:`bot.lookup.text.script.fold`.
        summits: The corpus's summits, which date 第十四次会晤 (none: summit ordinals are
            not dates).

    Returns:
        The expressions, enumerations (``2017年、2019年和2024年``) sharing a group number.
    """
    found: list[DateExpr] = []
    for match in _DATE.finditer(folded):
        if _inside_title(folded, match.start()) and match.group("ord") is None:
            continue
        expr = _build(match, folded, summits)
        if expr is not None and not _excluded(folded, expr):
            found.append(expr)
    return _group(folded, found)


def _build(match: re.Match[str], folded: str, summits: SummitTable) -> DateExpr | None:
    if match.group("y1"):
        return _absolute(match, folded)
    if match.group("pm"):
        return _partial(match)
    if match.group("rel"):
        return _relative(match)
    if match.group("dx"):
        return _deictic(match)
    return _ordinal(match, folded, summits)  # 第十四次会晤, 领导人…首次会晤


def _absolute(match: re.Match[str], folded: str) -> DateExpr | None:
    y1 = year_value(match.group("y1"))
    if y1 is None:
        return None
    if "年" not in match.group(0):
        bare_ok = match.group("y1").isdigit() and _BARE_YEAR_OK.match(folded, match.end())
        if not bare_ok:
            return None
    month = int(match.group("m")) if match.group("m") else None
    day = int(match.group("d")) if match.group("d") else None
    if not valid_date(y1, month, day):
        return None
    if match.group("d2") and not valid_date(y1, month, int(match.group("d2"))):
        return None
    qualifier = _QUALIFIERS.get(match.group("q1") or "", "")
    if qualifier == "end":
        month = 12  # 年底/年末: the year's last month (年初 spans several: the year stays)
    if match.group("y2") or match.group("m2") or match.group("d2"):
        qualifier = "range"
    end = match.end()
    tail = re.match(_TAIL, folded[end:])
    if tail and tail.group(0):
        qualifier = qualifier or _TAIL_QUALIFIERS.get(tail.group(0), "")
    return DateExpr(
        match.start(), end, "absolute", y1, month, day, _as_of(folded, match.start(), qualifier)
    )


_QUALIFIERS = {"底": "end", "末": "end", "初": "start", "上半年": "half", "下半年": "half"}
_QUALIFIERS |= {"春": "season", "夏": "season", "秋": "season", "冬": "season"}
_TAIL_QUALIFIERS = {"以来": "since", "起": "since", "开始": "since", "前": "deadline"}


def _as_of(folded: str, start: int, qualifier: str) -> str:
    before = folded[max(0, start - 2) : start]
    return "as_of" if before.endswith(("截至", "截止", "截止到")) else qualifier


def _partial(match: re.Match[str]) -> DateExpr | None:
    month = int(match.group("pm"))
    day = int(match.group("pd")) if match.group("pd") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    qualifier = "range" if match.group("pd2") else ""
    return DateExpr(match.start(), match.end(), "partial", None, month, day, qualifier)


_RELATIVE = {"同年": 0, "当年": 0, "这一年": 0, "该年": 0, "年内": 0, "上半年": 0, "下半年": 0}
_RELATIVE |= {"次年": 1, "翌年": 1}
_DEICTIC = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}


def _relative(match: re.Match[str]) -> DateExpr | None:
    word = match.group("rel")
    month = int(match.group("rm")) if match.group("rm") else None
    day = int(match.group("rd")) if match.group("rd") else None
    qualifier = "half" if word.endswith("半年") else ""
    return DateExpr(match.start(), match.end(), "relative", _RELATIVE[word], month, day, qualifier)


def _deictic(match: re.Match[str]) -> DateExpr | None:
    word, start, end = match.group("dx"), match.start(), match.end()
    if match.group("ago"):
        n = cn_number(match.group("ago"))
        return DateExpr(start, end, "deictic", -n) if n and 1 <= n <= 30 else None
    if word not in _DEICTIC:  # 几天前 means the document's month, 不久前 only its year
        return DateExpr(start, end, "deictic", 0, precision_days=word != "不久前")
    month = int(match.group("dm")) if match.group("dm") else None
    day = int(match.group("dd")) if match.group("dd") else None
    return DateExpr(start, end, "deictic", _DEICTIC[word], month, day)


def _ordinal(match: re.Match[str], folded: str, summits: SummitTable) -> DateExpr | None:
    number = 1 if match.group("first") else cn_number(match.group("ord"))
    context = folded[max(0, match.start() - 12) : match.end()]
    if number is None or number not in summits.numbered or "金砖" not in context:
        return None
    year = summits.numbered[number][0]
    return DateExpr(match.start(), match.end(), "ordinal", year, ordinal=number)


def _inside_title(folded: str, pos: int) -> bool:
    """True if ``pos`` is inside an unclosed 《 before it (a book or document title)."""
    opened = folded.rfind("《", 0, pos)
    return opened >= 0 and folded.rfind("》", 0, pos) < opened


def _excluded(folded: str, expr: DateExpr) -> bool:
    before = folded[max(0, expr.start - 24) : expr.start]
    after = folded[expr.end : expr.end + 8]
    if expr.kind == "absolute":
        edition = after.startswith("版")  # 2023年版《外交蓝皮书》 yes, 出版社2019年版 no
        if (_NAME_AFTER.match(after) and not edition) or (edition and "出版社" in before):
            return True
        if _TIME_AFTER.match(after) or after.startswith("代"):
            return True
    if expr.kind in ("relative", "deictic") and after.startswith(("同期", "的同期")):
        return True  # 比去年同期: a comparison, not a date
    if expr.kind == "deictic" and before.endswith(("比", "较", "与", "同")):
        return True
    return bool(_ACCESS.search(before))


def _group(folded: str, exprs: list[DateExpr]) -> list[DateExpr]:
    """Give expressions joined by 、/和/与 a shared group number."""
    out: list[DateExpr] = []
    group = -1
    for i, expr in enumerate(exprs):
        prev = out[-1] if out else None
        joined = (
            prev is not None
            and prev.kind == expr.kind == "absolute"
            and folded[prev.end : expr.start] in _JOINERS
        )
        if joined and prev is not None:
            if prev.group < 0:
                group = i
                out[-1] = replace(prev, group=group)
            expr = replace(expr, group=group)
        out.append(expr)
    return out


def resolve(expr: DateExpr, anchor: int | None, now: Ymd | None) -> Ymd | None:
    """The calendar date of ``expr``.

    Args:
        expr: An expression from :func:`extract_dates`.
        anchor: The year the text last mentioned (for 同年, 次年, 6月), or None.
        now: The time the text speaks from (the document date, or a reported speech's
            date) for 今年, 去年, 五年前; None if unknown.

    Returns:
        ``(year, month, day)`` with unknown parts None, or None if it cannot be resolved.
    """
    if expr.kind in ("absolute", "ordinal"):
        return (expr.year or 0, expr.month, expr.day) if expr.year else None
    if expr.kind == "partial":
        return (anchor, expr.month, expr.day) if anchor else None
    if expr.kind == "relative":
        return (anchor + (expr.year or 0), expr.month, expr.day) if anchor else None
    if now is None:
        return None
    if expr.precision_days:
        return (now[0], now[1], None)
    return (now[0] + (expr.year or 0), expr.month, expr.day)
