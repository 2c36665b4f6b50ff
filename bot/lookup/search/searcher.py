"""Ranked passage search: FTS5 finds candidates, concept coverage orders them, and with an
encoder loaded the passages' similarity in meaning to the question is fused in.

User text never reaches ``MATCH`` as syntax: every form is quoted (inner quotes doubled)
and the expression is bound as a parameter, so no input can raise an FTS error. Candidates
come from bm25 over segmented words, CJK bigrams, titles and sections; the final order
rewards passages that contain *all* the query's concepts (weighted by rarity) and whose
title or section names them.
"""

from __future__ import annotations

import asyncio
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import aiosqlite
from cachetools import LRUCache

from bot.lookup.index.rowcache import PassageRow, RowCache
from bot.lookup.results import Hit, SearchResult
from bot.lookup.search.abstain import Support
from bot.lookup.search.answer import answer_span, asked_unit, given_figures, question_type
from bot.lookup.search.cited import asks_author, asks_origin, cited_note, wants_sources
from bot.lookup.search.lead import lead
from bot.lookup.search.posts import asks_post, unheld_post
from bot.lookup.search.query import Concept, ParsedQuery, QueryParser
from bot.lookup.search.ranking_config import DEFAULT_RANKING, RankingConfig
from bot.lookup.search.semantic.encoder import Vectors
from bot.lookup.search.semantic.fusion import fuse
from bot.lookup.search.semantic.index import SemanticIndex, query_text, topic_text
from bot.lookup.text.script import fold, fold_with_map
from bot.lookup.text.segment import bigrams, fts_tokens, has_cjk

_PAGE_CACHE = 256  # first pages of recent queries kept for paging
_NEAREST = 3  # places an abstention points to: as many as a group's page shows
# What answers a question for a date or a count looks like.
_ANSWERS = {
    "date": re.compile(r"\d{4}年|\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年"),
    "count": re.compile(
        r"\d+(?:\.\d+)?\s*(?:多|余)?\s*(?:个|次|届|家|名|万|亿|%|项|场|国|批|人|所|篇|倍|美元|元)"
        r"|[一二三四五六七八九十两]+(?:个|次|届|家|批|场|国)"
    ),
}
_LATIN_SUFFIX = re.compile(r"(?:'s|ies|es|s|ed|ing)$")

# Bound: the four bm25 column weights, the match expression, how many candidates.
_CANDIDATE_SQL = """
SELECT rowid, bm25(passages_fts, ?, ?, ?, ?) AS rank
FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?
"""


