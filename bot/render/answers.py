"""Summary, timeline, quotation and verification answers -> chat HTML (pure functions).

Same rules as :mod:`bot.render.replies`: escaped fragments, a citation on every answer, the chat's
script for corpus text, short by default with buttons for more, Telegram's limits kept.
"""

from __future__ import annotations

import re

from bot.lookup.results import Quote, Quotes, Summary, Timeline, TimelineEvent, Verification
from bot.render import callbacks as cb
from bot.render.chathtml import blockquote, clip, esc, fit, shorten
from bot.render.replies import (
    Button,
    Keyboard,
    Reply,
    View,
    citation,
    nothing_found,
    pager,
    query_echo,
)
from bot.render.strings import Html, t

TIMELINE_PAGE = 8
EVENT_CHARS = 90
CLAIM_ECHO = 200
MATCH_CHARS = 400
DIFF_CHARS = 500
_DIFF = re.compile(r"\[([^\[\]→]*)→([^\[\]]*)\]")
_MAX_DIFF_MARKS = 30


def _more(view: View, state: str | None) -> Keyboard:
    """🔎 the passages behind an answer: a new message in private, the private chat from a group."""
    if state is None:
        return ()
    label = t("button.more", view.lang)
    if view.group:
        return ((Button(label, url=view.link(cb.query_payload(state))),),)
    return ((Button(label, cb.encode(cb.More(state))),),)


def _head(key: str, view: View, query: str, corrected: str | None) -> list[str]:
    head = [t(key, view.lang, query=query_echo(query))]
    if corrected:
        head.append(t("corrected", view.lang, corrected=corrected))
    return head


def summary(result: Summary, view: View, *, state: str | None = None) -> Reply:
    """/summary: the extracted sentences, numbered, with one citation line per source."""
    if not result.sentences:
        return nothing_found(view, result.query)
    head = _head("summary.header", view, result.query, result.corrected)
    if result.scope:
        head.append("📚 " + esc(shorten(view.corpus(result.scope), 60)))
    sources: dict[str, int] = {}
    parts = []
    for sentence in result.sentences:
        number = sources.setdefault(sentence.passage_id, len(sources) + 1)
        parts.append(f"{esc(view.corpus(sentence.text))}[{number}]")
    body = blockquote("".join(parts), expandable_over=700)
    cites: list[str] = []
    for sentence in result.sentences:
        number = sources[sentence.passage_id]
        if len(cites) < number:
            cites.append(
                f"[{number}] " + citation(view, sentence.passage_id, sentence.title, None, None)
            )
    return Reply(fit(head, [body, "\n".join(cites)]), _more(view, state))


def timeline(
    result: Timeline,
    view: View,
    *,
    page: int = 0,
    size: int = TIMELINE_PAGE,
    state: str | None = None,
) -> Reply:
    """/timeline: dated events, a page at a time, each with its passage id, conflicts flagged."""
    if not result.events:
        return nothing_found(view, result.query)
    head = _head("timeline.header", view, result.query, result.corrected)
    if page:
        head[0] += " · " + t("page", view.lang, page=page + 1)
    start = page * size
    events = result.events[start : start + size]
    has_next = len(result.events) > start + size
    blocks = [_event(view, event) for event in events]
    keyboard = (*pager(view, state, page, has_next), *_more(view, state))
    return Reply(fit(head, blocks, sep="\n"), keyboard)


def _event(view: View, event: TimelineEvent) -> str:
    text = esc(clip(view.corpus(event.event or event.text), EVENT_CHARS))
    planned = t("timeline.planned", view.lang) if event.kind == "planned" else ""
    line = f"• <b>{esc(event.date)}</b> {text}{planned} <code>{esc(event.passage_id)}</code>"
    if event.conflict:
        # The note names corpus dates and summits (其他来源记为 2010年): the chat's script too.
        conflict = shorten(view.corpus(event.conflict), 120)
        line += "\n  " + t("timeline.conflict", view.lang, conflict=conflict)
    return line


