"""Web page furniture found by its shape, never by the site (rule D16, general form).

Saved news and journal pages wrap the text in furniture that recurs across sites: an
information bar of label-value pairs (「发布时间：2023-09-26 | 来源：新华网 | 责任编辑：…」),
a breadcrumb trail (「首页 > 原创精品 > 正文」), a navigation bar of short links, link and
control words (「进入专题」, 「打印本页」), photo captions that end in a photographer's credit
(「（新华社记者 李某 摄）」, 「图：会场。记者 某某 摄」), announcements of the text to come
(「以下为致辞全文：」), tool bars of bracketed commands (「【字号 大 中 小】【打印】【关闭】」),
short click controls (「点击播报本文」) and the end mark of a report (「（完）」). A bar may
open with its timestamp, be set in parentheses (「（责编：某某）」) or use full-width spaces.
Each line is compared in simplified form, character by character, so that one pattern serves
both scripts and offsets stay aligned with the page's own text.

A line is furniture only when the pattern explains all of it; where an information bar is
glued to the first sentence, only the bar is cut. What the bar says (date, outlet, authors,
editor) is returned as metadata.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from bot.lookup.text import wordlists
from bot.lookup.text.script import to_simplified

DATE_LABELS = "page_date_labels"
SOURCE_LABELS = "page_source_labels"
AUTHOR_LABELS = "page_author_labels"
OTHER_LABELS = "page_other_labels"

_SEPARATORS = "|丨｜/／·•"


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    """A bar label and its colon; built on first use from the word lists."""
    labels = wordlists.alternation(DATE_LABELS, SOURCE_LABELS, AUTHOR_LABELS, OTHER_LABELS)
    return re.compile(
        "(?:^|(?<=[\\s" + _SEPARATORS + r"\d()（）【】\[\]［]))"
        f"(?P<label>{labels})\\s*[:：]\\s*"
    )


_OPENERS = "【[［(（"
_CLOSERS = "】]］)）"
_SENTENCE = re.compile(r"[。！？!?；;]")
# A value in an information bar is short; a longer one is the sentence the bar is glued to.
_MAX_VALUE = 30
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
_TIMESTAMP = re.compile(rf"{_DATE.pattern}|\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?")
# A news dateline that opens the first sentence: 「新华社约翰内斯堡8月23日电」, 「本报讯」.
NEWS_DATELINE = re.compile(
    r"(?:新华社|中新社|本报|[^\s，,。：:|]{1,8}?[网报台社])[^\s，,。：:|]{0,12}?"
    r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)"
)
_TIMESTAMP_LINE = re.compile(rf"\s*(?:{_TIMESTAMP.pattern})\s*")
# Who opens a dateline: the news agencies and the paper's own 「本报」.
_WIRE = re.compile(r"新华社|中新社|本报|本刊")
_ONLY_PUNCT = re.compile(r"[\W_]+")
_BREADCRUMB_SEP = re.compile(r"\s*(?:>>|>|＞|»|›|→)\s*")
_BREADCRUMB_LEAD = re.compile(r"^(?:当前位置|您的位置|您现在的位置|现在位置|位置)\s*[:：]?\s*")
_MAX_CRUMB = 16
_NAV_SEP = re.compile(r"\s*[|丨｜]\s*|\s+")
_MAX_NAV_ITEM = 8
_MIN_NAV_ITEMS = 4
_MIN_BARRED_ITEMS = 3
_MAX_SEGMENTED = 60
_SEGMENT_SEP = re.compile(r"\s*[·|丨｜•]\s*|\s+")
_SEGMENT_TRIM = " \u3000\t·|丨｜•"
_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.ASCII)
# A personal name leading a by-line: two or three characters (or a transcribed name with ·).
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}")
NAME_FIELD = "署名"
_NUMBERS = re.compile(r"[\d\s|丨｜/,.]+")
_HOME = re.compile(r"^(?:首页|主页|网站首页)(?:\s*[>＞»›/|]|\s+\S)")
_NAME = r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8})"
# A photograph's credit closing a line: 「（新华社记者 李某 摄）」, 「新华社发（某某摄）」,
# 「(某某社图片)」, 「新华社 发」; a bar or two may follow it on a saved page.
_CREDIT = re.compile(
    r"(?:(?:新华社发|[^\s（(]{0,8}发)?\s*[（(][^（()）]{0,40}?(?:摄|摄影|图片|供图)[)）]"
    r"|\s(?:新华社|中新社|[^\s，。]{1,8}?[社网])\s*发"
    # 「记者 蔡某 摄」, 「。王某某 摄」: a name after 记者 (or set off by a space or a full
    # stop) and a space before 摄, so that a sentence ending in 「拍摄」 is left alone.
    r"|(?:记者|摄影)\s*" + _NAME + r"[ \u3000]*摄|[\s。]\s*" + _NAME + r"[ \u3000]+摄"
    r")[\s|丨｜]*$"
)
_CAPTION_OPENERS = re.compile(r"^(?:这是|图为|图片为|上图|下图|左图|右图|资料图|图\s*\d|图[:：/])")
_MAX_CAPTION = 160
_FULL_TEXT = re.compile(
    r"^(?:以下[为是系]|下面是|附[:：]?)?[^。，,]{0,12}?全文(?:如下)?\s*[:：]?$|^全文如下[:：]?$"
)
_MAX_FULL_TEXT = 24
_MAX_LINK_LINE = 60
# A tool bar: two or more short bracketed commands and nothing else (「【打印】 【关闭】」,
# 「【字号 大 中 小】【打印】」, 「【纠错】【责任编辑：某某】」).
_TOOL = re.compile(r"\s*[【\[［](?P<item>[^【】\[\]［］]{1,16})[】\]］]\s*")
_MIN_TOOLS = 2
# The end-of-article mark of a news report: 「（完）」, 「(全文完)」, alone or after the last
# sentence. 「（完全…）」 and any longer parenthesis are text.
_END_MARK = re.compile(r"[（(]\s*(?:全文完|本文完|完|终)\s*[)）]$")
# A control that starts a short line: 「点击播报本文，约」, 「点击查看大图」, 「扫码关注」.
_CONTROL = re.compile(r"^(?:点击|扫码|扫一扫|扫描二维码|长按)")
_MAX_CONTROL = 20
_PUNCT_OR_SPACE = re.compile(r"[\s【】\[\]［］()（）:：|丨｜·•>＞»]+")


@dataclass(slots=True)
class Found:
    """What one line turned out to hold."""

    kind: str  # "info-bar", "breadcrumb", "nav", "link", "caption", "full-text", ""
    rest: str | None  # the text left once the furniture is cut (None: the whole line goes)
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label, value) pairs


@lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """``text`` in simplified script, aligned with it character by character."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := to_simplified(ch)) == 1 else ch for ch in text)


