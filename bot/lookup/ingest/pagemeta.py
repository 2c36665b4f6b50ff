"""What a web or journal page says about itself: title, date, authors, outlet, abstract.

Nothing here reads a site's name. The title is chosen by layout: the first short line near
the top that is neither furniture, a label (「日期时间：」), an abstract nor a line of Latin
text on a Chinese page. Dates, outlets and authors come from information-bar labels
(「发布时间：」, 「来源：」, 「作者：」), from bylines (「新华社记者 赵某 王某」, 「文/张某」),
from a speech's dateline (「（2023年8月23日，约翰内斯堡）」) and from journal labels (【作者简介】).
Journal labels (【摘要】, 【关键词】, 【作者简介】) are read in
:mod:`bot.lookup.ingest.journallabels`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.furniture import (
    NAME_FIELD,
    NEWS_DATELINE,
    iso_date,
    label_kind,
    simplified,
)
from bot.lookup.ingest.headings import heading_rank
from bot.lookup.ingest.journallabels import abstract_label, is_bare_label, journal_labels
from bot.lookup.text import wordlists

# How far down the page a title may stand (in non-empty lines).
_TITLE_REACH = 8
_MAX_TITLE = 80
_MAX_SHORT = 40

# A journal citation line above the title: 「某学报2026,Vol.34Issue(1):44-58.DOI:10.…」.
_CITATION_LINE = re.compile(r"DOI|ISSN|Vol\.|Issue|\d{4}\s*年\s*第?\s*\d+\s*期", re.IGNORECASE)
# A run of keywords with no sentence in it (a spam line of search terms, a tag list).
_KEYWORD_SEP = re.compile(r"[,，、|\s]+")
_MIN_KEYWORDS = 5
_MAX_KEYWORD = 16
# Names under a title, apart by spaces: 「陈某某   蒋某某」.
_NAMES_LINE = re.compile(r"^[\u4e00-\u9fff·]{2,3}(?:[ \u3000]+[\u4e00-\u9fff·]{2,3}){0,5}$")
_BYLINE = re.compile(
    r"^(?:[^\s，,。]{0,8}?记者|文\s*[/／|丨]|撰文\s*[/／|丨:：]?)\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:[\s、，,]+[\u4e00-\u9fff·]{2,5}){0,7})$"
)
# A news dateline naming its reporters (「…9月4日电（记者 徐某 兰某）」); only near the top.
_REPORTERS = re.compile(
    r"[电讯]\s*[（(]\s*记者\s*(?P<names>{name}(?:[\s、，,]+{name}){{0,5}})\s*[)）]".format(
        # a Chinese name, or a transcribed one with its dot (「马克·范德韦尔」)
        name=r"(?:[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff·]{2,5})"
    )
)
_DATELINE_REACH = 12
SPEECH_DATELINE = re.compile(
    r"^[（(]?\s*(?:[^（）()，,。]{0,12}?[，,\s])?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"(?:\s*[，,、\s]\s*[^（）()。]{1,16})?\s*[)）]?$"
)
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# The date a page gives first wins within a kind; the kinds are preferred in this order.
_DATE_ORDER = ("发布", "发表", "发稿", "时间", "日期", "更新")


@lru_cache(maxsize=1)
def _speaker_byline() -> re.Pattern[str]:
    """A speech's byline: an office, then the speaker's name (「中华人民共和国主席 习近平」)."""
    titles = wordlists.alternation("titles_before_name")
    return re.compile(
        rf"^[^\s，,。：:]{{0,20}}?(?:{titles})[ \u3000]+(?P<names>[\u4e00-\u9fff·]{{2,4}})$"
    )


def byline_authors(line: str) -> str | None:
    """Authors named by a byline line (「新华社记者 赵某 王某」, 「文/张某」), joined by 、."""
    plain = simplified(line.strip())
    m = _BYLINE.match(plain) or _speaker_byline().match(plain)
    if m is None:
        return None
    start = len(line.strip()) - len(m["names"])
    names = re.split(r"[\s、，,]+", line.strip()[start:])
    return "、".join(n for n in names if n)


def dateline_reporters(texts: Sequence[str | None]) -> str | None:
    """Reporters a news dateline names: 「某社北京9月4日电（记者 徐某 兰某）」 → 徐某、兰某."""
    for text in texts[:_DATELINE_REACH]:
        if text and (m := _REPORTERS.search(simplified(text[:_MAX_TITLE]))):
            start = m.start("names")
            names = re.split(r"[\s、，,]+", text[start : m.end("names")])
            return "、".join(n for n in names if n)
    return None


def metadata_from_bar(fields: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Date, outlet, authors and editor from information-bar fields.

    Args:
        fields: ``(label, value)`` pairs in page order (labels simplified).

    Returns:
        Metadata; ``date`` is ISO, ``date_label`` says which label gave it.
    """
    meta: dict[str, str] = {}
    dates: list[tuple[int, str, str]] = []
    for label, value in fields:
        kind = label_kind(label)
        if kind == "date" and (iso := iso_date(value)):
            rank = next(
                (n for n, word in enumerate(_DATE_ORDER) if word in label), len(_DATE_ORDER)
            )
            dates.append((rank, iso, label))
        elif kind == "source" and value:
            meta.setdefault("outlet", value)
        elif kind == "author" and value:
            names = [n for n in re.split(r"[\s、，,;；]+", value) if n]
            meta.setdefault("authors", "、".join(names))
        elif label == NAME_FIELD:
            continue
        elif label in ("责任编辑", "责编", "编辑") and value:
            meta.setdefault("editor", value)
    if dates:
        _, meta["date"], meta["date_label"] = min(dates, key=lambda d: d[0])
    signed = next((value for label, value in fields if label == NAME_FIELD), None)
    if "authors" not in meta and signed:
        meta["authors"] = signed
    return meta


