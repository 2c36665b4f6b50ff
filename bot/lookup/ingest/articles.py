"""Multi-article files: boundaries, headers, abstracts and English abstracts (rule 15).

A journal issue ends each article with 【责任编辑：…】 (its footnotes may follow on the same
page) and may open one with a centred title, an author line and a 〔提 要〕 abstract. The
issue can end with an all-Latin block of English abstracts (title, ``SURNAME Given`` author
line, abstract), in article order. Personal names are never used as boundaries: the same
person can author one article and edit another.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.headings import heading_rank, visible
from bot.lookup.ingest.layout import (
    BLANK,
    BODY,
    RUNNING_HEAD,
    SOFT,
    Line,
    ends_paragraph,
    join_text,
)
from bot.lookup.ingest.model import Article

EDITOR = "editor"
ABSTRACT = "abstract"
EN_ABSTRACTS = "en-abstracts"
TITLE = "article-title"
AUTHORS = "article-authors"

JOURNAL = re.compile(r"《[^》]+》\s*\d{4}\s*年\s*第\s*\d+\s*期")
_EDITOR = re.compile(r"^【责任编辑[:：]")
_ABSTRACT = re.compile(r"^〔提\s*要〕\s*")
_EN_AUTHORS = re.compile(
    r"^[A-Z]{2,}(?:[ -][A-Z][a-z]+)+(?:\s*(?:&|and|,)\s*[A-Z]{2,}(?:[ -][A-Z][a-z]+)+)*$"
)
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{1,4}$")
_MIN_LATIN_TAIL = 5
_HEADER_REACH = 4
_MAX_TITLE = 30


@dataclass(slots=True)
class ArticleSpan:
    """Where one article sits in the line list, and what its header said."""

    start: int  # index into lines
    end: int  # inclusive index
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    abstract: str | None = None


@dataclass(slots=True)
class EnAbstract:
    """One entry of the English abstracts block."""

    title: str
    authors: list[str]
    text: str
    line_start: int
    line_end: int


def _significant(lines: Sequence[Line], start: int, stop: int) -> list[int]:
    return [i for i in range(start, stop) if lines[i].role == BODY]


def _mark_latin_tail(lines: Sequence[Line]) -> int:
    """Tag a trailing run of CJK-free body lines (English abstracts); return its start."""
    body = [i for i, line in enumerate(lines) if line.role == BODY]
    tail = len(lines)
    count = 0
    for i in reversed(body):
        if cjk_count(lines[i].text):
            break
        tail, count = i, count + 1
    if count < _MIN_LATIN_TAIL or tail == body[0]:
        return len(lines)
    for line in lines[tail:]:
        if line.role == BODY:
            line.role = EN_ABSTRACTS
    return tail


def split_articles(lines: Sequence[Line], full: int) -> list[ArticleSpan]:
    """Split the body into articles and read each article's header and abstract.

    Args:
        lines: All lines (footnotes, furniture and markers already tagged).
        full: The column width (abstract paragraphs end like any paragraph).

    Returns:
        The articles in order; a single-article file gives one span covering everything.
    """
    body = [i for i, line in enumerate(lines) if line.role == BODY]
    if not body:
        return [ArticleSpan(0, len(lines) - 1)]
    tail = _mark_latin_tail(lines)
    starts = [body[0]]
    for i in body:
        if i < tail and _EDITOR.match(visible(lines[i].text)):
            lines[i].role = EDITOR
            following = next((j for j in body if j > i and lines[j].role == BODY), None)
            if following is not None and following < tail:
                starts.append(following)
    bounds = [*starts, tail]
    spans = [ArticleSpan(a, _last_text(lines, a, b)) for a, b in itertools.pairwise(bounds)]
    for span in spans:
        _read_header(lines, span)
        _read_abstract(lines, span, full)
    return spans


def _last_text(lines: Sequence[Line], start: int, stop: int) -> int:
    for j in range(stop - 1, start - 1, -1):
        if lines[j].role not in (BLANK, SOFT):
            return j
    return start


def _author_names(line: Line) -> list[str] | None:
    """Names on a centred author line such as 「朱  旭  韩文超」, or None."""
    tokens = visible(line.text).split()
    if not tokens or not all(_CJK_NAME.match(t) for t in tokens):
        return None
    if sum(map(len, tokens)) > 12 or (len(tokens) == 1 and not line.indent):
        return None
    names: list[str] = []
    for token in tokens:
        # Two-character names are letter-spaced (「朱  旭」): rejoin single characters.
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += token
        else:
            names.append(token)
    return names


def _read_header(lines: Sequence[Line], span: ArticleSpan) -> None:
    """Read title and author lines before the abstract or the first heading."""
    candidates = _significant(lines, span.start, span.end + 1)[:_HEADER_REACH]
    titles: list[int] = []
    for i in candidates:
        text = visible(lines[i].text)
        if names := _author_names(lines[i]):
            lines[i].role = AUTHORS
            span.authors = names
            break
        if _ABSTRACT.match(text) or heading_rank(text) is not None:
            break
        if len(text) > _MAX_TITLE or any(ch in text for ch in "，。；！？,;!?"):
            return
        titles.append(i)
    else:
        return
    if titles:
        for i in titles:
            lines[i].role = TITLE
        title = ""
        for i in titles:
            title = join_text(title, visible(lines[i].text))
        span.title = title


def _read_abstract(lines: Sequence[Line], span: ArticleSpan, full: int) -> None:
    body = _significant(lines, span.start, span.end + 1)
    first = next((i for i in body[:_HEADER_REACH] if _ABSTRACT.match(visible(lines[i].text))), None)
    if first is None:
        return
    group = [first]
    for i in body[body.index(first) + 1 :]:
        if ends_paragraph(lines[group[-1]], lines[i], full):
            break
        group.append(i)
    text = ""
    for i in group:
        lines[i].role = ABSTRACT
        text = join_text(text, visible(lines[i].text))
    span.abstract = _ABSTRACT.sub("", text).strip()


def read_en_abstracts(lines: Sequence[Line]) -> list[EnAbstract]:
    """Parse the English abstracts block into (title, authors, abstract) entries.

    Args:
        lines: All lines; the block's lines carry role ``en-abstracts``.

    Returns:
        The entries in order.
    """
    block = [line for line in lines if line.role == EN_ABSTRACTS]
    authors = [n for n, line in enumerate(block) if _EN_AUTHORS.match(line.text.strip())]
    entries: list[EnAbstract] = []
    for k, n in enumerate(authors):
        title_start = _title_start(block, n, authors[k - 1] if k else -1)
        body_end = _title_start(block, authors[k + 1], n) if k + 1 < len(authors) else len(block)
        title = _join(block[title_start:n])
        names = [p.strip() for p in re.split(r"&|\band\b|,", block[n].text) if p.strip()]
        entries.append(
            EnAbstract(
                title=title,
                authors=names,
                text=_join(block[n + 1 : body_end]),
                line_start=block[title_start].no,
                line_end=block[body_end - 1].no,
            )
        )
    return entries


def _title_start(block: Sequence[Line], author: int, previous: int) -> int:
    """Walk back from an author line over title lines (they never end with a full stop)."""
    n = author
    while n - 1 > previous and not block[n - 1].text.rstrip().endswith((".", "。")):
        n -= 1
    return n


def _join(lines: Sequence[Line]) -> str:
    text = ""
    for line in lines:
        text = join_text(text, line.text.strip())
    return text


def titles_from_heads(articles: Sequence[Article], lines: Sequence[Line]) -> None:
    """Give an untitled article the article-specific running head printed on its pages.

    Journal issues alternate the journal name with the article title; only the latter, and
    only in a multi-article file, names an article.

    Args:
        articles: The articles, with their raw line ranges; titles are set in place.
        lines: All tagged lines.
    """
    if len(articles) < 2:
        return
    for line in lines:
        if line.role != RUNNING_HEAD or not cjk_count(line.text) or JOURNAL.search(line.text):
            continue
        for article in articles:
            if article.title is None and article.line_start <= line.no <= article.line_end:
                article.title = line.text.strip()
