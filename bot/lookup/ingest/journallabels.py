"""Journal labels at the start of a line: 【摘要】, 【关键词】, [中图分类号], DOI, 【作者简介】.

A journal page marks its parts with labels in brackets (【】, [], ［］) or followed by a colon.
The abstract label opens the abstract, which stays text (a searchable passage); the others
are metadata. The labels are compared in simplified form, so traditional pages match too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookup.ingest.furniture import simplified

_BRACKETED = re.compile(
    r"[【\[［〔]\s*(?P<label>[^】\]］〕\s]{1,6}(?:\s[^】\]］〕\s]{1,4})*)\s*[】\]］〕]"
)
_PLAIN_LABEL = re.compile(
    r"^\s*(?:(?P<label>摘\s*要|内容摘要|内容提要|关\s*键\s*词|作者简介|中图分类号|文献标识码|"
    r"文章编号|DOI|基金项目|收稿日期)\s*[:：]\s*"
    # An abstract label may be set off by a space alone (「内容提要 经济合作一直是…」).
    r"|(?P<spaced>摘\s*要|内容摘要|内容提要)[ \u3000]+(?=\S{20}))",
    re.IGNORECASE,
)
# A label standing alone on its line (「摘要」, 「Abstract」, 「关键词：」): a heading of furniture.
_BARE_LABEL = re.compile(
    r"^[【\[［]?(?:摘\s*要|内容摘要|内容提要|关\s*键\s*词|abstract|key\s*words?)[】\]］]?\s*[:：]?$",
    re.IGNORECASE,
)
ABSTRACT_LABELS = frozenset({"摘要", "内容摘要", "内容提要", "提要"})
_AUTHOR_NOTE = "作者简介"
_META_LABELS = {
    "关键词": "keywords",
    "关键字": "keywords",
    "中图分类号": "classification",
    "文献标识码": "document_code",
    "文章编号": "article_number",
    "doi": "doi",
    "基金项目": "funding",
    "收稿日期": "received",
    "完稿日期": "received",
}
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}?(?=[，,（(\s:：]|[男女]|$)")


@dataclass(slots=True)
class Label:
    """A journal label at the start of a line: what it is and where its value starts."""

    name: str  # the label, simplified, without spaces: "摘要", "关键词", "doi"
    start: int  # offset of the value in the line


def journal_labels(line: str) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a journal label line (「【关键词】金砖；全球南方」).

    Several bracketed labels may share a line (「[中图分类号]F114.4 [文献标识码]A」).

    Args:
        line: One line.

    Returns:
        The pairs, labels simplified and without spaces; empty when the line does not start
        with a known label.
    """
    text = line.strip()
    plain = simplified(text)
    m = _PLAIN_LABEL.match(plain)
    if m:
        return [(_label_name(m["label"] or m["spaced"]), text[m.end() :].strip())]
    pairs = []
    found = list(_BRACKETED.finditer(plain))
    if not found or found[0].start() != 0:
        return []
    for n, hit in enumerate(found):
        name = _label_name(hit["label"])
        if name not in _META_LABELS and name not in ABSTRACT_LABELS and name != _AUTHOR_NOTE:
            return []
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        pairs.append((name, text[hit.end() : end].strip().lstrip(":：").strip()))
    return pairs


def _label_name(label: str) -> str:
    return re.sub(r"\s", "", label).lower()


def abstract_label(line: str) -> Label | None:
    """The abstract label opening ``line`` (【摘要】, 【内容摘要】, 摘要：), if any."""
    text = line.lstrip()
    plain = simplified(text)
    m = _PLAIN_LABEL.match(plain)
    if m and _label_name(m["label"] or m["spaced"]) in ABSTRACT_LABELS:
        return Label(_label_name(m["label"] or m["spaced"]), len(line) - len(text) + m.end())
    hit = _BRACKETED.match(plain)
    if hit and _label_name(hit["label"]) in ABSTRACT_LABELS:
        rest = text[hit.end() :]
        skip = len(rest) - len(rest.lstrip(" :：\u3000"))
        return Label(_label_name(hit["label"]), len(line) - len(text) + hit.end() + skip)
    return None


def metadata_from_labels(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Metadata from journal label pairs (abstracts excluded: they stay text)."""
    meta: dict[str, str] = {}
    for name, value in pairs:
        if name == _AUTHOR_NOTE:
            meta["author_note"] = value
            names = [
                m.group(0)
                for part in re.split(r"[；;。]", value)
                if (m := _NAME.match(part.strip()))
            ]
            if names:
                meta["authors"] = "、".join(names)
        elif name in _META_LABELS and value:
            meta[_META_LABELS[name]] = value
    return meta


def is_bare_label(text: str) -> bool:
    """A label with nothing after it (「摘要」, 「Abstract」): no text of its own."""
    return bool(_BARE_LABEL.match(simplified(text.strip())))