def is_latin_line(text: str) -> bool:
    """A line of Latin-script words and no Chinese (English boilerplate on a Chinese page)."""
    return not cjk_count(text) and bool(_LATIN_WORD.search(text))


def _title_candidate(text: str) -> bool:
    plain = simplified(text.strip())
    return (
        0 < len(plain) <= _MAX_TITLE
        and cjk_count(plain) >= 2
        and plain[-1] not in "：:，,；;、"
        and plain.count("。") == 0
        and not journal_labels(plain)
        and abstract_label(plain) is None
        and SPEECH_DATELINE.match(plain) is None
        and NEWS_DATELINE.fullmatch(plain) is None
        and byline_authors(plain) is None
        and not is_citation_line(plain)
        and not is_bare_label(plain)
        and not is_keyword_list(plain)
        and heading_rank(plain) is None  # 「一、…」 numbers a section, not the page
    )


def is_keyword_list(text: str) -> bool:
    """A line of five or more short terms and no sentence: search-term spam or a tag list."""
    plain = text.strip().rstrip("?？ ")
    items = [i for i in _KEYWORD_SEP.split(plain) if i]
    return (
        len(items) >= _MIN_KEYWORDS
        and all(len(i) <= _MAX_KEYWORD for i in items)
        and not re.search(r"[。！？；;“”《》：:]", plain)
    )


def names_line(text: str) -> str | None:
    """Authors on a line of their own (「陈某某   蒋某某」), joined by 、; None otherwise."""
    plain = text.strip()
    spaced = re.fullmatch(r"([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])", plain)
    if spaced:  # a two-character name set with a space between (「卢 静」)
        return spaced[1] + spaced[2]
    if not _NAMES_LINE.match(plain) or (" " not in plain and len(plain) > 3):
        return None
    return "、".join(plain.split())


def is_citation_line(text: str) -> bool:
    """A journal citation line (volume, issue, pages, DOI), not a headline."""
    return bool(_CITATION_LINE.search(text))


def choose_title(texts: Sequence[str | None], start: int = 0) -> int | None:
    """The index of the page's title: the first short headline-like line near the top.

    Args:
        texts: The page's lines after furniture removal (None for dropped lines).
        start: The first line that may be the title (below the site's header).

    Returns:
        The title's index, or None when the top of the page holds no headline (the page
        opens with its abstract or its text).
    """
    seen = 0
    for i, text in enumerate(texts):
        if i < start or text is None or not text.strip():
            continue
        if _title_candidate(text):
            return i
        seen += 1
        # Once the text has begun, a short line is a heading of it, not the page's title.
        if seen >= _TITLE_REACH or _paragraph(text):
            break
    return None


def _paragraph(text: str) -> bool:
    plain = text.strip()
    return len(plain) > _MAX_SHORT and "。" in plain and abstract_label(plain) is None


def is_closing(text: str) -> bool:
    """A speech's closing thanks (「谢谢大家！」): it ends the paragraph before it."""
    return bool(_CLOSING.match(simplified(text.strip())))


def is_subtitle(text: str) -> bool:
    """A subtitle under a title: 「——在金砖国家工商论坛闭幕式上的致辞」."""
    plain = text.strip()
    return plain.startswith("——") and 2 < len(plain) <= _MAX_TITLE and "。" not in plain


def is_short_lead(text: str) -> bool:
    """A salutation or a speech dateline: a short line that opens the paragraph after it."""
    plain = simplified(text.strip())
    if not plain or len(plain) > _MAX_SHORT:
        return False
    return bool(
        _SALUTATION.match(plain) or SPEECH_DATELINE.match(plain) or NEWS_DATELINE.fullmatch(plain)
    )


_CLOSING = re.compile(r"^(?:谢谢|感谢|多谢)[^。，,]{0,6}[！!。.]?$")
_SALUTATION = re.compile(
    r"^(?:尊敬的|亲爱的|各位|诸位|女士们|先生们|朋友们|同志们|同事们|老师们|同学们|大家好|"
    r"上午好|下午好|晚上好|早上好)"
    r"[^。！？!?]{0,36}[，,：:！!]$"
)
