"""Plain-text views of lookup results for the terminal (the CLI's readable output)."""

from __future__ import annotations

import textwrap
from typing import Any

from bot.lookup.results import (
    DocumentInfo,
    Hit,
    PassageView,
    Quotes,
    SearchResult,
    Summary,
    Timeline,
    Verification,
)

_WIDTH = 100


def _wrap(text: str, indent: str = "   ") -> str:
    return textwrap.fill(
        text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent, break_long_words=True
    )


def _cite(hit: Hit) -> str:
    parts = [hit.title, hit.section or "", hit.date or "", hit.passage_id]
    return " · ".join(p for p in parts if p)


def _search(result: SearchResult) -> str:
    lines = []
    if result.corrected:
        lines.append(f"(did you mean: {result.corrected})")
    if not result.hits:
        lines.append("nothing found — try fewer or other words, or `docs` for what is indexed")
    for i, hit in enumerate(result.hits, 1):
        lines.append(f"{i}. [{_cite(hit)}]")
        lines.append(_wrap(hit.text))
    return "\n".join(lines)


def _summary(result: Summary) -> str:
    if not result.sentences:
        return "nothing relevant found in the corpus"
    lines = [f"summary of: {result.scope}"] if result.scope else []
    for s in result.sentences:
        lines.append(_wrap(f"{s.text} [{s.passage_id}]", indent=""))
    return "\n".join(lines)


def _timeline(result: Timeline) -> str:
    if not result.events:
        return "no dated events found"
    lines = []
    for e in result.events:
        mark = " (planned)" if e.kind == "planned" else ""
        cites = ", ".join(dict.fromkeys(c.passage_id for c in e.citations)) or e.passage_id
        lines.append(f"{e.date:<10} {e.event}{mark}  [{cites}]")
        if e.conflict:
            lines.append(f"{'':<10} ! {e.conflict}")
    return "\n".join(lines)


def _quotes(result: Quotes) -> str:
    if not result.quotes:
        return "no quotations found"
    lines = []
    for q in result.quotes:
        # Only a direct quotation (or an epigraph) is the speaker's words in quotation marks.
        words = f"“{q.quote}”" if q.kind in ("direct", "epigraph") else f"({q.kind}) {q.quote}"
        lines.append(f"{q.speaker or '?'}: {words}  [{q.title} · {q.passage_id}]")
    return "\n".join(lines)


def _verify(result: Verification) -> str:
    lines = [f"verdict: {result.verdict}"]
    if result.match:
        lines.append(_wrap(f"{result.match.get('text', '')} [{result.match.get('passage_id')}]"))
    if result.diff:
        lines.append(f"   differences: {result.diff}")
    for near in result.nearest[:3]:
        lines.append(_wrap(f"nearest: {near.get('text', '')} [{near.get('passage_id')}]"))
    return "\n".join(lines)


def _view(view: PassageView) -> str:
    lines = [f"[{_cite(view.hit)}]  lines {view.lines[0]}–{view.lines[1]}"]
    if view.changed is not None:
        said = f"{view.changed.old_id} was {view.changed.change} by a re-ingest"
        was = f"; it read: {view.changed.old_text}" if view.changed.old_text else ""
        lines.insert(0, _wrap(said + was, indent="!! "))
    if view.before:
        lines.append(_wrap(f"… {view.before[-120:]}", indent="   "))
    lines.append(_wrap(view.hit.text, indent=">> "))
    if view.after:
        lines.append(_wrap(f"{view.after[:120]} …", indent="   "))
    for marker, pid, text in view.footnotes:
        lines.append(_wrap(f"{marker} {text} [{pid}]", indent="   "))
    return "\n".join(lines)


def _doc(doc: DocumentInfo) -> str:
    head = f"{doc.key}  {doc.title}  ({doc.date or 'undated'}; {doc.passages} passages; {doc.name})"
    return "\n".join([head, *(f"    {key}  {title}" for key, title in doc.articles)])


def format_result(result: Any) -> str:
    """A readable terminal rendering of any lookup result."""
    match result:
        case SearchResult():
            return _search(result)
        case Summary():
            return _summary(result)
        case Timeline():
            return _timeline(result)
        case Quotes():
            return _quotes(result)
        case Verification():
            return _verify(result)
        case PassageView():
            return _view(result)
        case DocumentInfo():
            return _doc(result)
    return str(result)
