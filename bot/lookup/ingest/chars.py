"""Decoding raw corpus files and the character classes the cleaning rules share (rule A1)."""

from __future__ import annotations

import logging
import re
import unicodedata

from bot.lookup.errors import IngestError
from bot.lookup.text.wellformed import decode_utf8

log = logging.getLogger(__name__)

_NEWLINES = re.compile(r"\r\n?")
_UNIFIED = re.compile(r"[\u4e00-\u9fff]")
# Above this share of invalid sequences among the non-ASCII characters a file is taken to be
# in another encoding (GBK, Latin-1: nearly all of them fail); below it, as damaged UTF-8.
_MAX_INVALID_SHARE = 0.1

# Ext A, the unified block, compatibility ideographs, and the supplementary-plane extensions.
_CJK_RANGES = (
    (0x3400, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)


def decode(raw: bytes, name: str) -> str:
    """Decode one raw corpus file.

    UTF-8, BOM removed, CRLF/CR turned into LF, and NFC applied. NFKC is deliberately not
    used: it would turn full-width ``，：（＋`` into ASCII throughout the document. A few
    invalid sequences (a character cut in half by an extraction tool) become U+FFFD with a
    warning; a file in another encoding fails on most of its non-ASCII characters and is
    refused rather than silently mangled.

    Args:
        raw: The file's bytes.
        name: The file name, used in the error message.

    Returns:
        The decoded text.

    Raises:
        IngestError: If the bytes are not UTF-8.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _repaired(raw, name, exc)
    text = text.removeprefix("\ufeff")
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))


def _repaired(raw: bytes, name: str, exc: UnicodeDecodeError) -> str:
    text, invalid = decode_utf8(raw)
    non_ascii = sum(1 for ch in text if not ch.isascii())
    if invalid > non_ascii * _MAX_INVALID_SHARE:
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {exc.reason})", name=name
        ) from exc
    log.warning(
        "%s: %d invalid UTF-8 sequence(s) replaced with U+FFFD, the first at byte %d",
        name,
        invalid,
        exc.start,
    )
    return text


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a CJK ideograph (unified, extensions or compatibility block).

    Args:
        ch: A single character.

    Returns:
        True for Han ideographs, False for everything else (punctuation included).
    """
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def cjk_count(text: str) -> int:
    """Count characters in U+4E00–U+9FFF, the unit of the ingest's character accounting.

    Args:
        text: Any text.

    Returns:
        The number of unified CJK ideographs.
    """
    return len(_UNIFIED.findall(text))