def quotes(
    result: Quotes, view: View, *, page: int = 0, has_next: bool = False, state: str | None = None
) -> Reply:
    """/quote: each quotation in a blockquote with its speaker and citation."""
    if not result.quotes:
        return nothing_found(view, result.query)
    head = _head("quote.header", view, result.query, result.corrected)
    if page:
        head[0] += " · " + t("page", view.lang, page=page + 1)
    blocks = []
    for quote in result.quotes:
        inner = f"{esc(view.corpus(quote.quote))}\n{attribution(quote, view)}"
        blocks.append(blockquote(inner) + citation(view, quote.passage_id, quote.title, None, None))
    return Reply(fit(head, blocks), pager(view, state, page, has_next))


def attribution(quote: Quote, view: View) -> str:
    """``— 习近平``, with the kind when the words are not the speaker's own quoted words:
    ``— 习近平（据报道，转述）``."""
    speaker = view.corpus(quote.speaker) if quote.speaker else t("quote.unattributed", view.lang)
    speaker = shorten(speaker, 40)
    if quote.kind == "direct":
        return t("quote.by", view.lang, speaker=speaker)
    kind = t(f"quote.kind.{quote.kind}", view.lang)
    return t("quote.by_kind", view.lang, speaker=speaker, kind=kind)


def verification(result: Verification, view: View) -> Reply:
    """/verify: the verdict, the corpus words with the differences marked, and the source."""
    head = [t(f"verify.{result.verdict}", view.lang)]
    head.append(t("verify.claim", view.lang, claim=shorten(result.claim, CLAIM_ECHO)))
    blocks = []
    match = result.match
    if match:
        words = esc(clip(view.corpus(str(match.get("text", ""))), MATCH_CHARS))
        blocks.append(blockquote(words) + _cite_match(view, match))
    kind = match.get("kind") if match else None
    if match and kind and match.get("speaker"):
        speaker = shorten(view.corpus(str(match["speaker"])), 40)
        blocks.append(t(f"verify.kind.{kind}", view.lang, speaker=speaker))
    if result.diff and result.verdict == "close":
        blocks.append(t("verify.diff", view.lang, diff=Html(diff_html(result.diff, view))))
    if result.nearest:
        lines = [t("verify.nearest", view.lang)]
        for near in result.nearest[:3]:
            snippet = esc(clip(view.corpus(str(near.get("text", ""))), 80))
            lines.append(f"• {snippet}\n  {_cite_match(view, near)}")
        blocks.append("\n".join(lines))
    return Reply(fit(head, blocks))


def _cite_match(view: View, match: dict[str, object]) -> str:
    return citation(view, str(match.get("passage_id", "")), str(match.get("title", "")), None, None)


def diff_html(diff: str, view: View) -> str:
    """``[原文→声称]`` marks as <s>corpus</s><u>claim</u>; everything else escaped."""
    out: list[str] = []
    last = marks = 0
    diff = _cut_diff(diff)
    for found in _DIFF.finditer(diff):
        if marks >= _MAX_DIFF_MARKS:
            break
        out.append(esc(view.corpus(diff[last : found.start()])))
        source, claim = found.groups()
        if source:
            out.append(f"<s>{esc(view.corpus(source))}</s>")
        if claim:
            out.append(f"<u>{esc(claim)}</u>")
        last, marks = found.end(), marks + 1
    out.append(esc(view.corpus(diff[last:])))
    return "".join(out)


def _cut_diff(diff: str, limit: int = DIFF_CHARS) -> str:
    """At most ``limit`` characters of a diff, never cutting inside a ``[…→…]`` mark."""
    if len(diff) <= limit:
        return diff
    cut = diff[:limit]
    if cut.count("[") > cut.count("]"):
        cut = cut[: cut.rfind("[")]
    return cut + "…"
