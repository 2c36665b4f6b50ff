"""Removal of per-character pinyin annotations such as ``學(xué)習`` (rule A4).

Some web pages print a pinyin reading after selected characters. The pattern is strict (one
CJK character, ``(``, one lowercase syllable with a tone mark, optional space, ``)``), and
the rule is gated per document: only a document where such annotations are dense and all
single syllables is treated, so that an occasional scholarly gloss such as 天下(tiānxià)
survives untouched.
"""

from __future__ import annotations

import re
import unicodedata

from bot.lookup.ingest.chars import cjk_count

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])\(([a-zü]*[{_TONED}][a-zü]*) ?\)")
# Mojibake (see the mojibake module) can destroy the host character. Either the "(" went
# with it and the syllable and ")" follow the "?" that replaced them (004 L8 「?lái),」), or
# the host's GBK trail byte resurfaced as an ASCII letter (004 L29 「虬l(fā)展」, 發 = B0 6C).
_ORPHAN = re.compile(rf"(?<=\?)[a-zü]*[{_TONED}][a-zü]* ?\)")
_AFTER_LETTER = re.compile(rf"(?<=[\u3400-\u9fff][A-Za-z])\([a-zü]*[{_TONED}][a-zü]* ?\)")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er"
    r"|ia|ie|iu|in|ua|uo|ui|un|ün|üe|ue|a|o|e|i|u|ü)"
)

# Annotated pages carry about one reading per ten characters (004: 198 on 1,753); glossed
# scholarly prose has a handful per document. Both thresholds must be met.
_MIN_DENSITY = 5 / 1000
_MIN_MATCHES = 10


def _toneless(syllable: str) -> str:
    """Drop tone marks but keep ü (its toned forms decompose to ü + a combining mark)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0308")
    return unicodedata.normalize("NFC", bare)


def is_single_syllable(reading: str) -> bool:
    """Whether ``reading`` is one pinyin syllable (``xué``, ``chǎng``), not a word (``tiānxià``).

    Args:
        reading: A lowercase pinyin reading with tone marks.

    Returns:
        True if it carries exactly one tone mark and spells one valid syllable.
    """
    tones = sum(ch in _TONED for ch in reading)
    return tones == 1 and _SYLLABLE.fullmatch(_toneless(reading)) is not None


def annotation_gate(text: str) -> bool:
    """Decide whether ``text`` (a whole document) is a pinyin-annotated page.

    Args:
        text: The document text.

    Returns:
        True if strict annotations are dense enough and every one is a single syllable.
    """
    readings = _ANNOTATION.findall(text)
    if len(readings) < _MIN_MATCHES:
        return False
    if len(readings) < _MIN_DENSITY * cjk_count(text):
        return False
    return all(is_single_syllable(r) for r in readings)


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin annotations from a document when the document-level gate opens.

    Args:
        text: The whole document (the gate is a property of the document, not a line).

    Returns:
        ``(new_text, removed)``: the text without annotations (unchanged when the gate stays
        closed) and how many annotations and orphans were removed.
    """
    if not annotation_gate(text):
        return text, 0
    text, strict = _ANNOTATION.subn("", text)
    text, orphans = _ORPHAN.subn("", text)
    text, damaged = _AFTER_LETTER.subn("", text)
    return text, strict + orphans + damaged
