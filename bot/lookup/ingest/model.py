"""Plain data produced by ingest and consumed by the index.

The ingest pipeline turns one raw file into a :class:`ParsedDocument`: articles made of
:class:`Block` objects (paragraphs, headings, epigraphs, ...) with their footnotes split off.
Display text keeps the document's original script; matching copies are made later by the
indexer. Nothing here knows about SQLite or Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal[
    "paragraph",  # body text
    "heading",  # a section heading; ``level`` says how deep
    "epigraph",  # a quoted motto opening a chapter; ``speaker`` names who said it
    "abstract",  # an article's own abstract (〔提要〕 or an English abstract)
    "table",  # a shredded table region kept out of passages
    "caption",  # a table/figure caption whose content is missing
]

Script = Literal["simplified", "traditional"]
Layout = Literal["pdf", "web"]


@dataclass(slots=True)
class Span:
    """A half-open character range ``[start, end)`` inside a block's ``text``."""

    start: int
    end: int
    reason: str = ""


@dataclass(slots=True)
class FootnoteRef:
    """Where a footnote marker stood in a block (the marker itself is removed from ``text``)."""

    offset: int
    marker: str
    footnote: int | None = None  # index into ``ParsedDocument.footnotes``; None if unmatched


@dataclass(slots=True)
class Footnote:
    """A footnote body, kept searchable as a source but never part of a body passage."""

    marker: str  # as printed: "①", "[3]", "*"
    page: int  # page index (0-based) the body sits on; markers restart per page
    text: str
    line_start: int  # 1-based raw line numbers
    line_end: int
    urls: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    """One paragraph-level unit after layout reconstruction and cleaning."""

    kind: BlockKind
    text: str
    line_start: int  # 1-based raw line numbers the block came from
    line_end: int
    level: int = 0  # heading level: 1 = chapter/top, 2, 3, ...
    speaker: str | None = None  # for epigraphs: "中国国家主席习近平"
    lead: str | None = None  # an inline lead-in sub-heading ("——政治与安全对话机制有效运转。")
    lang: str = "zh"  # "zh", "en", "ru", "ja", "mixed"
    refs: list[FootnoteRef] = field(default_factory=list)
    flags: list[Span] = field(default_factory=list)  # mojibake (detected or repaired) spans


@dataclass(slots=True)
class Article:
    """An article inside a document; single-article documents have exactly one."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    abstract: str | None = None  # the article's own Chinese abstract (〔提要〕), cleaned
    en_title: str | None = None
    en_authors: list[str] = field(default_factory=list)
    en_abstract: str | None = None
    line_start: int = 1
    line_end: int = 1
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Removed:
    """A raw line (or part of one) the pipeline dropped, kept for character accounting."""

    line: int
    reason: str  # "page-number", "running-head", "boilerplate", "blank", "pinyin", ...
    text: str


@dataclass(slots=True)
class ParsedDocument:
    """Everything ingest learned about one raw file."""

    name: str  # file name in corpus/raw
    layout: Layout
    script: Script
    title: str | None
    articles: list[Article]
    footnotes: list[Footnote] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # running_head, dateline, byline, ...
    removed: list[Removed] = field(default_factory=list)
    report: dict[str, int] = field(default_factory=dict)  # counts for the ingest report
