"""From a parsed document to citable passages with stable, short ids.

A passage is a paragraph, or a part of a long paragraph cut at sentence ends, of at most
about 400 characters. Ids are positional (``d2.a6.p41``: document 2, article 6, passage 41;
``d0.p12`` for single-article documents; ``d1.n7`` for footnotes), so they are identical
whenever an unchanged file is ingested again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bot.lookup.ingest.model import Article, Block, Footnote, ParsedDocument, Span
from bot.lookup.text.sentences import split_long, split_sentences

MAX_PASSAGE = 400
# The section a page's own abstract (【摘要】) is cited under.
ABSTRACT_SECTION = "摘要"
# A table region whose cells hold running prose (a table of speeches, of policies) is read
# like a paragraph: at least this many sentence ends, averaging at least this many
# characters. A table of figures or short labels has neither and stays out of passages.
PROSE_TABLE_SENTENCES = 3
PROSE_TABLE_SENTENCE_CHARS = 20


@dataclass(slots=True)
class PassageRecord:
    """One row of the ``passages`` table, before it gets a database id."""

    pid: str
    article: int | None  # article index in the document (0-based), None for no articles
    seq: int
    para: int
    kind: str  # body | abstract | epigraph | footnote
    section: str | None
    text: str
    sentences: list[tuple[int, int, bool]]
    flags: list[tuple[int, int, str]]
    refs: list[tuple[int, str, str | None]] = field(default_factory=list)
    lead: str | None = None
    speaker: str | None = None
    anchor: str | None = None
    lang: str = "zh"
    line_start: int = 0
    line_end: int = 0

    @property
    def sha(self) -> str:
        return text_sha(self.text)


def text_sha(text: str) -> str:
    """A passage text's hash as ``passages.sha`` keeps it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def reads_as_prose(text: str) -> bool:
    """True if ``text`` (a table region) is mostly whole sentences rather than cells."""
    ends = sum(text.count(mark) for mark in "。！？")
    if ends < PROSE_TABLE_SENTENCES:
        return False
    return len(text) / ends >= PROSE_TABLE_SENTENCE_CHARS


def chunk(text: str, limit: int = MAX_PASSAGE) -> list[tuple[int, int]]:
    """Cut ``text`` into ranges of at most ``limit`` characters at sentence ends.

    Sentences are packed greedily; a sentence longer than ``limit`` on its own is cut at a
    clause boundary (；， or a space) instead.
    """
    pieces: list[tuple[int, int]] = []
    start = end = 0
    for a, b in split_sentences(text):
        if b - a > limit:
            if end > start:
                pieces.append((start, end))
            pieces.extend((a + x, a + y) for x, y in split_long(text[a:b], limit))
            start = end = b
        elif b - start > limit and end > start:
            pieces.append((start, end))
            start, end = a, b
        else:
            end = b
    if end > start:
        pieces.append((start, end))
    return pieces


def _local_spans(spans: list[Span], a: int, b: int) -> list[tuple[int, int, str]]:
    return [
        (max(s.start, a) - a, min(s.end, b) - a, s.reason)
        for s in spans
        if s.start < b and s.end > a
    ]


def _sentences(text: str, flags: list[tuple[int, int, str]]) -> list[tuple[int, int, bool]]:
    out = []
    for a, b in split_sentences(text):
        flagged = any(s < b and e > a for s, e, _ in flags)
        out.append((a, b, flagged))
    return out


