"""Language word lists (stop words, question words, speech verbs, titles…) as data.

Each list is a UTF-8 file in ``bot/lookup/text/words/``, one entry a line, ``#`` starting a
comment, opened by a comment that says what the list is for and which module uses it; like
jieba.analyse's stop-word file, a list is tuned by editing data, not code. Only knowledge of
the language lives here; what is particular to this corpus (its summits, outlets, typos)
belongs to ``corpus/*.toml``.

``load`` reads a list once per process and checks it: an entry twice, or an entry holding
invisible characters, is an error that names the file and the line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

_FOLDER = "words"
_SUFFIX = ".txt"
# Control and format characters (zero-width space, byte-order mark) and line separators:
# an entry holding one looks like another word, or like nothing, in an editor.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


class WordListError(ValueError):
    """A word list is missing or malformed; the message names the file and the line."""


def folder() -> Traversable:
    """The folder the shipped lists live in (package data of ``bot.lookup.text``)."""
    return resources.files("bot.lookup.text") / _FOLDER


def names() -> list[str]:
    """The names of every shipped list, sorted."""
    return sorted(
        f.name.removesuffix(_SUFFIX) for f in folder().iterdir() if f.name.endswith(_SUFFIX)
    )


@cache
def load(name: str) -> frozenset[str]:
    """The words of the shipped list ``name`` (``words/<name>.txt``), read once.

    Raises:
        WordListError: there is no such list, or it is malformed.
    """
    return read(folder() / f"{name}{_SUFFIX}")


def read(path: Traversable) -> frozenset[str]:
    """The words of a word-list file, checked (see :func:`parse`).

    Raises:
        WordListError: the file cannot be read or is malformed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListError(f"{path}: no such word list") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WordListError(f"{path}: cannot be read: {exc}") from None
    return parse(text, str(path))


def parse(text: str, source: str) -> frozenset[str]:
    """The entries of a word list's text.

    Everything from ``#`` to the end of a line is a comment; space around an entry is
    ignored, and so are lines left empty. An entry may hold inner spaces (``序 言``).

    Args:
        text: The file's contents.
        source: What to call the file in error messages.

    Raises:
        WordListError: an entry appears twice or holds an invisible character.
    """
    first: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        hidden = next((ch for ch in entry if unicodedata.category(ch) in _INVISIBLE), None)
        if hidden is not None:
            raise WordListError(
                f"{source}:{number}: blank or invisible character U+{ord(hidden):04X} in {entry!r}"
            )
        if entry in first:
            raise WordListError(
                f"{source}:{number}: {entry!r} is already listed on line {first[entry]}"
            )
        first[entry] = number
    return frozenset(first)


def alternation(*names: str) -> str:
    """The words of the named lists as one regular-expression alternation, longest first.

    Where several words match at the same place (所指出 and 所指出的) the longest wins.
    """
    words = frozenset().union(*map(load, names))
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))