def quote_fts(text: str) -> str:
    """One FTS5 string literal: the text in double quotes, inner quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def _essential(forms: list[str]) -> list[str]:
    """Forms not already covered by a shorter form (金砖 covers 金砖国家 for recall)."""
    ordered = sorted(dict.fromkeys(f.strip() for f in forms if f.strip()), key=len)
    kept: list[str] = []
    for form in ordered:
        if not any(k in form for k in kept if has_cjk(k) and len(k) >= 2):
            kept.append(form)
    return kept


def concept_phrases(concept: Concept, known: Callable[[str], bool]) -> list[str]:
    """The FTS5 phrases that find one concept (empty if nothing of it is searchable).

    A form that is a word of the index matches as a word; other CJK forms (names and
    compounds segmentation cuts differently) match as a phrase of bigrams. Parts widen the
    search only for compounds the corpus never writes whole.
    """
    extra = concept.parts if not concept.known else []
    phrases: list[str] = []
    for form in _essential([*concept.forms, *extra]):
        if not any(ch.isalnum() for ch in form):
            continue
        phrases.append(quote_fts(form))
        grams = bigrams(form)
        if has_cjk(form) and len(grams) > 1 and not known(form):
            phrases.append(quote_fts(" ".join(grams)))
    return list(dict.fromkeys(phrases))


def phrase_rows(phrase: str, counts: dict[str, int]) -> int:
    """At most how many passages an FTS phrase can match: the count of its rarest token."""
    return min((counts.get(t, 0) for t in fts_tokens(phrase)), default=0)


def candidate_phrases(
    concepts: list[Concept],
    known: Callable[[str], bool] = lambda _: False,
    common_share: float = DEFAULT_RANKING.common_share,
) -> list[list[str]]:
    """The FTS5 phrases of each concept that selects candidates (one list per concept).

    Concepts found in a large share of the corpus are left out when rarer ones exist: they
    would widen the candidate set (and the cost of scoring it) without changing which
    passages rank first, and coverage still counts them.
    """
    selective = [c for c in concepts if c.share < common_share] or concepts
    return [phrases for c in selective if (phrases := concept_phrases(c, known))]


def match_expression(
    groups: list[list[str]],
    rows: Callable[[str], int] | None = None,
    passages: int = 0,
    budget: int = DEFAULT_RANKING.match_budget,
) -> str:
    """An FTS5 expression matching any phrase of ``groups``; empty if there is none.

    ``rows`` estimates how many passages a phrase matches. bm25 costs about a microsecond
    for every matching row, so on a large index a query of common words would cost tens of
    milliseconds. When the estimate passes ``budget``, only the rarest concepts select
    candidates (as many as fit the budget, at least one) and the others still weigh in
    bm25: ``(rare) AND (all)``. An index smaller than the budget is never restricted.
    """
    every = " OR ".join(dict.fromkeys(p for phrases in groups for p in phrases))
    if rows is None or passages <= budget or len(groups) < 2:
        return every
    sizes = [min(passages, sum(map(rows, phrases))) for phrases in groups]
    if sum(sizes) <= budget:
        return every
    chosen: list[str] = []
    spent = 0
    for size, phrases in sorted(zip(sizes, groups, strict=True), key=lambda g: g[0]):
        if chosen and spent + size > budget:
            break
        chosen.extend(phrases)
        spent += size
    rare = " OR ".join(dict.fromkeys(chosen))
    return every if rare == every else f"({rare}) AND ({every})"


@lru_cache(maxsize=4096)
def _fold_form(form: str) -> str:
    """``fold`` of a query form; the same few forms come back query after query."""
    return fold(form)


def _latin_stem(word: str) -> str:
    return _LATIN_SUFFIX.sub("", word) if len(word) > 4 else word


def folded_forms(concept: Concept) -> list[str]:
    """The forms of a concept as they appear in folded text (Latin words also stemmed)."""
    out = []
    for form in concept.forms:
        folded = _fold_form(form)
        if folded:
            out.append(folded)
            if not has_cjk(form) and _latin_stem(folded) != folded:
                out.append(_latin_stem(folded))
    return list(dict.fromkeys(out))


def _word_pattern(form: str) -> str:
    """A Latin form as a whole word of English text, inflected or not (year: years,
    programmes: programme, capability: capabilities)."""
    stem = _latin_stem(form)
    if stem != form:
        word = f"{re.escape(stem)}[a-z]{{0,4}}"
    elif form.endswith("y") and len(form) > 4:
        word = f"(?:{re.escape(form)}|{re.escape(form[:-1])}ies)"
    else:
        word = re.escape(form) + "(?:'s|s|es|ed|d)?"
    return rf"(?<![a-z0-9]){word}(?![a-z0-9])"


class _Matcher:
    """How much of one concept a passage holds.

    Its body or its authors' names count fully (someone who names an author wants their
    text); its title and section headings count half, since every passage under them has them.
    One compiled alternation per concept keeps the per-passage work in C.
    """

    def __init__(self, concept: Concept, ranking: RankingConfig) -> None:
        # What no passage can contain cannot tell passages apart; it would only dilute the
        # coverage of the words that can match.
        self.weight = 0.0 if concept.absent else concept.weight
        self.ranking = ranking
        forms = sorted(folded_forms(concept), key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None
        self.parts = [_fold_form(p) for p in concept.parts]
        # English text folds to one run of letters (overstretchofgeopoliticallogic), where a
        # short word is found inside any other (de in development, use in because): in an
        # English passage, Latin forms match whole words of its display text instead.
        cjk = [f for f in forms if has_cjk(f)]
        self.cjk = re.compile("|".join(map(re.escape, cjk))) if cjk else None
        words = sorted({f.strip() for f in concept.forms if f.strip() and not has_cjk(f)})
        self.words = re.compile("|".join(map(_word_pattern, words))) if words else None

    def in_english(self, body: str, text: str) -> bool:
        """Whether an English passage (matching text ``body``, display text lowercased
        ``text``) holds the concept: a CJK form in the text, or a Latin one as a word."""
        return bool(
            (self.cjk is not None and self.cjk.search(body))
            or (self.words is not None and self.words.search(text))
        )

    def near(self, body: str, answer: re.Pattern[str]) -> bool:
        """Whether an answer (a date, a count) stands close to where the concept does."""
        if self.pattern is None:
            return False
        for hit in self.pattern.finditer(body):
            reach = self.ranking.answer_window
            window = body[max(0, hit.start() - reach) : hit.end() + reach]
            if answer.search(window):
                return True
        return False

    def credit(
        self, body: str, head: str, byline: str, english: str | None = None
    ) -> tuple[float, bool]:
        """The concept's credit in a passage, and whether it named the passage's author.

        ``english`` is the lowercased display text of a passage in English."""
        if self.pattern is None:
            return 0.0, False
        if english is not None:
            if self.in_english(body, english):
                return 1.0, False
        elif self.pattern.search(body):
            return 1.0, False
        if byline and self.pattern.search(byline):
            return 1.0, True
        if self.pattern.search(head):
            return self.ranking.head_credit, False
        if self.parts:
            held = sum(p in body for p in self.parts)
            return self.ranking.part_credit * held / len(self.parts), False
        return 0.0, False


def _prior(
    pid: str, kind: str, same_language: bool, by_author: bool, ranking: RankingConfig
) -> float:
    """Small preferences that break ties: abstracts and opening passages summarise.

    Naming an author asks for the work as a whole, so then the abstract (in the query's
    language) and the opening passages come first.
    """
    if kind == "footnote":
        return ranking.footnote_prior
    scale = ranking.author_scale if by_author else 1.0
    if kind == "abstract" and same_language:
        return ranking.abstract_prior * scale
    if ".p" not in pid:
        return 0.0
    number = int(pid.rsplit(".p", 1)[-1])
    opening = ranking.opening_passages
    return ranking.opening_prior * scale * max(0, opening - number) / opening


@dataclass(slots=True)
class _Candidate:
    id: int
    score: float
    found: float = 0.0  # weighted share of the query's concepts the passage holds


# How much better (in the share of the query covered by the best passages) the query as
# typed must do than its corrected reading for the correction to be dropped. Zero: a tie
# keeps the correction, which names something the corpus holds.
CORRECTION_GAIN = 1e-9
_COVER_DEPTH = 5  # the best passages compared: a first page


def _best_cover(ranked: list[_Candidate]) -> float:
    return max((c.found for c in ranked[:_COVER_DEPTH]), default=0.0)


class _Scorer:
    """How well one candidate passage answers a parsed query: coverage, bm25 and priors."""

    def __init__(self, parsed: ParsedQuery, ranking: RankingConfig, best_bm25: float) -> None:
        self.ranking = ranking
        self.best_bm25 = best_bm25
        self.matchers = [_Matcher(c, ranking) for c in parsed.concepts]
        self.total = sum(m.weight for m in self.matchers) or 1.0
        self.english = parsed.english
        self.sources = wants_sources(parsed.cleaned)
        # Asking who wrote a text asks for the work as a whole, as naming its author does.
        self.by_author = asks_author(parsed.cleaned)
        self.answer = _ANSWERS.get(parsed.asks or "")

    def score(self, row: PassageRow, rank: float) -> tuple[float, float]:
        """The passage's score and the weighted share of the query it covers."""
        ranking = self.ranking
        found = 0.0
        by_author = self.by_author
        english = row.text.lower() if row.lang == "en" else None
        # The answer must stand near the weightiest concept the passage holds, not the
        # query's: a rare word of the question's own phrasing (拍板, 一份) that the passage
        # lacks must not cost a passage that states the asked date beside the topic.
        focus: _Matcher | None = None
        for matcher in self.matchers:
            credit, author = matcher.credit(row.fold, row.head, row.byline, english)
            found += matcher.weight * credit
            by_author = by_author or author
            if credit == 1.0 and (focus is None or matcher.weight > focus.weight):
                focus = matcher
        found /= self.total
        prior = _prior(row.pid, row.kind, (row.lang == "en") == self.english, by_author, ranking)
        if self.sources and row.kind == "footnote":
            prior -= ranking.footnote_prior
        score = ranking.coverage_weight * found * found + (-rank / self.best_bm25) + prior
        if self.english and row.lang == "en":
            score += ranking.english_preference
        elif not self.english and not has_cjk(row.fold):
            # And a Chinese query the Chinese text: an English citation that only shares
            # an alias (BRICS for 金砖) must not outrank the passages about the topic.
            score -= ranking.english_preference
        answer = self.answer
        if answer is not None and focus is not None and focus.near(row.fold, answer):
            score += ranking.answer_bonus
        return score, found


