"""What the lookup core answers with: plain dataclasses, serialisable with ``to_dict``.

The CLI prints them as JSON (the field names are a contract other tools rely on) and the
Telegram renderer turns them into chat HTML. Nothing here knows how it will be shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(slots=True, frozen=True)
class Citation:
    """Where a piece of text comes from, down to the passage."""

    passage_id: str  # "d2.a6.p41"
    doc: str  # file name in corpus/raw
    title: str  # document title (or the article title for multi-article documents)
    article: str | None = None
    section: str | None = None  # "第一章 金砖合作 > 一、和平金砖"
    date: str | None = None  # the document's date as far as known: "2025", "2025-06"


@dataclass(slots=True)
class Hit:
    """One ranked passage."""

    passage_id: str
    doc: str
    title: str
    article: str | None
    section: str | None
    text: str  # the passage as users see it (cleaned, original script)
    score: float
    terms: list[str] = field(default_factory=list)  # matched terms as they appear in ``text``
    date: str | None = None
    # The sentence of ``text`` that answers the question, and the fact in it (offsets).
    answer: tuple[int, int] | None = None
    fact: tuple[int, int] | None = None
    authors: list[str] = field(default_factory=list)  # of its article, else of its document
    # Of a long answer sentence, the statement (between semicolons) that answers best: what
    # a snippet too short for the whole sentence shows.
    focus: tuple[int, int] | None = None

    def citation(self) -> Citation:
        return Citation(
            self.passage_id, self.doc, self.title, self.article, self.section, self.date
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "doc": self.doc,
            "title": self.title,
            "article": self.article,
            "section": self.section,
            "text": self.text,
            "score": round(self.score, 4),
            "answer": self.text[slice(*self.answer)] if self.answer else None,
            "fact": self.text[slice(*self.fact)] if self.fact else None,
            "authors": self.authors,
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    corrected: str | None  # the query as corrected ("did you mean"), or None
    hits: list[Hit]
    # A one-line answer from one of the hits (first page only); a reply's opening line, not
    # part of the JSON contract, whose results already mark each answer sentence.
    lead: Lead | None = None
    # No hits because the documents do not cover the question (search abstained), rather
    # than because nothing matched at all.
    uncovered: bool = False
    # Of an abstention: what the question names that the documents never write (亚洲开发银行,
    # 亚投行行长), when that is why; and where the documents come closest, as (passage id, its
    # article's or document's title, its section), so the reply can point there.
    missing: str | None = None
    nearest: tuple[tuple[str, str, str | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "corrected": self.corrected,
            "results": [h.to_dict() for h in self.hits],
        }


@dataclass(frozen=True, slots=True)
class Lead:
    """A one-line answer: a clause of a passage's text, as written, and the fact in it."""

    passage_id: str
    text: str
    fact: str


@dataclass(slots=True)
class SummarySentence:
    text: str
    passage_id: str
    doc: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Summary:
    query: str
    summary: str  # the sentences joined, as shown
    sentences: list[SummarySentence]
    corrected: str | None = None
    scope: str | None = None  # a document/article title when the query named one

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "summary": self.summary,
            "sentences": [s.to_dict() for s in self.sentences],
        }


@dataclass(slots=True)
class TimelineEvent:
    date: str  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    event: str  # short event text taken from the sentence
    text: str  # the source sentence as shown to users
    passage_id: str
    doc: str
    title: str
    citations: list[Citation] = field(default_factory=list)
    conflict: str | None = None
    kind: Literal["past", "planned"] = "past"
    sentences: list[str] = field(default_factory=list)  # each citation's sentence, aligned

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "event": self.event,
            "text": self.text,
            "passage_id": self.passage_id,
            "doc": self.doc,
            "title": self.title,
            "citations": [asdict(c) for c in self.citations],
            "conflict": self.conflict,
            "kind": self.kind,
        }


@dataclass(slots=True)
class Timeline:
    query: str
    events: list[TimelineEvent]
    corrected: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "results": [e.to_dict() for e in self.events]}


# direct: the speaker's words in quotation marks; reported: what the document says the
# speaker said (X指出，…), no marks; indirect: the same for something said at an earlier,
# unstated time (X曾表示，…); epigraph: a chapter motto with its ——speaker line.
QuoteKind = Literal["direct", "reported", "indirect", "epigraph"]


@dataclass(slots=True)
class Quote:
    speaker: str | None
    quote: str  # the quoted words, verbatim
    text: str  # the sentence they stand in
    passage_id: str
    doc: str
    title: str
    kind: QuoteKind = "direct"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Quotes:
    query: str
    quotes: list[Quote]
    corrected: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "results": [q.to_dict() for q in self.quotes]}


Verdict = Literal["verbatim", "close", "not_found"]


@dataclass(slots=True)
class Verification:
    claim: str
    verdict: Verdict
    # {"text", "passage_id", "doc", "title", "score", "kind", "speaker"}: kind and speaker
    # name the quotation the match falls in (a QuoteKind), both None outside quotations
    match: dict[str, Any] | None
    diff: str | None
    nearest: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "match": self.match,
            "diff": self.diff,
            "nearest": self.nearest,
        }


@dataclass(slots=True)
class DocumentInfo:
    key: str  # "d2"
    name: str  # file name in corpus/raw
    title: str
    authors: list[str]
    outlet: str
    date: str | None
    date_kind: str
    script: str
    passages: int
    articles: list[tuple[str, str]] = field(default_factory=list)  # (key, title)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class PassageChange:
    """Why ``/source`` of an old id shows another passage: the id was retired by an edit."""

    old_id: str
    change: Literal["edited", "removed"]
    old_text: str  # what the old id showed


@dataclass(slots=True)
class PassageView:
    """A passage with its surroundings, for ``/source``."""

    hit: Hit
    kind: str
    before: str | None  # the previous passage's text (same document)
    after: str | None
    before_id: str | None
    after_id: str | None
    footnotes: list[tuple[str, str, str]]  # (marker, footnote pid, text)
    document: DocumentInfo
    lead: str | None = None
    speaker: str | None = None
    lines: tuple[int, int] = (0, 0)
    flagged: bool = False
    changed: PassageChange | None = None  # set when asked for by an id an edit retired

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.hit.to_dict(),
            "kind": self.kind,
            "before_id": self.before_id,
            "after_id": self.after_id,
            "footnotes": [{"marker": m, "id": i, "text": t} for m, i, t in self.footnotes],
            "document": self.document.to_dict(),
            "lines": list(self.lines),
            "changed": asdict(self.changed) if self.changed is not None else None,
        }


@dataclass(slots=True)
class CorpusInfo:
    version: str
    documents: int
    articles: int
    passages: int
    footnotes: int
    date_range: tuple[str | None, str | None]
    last_ingest: str | None
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) left out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
