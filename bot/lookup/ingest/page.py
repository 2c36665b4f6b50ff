"""The web-page pass: furniture out, metadata in, the title chosen (rules D16 and 2).

It runs on a web-layout document after pinyin stripping and the seed-era boilerplate rules
(:func:`~bot.lookup.ingest.web.strip_boilerplate`), line by line, keeping line numbers
aligned: a dropped line becomes None, a line whose information bar is cut keeps its text.
Besides the line furniture of :mod:`bot.lookup.ingest.furniture`, it drops what only the
page's shape tells: the items under a 「相关新闻：」 head (short lines with no sentence, up to a
heading or a sentence), the site's name above the breadcrumb trail (kept as ``site``), and an
author's note (「（作者系…）」, kept as ``author_note``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.furniture import NEWS_DATELINE, classify, iso_date, simplified
from bot.lookup.ingest.headings import heading_rank
from bot.lookup.ingest.journallabels import (
    abstract_label,
    is_bare_label,
    journal_labels,
    metadata_from_labels,
)
from bot.lookup.ingest.pagemeta import (
    SPEECH_DATELINE,
    byline_authors,
    choose_title,
    dateline_reporters,
    is_citation_line,
    is_keyword_list,
    is_latin_line,
    is_subtitle,
    metadata_from_bar,
    names_line,
)
from bot.lookup.ingest.web import strip_boilerplate

# A line above the title longer than this is text, not furniture, and stays.
_MAX_ABOVE_TITLE = 80
# An English title is a line; a paragraph of English under the title is text.
_MAX_EN_TITLE = 200
# What joins a site's name to a window title: 「标题-某某网」, 「标题_某某网」, 「标题 | 某某网」.
_MAX_SITE_NAME = 10
_TITLE_SUFFIX = "-_|｜—–－ "
# An author's note: 「（作者系某研究院副研究员）」, 「（作者為某會會長）」, 「本文作者是…。」.
_AUTHOR_NOTE = re.compile(
    r"^[（(]\s*(?:本文)?作者(?:系|为|是|单位[:：]?)(?!统|数|们|此)[^（）()]{2,80}[)）]$"
    r"|^(?:本文)?作者(?:系|为|是|单位[:：]?)(?!统|数|们|此)[^（）()，,。；！？]{2,40}$"
)
_MAX_AUTHOR_NOTE = 100
# Heads of a list of links to other articles (「相关新闻：」), whose items follow one a line.
_LIST_HEAD = re.compile(
    r"^[【\[]?(?:相关(?:新闻|阅读|链接|报道|文章|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|"
    r"更多(?:新闻|阅读|报道))[】\]]?\s*[:：]?$"
)
_MAX_LIST_ITEM = 60
# A site's name above its breadcrumb trail: a short line with no sentence in it.
_MAX_SITE_LINE = 40


@dataclass(slots=True)
class Page:
    """A cleaned web page: its lines, what it said about itself, and why lines went."""

    kept: list[str | None]
    metadata: dict[str, str]
    reasons: dict[int, str] = field(default_factory=dict)  # line index -> why it changed
    title: int | None = None


def clean_page(lines: list[str]) -> Page:
    """Remove page furniture, read the page's metadata and choose its title.

    Args:
        lines: The document's lines (pinyin already stripped).

    Returns:
        The page. ``metadata`` may gain ``date`` (ISO) with ``date_kind`` "explicit",
        ``outlet``, ``authors`` (joined by 、), ``editor``, ``keywords`` and other journal
        labels, besides what :func:`strip_boilerplate` finds.
    """
    kept, meta = strip_boilerplate(lines)
    page = Page(kept, meta)
    page.reasons = {i: "boilerplate" for i, t in enumerate(kept) if t is None and lines[i].strip()}
    page.reasons.update(
        {i: "dateline" for i, t in enumerate(kept) if t is not None and t != lines[i]}
    )
    chinese = cjk_count("".join(lines)) > 0
    fields: list[tuple[str, str]] = []
    labels: list[tuple[str, str]] = []
    for i, text in enumerate(kept):
        if text is None or not text.strip():
            continue
        found = classify(text)
        fields += found.fields
        if found.kind:
            kept[i] = found.rest
            page.reasons[i] = found.kind
            continue
        reason = _metadata_line(text, meta, labels)
        if reason is None and chinese and is_latin_line(text) and not _text_above(kept, i):
            reason = "latin-boilerplate"
        if reason is not None:
            kept[i], page.reasons[i] = None, reason
    _merge_meta(meta, metadata_from_bar(fields), metadata_from_labels(labels), kept)
    if "authors" not in meta and (reporters := dateline_reporters(kept)):
        meta["authors"] = reporters
    _drop_link_lists(page, lines)
    # A breadcrumb trail closes the site's header: the headline is below it.
    trail = [i for i, why in page.reasons.items() if why == "breadcrumb" and _top_block(kept, i)]
    start = max(trail) + 1 if trail else 0
    if trail:
        _drop_site_header(page, min(trail))
    page.title = choose_title(kept, start)
    while page.title is not None and _author_note(page, page.title):
        page.title = choose_title(kept, page.title + 1)
    _prefer_the_headline(page)
    _drop_above_title(page)
    _take_subtitle(page)
    _take_english_title(page)
    _read_head_lines(page)
    return page


def _metadata_line(text: str, meta: dict[str, str], labels: list[tuple[str, str]]) -> str | None:
    """Why a line that is a label, an author's note or a by-line goes (its content is kept)."""
    if is_bare_label(text):
        return "label"
    if _is_author_note(text):
        meta["author_note"] = "；".join(filter(None, (meta.get("author_note"), text.strip())))
        return "author-note"
    pairs = journal_labels(text)
    if pairs and abstract_label(text) is None:
        labels += pairs
        return "journal-label"
    if (names := byline_authors(text)) is not None:
        meta.setdefault("authors", names)
        return "byline"
    return None


