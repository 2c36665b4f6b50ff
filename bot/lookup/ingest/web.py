"""Web-page boilerplate: datelines, bylines, credits, topic links and sidebars (rule D16).

Web reposts carry furniture around the article: a dateline glued to the first sentence
(「中國網/中國發展門戶網訊 」), an author byline in parentheses, production credits
(「編輯丨程昱」), a topic link, and a sidebar of crawl-time timestamps that must never be read
as the article's date. Lines are replaced by ``None`` rather than removed so that line numbers
stay aligned with the raw file.
"""

from __future__ import annotations

import re

_ROLES = frozenset(
    (
        *("总监制", "總監制", "监制", "監制", "制片人", "出品人", "主编", "主編"),
        *("编辑", "編輯", "责任编辑", "責任編輯", "视觉", "視覺", "校对", "校對"),
        *("策划", "策劃", "统筹", "統籌", "记者", "記者", "撰稿", "设计", "設計"),
        *("摄影", "攝影"),
    )
)
_PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]* ?\)")
_CREDIT = re.compile(r"(?P<role>[^丨|\s]{1,12})\s*[丨|]\s*(?P<names>.{1,30})")
_TOPIC = re.compile(r"-\s*(?:专题|專題)\s*[:：]\s*(?P<topic>.+)")
_SIDEBAR = re.compile(r"(?:国内新闻精选|國內新聞精選|国际新闻精选|國際新聞精選)\s*[:：]?")
_TIMESTAMP = re.compile(r"-\s*\d{4}年\d{2}月\d{2}日\s+\d{2}:\d{2}:\d{2}")
_HTML_LINE = re.compile(r"(?:</?p>|/p>)+")
_HTML_TAIL = re.compile(r"(?:</?p>|(?<!<)/p>)+$")
_DATELINE = re.compile(r"(?P<outlet>[^\s，,。]{1,12}?[网網](?:/[^\s，,。]{1,12}?[网網])?)[讯訊]\s*")
_BYLINE = re.compile(r"[(（](?P<body>(?:作者|文)\s*[:：].+)[)）]")
_SOURCE = re.compile(r"(?P<source>《[^》]+》)\s*(?:供稿|稿)?\s*$")
_COLUMN_MAX = 10
# The dateline opens the first paragraph; look no further than the first few content lines.
_DATELINE_WINDOW = 3


def _role(text: str) -> str:
    return _PINYIN.sub("", text).strip()


def _credit(line: str) -> tuple[str, str] | None:
    """``(role, names)`` for a production-credit line such as 「監制丨 張鷗」."""
    m = _CREDIT.fullmatch(line.strip())
    if m is None or _role(m["role"]) not in _ROLES:
        return None
    return _role(m["role"]), _PINYIN.sub("", m["names"]).strip()


def split_column(title: str) -> tuple[str | None, str]:
    """Split a column name off a headline: 「學習關鍵詞丨兩張…」 → ('學習關鍵詞', '兩張…').

    Args:
        title: The page title.

    Returns:
        ``(column, headline)``; column is None when there is no short, non-credit prefix.
    """
    for sep in ("丨", "|"):
        left, found, right = title.partition(sep)
        column = left.strip()
        if found and 0 < len(column) <= _COLUMN_MAX and right.strip():
            if _role(column) in _ROLES:
                return None, title
            return column, right.strip()
    return None, title


def parse_byline(line: str) -> dict[str, str] | None:
    """Parse an author byline such as 「(作者:楊修,單位;陳海濤,單位。《中國科學院院刊》供稿)」.

    Args:
        line: One line.

    Returns:
        ``byline`` (the text inside the parentheses), ``authors`` (names joined by 、) and,
        if named, ``source``; None if the line is not a byline.
    """
    m = _BYLINE.fullmatch(line.strip())
    if m is None:
        return None
    body = m["body"]
    found: dict[str, str] = {"byline": body}
    people = body.split(":", 1)[-1].split("：", 1)[-1]
    if source := _SOURCE.search(people):
        found["source"] = source["source"]
        people = people[: source.start()]
    names = [
        re.split(r"[,，]", entry, maxsplit=1)[0].strip() for entry in re.split(r"[;；]", people)
    ]
    found["authors"] = "、".join(n.rstrip("。") for n in names if n.rstrip("。"))
    return found


def _drop(line: str) -> bool:
    """Whether a line is pure furniture with nothing to keep."""
    text = line.strip()
    return any(p.fullmatch(text) for p in (_SIDEBAR, _TIMESTAMP, _HTML_LINE))


def _strip_dateline(lines: list[str | None], meta: dict[str, str]) -> None:
    seen = 0
    for i, line in enumerate(lines):
        if not line or not line.strip():
            continue
        if m := _DATELINE.match(line.lstrip()):
            meta["dateline"] = m["outlet"]
            lines[i] = line.lstrip()[m.end() :]
            return
        seen += 1
        if seen == _DATELINE_WINDOW:
            return


def strip_boilerplate(lines: list[str]) -> tuple[list[str | None], dict[str, str]]:
    """Remove web furniture from a web-type document, keeping line numbers aligned.

    Args:
        lines: The document's lines (one paragraph per line), pinyin already stripped.

    Returns:
        ``(lines, metadata)``. Furniture lines become None; the first paragraph loses its
        dateline prefix; HTML remnants are cut from line ends. Metadata may hold
        ``dateline``, ``byline``, ``authors``, ``source``, ``credits`` (「role：names」 joined
        by 「；」) and ``topic``. Sidebar timestamps are dropped and never reported as dates.
    """
    out: list[str | None] = []
    meta: dict[str, str] = {}
    credits: list[str] = []
    for line in lines:
        if _drop(line):
            out.append(None)
        elif (credit := _credit(line)) is not None:
            credits.append("：".join(credit))
            out.append(None)
        elif topic := _TOPIC.fullmatch(_PINYIN.sub("", line).strip()):
            meta["topic"] = topic["topic"].strip()
            out.append(None)
        elif byline := parse_byline(line):
            meta.update(byline)
            out.append(None)
        else:
            out.append(_HTML_TAIL.sub("", line))
    if credits:
        meta["credits"] = "；".join(credits)
    _strip_dateline(out, meta)
    return out, meta