def _notes_after_fuller_text(scored: list[_Candidate], covered: list[tuple[float, bool]]) -> None:
    """Put each footnote below every passage of the text that covers the query as fully.

    A reference line is short and dense in names, so bm25 alone would often put it first
    (一带一路: a list of speech titles); it is the answer only where the text says less.
    """
    # The lowest text score among passages covering at least ``found``: walk the text from
    # the fullest coverage down, keeping the running minimum.
    text = sorted(
        ((found, c.score) for c, (found, note) in zip(scored, covered, strict=True) if not note),
        key=lambda item: -item[0],
    )
    floors: list[tuple[float, float]] = []
    lowest = float("inf")
    for found, score in text:
        lowest = min(lowest, score)
        floors.append((found, lowest))
    # Coverage from the fullest down, negated so that bisect finds "at least this much".
    keys = [-found for found, _ in floors]
    for candidate, (found, note) in zip(scored, covered, strict=True):
        if not note:
            continue
        fuller = bisect_right(keys, -(found - 1e-9))
        if fuller:
            candidate.score = min(candidate.score, floors[fuller - 1][1] - 1e-6)


@dataclass(frozen=True, slots=True)
class Relevance:
    """What search knows of every passage's relevance to one question (see
    :meth:`Searcher.relevance`)."""

    parsed: ParsedQuery
    scores: dict[int, float]  # passage id -> search score, for the ranked candidates
    similarity: dict[int, float] | None  # passage id -> cosine; None without the layer


