"""The corpus as summary material: every sentence a summary may quote, with its features.

Built once per index version (on first use, about a quarter of a second) and kept in
memory, so a summary only ranks and compares precomputed vectors. A sentence is eligible
when it can be shown on its own, verbatim, without misleading anyone:

* it comes from a Chinese body or abstract passage: never a footnote, an epigraph (a bare
  quotation whose speaker sits elsewhere) or an English abstract (the Chinese 提要 says the
  same, and summaries are in Chinese);
* it is whole: it ends with a sentence mark and does not start with a dash or a comma,
  which is how a sentence cut by a page or heading break looks once ingested (a ``——``
  lead-in is a sub-heading and is stored apart, so a sentence starting with one is a
  continuation fragment, not something to trim);
* it is not flagged as overlapping mojibake, not longer than the summary budget, and mostly
  Chinese (a reference list is not a statement).

Each sentence carries its folded text and its folded headings (section and lead-in, for
concept matching) and a set of features (CJK character bigrams and Latin/digit words)
weighted by inverse sentence frequency, which is what TextRank similarity and duplicate
detection compare. The pool also knows each article's (or document's) title and passages,
so a summary can tell a text devoted to a topic from one that mentions it in passing, and
can scan every sentence for a topic's words in a millisecond.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.lookup.text.joined import Joined
from bot.lookup.text.script import fold

MAX_SENTENCE = 300  # one sentence may not exceed the whole summary budget
MIN_SENTENCE = 12  # shorter "sentences" are captions, list labels or fragments
_MIN_CJK_SHARE = 0.3
_ENDS = "。！？!?…"
_CLOSERS = "”’」』）)】》\"'"
_BAD_START = ("——", "—", "，", "、", "；", "：", ",", ";", ":", "）", ")")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+")
_SUBTITLE = re.compile(r"[:：]|——")

_PASSAGES_SQL = """
SELECT p.id, p.pid, p.doc_id, p.article_id, p.seq, p.kind, p.section, p.lang, p.text,
       p.sentences, d.name, coalesce(a.title, a.en_title, d.title),
       coalesce(json_extract(d.meta, '$.metadata.topic'), ''), coalesce(p.lead, '')
FROM passages p JOIN documents d ON d.id = p.doc_id LEFT JOIN articles a ON a.id = p.article_id
WHERE p.kind != 'footnote'
ORDER BY p.doc_id, p.seq
"""


@dataclass(slots=True)
class Sentence:
    """One eligible sentence, located in its passage."""

    index: int  # position in the pool
    passage: int  # passages.id
    pid: str
    doc: str  # document file name
    title: str  # article title, else document title
    doc_id: int
    article_id: int | None
    seq: int  # passage reading order within the document
    start: int  # offset of the sentence in the passage text
    kind: str  # body | abstract
    section: str
    text: str  # display text, verbatim and stripped
    folded: str
    head: str = ""  # folded innermost section heading and the lead-in sub-heading over it
    path: str = ""  # folded section headings from the outermost, and the lead-in
    features: frozenset[int] = frozenset()
    norm: float = 1.0

    @property
    def order(self) -> tuple[int, int, int]:
        """Reading order across the corpus."""
        return (self.doc_id, self.seq, self.start)

    @property
    def unit(self) -> tuple[int, int | None]:
        """The article (or the whole document, when it has none) the sentence belongs to."""
        return (self.doc_id, self.article_id)


@dataclass(slots=True)
class Unit:
    """An article, or a document without articles: what a title or a web page's topic names."""

    names: tuple[str, ...]  # folded title, and a web page's topic (its 专题 line) if any
    passages: list[int] = field(default_factory=list)  # passages.id with eligible text, in order


