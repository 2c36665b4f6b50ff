"""Checks on what users type, before it reaches the lookup core.

The core copes with any input (it never hands text to ``MATCH``); these checks exist to
give a clear answer — "too long", "nothing to search for" — instead of an empty result.
"""

from __future__ import annotations

import unicodedata

from bot.lookup.errors import ZhikuError

MAX_QUERY = 200  # a question, not a document; inline queries are capped at 256 anyway
MAX_CLAIM = 1000  # /verify takes a pasted quotation, which may run to a paragraph


class TooLong(ZhikuError):
    """The text is longer than a query can sensibly be."""

    key = "query.too_long"


class NoWords(ZhikuError):
    """The text has no letters or digits (only emoji, punctuation, markup characters)."""

    key = "query.no_words"


def check_query(text: str, limit: int = MAX_QUERY) -> str:
    """``text`` with surrounding space removed, if it can be searched.

    Raises:
        TooLong: more than ``limit`` characters.
        NoWords: nothing a search could match.
    """
    text = " ".join(text.split())
    if len(text) > limit:
        raise TooLong(f"{len(text)} > {limit}", length=len(text), limit=limit)
    if not any(_is_word_char(ch) for ch in text):
        raise NoWords(repr(text[:20]))
    return text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and unicodedata.category(ch)[0] in "LN"
