"""Toneless, fuzzy pinyin keys: words that an input method confuses share a key.

金钻 and 金砖 (jin zuan / jin zhuan), 只能 and 智能, 和影 and 合影 all collide, which is what
typo correction needs. The character table comes from pypinyin and is loaded on first use.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

# Initials and finals that Chinese speakers commonly merge when typing pinyin.
_FUZZY = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


@cache
def _table() -> dict[int, str]:
    """pypinyin's character table, loaded on its own.

    Importing the ``pypinyin`` package also loads its phrase dictionaries and segmenter
    (some 45 MB) that this module never uses, so only the table's module file is executed.
    """
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_zhiku_pinyin_table", path)
    if module_spec is None or module_spec.loader is None:
        raise ModuleNotFoundError(f"cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    table: dict[int, str] = module.pinyin_dict
    return table


@cache
def syllable(ch: str) -> str:
    """The fuzzy toneless syllable of one character, or the character itself if it has none."""
    reading = _table().get(ord(ch))
    if not reading:
        return ch
    first = reading.split(",")[0]
    # ü decomposes to u + a diaeresis: keep it apart (as v, the way IMEs type it) before the
    # tone marks go, or 女 (nǚ) would read like 怒 (nù).
    decomposed = unicodedata.normalize("NFD", first).replace("u\u0308", "v")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for long, short in _FUZZY:
        if plain.startswith(long) and long in ("zh", "ch", "sh"):
            plain = short + plain[len(long) :]
        elif plain.endswith(long) and long not in ("zh", "ch", "sh"):
            plain = plain[: -len(long)] + short
    return plain


def pinyin_key(word: str) -> str:
    """The fuzzy pinyin key of ``word`` (syllables separated by spaces)."""
    return " ".join(syllable(ch) for ch in word)