@dataclass(slots=True)
class SentencePool:
    """All eligible sentences of one index version, with their feature weights."""

    version: str
    sentences: list[Sentence]
    weights: list[float]  # squared feature weight, by feature id
    by_passage: dict[int, list[int]] = field(default_factory=dict)
    vocab: dict[str, int] = field(default_factory=dict)
    units: dict[tuple[int, int | None], Unit] = field(default_factory=dict)
    joined: Joined = field(default_factory=Joined)  # every folded sentence, for scanning
    # passages.id under each folded heading path (section and lead-in), in reading order
    sections: list[tuple[str, list[int]]] = field(default_factory=list)
    section_joined: Joined = field(default_factory=Joined)  # every heading path, for scanning
    section_of: dict[int, int] = field(default_factory=dict)  # passages.id -> its index in sections
    # the sentences holding each feature, in pool order: those of feature f are
    # postings[offsets[f]:offsets[f + 1]] (two flat arrays: a list per feature weighs 4x more)
    postings: array[int] = field(default_factory=lambda: array("I"))
    offsets: array[int] = field(default_factory=lambda: array("I", [0]))

    def mentioning(self, forms: Iterable[str]) -> set[int]:
        """The sentences holding any of the folded ``forms``.

        A form can only be in the sentences holding each Chinese character bigram of it, so
        only those holding its rarest one are read (a few dozen, where a scan of the whole
        pool reads every sentence); a form without one is sought by a scan.
        """
        found: set[int] = set()
        scanned = []
        sentences = self.sentences
        for form in forms:
            grams = [run[i : i + 2] for run in _CJK.findall(form) for i in range(len(run) - 1)]
            if not grams:
                scanned.append(form)
                continue
            ids = [self.vocab.get(gram) for gram in grams]
            known = [f for f in ids if f is not None]
            if len(known) < len(ids):
                continue  # a bigram no sentence holds
            offsets = self.offsets
            rarest = min(known, key=lambda f: offsets[f + 1] - offsets[f])
            held = self.postings[offsets[rarest] : offsets[rarest + 1]]
            found.update(i for i in held if form in sentences[i].folded)
        if scanned:
            found |= self.joined.holding(scanned)
        return found

    def sections_mentioning(self, forms: Iterable[str]) -> set[int]:
        """The indexes in :attr:`sections` of the heading paths holding any of ``forms``."""
        return self.section_joined.holding(forms)

    def of_passages(self, passages: Iterable[int]) -> list[Sentence]:
        """The eligible sentences of the given passages, passage by passage."""
        return [self.sentences[i] for p in passages for i in self.by_passage.get(p, ())]

    def similarity(self, a: Sentence, b: Sentence) -> float:
        """Weighted cosine similarity of two sentences' features (0 to 1)."""
        shared = a.features & b.features
        if not shared:
            return 0.0
        return sum(map(self.weights.__getitem__, shared)) / (a.norm * b.norm)

    def vector(self, text: str) -> tuple[frozenset[int], float]:
        """Features and norm of any text (features unknown to the corpus are ignored)."""
        ids = frozenset(self.vocab[g] for g in features(fold(text)) if g in self.vocab)
        return ids, math.sqrt(sum(self.weights[f] for f in ids)) or 1.0


def features(folded: str) -> set[str]:
    """CJK character bigrams and Latin/digit words of a folded text."""
    out: set[str] = set()
    for run in _CJK.findall(folded):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w for w in _WORD.findall(folded) if len(w) > 1)
    return out


def is_whole(text: str) -> bool:
    """Whether ``text`` looks like a complete sentence rather than a cut-off fragment."""
    body = text.rstrip(_CLOSERS + " ")
    return bool(body) and body[-1] in _ENDS and not text.startswith(_BAD_START)


def eligible(text: str, flagged: bool) -> bool:
    """Whether a (stripped) sentence may stand in a summary."""
    if flagged or not MIN_SENTENCE <= len(text) <= MAX_SENTENCE or not is_whole(text):
        return False
    cjk = sum(len(run) for run in _CJK.findall(text))
    return cjk >= _MIN_CJK_SHARE * len(text)


async def index_token(conn: aiosqlite.Connection) -> str:
    """What identifies the indexed text: corpus version and time of the last ingest.

    The version alone would miss a forced re-ingest of unchanged files by newer code.
    """
    async with conn.execute(
        "SELECT key, value FROM corpus_state WHERE key IN ('version', 'last_ingest')"
    ) as cur:
        state = {row[0]: row[1] async for row in cur}
    return f"{state.get('version', '')}@{state.get('last_ingest', '')}"


async def build_pool(conn: aiosqlite.Connection, version: str) -> SentencePool:
    """Read every passage and keep the eligible sentences with their features.

    The text work (about half a second for the seed corpus) runs in a worker thread so the
    event loop stays responsive.
    """
    rows = [tuple(row) for row in await conn.execute_fetchall(_PASSAGES_SQL)]
    return await asyncio.to_thread(_pool_from_rows, rows, version)


