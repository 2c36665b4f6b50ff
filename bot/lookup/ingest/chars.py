"""Decoding raw corpus files and the character classes the cleaning rules share (rule A1)."""

from __future__ import annotations

import re
import unicodedata

from bot.lookup.errors import IngestError

_NEWLINES = re.compile(r"\r\n?")
_UNIFIED = re.compile(r"[\u4e00-\u9fff]")

# Ext A, the unified block, compatibility ideographs, and the supplementary-plane extensions.
_CJK_RANGES = (
    (0x3400, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)


def decode(raw: bytes, name: str) -> str:
    """Decode one raw corpus file.

    Strict UTF-8 (a file in another encoding must fail loudly rather than be silently
    mangled), BOM removed, CRLF/CR turned into LF, and NFC applied. NFKC is deliberately not
    used: it would turn full-width ``，：（＋`` into ASCII throughout the document.

    Args:
        raw: The file's bytes.
        name: The file name, used in the error message.

    Returns:
        The decoded text.

    Raises:
        IngestError: If the bytes are not valid UTF-8.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {exc.start}: {exc.reason})", name=name
        ) from exc
    text = text.removeprefix("\ufeff")
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))


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