class _Builder:
    def __init__(self, doc_key: str, parsed: ParsedDocument) -> None:
        self.doc_key = doc_key
        self.parsed = parsed
        self.multi = len(parsed.articles) > 1
        self.records: list[PassageRecord] = []
        self.seq = 0
        self.para = 0
        self.footnote_pids: dict[int, str] = {
            i: f"{doc_key}.n{i + 1}" for i in range(len(parsed.footnotes))
        }
        self.anchors: dict[int, str] = {}

    def prefix(self, article: int) -> str:
        return f"{self.doc_key}.a{article + 1}" if self.multi else self.doc_key

    def build(self) -> list[PassageRecord]:
        for index, article in enumerate(self.parsed.articles):
            self.article(index, article)
        self.footnotes()
        return self.records

    def article(self, index: int, article: Article) -> None:
        counter = [0]
        stack: list[tuple[int, str]] = []
        if article.abstract:
            self.add(index, counter, "abstract", "提要", article.abstract, [], article, None)
        for block in article.blocks:
            if block.kind == "heading":
                stack = [(lvl, t) for lvl, t in stack if lvl < block.level] + [
                    (block.level, block.text)
                ]
                continue
            if block.kind == "table" and not reads_as_prose(block.text):
                continue
            kind = "epigraph" if block.kind == "epigraph" else "body"
            kind = "abstract" if block.kind == "abstract" else kind
            section = " > ".join(t for _, t in stack) or None
            if kind == "abstract":
                section = section or ABSTRACT_SECTION
            self.add(index, counter, kind, section, block.text, block.flags, article, block)
        if article.en_abstract:
            self.add(index, counter, "abstract", "Abstract", article.en_abstract, [], article, None)

    def add(
        self,
        index: int,
        counter: list[int],
        kind: str,
        section: str | None,
        text: str,
        flags: list[Span],
        article: Article,
        block: Block | None,
    ) -> None:
        self.para += 1
        for a, b in chunk(text):
            counter[0] += 1
            self.seq += 1
            local_flags = _local_spans(flags, a, b)
            piece = text[a:b]
            pid = f"{self.prefix(index)}.p{counter[0]}"
            refs: list[tuple[int, str, str | None]] = []
            if block is not None:
                for ref in block.refs:
                    # A marker follows what it cites: one standing where a passage is cut
                    # (after 。) belongs to the passage that ends there, not the next one.
                    if a < ref.offset <= b or ref.offset == a == 0:
                        target = (
                            self.footnote_pids.get(ref.footnote)
                            if ref.footnote is not None
                            else None
                        )
                        refs.append((ref.offset - a, ref.marker, target))
                        if ref.footnote is not None:
                            self.anchors.setdefault(ref.footnote, pid)
            self.records.append(
                PassageRecord(
                    pid=pid,
                    article=index if self.multi else None,
                    seq=self.seq,
                    para=self.para,
                    kind=kind,
                    section=section,
                    text=piece.strip(),
                    sentences=_sentences(piece.strip(), local_flags),
                    flags=local_flags,
                    refs=refs,
                    lead=block.lead if block is not None and a == 0 else None,
                    speaker=block.speaker if block is not None else None,
                    lang=block.lang
                    if block is not None
                    else ("en" if section == "Abstract" else "zh"),
                    line_start=block.line_start if block is not None else article.line_start,
                    line_end=block.line_end if block is not None else article.line_start,
                )
            )

    def footnotes(self) -> None:
        by_pid = {r.pid: r for r in self.records}
        for i, note in enumerate(self.parsed.footnotes):
            anchor = self.anchors.get(i)
            host = by_pid.get(anchor) if anchor else None
            self.seq += 1
            self.para += 1
            self.records.append(
                _footnote_record(self.footnote_pids[i], note, host, self.seq, self.para, anchor)
            )


def _footnote_record(
    pid: str, note: Footnote, host: PassageRecord | None, seq: int, para: int, anchor: str | None
) -> PassageRecord:
    text = note.text.strip()
    return PassageRecord(
        pid=pid,
        article=host.article if host else None,
        seq=seq,
        para=para,
        kind="footnote",
        section=host.section if host else None,
        text=text,
        sentences=[(0, len(text), False)],
        flags=[],
        anchor=anchor,
        lang="zh",
        line_start=note.line_start,
        line_end=note.line_end,
    )


def build_passages(doc_key: str, parsed: ParsedDocument) -> list[PassageRecord]:
    """Turn a parsed document into passage records, body first, then footnotes.

    Args:
        doc_key: The document's citation prefix ("d2").
        parsed: The output of the ingest pipeline.

    Returns:
        Records in reading order; footnotes follow the body and point back to the passage
        that cites them.
    """
    return _Builder(doc_key, parsed).build()