def _pool_from_rows(rows: list[tuple[Any, ...]], version: str) -> SentencePool:
    sentences: list[Sentence] = []
    previous_end: dict[tuple[int, int | None], str] = {}
    headings = _Headings()
    units: dict[tuple[int, int | None], Unit] = {}
    sections: dict[str, list[int]] = {}
    for row in rows:
        pid_num, pid, doc_id, article_id, seq, kind, section, lang, text, spans = row[:10]
        unit_key = (doc_id, article_id)
        broken_start = not is_whole(previous_end.get(unit_key, "。"))
        previous_end[unit_key] = text.rstrip()[-12:]
        if kind not in ("body", "abstract") or lang != "zh":
            continue
        head, path = headings.of(unit_key, section or "", row[13])
        if unit_key not in units:
            units[unit_key] = Unit(_names(row[11] or "", row[12]))
        units[unit_key].passages.append(pid_num)
        if path.strip():
            sections.setdefault(path, []).append(pid_num)
        for n, (a, b, flagged) in enumerate(json.loads(spans)):
            sentence = text[a:b].strip()
            if (n == 0 and broken_start) or not eligible(sentence, bool(flagged)):
                continue
            start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
            sentences.append(
                Sentence(
                    len(sentences), pid_num, pid, row[10], row[11], doc_id, article_id, seq,
                    start, kind, section or "", sentence, fold(sentence), head, path,
                )
            )  # fmt: skip
    pool = _weigh(version, sentences)
    pool.units = units
    pool.joined = Joined.of([s.folded for s in sentences])
    pool.sections = list(sections.items())
    pool.section_joined = Joined.of([path for path, _ in pool.sections])
    pool.section_of = {p: n for n, (_, ps) in enumerate(pool.sections) for p in ps}
    return pool


class _Headings:
    """The folded headings over each passage, in reading order.

    A lead-in sub-heading (——可再生能源合作推动能源公正转型。) heads the passages after it
    until the next lead-in or section.
    """

    def __init__(self) -> None:
        self.leads: dict[tuple[int, int | None], tuple[str, str]] = {}
        self.folded: dict[str, str] = {}

    def of(self, unit: tuple[int, int | None], section: str, lead: str) -> tuple[str, str]:
        """The innermost heading with the lead-in, and the whole path with the lead-in."""
        current = self.leads.get(unit)
        if lead or current is None or current[0] != section:
            self.leads[unit] = (section, lead)
        lead = self.leads[unit][1]
        return self._fold(f"{section.rsplit(' > ', 1)[-1]} {lead}"), self._fold(f"{section} {lead}")

    def _fold(self, text: str) -> str:
        if text not in self.folded:
            self.folded[text] = fold(text)
        return self.folded[text]


def _names(title: str, topic: str) -> tuple[str, ...]:
    """What names an article: its title, the title's main part (before "：", which names the
    subject better than the subtitle), and a web page's topic."""
    return tuple(dict.fromkeys(fold(n) for n in (title, _SUBTITLE.split(title)[0], topic) if n))


def _weigh(version: str, sentences: list[Sentence]) -> SentencePool:
    grams = [features(s.folded) for s in sentences]
    df = Counter(g for gs in grams for g in gs)
    vocab = {g: i for i, g in enumerate(df)}
    total = len(sentences) + 1
    weights = [0.0] * len(vocab)
    for g, i in vocab.items():
        weights[i] = math.log(total / (df[g] + 0.5)) ** 2
    by_passage: dict[int, list[int]] = {}
    offsets = array("I", [0])
    for g in vocab:  # in feature id order
        offsets.append(offsets[-1] + df[g])
    postings = array("I", bytes(4 * offsets[-1]))
    filled = list(offsets[:-1])
    for sentence, gs in zip(sentences, grams, strict=True):
        ids = frozenset(vocab[g] for g in gs)
        sentence.features = ids
        sentence.norm = math.sqrt(sum(weights[f] for f in ids)) or 1.0
        by_passage.setdefault(sentence.passage, []).append(sentence.index)
        for f in ids:
            postings[filled[f]] = sentence.index
            filled[f] += 1
    pool = SentencePool(version, sentences, weights, by_passage, vocab)
    pool.postings, pool.offsets = postings, offsets
    return pool
