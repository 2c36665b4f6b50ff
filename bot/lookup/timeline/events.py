"""Dated events in one sentence: which clause a date belongs to, and what happened then.

A sentence can state several events (``2020年5月19日，…签署…，5月28日，…签订…，6月，…``):
every clause that *leads* with a date opens an event, and the clauses after it belong to
that event until the next dated clause. A date that only compares (较2018年, 由2013年的1.41万篇)
opens nothing. Pure functions over folded text (see :mod:`bot.lookup.timeline.dates`); the caller
maps offsets back to the display text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable
from bot.lookup.text import wordlists
from bot.lookup.timeline.dates import DateExpr, Ymd, extract_dates, resolve
from bot.lookup.timeline.plans import EventKind, kind_of

_CLAUSE_END = frozenset(",;:。!?")
_COMPARE_BEFORE = ("较", "比", "相比", "同比", "由", "与")
# 由2013年的(约)1.41万篇: a figure of that year; 2018年的约翰内斯堡会晤 is no figure.
_COMPARE_AFTER = re.compile(r"的(?:约|近|超过?)?\d|\d+(?:\.\d+)?%")
# Items of a list, each with its date: 1996年建立的…、2001年成立的…; 2017年的…和2020年的…
_LIST_JOINERS = ("、", "和", "及")
_JOINER = re.compile(r"(?:、|以及|和|及)$")
_PLAN_NOW = ("将", "计划", "拟", "预计")  # right after an inner date: 年内将推出
_LEAD_PREFIX = re.compile(
    r"(?:而|但|并|且|即|如|例如|其中|同时|此外|另外|尤其是|特别是)?"
    r"(?:早在|直到|而到|截至|截止|自|从|到|至|在|于|就)?$"
)
_LEAD_SUFFIX = re.compile(
    r"(?:以来|以后|之后|开始|期间|的时候|时候|时|起|后|前后|之前|前|年底|年初|年末|底|末|初|"
    r"上午|下午|晚间|晚)?"
    r"的?[,:]?"
)
_ABOUT_ITSELF = re.compile(r"^(?:在此,)?(?:本文|本研究|本报告|笔者|课题|本课题)")
_ANAPHORA = re.compile(
    r"^.{0,10}?(?:这次|此次|本次|该次|这一次|在会上|会上|在开幕式上|在闭幕式上|当天|当日|同日)"
)
_AUTHOR_VOICE = re.compile(wordlists.alternation("author_voice"))
_BY_ITSELF = re.compile(r"[。!?;”)]$")
_CITATION = re.compile(r"出版社|\[(?:m|j|n|r|eb/ol)\]|第\d+页|\d+页")


@dataclass(slots=True)
class Context:
    """What earlier text tells a sentence about time.

    Attributes:
        now: When the document speaks from (its date), for 今年/去年.
        anchor: The year most recently mentioned, for 同年/次年/6月.
        speech: A day-precise date of the previous sentence (a reported speech), which
            今年/明年 inside that report lean on instead of the document date.
        last: The date of the previous sentence's last event, for 在这次讲话中-style
            sentences that refer back to it.
        summits: The corpus's summits, which date 第九次会晤 and 厦门会晤.
    """

    now: Ymd | None = None
    anchor: int | None = None
    speech: Ymd | None = None
    last: Ymd | None = None
    summits: SummitTable = NO_SUMMITS


@dataclass(frozen=True, slots=True)
class EventSpan:
    """One event stated by a sentence.

    Attributes:
        start: Folded offset where the event's clauses start.
        end: Folded offset where they end.
        text_start: Where the short event text starts (after a leading date).
        date: ``(year, month, day)``, unknown parts None.
        kind: ``past`` or ``planned`` (forecasts, targets, announced plans).
        as_of: True for 截至-style statements of a state at a date.
        ordinals: Summit numbers mentioned in the event's clauses.
        lead: The date expression the event leans on (None when referring back).
        year_conflict: A summit number in the same clause whose year differs.
        summit: The event's clauses name a leaders' summit (by number or host city).
    """

    start: int
    end: int
    text_start: int
    date: Ymd
    kind: EventKind
    as_of: bool = False
    ordinals: tuple[int, ...] = ()
    lead: DateExpr | None = None
    year_conflict: int | None = None
    summit: bool = False


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    leads: list[tuple[DateExpr, Ymd]] = field(default_factory=list)


def clauses(folded: str) -> list[tuple[int, int]]:
    """Clause ranges of a folded sentence, each ending after its punctuation."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(folded):
        if ch in _CLAUSE_END:
            out.append((start, i + 1))
            start = i + 1
    if start < len(folded):
        out.append((start, len(folded)))
    return out