def label_kind(label: str) -> str:
    """Which word list a bar label comes from: date, source, author or other."""
    for kind, name in (
        ("date", DATE_LABELS),
        ("source", SOURCE_LABELS),
        ("author", AUTHOR_LABELS),
    ):
        if label in wordlists.load(name):
            return kind
    return "other"


def _bar(line: str) -> Found | None:
    """Split an information bar of ``label：value`` pairs off the start of ``line``."""
    text = line.strip()
    plain = simplified(text)
    matches = list(_label_regex().finditer(plain))
    if not matches or plain[: matches[0].start()].strip(_OPENERS + " ") != "":
        return None
    fields: list[tuple[str, str]] = []
    for n, m in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip().strip(_SEPARATORS + _CLOSERS + " ").strip()
        if n + 1 < len(matches):
            if len(value) > _MAX_VALUE or _SENTENCE.search(value):
                return None
            fields += _with_stamp(m["label"], value)
            continue
        cut = _last_value(m["label"], text, m.end())
        if cut is None:
            return None
        last = text[m.end() : cut].strip().strip(_SEPARATORS + _CLOSERS + " ")
        fields += _with_stamp(m["label"], last)
        rest = text[cut:].strip().lstrip(_SEPARATORS + _CLOSERS + " ")
        return Found("info-bar", rest or None, fields)
    return None


def _with_stamp(label: str, value: str) -> list[tuple[str, str]]:
    """A field, and the timestamp that follows its value unlabelled (「来源：某报　2024年…」)."""
    m = re.search(rf"\s(?P<stamp>{_TIMESTAMP.pattern})$", value)
    if m is None or label_kind(label) == "date" or not _DATE.match(m["stamp"]):
        return [(label, value)]
    return [(label, value[: m.start()].strip()), ("时间", m["stamp"])]


