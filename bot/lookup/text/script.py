"""Chinese script handling: simplified/traditional conversion, detection and matching folds.

Display text always keeps the document's own script; everything that *compares* text (the
index, rapidfuzz, quote lookup, query parsing) goes through :func:`fold`, which maps both
scripts, full-width forms and letter case onto one matching form. The OpenCC converters are
created on first use so importing this module stays cheap.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import opencc

# A document is traditional when its traditional-only characters outnumber its
# simplified-only ones by this factor. Machine-converted traditional text keeps a few
# simplified leftovers (后, 于, 并, 范), and simplified text has no traditional forms at all,
# so any clear majority decides.
_TRADITIONAL_RATIO = 2.0


@cache
def _converter(config: str) -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional Chinese to simplified (OpenCC ``t2s``, phrase-aware).

    Args:
        text: Any text; non-Chinese characters pass through unchanged.

    Returns:
        The simplified text.
    """
    if not text:
        return text
    result: str = _converter("t2s").convert(text)
    return result


def to_traditional(text: str) -> str:
    """Convert simplified Chinese to traditional (OpenCC ``s2t``, phrase-aware).

    Args:
        text: Any text; non-Chinese characters pass through unchanged.

    Returns:
        The traditional text.
    """
    if not text:
        return text
    result: str = _converter("s2t").convert(text)
    return result


def _count_changed(text: str, converted: str, convert: Callable[[str], str]) -> int:
    if len(converted) != len(text):
        # A rare phrase conversion changed the length; fall back to per-character counts.
        return sum(convert(ch) != ch for ch in text)
    return sum(a != b for a, b in zip(text, converted, strict=True))


def _is_traditional(text: str, as_traditional: str) -> bool:
    traditional = _count_changed(text, to_simplified(text), to_simplified)
    simplified = _count_changed(text, as_traditional, to_traditional)
    return traditional > 0 and traditional >= _TRADITIONAL_RATIO * simplified


def detect_script(text: str) -> Literal["simplified", "traditional"]:
    """Decide whether a document is written in simplified or traditional characters.

    Counts characters that ``t2s`` changes (traditional-only forms) against characters that
    ``s2t`` changes (simplified-only forms).

    Args:
        text: The document text (any length; longer is more reliable).

    Returns:
        ``"traditional"`` if traditional-only forms clearly dominate, else ``"simplified"``.
    """
    return "traditional" if _is_traditional(text, to_traditional(text)) else "simplified"


def as_traditional(text: str) -> str:
    """``text`` in traditional characters: converted when it is simplified, as written when
    it is traditional already (OpenCC's ``s2t`` is not idempotent: run over traditional text
    it misreads phrases, 機制作為 -> 機製作為). Two OpenCC passes, as :func:`detect_script`."""
    converted = to_traditional(text)
    return text if _is_traditional(text, converted) else converted


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """Width/compatibility fold, lowercase and whitespace removal for one character."""
    if ch.isspace():
        return ""
    return unicodedata.normalize("NFKC", ch).lower().replace(" ", "")


def _simplified_per_char(text: str) -> list[str]:
    """Simplified form of each character, aligned with ``text`` index by index."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return list(converted)
    # Phrase conversion changed the length: lose phrase context but keep a valid alignment.
    return [to_simplified(ch) for ch in text]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text for matching and report where each folded character came from.

    Args:
        text: Display text in either script.

    Returns:
        ``(folded, index_map)`` where ``folded == fold(text)`` and ``index_map[i]`` is the
        index in ``text`` of the character that produced ``folded[i]``.
    """
    pieces = [
        _fold_char(simple) if len(simple) == 1 else "".join(map(_fold_char, simple))
        for simple in _simplified_per_char(text)
    ]
    folded = "".join(pieces)
    if len(folded) == len(pieces) and all(len(piece) == 1 for piece in pieces):
        return folded, list(range(len(pieces)))
    return folded, [i for i, piece in enumerate(pieces) for _ in piece]


def fold(text: str) -> str:
    """Return the matching form of ``text``.

    Simplified script, NFKC width folding (``，`` becomes ``,``, ``Ａ`` becomes ``a``),
    lowercase, and no whitespace. Only for comparison, never for display.

    Args:
        text: Display text in either script.

    Returns:
        The folded text.
    """
    return "".join(_fold_char(ch) for simple in _simplified_per_char(text) for ch in simple)
