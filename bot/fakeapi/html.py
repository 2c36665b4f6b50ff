"""Telegram's HTML parse mode, as the fake server applies it: text plus entities, or an error.

Telegram rejects a message whose markup it cannot parse (``400 Bad Request: can't parse
entities``); the fake does the same so that a renderer bug surfaces as the real error would.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_BARE_LT = re.compile(r"<(?![a-zA-Z/])")
_BAD_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class EntityError(ValueError):
    """The text is not valid Telegram HTML; the message mirrors Telegram's wording."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.length = 0
        self.open: list[tuple[str, int, dict[str, Any]]] = []
        self.entities: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS:
            raise EntityError(f'Unsupported start tag "{tag}" at byte offset {self.getpos()[1]}')
        entity: dict[str, Any] = {"type": _TAGS[tag]}
        values = dict(attrs)
        if tag == "a":
            entity["url"] = values.get("href") or ""
        if tag == "blockquote" and "expandable" in values:
            entity["type"] = "expandable_blockquote"
        self.open.append((tag, self.length, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            raise EntityError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        _, start, entity = self.open.pop()
        if self.length > start:
            self.entities.append({**entity, "offset": start, "length": self.length - start})

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.length += utf16_len(data)


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into plain text and entities (offsets in UTF-16 code units).

    Raises:
        EntityError: the markup is not something Telegram would accept.
    """
    if _BARE_LT.search(markup):
        raise EntityError("Unsupported start tag at byte offset 0")
    if _BAD_AMP.search(markup):
        raise EntityError("Unsupported HTML entity")
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    if parser.open:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"')
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.text), entities
