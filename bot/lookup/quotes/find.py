"""“Who said …?”: quotations found by speaker, by their words or by topic.

Every citable passage is scanned once for quotations (:mod:`bot.lookup.quotes.spans`) and
the result kept in memory: about a hundred quotations for the seed corpus. A query is
parsed by the search core (cleaning, question words, alias expansion, typo correction);
every quotation is then scored on how many of the query's concepts it covers — as its
speaker (习近平 matches 习主席, 岸田 matches 岸田文雄, 北京宣言 the full declaration title),
in the quoted words, in the sentence around them, or in the rest of its passage (a
concept also matches the wordings the alias table lists as mentioning it), and, with the
semantic layer on, on how close in meaning its passage is to the question. Scoring
all quotations in memory takes about a millisecond, far less than a full-text ranking of
passages would, and sees every quotation rather than the passages FTS happens to rank
first. The same words quoted twice (001 repeats several of Xi's) are returned once. Among
equally relevant quotations the speaker's own words (direct, epigraph) come before what a
document reports them to have said (reported, indirect).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.handle import IndexHandle
from bot.lookup.index.snapshot import PassageRow, cached, load_notes, load_rows
from bot.lookup.quotes.spans import QuoteSpan, abbreviations, extract_quotes
from bot.lookup.quotes.speakers import SpeakerResolver
from bot.lookup.results import Quote, Quotes
from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.search.searcher import folded_forms
from bot.lookup.search.semantic.index import query_text
from bot.lookup.text.numerals import other_numerals
from bot.lookup.text.script import fold

MAX_LIMIT = 50
# Quotations scoring under this share of the best one only share a common word with the
# query (金砖国家); listing them after a precise hit would bury it in noise.
MIN_RELATIVE = 0.3
_PUNCT = re.compile(r"[^\w+]")  # "+" stays: 金砖+ is not 金砖
# Score weights: quoted words dominate; the sentence, the passage and the speaker help.
_W_QUOTE, _W_TEXT, _W_PASSAGE, _W_SPEAKER, _W_EXACT = 2.0, 1.0, 0.5, 0.6, 1.0
# A reported statement ranks as this share of its score: below a direct quotation that
# answers as well (within 3 %), above one that answers clearly worse.
_REPORTED = 0.97
# With the semantic layer on, a quotation also earns how close in meaning its passage is to
# the question: 0 at the 90th percentile of the quotations' passages, 1 at the closest,
# squared, times this weight. "Who said BRICS is not a closed club" shares no word with
# 金砖国家不是封闭的俱乐部; the weight is below a quoted word's, so wording still decides.
_W_MEANING, _MEANING_FROM = 1.0, 0.9


@dataclass(slots=True, frozen=True)
class QuoteRecord:
    """One quotation in the corpus, with its matching forms."""

    row: int  # passages.id
    order: int  # reading order across the corpus
    quote: Quote
    shape: str
    span: tuple[int, int]  # the quoted words' offsets in the passage text
    quote_fold: str  # folded, punctuation-free quoted words
    text_fold: str  # the same for the sentence around them
    passage_fold: str  # the same for the whole passage
    speaker_fold: str
    speaker_forms: frozenset[str]  # alias forms of the speaker (folded)


def normalise(text: str) -> str:
    """Folded matching text without punctuation or spaces (script- and width-blind)."""
    return _PUNCT.sub("", fold(text))


class QuoteIndex:
    """All quotations of the corpus, extracted once."""

    def __init__(self, records: list[QuoteRecord]) -> None:
        self.records = records
        self._by_row: dict[int, list[QuoteRecord]] = {}
        for record in records:
            self._by_row.setdefault(record.row, []).append(record)

    def in_passage(self, row: int) -> list[QuoteRecord]:
        """The quotations of one passage (by ``passages.id``), in reading order."""
        return self._by_row.get(row, [])

    @classmethod
    def build(
        cls, rows: Sequence[PassageRow], aliases: AliasTable, notes: Mapping[int, str] | None = None
    ) -> QuoteIndex:
        """Extract the quotations of ``rows`` (reading order, footnotes excluded); ``notes``
        holds each document's footnotes, which name in full the people the body names by
        surname."""
        resolver = SpeakerResolver(aliases)
        titles = _short_titles(rows)
        notes = notes or {}
        readers = {
            doc: resolver.with_document(
                "\n".join(r.text for r in rows if r.doc_id == doc), notes.get(doc, "")
            )
            for doc in titles
        }
        records: list[QuoteRecord] = []
        for i, row in enumerate(rows):
            before = rows[i - 1].text if i and rows[i - 1].doc_id == row.doc_id else None
            spans = extract_quotes(
                row.text,
                row.sentences,
                row.flags,
                before,
                resolver=readers[row.doc_id],
                epigraph_speaker=row.speaker if row.kind == "epigraph" else None,
                titles=titles[row.doc_id],
            )
            records.extend(_record(row, len(records) + n, s, aliases) for n, s in enumerate(spans))
        return cls(records)


def _short_titles(rows: Sequence[PassageRow]) -> dict[int, dict[str, str]]:
    """Per document, the short titles it introduces (《构想》 for the full 《…构想》)."""
    titles: dict[int, dict[str, str]] = {}
    for row in rows:
        titles.setdefault(row.doc_id, {}).update(abbreviations(row.text))
    return titles


def _record(row: PassageRow, order: int, span: QuoteSpan, aliases: AliasTable) -> QuoteRecord:
    text = row.text[span.context[0] : span.context[1]].strip()
    quote = Quote(span.speaker, span.quote(row.text), text, row.pid, row.doc, row.title, span.kind)
    bare = fold(span.speaker.strip("《》"))
    # 乔舒亚·雷默 is asked about as 雷默, the surname the text itself uses.
    surname = bare.rsplit("·", 1)[-1] if "·" in bare else ""
    forms = {bare, surname, *aliases.expand(bare)}
    return QuoteRecord(
        row=row.row,
        order=order,
        quote=quote,
        shape=span.shape,
        span=(span.start, span.end),
        quote_fold=normalise(quote.quote),
        text_fold=normalise(quote.text),
        passage_fold=normalise(row.text),
        speaker_fold=normalise(span.speaker),
        speaker_forms=frozenset(normalise(f) for f in forms if f),
    )


async def quote_index(library: IndexHandle) -> QuoteIndex:
    """The library's quotation index, built on first use and kept while the index is."""

    async def build() -> QuoteIndex:
        rows = await load_rows(library.conn)
        notes = await load_notes(library.conn)
        # A few hundred milliseconds of pure Python: keep the event loop free meanwhile.
        return await asyncio.to_thread(QuoteIndex.build, rows, library.aliases, notes)

    return await cached(library, library.searcher, "quotes", build)