def sentence_events(folded: str, ctx: Context) -> list[EventSpan]:
    """The events a sentence states, updating ``ctx`` for the sentences that follow.

    Args:
        folded: One sentence, folded.
        ctx: The context so far; its anchor, speech date and last event move on.

    Returns:
        The events in reading order; empty for undated sentences, sentences about the
        text itself (本文选取…) and captions without a sentence end.
    """
    last = ctx.last
    resolved = _resolve_all(folded, extract_dates(folded, ctx.summits), ctx)
    if any(e.kind == "absolute" for e, _ in resolved):
        days = [d for e, d in resolved if d[2] is not None and e.kind == "absolute"]
        ctx.speech = days[-1] if days else None
    if _ABOUT_ITSELF.match(folded) or _CITATION.search(folded) or not _BY_ITSELF.search(folded):
        return []
    events = _events(folded, resolved, ctx)
    first = events[0].start if events else len(folded)
    if last and first > 0 and _ANAPHORA.match(folded[:first]):
        # 在这次讲话中，…: the sentence goes on about the event just dated.
        events.insert(0, EventSpan(0, first, 0, last, kind_of(last, ctx.now)))
    if events:
        ctx.last = events[-1].date
    return events


def _resolve_all(folded: str, exprs: list[DateExpr], ctx: Context) -> list[tuple[DateExpr, Ymd]]:
    ahead = next((e.year for e in exprs if e.kind in ("absolute", "ordinal")), None)
    speech = ctx.speech
    out: list[tuple[DateExpr, Ymd]] = []
    for expr in exprs:
        if expr.kind == "relative" and re.match(r",?即", folded[expr.end : expr.end + 2]):
            continue  # 厦门会晤的次年，即2018年: the explicit year follows
        anchor = ctx.anchor if ctx.anchor is not None else ahead
        if expr.kind == "partial" and anchor is None and ctx.now:
            anchor = ctx.now[0]
        date = resolve(expr, anchor, speech or ctx.now)
        if date is None:
            continue
        out.append((expr, date))
        if expr.kind != "ordinal":
            ctx.anchor = date[0]
        if date[2] is not None and expr.kind == "absolute":
            speech = date
    return out


def _events(folded: str, resolved: list[tuple[DateExpr, Ymd]], ctx: Context) -> list[EventSpan]:
    parts = _split([_Clause(a, b) for a, b in clauses(folded)], folded, resolved, ctx)
    for clause in parts:
        if _in_brackets(folded, clause.start):
            continue  # （2021年6.6%，2011—2019年间平均增长4.8%）: figures in an aside
        inside = [(e, d) for e, d in resolved if clause.start <= e.start < clause.end]
        clause.leads = _leads(folded, inside)
    led = _opening(folded, parts)
    events: list[EventSpan] = []
    for n, i in enumerate(led):
        end = parts[led[n + 1]].start if n + 1 < len(led) else len(folded)
        if n + 1 < len(led):
            # 2017年的洞朗对峙和2020年的…: the word joining two dated items is neither's
            joiner = _JOINER.search(folded, parts[i].start, end)
            end = joiner.start() if joiner else end
        clause = parts[i]
        last = clause.leads[-1][0].end
        if _AUTHOR_VOICE.search(folded, clause.start, end):
            continue  # 通过梳理…讲话，不难发现: how the text argues
        for expr, date in clause.leads:
            ordinals = _summits(folded, resolved, (clause.start, end), date[0], ctx.summits)
            events.append(_event(folded, clause, (last, end), expr, date, ordinals, ctx))
    return events


def _split(
    parts: list[_Clause], folded: str, resolved: list[tuple[DateExpr, Ymd]], ctx: Context
) -> list[_Clause]:
    """Cut a clause where a second date opens a new event inside it.

    ``…1996年建立的“上海五国”机制、2001年成立的上海合作组织…`` lists two events; in
    ``…2025年2月公布的年度工作计划明确年内将推出《欧洲太空法》`` the plan is one of its own.
    """
    out: list[_Clause] = []
    for clause in parts:
        inside = [(e, d) for e, d in resolved if clause.start <= e.start < clause.end]
        cuts = [
            e.start
            for i, (e, d) in enumerate(inside)
            if i > 0 and e.group < 0 and e.kind != "ordinal" and _opens(folded, e, d, ctx)
        ]
        start = clause.start
        for cut in cuts:
            out.append(_Clause(start, cut))
            start = cut
        out.append(_Clause(start, clause.end))
    return out