def _is_author_note(text: str) -> bool:
    plain = simplified(text.strip())
    return len(plain) <= _MAX_AUTHOR_NOTE and bool(_AUTHOR_NOTE.match(plain))


def _drop_link_lists(page: Page, lines: list[str]) -> None:
    """The items under a 「相关新闻：」 head: short lines with no sentence, up to the next text.

    A numbered heading (「一、…」) or a sentence ends the list, so text under a head that
    happens to read 「相关阅读」 stays.
    """
    heads = [
        i
        for i, why in page.reasons.items()
        if why == "link" and _LIST_HEAD.match(simplified(lines[i].strip()))
    ]
    for head in heads:
        for j in range(head + 1, len(page.kept)):
            plain = simplified((page.kept[j] or "").strip())
            if not plain:
                continue
            if (
                len(plain) > _MAX_LIST_ITEM
                or re.search(r"[。！？；!?;]", plain)
                or heading_rank(plain) is not None
            ):
                break
            page.kept[j], page.reasons[j] = None, "link-list"


def _drop_site_header(page: Page, trail: int) -> None:
    """Short lines above the breadcrumb trail are the site's header, headline or not.

    The first of them that reads as a name (no punctuation, not a run of keywords) is kept
    as the page's ``site``.
    """
    for i in range(trail):
        text = (page.kept[i] or "").strip()
        if not text or len(text) > _MAX_SITE_LINE or re.search(r"[。！？；]", text):
            continue
        if (
            "site" not in page.metadata
            and not re.search(r"[，,、|丨｜?？]", text)
            and not is_keyword_list(text)
        ):
            page.metadata["site"] = text
        page.kept[i], page.reasons[i] = None, "above-title"


def _author_note(page: Page, i: int) -> bool:
    """A line that opens with a known author's name and a space is that author's note."""
    text = (page.kept[i] or "").strip()
    names = [n for n in page.metadata.get("authors", "").split("、") if n]
    if not any(re.match(rf"{re.escape(n)}[ \u3000]+\S", text) for n in names):
        return False
    page.metadata.setdefault("author_note", text)
    page.kept[i], page.reasons[i] = None, "author-note"
    return True


