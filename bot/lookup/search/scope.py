"""Does a query name a document or an article? By id, title, or author.

``d2.a5``, ``d0``, a title or most of one (in either script, with or without 《》 and
quotation marks), a title's concepts (so 俄罗斯的全球南方外交 finds the article whose only
title is "Russia's Global South Diplomacy", through the alias table's English names), or an
author's name (韩露 finds "HAN Lu", again through the alias table). What the query says
beyond the name (``韩露 乌克兰危机``) is returned as the concepts left to look for.

Matching is deliberately strict, because a false match turns a topic question into the
summary of one document: a partial title must be at least 60 % of the title, a concept
match needs every concept on both sides and at least two of them, and an author must
name exactly one article or document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import aiosqlite

from bot.lookup.search.query import Concept, QueryParser
from bot.lookup.search.searcher import folded_forms
from bot.lookup.text import wordlists
from bot.lookup.text.script import fold
from bot.lookup.text.segment import has_cjk

_ID = re.compile(
    r"(?<![a-z0-9.])(d(?:\d+|k[0-9a-f]{4,64}))(?:\.(a\d+))?(?![a-z0-9]|\.[a-z]\d)", re.IGNORECASE
)
_NON_WORD = re.compile(r"[^\w]|_")
_MAIN_TITLE = re.compile(r"[:：]")
# Words that ask for a summary but name nothing (stripped from both ends of a title query).
_ASKING = re.compile(
    rf"^(?:{wordlists.alternation('summary_request_openers')})+"
    rf"|(?:{wordlists.alternation('summary_request_closers')})+$"
)
MIN_PARTIAL = 0.6  # a partial title must be this share of the title
MIN_NAME = 6  # characters: shorter titles or partials are too generic to be a name
MIN_TITLE_CONCEPTS = 2


@dataclass(slots=True, frozen=True)
class Scope:
    """A document or article the query is about."""

    key: str  # "d2.a5" or "d0"
    doc_id: int
    article_id: int | None
    title: str
    rest: tuple[Concept, ...] = ()  # concepts the query adds beyond naming the scope


@dataclass(slots=True)
class _Named:
    key: str
    doc_id: int
    article_id: int | None
    title: str
    names: list[str]  # folded word characters of titles (full and main part)
    authors: set[str]  # folded author names (Chinese and romanised)
    concepts: list[list[str]] = field(default_factory=list)  # main title, mapped concepts


@dataclass(slots=True)
class Catalog:
    """What can be named: documents and articles with their titles and authors."""

    items: list[_Named]

    def by_key(self, key: str) -> _Named | None:
        return next((n for n in self.items if n.key == key.lower()), None)


def squash(text: str) -> str:
    """Folded text without punctuation or spaces: the form titles are compared in."""
    return _NON_WORD.sub("", fold(text))


async def load_catalog(conn: aiosqlite.Connection, parser: QueryParser) -> Catalog:
    """Read documents and articles; parse each main title into concepts once."""
    items: list[_Named] = []
    for doc_id, key, title, authors in await conn.execute_fetchall(
        "SELECT id, key, title, authors FROM documents ORDER BY id"
    ):
        items.append(_Named(key, doc_id, None, title, _title_names(title), _authors(authors)))
    for art_id, doc_id, key, title, en_title, authors, en_authors in await conn.execute_fetchall(
        "SELECT id, doc_id, key, title, en_title, authors, en_authors FROM articles ORDER BY id"
    ):
        shown = title or en_title or key
        names = _title_names(title) if title else []
        item = _Named(key, doc_id, art_id, shown, names, _authors(authors, en_authors))
        item.concepts = _title_concepts(parser, title or en_title or "")
        items.append(item)
    with_articles = {i.doc_id for i in items if i.article_id is not None}
    for item in items:
        if item.article_id is None and item.doc_id not in with_articles:
            item.concepts = _title_concepts(parser, item.title)
    return Catalog(items)


def resolve(query: str, concepts: list[Concept], catalog: Catalog) -> Scope | None:
    """The document or article ``query`` names, if it names exactly one.

    Args:
        query: The query as typed.
        concepts: Its parsed concepts (without summary-request words).
        catalog: The nameable documents and articles.

    Returns:
        The scope with the concepts the query adds beyond the name, or None.
    """
    for finder in (_by_id, _by_title, _by_concepts, _by_author):
        found = finder(query, concepts, catalog)
        if found is not None:
            return found
    return None


def _by_id(query: str, concepts: list[Concept], catalog: Catalog) -> Scope | None:
    match = _ID.search(query)
    if not match:
        return None
    key = ".".join(p for p in match.groups() if p).lower()
    item = catalog.by_key(key)
    if item is None:
        return None
    parts = {p.lower() for p in match.groups() if p}
    return _scope(item, [c for c in concepts if c.term not in parts and c.term != key])


def _by_title(query: str, concepts: list[Concept], catalog: Catalog) -> Scope | None:
    asked = squash(query)
    stripped = _strip_asking(asked)
    best: tuple[int, _Named, str] | None = None
    for item in catalog.items:
        for name in item.names:
            if len(name) < MIN_NAME:
                continue
            if name in asked:
                matched = name
            elif len(stripped) >= max(MIN_NAME, MIN_PARTIAL * len(name)) and stripped in name:
                matched = stripped
            else:
                continue
            if best is None or len(matched) > best[0]:
                best = (len(matched), item, matched)
    if best is None:
        return None
    _, item, matched = best
    return _scope(item, [c for c in concepts if not _named_by(c, matched)])


def _by_concepts(query: str, concepts: list[Concept], catalog: Catalog) -> Scope | None:
    del query
    if len(concepts) < MIN_TITLE_CONCEPTS:
        return None
    asked = [set(folded_forms(c)) for c in concepts]
    found = [
        item
        for item in catalog.items
        if len(item.concepts) >= MIN_TITLE_CONCEPTS
        and all(any(t & q for q in asked) for t in map(set, item.concepts))
        and all(any(t & q for t in map(set, item.concepts)) for q in asked)
    ]
    return _scope(found[0], []) if len(found) == 1 else None


def _by_author(query: str, concepts: list[Concept], catalog: Catalog) -> Scope | None:
    asked = squash(query)
    for item in catalog.items:
        # A name written as it is stored (楊修, 杨修); romanised names go through aliases below.
        name = next((a for a in item.authors if has_cjk(a) and a in asked), None)
        if name and sum(name in i.authors for i in catalog.items) == 1:
            return _scope(item, [c for c in concepts if not _named_by(c, name)])
    for concept in concepts:
        forms = {squash(f) for f in concept.forms}
        found = [item for item in catalog.items if item.authors & forms]
        if len(found) == 1:
            return _scope(found[0], [c for c in concepts if c is not concept])
    return None


def _scope(item: _Named, rest: list[Concept]) -> Scope:
    return Scope(item.key, item.doc_id, item.article_id, item.title, tuple(rest))


def _strip_asking(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _ASKING.sub("", text)
    return text


def _named_by(concept: Concept, name: str) -> bool:
    return any(f and f in name for f in (squash(x) for x in concept.forms))


def _title_names(title: str | None) -> list[str]:
    if not title:
        return []
    main = _MAIN_TITLE.split(title, maxsplit=1)[0]
    return list(dict.fromkeys(n for n in (squash(title), squash(main)) if n))


def _authors(*columns: str) -> set[str]:
    names: set[str] = set()
    for column in columns:
        names.update(squash(a) for a in json.loads(column or "[]") if a.strip())
    return {n for n in names if len(n) >= 2}


def _title_concepts(parser: QueryParser, title: str) -> list[list[str]]:
    main = _MAIN_TITLE.split(title, maxsplit=1)[0]
    parsed = parser.parse(main)
    return [folded_forms(c) for c in parsed.concepts if not c.latin]