def _last_value(label: str, text: str, start: int) -> int | None:
    """Where the last value of a bar ends: at the line end, or where the glued text begins."""
    value = text[start:]
    if len(value.strip()) <= _MAX_VALUE and not _SENTENCE.search(value):
        return len(text)
    kind = label_kind(label)
    if kind == "date":
        m = _TIMESTAMP.match(value.lstrip())
        return start + (len(value) - len(value.lstrip())) + m.end() if m else None
    if kind == "other":
        m = re.match(r"\s*\d+\s*次?", value)
        if m and m.end() > 0:
            return start + m.end()
    # A name or an outlet, then the dateline that opens the article (「…责任编辑：王某新华社…电」).
    m = _WIRE.search(simplified(value), 1, _MAX_VALUE)
    if m and NEWS_DATELINE.match(simplified(value), m.start()):
        return start + m.start()
    if kind != "date":
        space = re.search(r"\s", value.strip())
        if space and space.start() <= _MAX_VALUE:
            return start + len(value) - len(value.lstrip()) + space.start()
    return None


def _breadcrumb(plain: str) -> bool:
    lead = _BREADCRUMB_LEAD.match(plain)
    body = plain[lead.end() :] if lead else plain
    parts = [p for p in _BREADCRUMB_SEP.split(body) if p]
    needed = 2 if lead else 3
    return (
        len(parts) >= needed
        and len(parts) - 1 == len(_BREADCRUMB_SEP.findall(body.strip()))
        and all(len(p) <= _MAX_CRUMB and not _SENTENCE.search(p) for p in parts)
        and not re.search(r"[，。]", body)
    )


def _nav(plain: str) -> bool:
    """A navigation or keyword line: short items, four apart by spaces or three by bars."""
    parts = [p for p in _NAV_SEP.split(plain) if p and not _ONLY_PUNCT.fullmatch(p)]
    barred = len(re.findall(r"[|丨｜]", plain)) >= 2
    return (
        len(parts) >= (_MIN_BARRED_ITEMS if barred else _MIN_NAV_ITEMS)
        and all(len(p) <= _MAX_NAV_ITEM for p in parts)
        and not re.search(r"[。，、；！？,;!?“”《》]", plain)
        # Figures make a table row (「| 巴西 | 2.1亿 | 4.1% |」), which is data, not links.
        and not re.search(r"\d", plain)
        and not re.fullmatch(r"[\w\s\-.'’]+", plain, re.ASCII)  # a line of English words
    )


def _segments(text: str, plain: str) -> Found | None:
    """A by-line bar whose parts are a name, a date, a site or ``label：value`` pairs.

    「王某 · 2014-11-14 · 来源：某刊」, 「www.example.cn  某网  作者：王某」: every part is
    short, at least one is a date or a label, and no part is a sentence.
    """
    if len(text) > _MAX_SEGMENTED or _SENTENCE.search(plain) or "，" in plain:
        return None
    cuts = [0, *(m.end() for m in _SEGMENT_SEP.finditer(plain)), len(plain) + 1]
    spans = list(itertools.pairwise(cuts))
    fields: list[tuple[str, str]] = []
    anchored = False
    for a, b in spans:
        part = plain[a:b].strip(_SEGMENT_TRIM)
        if not part:
            continue
        label = _label_regex().match(part)
        if label:
            fields.append((label["label"], text[a:b].strip(_SEGMENT_TRIM)[label.end() :].strip()))
            anchored = True
        elif _TIMESTAMP.fullmatch(part):
            fields.append(("时间", part))
            anchored = True
        elif a == 0 and _PERSON.fullmatch(part):
            fields.append((NAME_FIELD, text[a:b].strip(_SEGMENT_TRIM)))
        elif not (_URL.fullmatch(part) or len(part) <= _MAX_NAV_ITEM):
            return None
    if not anchored or len([s for s in spans if plain[s[0] : s[1]].strip(_SEGMENT_TRIM)]) < 2:
        return None
    return Found("info-bar", None, fields)


# Two or three names glued together (「戴某周某」) or an outlet's name, never a sentence.
_MAX_GLUED_NAMES = 10


def _stamped(text: str, plain: str) -> Found | None:
    """A timestamp with the authors' names glued to it: 「2024-01-01 00:00:00戴某周某」."""
    m = _TIMESTAMP.match(plain)
    rest = text[m.end() :].strip() if m else ""
    if m is None or not re.fullmatch(r"[\u4e00-\u9fff·\s]{2,20}", rest):
        return None
    # A headline that opens with its date (「2025年5月13日外交部发言人主持例行记者会」) is
    # no by-line: a stamp is figures (「2024-01-01」, 「…日 10:32」), and names are short.
    if "日" in m.group(0) and not re.search(r"\d[:：]\d", m.group(0)):
        return None
    if any(len(part) > _MAX_GLUED_NAMES for part in rest.split()):
        return None
    # 「…20:13:10新华网」: an outlet's name, not a person's.
    who = "来源" if rest.rstrip()[-1] in "网报社台刊" else NAME_FIELD
    return Found("info-bar", None, [("时间", text[: m.end()].strip()), (who, rest)])


