"""Telegram's HTML parse mode, as the fake server applies it: text plus entities, or an error.

Telegram rejects a message whose markup it cannot parse (``400 Bad Request: can't parse
entities``); the fake does the same so that a renderer bug surfaces as the real error would.
A small tokenizer rather than ``html.parser``: the fake parses every message the bot sends,
and benchmarks should measure the bot, not the fake.
"""

from __future__ import annotations

import html
import re
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
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>|<|>|[^<>]+")
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_BAD_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class EntityError(ValueError):
    """The text is not valid Telegram HTML; the message mirrors Telegram's wording."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into plain text and entities (offsets in UTF-16 code units).

    Raises:
        EntityError: the markup is not something Telegram would accept.
    """
    if _BAD_AMP.search(markup):
        raise EntityError("Unsupported HTML entity")
    text: list[str] = []
    length = 0
    open_tags: list[tuple[str, int, dict[str, Any]]] = []
    entities: list[dict[str, Any]] = []
    for match in _TOKEN.finditer(markup):
        closing, tag, attrs = match.groups()
        if tag is None:
            chunk = match.group()
            if chunk in ("<", ">"):
                raise EntityError(f"Unsupported start tag at byte offset {match.start()}")
            chunk = html.unescape(chunk) if "&" in chunk else chunk
            text.append(chunk)
            length += utf16_len(chunk)
        elif closing:
            if not open_tags or open_tags[-1][0] != tag.lower():
                raise EntityError(f'Can\'t find end tag corresponding to start tag "{tag}"')
            _, start, entity = open_tags.pop()
            if length > start:
                entities.append({**entity, "offset": start, "length": length - start})
        else:
            open_tags.append((tag.lower(), length, _entity(tag.lower(), attrs, match.start())))
    if open_tags:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(text), entities


def _entity(tag: str, attrs: str, position: int) -> dict[str, Any]:
    if tag not in _TAGS:
        raise EntityError(f'Unsupported start tag "{tag}" at byte offset {position}')
    entity: dict[str, Any] = {"type": _TAGS[tag]}
    if tag == "a":
        href = _HREF.search(attrs)
        entity["url"] = (
            html.unescape(next(g for g in href.groups() if g is not None)) if href else ""
        )
    if tag == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    return entity
