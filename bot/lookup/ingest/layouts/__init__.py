"""Document layouts, one module each, tried in order: the first whose ``detect`` accepts
the lines parses them.

A layout module has ``NAME`` (stored as the document's ``layout``), ``detect(lines)`` and
``parse(doc, lines)``, which fills the document's articles, footnotes, metadata, removed
pieces and report. A new kind of document is one more module here and one more entry in
:data:`LAYOUTS`; the web layout accepts anything and comes last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.lookup.ingest.layout import Line
from bot.lookup.ingest.layouts import pdf, web
from bot.lookup.ingest.model import Layout, ParsedDocument


@dataclass(frozen=True, slots=True)
class LayoutKind:
    """One registered layout."""

    name: Layout
    detect: Callable[[Sequence[Line]], bool]
    parse: Callable[[ParsedDocument, list[Line]], None]


LAYOUTS: tuple[LayoutKind, ...] = (
    LayoutKind("pdf", pdf.detect, pdf.parse),
    LayoutKind("web", web.detect, web.parse),
)


def choose(lines: Sequence[Line]) -> LayoutKind:
    """The first registered layout that accepts ``lines``."""
    return next(kind for kind in LAYOUTS if kind.detect(lines))
