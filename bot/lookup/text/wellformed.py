"""Well-formed text at the edges: what comes in from outside is made valid Unicode once.

Two kinds of invalid text reach the program. Lone surrogates (half of a UTF-16 pair) arrive
in JSON from a broken Telegram client (``"\\ud800"``) or in command-line arguments that were
not UTF-8 (Python maps each bad byte to U+DC80–U+DCFF); SQLite, httpx and ``print`` then
refuse the whole string. Invalid UTF-8 arrives in piped input and damaged files. Both become
U+FFFD, the replacement character, where the text enters, so nothing downstream has to care.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_ENCODED_REPLACEMENT = REPLACEMENT.encode("utf-8")


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD.

    Args:
        text: Any string.

    Returns:
        The same string object when there was nothing to replace.
    """
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def replace_surrogates_in(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings) with lone surrogates replaced in every string.

    Args:
        value: Parsed JSON, e.g. a Telegram update.

    Returns:
        ``value`` itself when no string needed a replacement; otherwise a copy, sharing the
        parts that did not change.
    """
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        items = {key: replace_surrogates_in(item) for key, item in value.items()}
        return value if all(items[key] is value[key] for key in value) else items
    if isinstance(value, list):
        elements = [replace_surrogates_in(item) for item in value]
        return value if all(a is b for a, b in zip(elements, value, strict=True)) else elements
    return value


def decode_utf8(raw: bytes) -> tuple[str, int]:
    """Decode UTF-8, replacing each invalid sequence with U+FFFD.

    Args:
        raw: Bytes that should be UTF-8.

    Returns:
        The text and how many invalid sequences were replaced (U+FFFD characters that were
        already in ``raw`` are not counted).
    """
    text = raw.decode("utf-8", errors="replace")
    return text, text.count(REPLACEMENT) - raw.count(_ENCODED_REPLACEMENT)