def _toolbar(text: str, plain: str) -> Found | None:
    """A line made only of bracketed short commands; bar labels inside give metadata."""
    items = list(_TOOL.finditer(plain))
    if len(items) < _MIN_TOOLS or "".join(m.group(0) for m in items) != plain:
        return None
    if any(_SENTENCE.search(m["item"]) or "，" in m["item"] for m in items):
        return None
    fields: list[tuple[str, str]] = []
    for m in items:
        label = _label_regex().match(m["item"])
        if label:
            fields.append((label["label"], text[m.start("item") + label.end() : m.end("item")]))
    return Found("toolbar", None, fields)


def _end_mark(text: str, plain: str) -> Found | None:
    """「（完）」 on its own line, or closing the last sentence (then only the mark goes)."""
    m = _END_MARK.search(plain)
    if m is None:
        return None
    rest = text[: m.start()].rstrip()
    if rest and rest[-1] not in "。！？!?”」』":
        return None
    return Found("end-mark", rest or None)


def _link(plain: str) -> bool:
    words = wordlists.load("page_furniture")
    bare = _PUNCT_OR_SPACE.sub("", plain)
    if bare in words:
        return True
    pieces = [p for p in re.split(r"[\s|丨｜【】\[\]]+", plain) if p]
    if pieces and all(_PUNCT_OR_SPACE.sub("", p) in words for p in pieces):
        return True
    # A link word opens a line of link titles only when a colon or a space follows it.
    opener = re.match(r"^(\S{2,6}?)\s*[:：\s>]", plain)
    return (
        opener is not None
        and opener[1] in words
        and len(plain) <= _MAX_LINK_LINE
        and not _SENTENCE.search(plain)
    )


def _caption(text: str, plain: str) -> str | None:
    """The line without its photo credit, or None when the whole line is a caption."""
    m = _CREDIT.search(plain)
    if m is None:
        return text
    rest = text[: m.start()].rstrip()
    # A caption is a label for the picture; text that merely ends on a credit is a sentence.
    caption = not _SENTENCE.search(rest) or _CAPTION_OPENERS.match(plain)
    if not rest or (len(text) <= _MAX_CAPTION and caption):
        return None
    return rest


def classify(line: str) -> Found:
    """Tell what furniture, if any, a web line holds.

    Args:
        line: One line of a web-layout document (pinyin already stripped).

    Returns:
        The kind of furniture (``""`` for none) and the text to keep (the whole line when it
        is not furniture, the sentence an information bar was glued to, or None).
    """
    text = line.strip()
    if not text:
        return Found("", line)
    plain = simplified(text)
    if _ONLY_PUNCT.fullmatch(text):
        return Found("punct", None)
    if _TIMESTAMP_LINE.fullmatch(plain):
        return Found("timestamp", None, [("时间", text)])
    found = (
        _bar(line)
        or _segments(text, plain)
        or _stamped(text, plain)
        or _toolbar(text, plain)
        or _end_mark(text, plain)
    )
    if found is not None:
        return found
    kind = next((kind for kind, test in _WHOLE_LINE if test(plain)), "")
    if kind:
        return Found(kind, None)
    kept = _caption(text, plain)
    return Found("caption", kept) if kept != text else Found("", line)


# Shapes that make a whole line furniture, tried in this order on its simplified text.
_WHOLE_LINE: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("breadcrumb", lambda p: _breadcrumb(p) or bool(_HOME.match(p) and len(p) <= _MAX_LINK_LINE)),
    ("counter", lambda p: bool(_NUMBERS.fullmatch(p) and re.search(r"[|丨｜]", p))),
    ("link", lambda p: _link(p)),
    (
        "control",
        lambda p: bool(_CONTROL.match(p) and len(p) <= _MAX_CONTROL and not _SENTENCE.search(p)),
    ),
    ("nav", lambda p: _nav(p)),
    ("full-text", lambda p: len(p) <= _MAX_FULL_TEXT and bool(_FULL_TEXT.match(p))),
)


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for a date written 2023-09-26, 2023/9/26 or 2023年9月26日."""
    m = _DATE.search(value)
    if m is None:
        return None
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