def _top_block(kept: list[str | None], i: int) -> bool:
    """Whether line ``i`` stands above the page's text (no sentence before it)."""
    return not any(t and _is_text(t) for t in kept[:i])


def _is_text(line: str) -> bool:
    return len(line.strip()) > _MAX_ABOVE_TITLE or "。" in line


def _next_kept(page: Page, i: int) -> int | None:
    return next((j for j in range(i + 1, len(page.kept)) if page.kept[j]), None)


def _prefer_the_headline(page: Page) -> None:
    """A saved page's window title (「标题-某某网」) above its headline: the headline wins."""
    if page.title is None:
        return
    following = _next_kept(page, page.title)
    if following is None:
        return
    title, headline = (page.kept[page.title] or "").strip(), (page.kept[following] or "").strip()
    rest = title.removeprefix(headline)
    if headline and rest != title and (not rest or rest[0] in _TITLE_SUFFIX):
        page.title = following
        return
    # 「标题_某某网」 with no headline below: the window title without the site's name.
    head, sep, site = title.rpartition("_")
    if sep and head.strip() and 0 < len(site.strip()) <= _MAX_SITE_NAME:
        page.kept[page.title] = head.strip()
        page.metadata.setdefault("site", site.strip())


def _read_head_lines(page: Page) -> None:
    """Authors and a citation line between the title and the text become metadata."""
    if page.title is None:
        return
    i = _next_kept(page, page.title)
    while i is not None and not _is_text(text := (page.kept[i] or "").strip()):
        if is_citation_line(text):
            page.metadata.setdefault("journal", text)
            page.kept[i], page.reasons[i] = None, "citation"
        elif (names := names_line(text)) is not None and "authors" not in page.metadata:
            page.metadata["authors"] = names
            page.kept[i], page.reasons[i] = None, "byline"
        i = _next_kept(page, i)


def _take_english_title(page: Page) -> None:
    """A line of English right under the title is the title's translation."""
    if page.title is None:
        return
    following = next((i for i in range(page.title + 1, len(page.kept)) if page.kept[i]), None)
    text = (page.kept[following] or "").strip() if following is not None else ""
    if following is not None and is_latin_line(text) and len(text) <= _MAX_EN_TITLE:
        page.metadata["en_title"] = text
        page.kept[following], page.reasons[following] = None, "en-title"


def _take_subtitle(page: Page) -> None:
    if page.title is None:
        return
    following = next((i for i in range(page.title + 1, len(page.kept)) if page.kept[i]), None)
    if following is not None and is_subtitle(page.kept[following] or ""):
        page.metadata["subtitle"] = (page.kept[following] or "").strip().lstrip("—").strip()
        page.kept[following], page.reasons[following] = None, "subtitle"


def _text_above(kept: list[str | None], i: int) -> bool:
    """Whether a line of Chinese stands above line ``i`` (below it, Latin text is content)."""
    return any(t and cjk_count(t) for t in kept[:i])


def _merge_meta(
    meta: dict[str, str],
    bar: dict[str, str],
    labels: dict[str, str],
    kept: list[str | None],
) -> None:
    for source in (labels, bar):
        for key, value in source.items():
            meta.setdefault(key, value)
    if "date" not in meta:
        dated = next((t for t in kept if t and SPEECH_DATELINE.match(t.strip())), None)
        if dated and (iso := iso_date(dated)):
            meta["date"], meta["date_label"] = iso, "dateline"
    if "date" in meta:
        meta["date_kind"] = "explicit"


def _drop_above_title(page: Page) -> None:
    """Short lines above the title are furniture the patterns did not name (a spam line)."""
    if page.title is None:
        return
    for i in range(page.title):
        text = page.kept[i]
        if (
            text
            and text.strip()
            and (len(text.strip()) <= _MAX_ABOVE_TITLE or is_keyword_list(text))
        ):
            if is_citation_line(text):
                page.metadata.setdefault("journal", text.strip())
            elif NEWS_DATELINE.fullmatch(simplified(text.strip())):
                page.metadata.setdefault("dateline", text.strip())
            page.kept[i], page.reasons[i] = None, "above-title"