def _opens(folded: str, expr: DateExpr, date: Ymd, ctx: Context) -> bool:
    """True for a date inside a clause that starts another event (after 、, 和 or 及, or a
    plan)."""
    if folded[expr.start - 1 : expr.start] in _LIST_JOINERS and expr.kind == "absolute":
        return not _compares(folded, expr)
    upcoming = ctx.now is None or date[0] >= ctx.now[0]
    return upcoming and folded.startswith(_PLAN_NOW, expr.end)


def _opening(folded: str, parts: list[_Clause]) -> list[int]:
    """Indexes of the clauses that open an event.

    A clause whose lead only repeats what the sentence already dated opens nothing: a
    summit number after the year (2023年8月，…第十五次会晤…), 当年/同年 without a month,
    and any date right after a clause that is nothing but a date (同年12月8日，…2020金砖…论坛).
    """
    led: list[int] = []
    for i, clause in enumerate(parts):
        if not clause.leads:
            continue
        expr = clause.leads[0][0]
        if led:
            same_year = expr.kind == "relative" and not expr.year and expr.month is None
            same_year = same_year and not folded.startswith(_PLAN_NOW, expr.end)
            if (
                expr.kind == "ordinal"
                or same_year
                or (led[-1] == i - 1 and _bare(folded, parts[i - 1]))
            ):
                continue
        led.append(i)
    return led


def _bare(folded: str, clause: _Clause) -> bool:
    """True if the clause holds nothing but its date (2023年8月，)."""
    first, last = clause.leads[0][0], clause.leads[-1][0]
    if not _LEAD_PREFIX.fullmatch(folded, clause.start, first.start):
        return False
    tail = _LEAD_SUFFIX.match(folded, last.end)
    return tail is not None and tail.end() >= clause.end


def _in_brackets(folded: str, pos: int) -> bool:
    return folded.count("(", 0, pos) > folded.count(")", 0, pos)


def _leads(folded: str, inside: list[tuple[DateExpr, Ymd]]) -> list[tuple[DateExpr, Ymd]]:
    """The date(s) a clause leads with: the first that is not a comparison, and its group."""
    explicit = [(e, d) for e, d in inside if e.kind != "ordinal" and not _compares(folded, e)]
    if explicit:
        first = explicit[0][0]
        if first.group < 0:
            return explicit[:1]
        return [(e, d) for e, d in explicit if e.group == first.group]
    ordinal = [(e, d) for e, d in inside if e.kind == "ordinal"]
    return ordinal[:1]


def _compares(folded: str, expr: DateExpr) -> bool:
    before = folded[max(0, expr.start - 2) : expr.start]
    return before.endswith(_COMPARE_BEFORE) or bool(_COMPARE_AFTER.match(folded, expr.end))


def _summits(
    folded: str,
    resolved: list[tuple[DateExpr, Ymd]],
    span: tuple[int, int],
    year: int,
    summits: SummitTable,
) -> tuple[int, ...]:
    """Summit numbers an event's clauses name: 第N次会晤, or the host city of that year."""
    start, end = span
    numbers = [e.ordinal for e, _ in resolved if e.ordinal and start <= e.start < end]
    named = summits.summits_named(folded, start, end, year)
    return tuple(numbers + [n for n in named if n not in numbers])


def _event(
    folded: str,
    clause: _Clause,
    ends: tuple[int, int],
    expr: DateExpr,
    date: Ymd,
    ordinals: tuple[int, ...],
    ctx: Context,
) -> EventSpan:
    lead_end, end = ends
    kind = kind_of(date, ctx.now, folded, expr, ctx.summits)
    text_start = clause.start
    if _LEAD_PREFIX.fullmatch(folded, clause.start, clause.leads[0][0].start):
        suffix = _LEAD_SUFFIX.match(folded, lead_end)
        text_start = suffix.end() if suffix else lead_end
    conflict = None
    if expr.kind == "absolute":
        numbered = ctx.summits.numbered
        years = {numbered[o][0] for o in ordinals if o in numbered}
        conflict = next((y for y in sorted(years) if y != date[0]), None)
    return EventSpan(
        clause.start,
        end,
        min(text_start, end),
        date,
        kind,
        as_of=expr.qualifier == "as_of",
        ordinals=ordinals,
        lead=expr,
        year_conflict=conflict,
        summit=bool(ordinals) or ctx.summits.hosts_summit(folded, clause.start, end, date[0]),
    )
