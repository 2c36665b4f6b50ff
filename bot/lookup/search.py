"""Ranked passage search: FTS5 finds candidates, concept coverage orders them.

User text never reaches ``MATCH`` as syntax: every form is quoted (inner quotes doubled)
and the expression is bound as a parameter, so no input can raise an FTS error. Candidates
come from bm25 over segmented words, CJK bigrams, titles and sections; the final order
rewards passages that contain *all* the query's concepts (weighted by rarity) and whose
title or section names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import aiosqlite

from bot.lookup.query import Concept, ParsedQuery, QueryParser
from bot.lookup.results import Hit, SearchResult
from bot.lookup.script import fold, fold_with_map
from bot.lookup.segment import bigrams, has_cjk

CANDIDATES = 150
# bm25 column weights: words, grams, title, section.
_WEIGHTS = (1.0, 0.7, 2.0, 1.5)
_FOOTNOTE_FACTOR = 0.8
_LATIN_SUFFIX = re.compile(r"(?:'s|ies|es|s|ed|ing)$")

_CANDIDATE_SQL = f"""
SELECT p.id, p.kind, p.fold, p.head, m.rank
FROM (
    SELECT rowid, bm25(passages_fts, {", ".join(map(str, _WEIGHTS))}) AS rank
    FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT {CANDIDATES}
) AS m
JOIN passages p ON p.id = m.rowid
"""

HIT_SQL = """
SELECT p.id, p.pid, d.name, coalesce(a.title, a.en_title, d.title), a.title, p.section, p.text,
       d.date
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN articles a ON a.id = p.article_id
"""


def quote_fts(text: str) -> str:
    """One FTS5 string literal: the text in double quotes, inner quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def match_expression(concepts: list[Concept]) -> str:
    """An FTS5 expression matching any form of any concept; empty if nothing is searchable."""
    parts: list[str] = []
    for concept in concepts:
        for form in concept.forms:
            form = form.strip()
            if not form or not any(ch.isalnum() for ch in form):
                continue
            parts.append(quote_fts(form))
            grams = bigrams(form)
            if has_cjk(form) and len(grams) > 1:
                parts.append(quote_fts(" ".join(grams)))
    return " OR ".join(dict.fromkeys(parts))


def _latin_stem(word: str) -> str:
    return _LATIN_SUFFIX.sub("", word) if len(word) > 4 else word


def folded_forms(concept: Concept) -> list[str]:
    """The forms of a concept as they appear in folded text (Latin words also stemmed)."""
    out = []
    for form in concept.forms:
        folded = fold(form)
        if folded:
            out.append(folded)
            if not has_cjk(form) and _latin_stem(folded) != folded:
                out.append(_latin_stem(folded))
    return list(dict.fromkeys(out))


@dataclass(slots=True)
class _Candidate:
    id: int
    score: float


class Searcher:
    """Searches the passages of one open database."""

    def __init__(self, conn: aiosqlite.Connection, parser: QueryParser) -> None:
        self.conn = conn
        self.parser = parser

    async def search(self, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
        """Rank passages for ``query``.

        Args:
            query: Anything a user typed; never raises for odd input.
            limit: How many hits to return.
            offset: How many of the best hits to skip (for paging).

        Returns:
            The hits, best first, and the corrected query if a correction was made.
        """
        parsed = self.parser.parse(query)
        ranked = await self.rank(parsed)
        hits = await self._hits(ranked[offset : offset + max(limit, 0)], parsed)
        return SearchResult(query=query, corrected=parsed.corrected, hits=hits)

    async def rank(self, parsed: ParsedQuery) -> list[_Candidate]:
        """All candidate passages for a parsed query, best first."""
        expression = match_expression(parsed.concepts)
        if not expression:
            return []
        rows = list(await self.conn.execute_fetchall(_CANDIDATE_SQL, (expression,)))
        if not rows:
            return []
        best_bm25 = max(-row[4] for row in rows) or 1.0
        weights = [c.weight for c in parsed.concepts]
        forms = [folded_forms(c) for c in parsed.concepts]
        total = sum(weights) or 1.0
        scored = []
        for pid, kind, body, head, rank in rows:
            cover = in_head = 0.0
            for weight, options in zip(weights, forms, strict=True):
                if any(f in head for f in options):
                    cover += weight
                    in_head += weight
                elif any(f in body for f in options):
                    cover += weight
            cover /= total
            score = 2.0 * cover * cover + (-rank / best_bm25) + 0.4 * in_head / total
            if kind == "footnote":
                score *= _FOOTNOTE_FACTOR
            scored.append(_Candidate(pid, score))
        scored.sort(key=lambda c: -c.score)
        return scored

    async def _hits(self, ranked: list[_Candidate], parsed: ParsedQuery) -> list[Hit]:
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        rows = await self.conn.execute_fetchall(
            f"{HIT_SQL} WHERE p.id IN ({marks})", [c.id for c in ranked]
        )
        by_id = {row[0]: row for row in rows}
        hits = []
        for candidate in ranked:
            _, pid, doc, title, article, section, text, date = by_id[candidate.id]
            terms = matched_terms(text, parsed.concepts)
            hits.append(Hit(pid, doc, title, article, section, text, candidate.score, terms, date))
        return hits


def matched_terms(text: str, concepts: list[Concept]) -> list[str]:
    """The stretches of ``text`` (display form) that match a concept, longest first."""
    folded, index_map = fold_with_map(text)
    found: set[str] = set()
    for concept in concepts:
        for form in concept.forms:
            target = fold(form)
            if len(target) < 2 and has_cjk(target):
                continue
            start = folded.find(target) if target else -1
            while start >= 0:
                a, b = index_map[start], index_map[start + len(target) - 1] + 1
                found.add(text[a:b])
                start = folded.find(target, start + len(target))
    return sorted(found, key=lambda t: (-len(t), t))