async def find_quotes(library: IndexHandle, query: str, limit: int = 10) -> Quotes:
    """Quotations matching ``query``: a speaker, words of the quote, a topic, or all three.

    Args:
        library: The open corpus.
        query: Anything a user typed (``习近平 金砖 朋友圈``, ``岸田 少数派``); never raises.
        limit: How many quotations to return (at most 50).

    Returns:
        The best quotations first, each with its speaker, the verbatim quoted words, the
        sentence around them and the passage they come from.
    """
    index = await quote_index(library)
    parsed = library.searcher.parser.parse(query)
    if parsed.empty or limit <= 0:
        return Quotes(query=query, quotes=[], corrected=parsed.corrected)
    similarity = await _similarity(library, parsed)
    ranked = rank_quotes(index.records, parsed, library.aliases, similarity)
    return Quotes(query=query, quotes=ranked[: min(limit, MAX_LIMIT)], corrected=parsed.corrected)


async def _similarity(library: IndexHandle, parsed: ParsedQuery) -> dict[int, float] | None:
    """Cosine similarity of the question to every passage, when the semantic layer is on
    (the question's vector is cached, as /search caches it)."""
    semantic = library.searcher.semantic
    if semantic is None:
        return None
    return semantic.similarities(await semantic.queries.vector(query_text(parsed)))