class Searcher:
    """Searches the passages of one open database."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        parser: QueryParser,
        ranking: RankingConfig = DEFAULT_RANKING,
        semantic: SemanticIndex | None = None,
    ) -> None:
        self.conn = conn
        self.semantic = semantic
        # Concepts are weighed with the same numbers the passages are ranked by.
        self.parser = parser if parser.ranking == ranking else parser.with_ranking(ranking)
        self.ranking = ranking
        # Rankings of recent first pages, so that the next pages (◀ ▶ buttons, inline
        # scrolling) do not rank again. A Searcher lives as long as one index version.
        self._pages: LRUCache[tuple[str, bool], tuple[ParsedQuery, list[_Candidate]]] = LRUCache(
            _PAGE_CACHE
        )
        self._rows = RowCache(conn)

    async def search(self, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
        """Rank passages for ``query``.

        Args:
            query: Anything a user typed; never raises for odd input.
            limit: How many hits to return.
            offset: How many of the best hits to skip (for paging).

        Returns:
            The hits, best first, and the corrected query if a correction was made.
        """
        parsed, ranked = await self._ranked(query, reuse=offset > 0)
        abstains = self.ranking.abstains and bool(ranked)
        unheld = await self._unheld_name(parsed, ranked) if abstains else None
        if abstains and not await self._covered(parsed, ranked, unheld):
            # The documents do not cover it: no page of passages that merely share its words,
            # but what is missing and where they come closest.
            return SearchResult(
                query,
                parsed.corrected,
                [],
                uncovered=True,
                missing=unheld,
                nearest=await self._nearest(ranked),
            )
        hits, covers = await self._hits(ranked[offset : offset + max(limit, 0)], parsed)
        first = lead(hits, covers) if offset == 0 else None
        return SearchResult(query=query, corrected=parsed.corrected, hits=hits, lead=first)

    async def support(self, query: str) -> Support:
        """What the first page of ``query``'s ranking holds of it, which decides whether
        :meth:`search` answers that the documents do not cover it
        (:mod:`bot.lookup.search.abstain`)."""
        parsed, ranked = await self._ranked(query, reuse=True)
        return await self._support(parsed, ranked, await self._unheld_name(parsed, ranked))

    async def _covered(
        self, parsed: ParsedQuery, ranked: list[_Candidate], unheld: str | None
    ) -> bool:
        """Whether the documents cover the question (see :meth:`support`); ``unheld`` is
        :meth:`_unheld_name` of it, worked out once."""
        ranking = self.ranking
        floors = ranking.abstain_floor > 0 or ranking.abstain_lexical_floor > 0
        if not floors and unheld is None:
            return True  # only the name sign is on, and nearly every question names no such thing
        return (await self._support(parsed, ranked, unheld)).covered(ranking)

    async def _support(
        self, parsed: ParsedQuery, ranked: list[_Candidate], unheld: str | None
    ) -> Support:
        page = ranked[: self.ranking.abstain_depth]
        cover = max((c.found for c in page), default=0.0)
        standing = None
        semantic = self.semantic
        if semantic is not None and page:
            # Ranking fused this question's vector in, so it is cached.
            vector = semantic.queries.cached(query_text(parsed))
            if vector is not None:
                standing = semantic.standing(vector, [c.id for c in page])
        return Support(cover, standing, unheld)

    async def _nearest(self, ranked: list[_Candidate]) -> tuple[tuple[str, str, str | None], ...]:
        """Where the best-ranked passages stand, one passage a place: (its id, its article's
        or document's title, its section)."""
        page = ranked[: self.ranking.abstain_depth]
        rows = await self._rows.get([c.id for c in page])
        out: dict[tuple[str, str | None], str] = {}
        for candidate in page:
            row = rows.get(candidate.id)
            if row is not None:
                out.setdefault((row.article or row.title, row.section), row.pid)
        return tuple((pid, title, section) for (title, section), pid in out.items())[:_NEAREST]

    async def _unheld_name(self, parsed: ParsedQuery, ranked: list[_Candidate]) -> str | None:
        """A name of a place or organisation the question holds and no candidate passage
        does (the corpus has no such word; see :mod:`bot.lookup.search.abstain`), a summit
        past the last the documents tell of, or a post no passage names beside what it is a
        post of (:mod:`bot.lookup.search.posts`)."""
        if parsed.later_summit is not None:
            return parsed.later_summit
        names = self.parser.segmenter.names()  # read when the library loaded
        unknown = [c for c in parsed.concepts if not c.known and has_cjk(c.term)]
        named = [c for c in unknown if c.term in names]
        post = asks_post(parsed)
        if not named and not post:
            return None
        rows = list((await self._rows.get([c.id for c in ranked])).values())
        for concept in named:
            # The name itself, not its parts (亚洲开发银行 is not 亚洲 + 银行).
            pattern = _Matcher(concept, self.ranking).pattern
            if pattern is None or not any(
                pattern.search(r.fold) or pattern.search(r.head) or pattern.search(r.byline)
                for r in rows
            ):
                return concept.term
        if not post:
            return None
        aliases = self.parser.aliases.canonical
        return unheld_post(
            parsed,
            rows,
            lambda term: term in names or term in aliases,
            lambda concept: _Matcher(concept, self.ranking).pattern,
            self.ranking.abstain_post_window,
        )

    async def relevance(self, query: str) -> Relevance:
        """How relevant every passage is to the topic of ``query``, as :meth:`search` ranks them.

        Args:
            query: Anything a user typed.

        Returns:
            The parsed (and maybe corrected) query, the ranked passages' scores (lexical
            fused with the semantic layer's, as search orders them), and with the semantic
            layer on, every passage's cosine similarity to the topic (the query's concepts,
            see :func:`~bot.lookup.search.semantic.index.topic_text`).
        """
        # The passages are ranked for the topic, fused with its meaning rather than the
        # question's: 新开发银行大事记 and 新开发银行的来龙去脉 are one topic, yet the encoder
        # reads the framing words, and fused with them the order (and so the events kept)
        # moved from one phrasing to the next.
        parsed, ranked = await self._ranked(query, reuse=True, topic=True)
        scores = {c.id: c.score for c in ranked}
        semantic = self.semantic
        if semantic is None or not ranked:
            return Relevance(parsed, scores, None)
        vector = await semantic.queries.vector(topic_text(parsed))  # encoded by _ranked
        return Relevance(parsed, scores, semantic.similarities(vector))

    def use_semantic(self, semantic: SemanticIndex | None) -> None:
        """Fuse with ``semantic`` from now on (None: lexical only); rankings kept for paging
        are dropped, since they were made the other way."""
        self.semantic = semantic
        self._pages.clear()

    async def _ranked(
        self, query: str, *, reuse: bool, topic: bool = False
    ) -> tuple[ParsedQuery, list[_Candidate]]:
        """The parsed query and its candidates, best first; ``topic`` fuses with the meaning
        of its concepts (:func:`topic_text`) rather than of the question as asked."""
        cached = self._pages.get((query, topic)) if reuse else None
        if cached is not None:
            return cached
        parsed = self.parser.parse(query)
        semantic = self.semantic
        reads = topic_text if topic else query_text
        # A question not asked before is encoded in a worker thread while the lexical ranking
        # runs (the engine releases the GIL), so the two costs overlap rather than add up.
        encoding = None
        asked = reads(parsed) if semantic is not None else ""
        if semantic is not None and semantic.queries.cached(asked) is None:
            encoding = asyncio.ensure_future(semantic.queries.vector(asked))
        try:
            ranked = await self.rank(parsed)
            if parsed.corrected is not None:
                # Suggest a correction only where it finds more: 发大水 is a word the corpus
                # never writes, yet the question finds its answer as typed.
                typed = self.parser.parse(query, correct=False)
                as_typed = await self.rank(typed)
                if _best_cover(as_typed) >= _best_cover(ranked) + CORRECTION_GAIN:
                    parsed, ranked = typed, as_typed
            if semantic is not None and ranked:
                text = reads(parsed)
                if encoding is not None and text == asked:
                    vector = await encoding
                else:
                    vector = await semantic.queries.vector(text)
                # A question is read for its meaning more than a topic is: passages ranked
                # for a topic, or a query naming one or two things (应急储备安排, Kazan
                # declaration), which says little beyond its words.
                named = len(parsed.concepts) <= self.ranking.topic_concepts
                share = (
                    self.ranking.topic_semantic_weight
                    if topic or named
                    else self.ranking.semantic_weight
                )
                ranked = self._fused(semantic, vector, ranked, share)
            if ranked and asks_origin(parsed.cleaned):
                ranked = await self._with_cited_notes(parsed, ranked)
        finally:
            if encoding is not None and not encoding.done():
                encoding.cancel()  # nothing to fuse: the worker thread finishes unawaited
            elif encoding is not None and not encoding.cancelled():
                encoding.exception()  # marks a failure as seen; it was raised above if used
        entry = self._pages[(query, topic)] = (parsed, ranked)
        return entry

    def _fused(
        self,
        semantic: SemanticIndex,
        vector: Vectors,
        ranked: list[_Candidate],
        share: float,
    ) -> list[_Candidate]:
        """The lexical order fused with the passages' cosine similarity to the question
        (``share`` of the cosine, the lexical score the rest).

        Only a question that lexical search answers at all is fused: passages that merely
        resemble one the corpus has no words for are no answer to it.
        """
        found = {c.id: c.found for c in ranked}
        cosine = semantic.cosine(vector, list(found), self.ranking.semantic_neighbours)
        lexical = [(c.id, c.score) for c in ranked]
        fused = fuse(lexical, cosine, share)
        return [_Candidate(i, score, found.get(i, 0.0)) for i, score in fused]

    async def _with_cited_notes(
        self, parsed: ParsedQuery, ranked: list[_Candidate]
    ) -> list[_Candidate]:
        """``ranked`` with the footnote each of the best text passages cites for the question
        just above it (:mod:`bot.lookup.search.cited`), for a question asking for a source."""
        top = ranked[: self.ranking.cited_note_depth]
        rows = await self._rows.get([c.id for c in top])
        concepts = [
            (m.weight, m.pattern) for m in (_Matcher(c, self.ranking) for c in parsed.concepts)
        ]
        cites: dict[int, str] = {}
        for candidate in top:
            row = rows.get(candidate.id)
            if row is not None and row.kind != "footnote":
                note = cited_note(row.text, row.refs, concepts)
                if note is not None:
                    cites[candidate.id] = note
        if not cites:
            return ranked
        marks = ",".join("?" * len(cites))
        sql = f"SELECT pid, id FROM passages WHERE pid IN ({marks})"
        ids = {
            str(p): int(i) for p, i in await self.conn.execute_fetchall(sql, list(cites.values()))
        }
        out: list[_Candidate] = []
        placed: set[int] = set()
        for candidate in ranked:
            note_id = ids.get(cites.get(candidate.id, ""))
            if note_id is not None and note_id not in placed:
                out.append(_Candidate(note_id, candidate.score, candidate.found))
                placed.add(note_id)
            if candidate.id not in placed:
                out.append(candidate)
                placed.add(candidate.id)
        return out

    async def rank(self, parsed: ParsedQuery) -> list[_Candidate]:
        """All candidate passages for a parsed query, best first."""
        ranks = await self._bm25(parsed)
        if not ranks:
            return []
        rows = await self._rows.get([rowid for rowid, _ in ranks])
        scorer = _Scorer(parsed, self.ranking, max(-rank for _, rank in ranks) or 1.0)
        scored = []
        covered: list[tuple[float, bool]] = []
        for rowid, rank in ranks:
            row = rows.get(rowid)
            if row is None:
                continue
            score, found = scorer.score(row, rank)
            scored.append(_Candidate(rowid, score, found))
            covered.append((found, row.kind == "footnote"))
        if not scorer.sources:
            _notes_after_fuller_text(scored, covered)
        scored.sort(key=lambda c: -c.score)
        return scored

    async def _bm25(self, parsed: ParsedQuery) -> list[tuple[int, float]]:
        """FTS5 candidates as (rowid, bm25 rank), within the match budget."""
        vocab = self.parser.vocab
        ranking = self.ranking
        groups = candidate_phrases(parsed.concepts, vocab.df.__contains__, ranking.common_share)
        estimate = None
        if vocab.passages > ranking.match_budget:
            estimate = await self.row_estimator(groups)
        expression = match_expression(groups, estimate, vocab.passages, ranking.match_budget)
        if not expression:
            return []
        sql_args = (*ranking.bm25_weights, expression, ranking.candidates)
        return [
            (int(r), float(k))
            for r, k in await self.conn.execute_fetchall(_CANDIDATE_SQL, sql_args)
        ]

    async def row_estimator(self, groups: list[list[str]]) -> Callable[[str], int]:
        """How many passages each phrase of ``groups`` can match, from the token counts."""
        tokens = sorted({t for phrases in groups for p in phrases for t in fts_tokens(p)})
        counts: dict[str, int] = {}
        if tokens:
            sql = f"SELECT token, df FROM token_df WHERE token IN ({','.join('?' * len(tokens))})"
            counts = {t: int(n) for t, n in await self.conn.execute_fetchall(sql, tokens)}
        return lambda phrase: phrase_rows(phrase, counts)

    async def _hits(
        self, ranked: list[_Candidate], parsed: ParsedQuery
    ) -> tuple[list[Hit], list[tuple[float, float]]]:
        """The hits, each with its matched terms and the sentence that answers
        (:mod:`bot.lookup.search.answer`), and how well each answer sentence answers:
        its share of the question and its fact's strength."""
        rows = await self._rows.get([c.id for c in ranked])
        targets = [term_targets([c]) for c in parsed.concepts]
        kind = question_type(parsed.original)
        unit = asked_unit(parsed.original)
        given = given_figures(parsed.original)
        hits = []
        covers = []
        for candidate in ranked:
            row = rows.get(candidate.id)
            if row is None:
                continue
            folded, index_map = _folded(row.text, row.fold)
            groups = [
                (concept.weight, sorted(_stretches(row.text, folded, index_map, found)))
                for concept, found in zip(parsed.concepts, targets, strict=True)
            ]
            terms = sorted({t for _, forms in groups for t in forms}, key=lambda t: (-len(t), t))
            span = answer_span(row.text, groups, kind, unit, given)
            covers.append((span.cover, span.strength) if span else (0.0, 0.0))
            hits.append(
                Hit(
                    row.pid,
                    row.doc,
                    row.title,
                    row.article,
                    row.section,
                    row.text,
                    candidate.score,
                    terms,
                    row.date,
                    authors=row.authors,
                    answer=span.sentence if span else None,
                    fact=span.fact if span else None,
                    focus=span.focus if span else None,
                )
            )
        return hits, covers


def term_targets(concepts: list[Concept]) -> list[str]:
    """The folded forms worth marking in an answer (not lone characters)."""
    targets = (_fold_form(form) for concept in concepts for form in concept.forms)
    return [t for t in dict.fromkeys(targets) if t and not (len(t) < 2 and has_cjk(t))]


def _folded(text: str, known: str | None) -> tuple[str, list[int]]:
    # Usually folding keeps every character (no spaces, no expanding forms): then the
    # folded text lines up with the display text index for index, with no per-character map.
    if known is not None and len(known) == len(text):
        return known, list(range(len(text)))
    return fold_with_map(text)


def matched_terms(
    text: str,
    concepts: list[Concept],
    targets: list[str] | None = None,
    folded_text: str | None = None,
) -> list[str]:
    """The stretches of ``text`` (display form) that match a concept, longest first.

    ``folded_text`` is ``fold(text)`` when the caller has it (the index stores it).
    """
    folded, index_map = _folded(text, folded_text)
    found = _stretches(
        text, folded, index_map, term_targets(concepts) if targets is None else targets
    )
    return sorted(found, key=lambda t: (-len(t), t))


def _stretches(text: str, folded: str, index_map: list[int], targets: list[str]) -> set[str]:
    """The stretches of ``text`` whose folded form is one of ``targets``."""
    found: set[str] = set()
    for target in targets:
        start = folded.find(target)
        while start >= 0:
            a, b = index_map[start], index_map[start + len(target) - 1] + 1
            found.add(text[a:b])
            start = folded.find(target, start + len(target))
    return found
