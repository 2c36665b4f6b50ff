"""Past or planned: whether a dated statement reports an event or announces one.

A date after the time of writing is planned whatever the verb; so are dates introduced
by a plan or forecast (计划在2025年, 将于2027年, 原定于, 预计到, 愿在) or followed by one
(年内将推出), and 明年 in any voice. ``将`` alone does not count before a past date: in
``2024年，俄罗斯…将当年在喀山举行的金砖峰会主题确定为…`` it marks the object, not the future.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable
from bot.lookup.timeline.dates import DateExpr, Ymd

EventKind = Literal["past", "planned"]

_PLAN_BEFORE = re.compile(
    r"(?:计划|预计|预期|预测|估计|拟|将于|将在|原定于?|力争于?|争取于?|愿在|有望|办好|目标)[在于到]?$"
)
_PLAN_AFTER = re.compile(r"^[^,;:。]{0,6}?(?:将|计划|预计|拟|有望|力争)")
_CLAUSE_END = frozenset(",;:。!?")


def kind_of(
    date: Ymd,
    now: Ymd | None,
    folded: str = "",
    expr: DateExpr | None = None,
    summits: SummitTable = NO_SUMMITS,
) -> EventKind:
    """``planned`` for dates after the time of writing and for stated plans or forecasts.

    Args:
        date: The event's date.
        now: When the text was written (the document date), if known.
        folded: The folded sentence the date stands in.
        expr: The date expression the event leans on, if any.
        summits: The corpus's summits (the month of a numbered summit).

    Returns:
        ``planned`` or ``past``.
    """
    if _after(date, now, expr, summits):
        return "planned"
    if expr is None:
        return "past"
    if expr.kind == "deictic" and (expr.year or 0) > 0:
        return "planned"  # 明年: ahead of whoever is speaking
    clause_start = max(folded.rfind(ch, 0, expr.start) for ch in _CLAUSE_END) + 1
    before = folded[clause_start : expr.start]
    if _PLAN_BEFORE.search(before[-8:]):
        return "planned"
    ahead = now is None or date[0] >= now[0]
    if ahead and _PLAN_AFTER.match(folded[expr.end :]):
        return "planned"
    if expr.qualifier == "deadline" and now and date[0] >= now[0]:
        return "planned"
    return "past"


def _after(date: Ymd, now: Ymd | None, expr: DateExpr | None, summits: SummitTable) -> bool:
    if now is None:
        return False
    month = date[1]
    if expr is not None and expr.kind == "ordinal" and expr.ordinal in summits.numbered:
        month = summits.numbered[expr.ordinal][1]
    if date[0] != now[0]:
        return date[0] > now[0]
    return month is not None and now[1] is not None and month > now[1]