def rank_quotes(
    records: Sequence[QuoteRecord],
    parsed: ParsedQuery,
    aliases: AliasTable | None = None,
    similarity: dict[int, float] | None = None,
) -> list[Quote]:
    """Quotations ordered by how well they answer ``parsed``; non-matching ones dropped.

    A concept also matches the wordings that speak of it without naming it (``mentions``
    in the alias table): a speaker asked about 扩员 said 加入金砖合作机制. ``similarity``
    (passage id -> cosine to the question, from the semantic layer) adds closeness in
    meaning.
    """
    table = aliases or AliasTable()
    concepts = [(c, _forms(c, table.mentioned(c.forms))) for c in parsed.concepts]
    total = sum(c.weight for c in parsed.concepts) or 1.0
    exact = normalise(parsed.cleaned)
    # Quotations share passages: which passages hold a concept is asked once per passage.
    passages = {record.row: record.passage_fold for record in records}
    held = [
        frozenset(row for row, fold in passages.items() if any(f in fold for f in forms))
        for _, forms in concepts
    ]
    meaning = _meaning(records, similarity or {})
    scored: list[tuple[float, int, QuoteRecord]] = []
    for record in records:
        score = _score(record, concepts, held, total, exact)
        score += _W_MEANING * meaning.get(record.row, 0.0)
        if record.quote.kind in ("reported", "indirect"):
            score *= _REPORTED
        if score > 0:
            scored.append((score, record.order, record))
    scored.sort(key=lambda item: (-item[0], item[1]))
    floor = scored[0][0] * MIN_RELATIVE if scored else 0.0
    seen: set[tuple[str, str]] = set()
    out: list[Quote] = []
    for score, _, record in scored:
        key = (record.quote_fold, record.speaker_fold)
        if score < floor:
            break
        if key not in seen:
            seen.add(key)
            out.append(record.quote)
    return out


def _meaning(records: Sequence[QuoteRecord], similarity: dict[int, float]) -> dict[int, float]:
    """Per passage, its closeness in meaning to the question among the quotations' passages
    (0 up to the ``_MEANING_FROM`` quantile, 1 for the closest), squared."""
    if not similarity or not records:
        return {}
    values = [similarity.get(record.row, 0.0) for record in records]
    best, low = max(values), float(np.quantile(values, _MEANING_FROM))
    if best <= low:
        return {}
    rows = {record.row: similarity.get(record.row, 0.0) for record in records}
    return {row: ((s - low) / (best - low)) ** 2 for row, s in rows.items() if s > low}


def _forms(concept: Concept, mentions: Sequence[str] = ()) -> list[str]:
    """A concept's matching forms, counts also written the other way (五年, 5年); single
    letters or digits would match almost anything."""
    forms = dict.fromkeys(normalise(x) for x in [*folded_forms(concept), *mentions])
    forms |= dict.fromkeys(o for f in forms if (o := other_numerals(f)))
    return [f for f in forms if len(f) >= 2]


def _score(
    record: QuoteRecord,
    concepts: list[tuple[Concept, list[str]]],
    held: list[frozenset[int]],
    total: float,
    exact: str,
) -> float:
    """Weighted concept coverage at three levels (quote ⊂ sentence ⊂ passage), plus the
    speaker and an exact-wording bonus; 0 when the quotation matches nothing. ``held``
    gives, per concept, the passages that hold it at all."""
    covered = [0.0, 0.0, 0.0]  # quote, sentence, passage
    by_speaker = False
    for (concept, forms), rows in zip(concepts, held, strict=True):
        if _names_speaker(record, forms):
            by_speaker = True
            level = 0
        else:
            level = _level(record, forms) if record.row in rows else 3
        for i in range(level, 3):
            covered[i] += concept.weight
    if covered[2] == 0:
        return 0.0
    quote, text, passage = (c / total for c in covered)
    score = _W_QUOTE * quote * quote + _W_TEXT * text + _W_PASSAGE * passage
    if by_speaker:
        score += _W_SPEAKER
    if len(exact) >= 4 and exact in record.quote_fold:
        score += _W_EXACT
    return score


def _level(record: QuoteRecord, forms: list[str]) -> int:
    """0 if a form is in the quoted words, 1 in their sentence, 2 in the passage, else 3."""
    for level, text in enumerate((record.quote_fold, record.text_fold, record.passage_fold)):
        if any(f in text for f in forms):
            return level
    return 3


def _names_speaker(record: QuoteRecord, forms: list[str]) -> bool:
    """Whether a query concept names the quote's speaker (习主席 / 习近平, 岸田 / 岸田文雄)."""
    for form in forms:
        if form in record.speaker_forms:
            return True
        # 北京宣言 names 《…第十四次会晤北京宣言》; but 金砖 in the words of 各金砖国家领导人
        # is what they said, not who they are.
        if len(form) >= 3 and form in record.speaker_fold and form not in record.quote_fold:
            return True
    return False
