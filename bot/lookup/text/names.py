"""Names of places, organisations and other named things, and the words that say what is done,
as the general dictionary knows them.

jieba's dictionary gives each word a part of speech; ``ns`` (place), ``nt`` (organisation),
``nrt`` (transliterated name) and ``nz`` (other proper noun) mark names. Search asks this
when a question holds a word the corpus never writes: a *name* the documents never mention
(土耳其, 亚洲开发银行, 旧金山) means they cannot say anything about it, while an ordinary word
(为啥, 档次, 帮忙) is only the asker's wording, and the text may say the same in its own.

Person names (``nr``) are left out on purpose: they are most of the dictionary's names and
many of them are ordinary words too, and a question may name an author the text spells
another way (in pinyin, or with spaces between the characters).

A question's *predicates* are the dictionary's verbs (``v``: 开工, 讨论, 达成), words of
position and time (``f``: 期间) and set phrases (``l``: 难以实现): in "中吉乌铁路什么时候开工"
the railway is the subject and 开工 how the question is put. A summary weighs them lightly
(:mod:`bot.lookup.summary.summarize`). Verbal nouns (``vn``: 合作, 援助, 扩员) are things a
topic can be about and are not among them.

Each list is read from jieba's own dictionary file (about 38,000 names and 53,000 predicates
of 350,000 words), once per process, and kept as a small text file beside jieba's own cache,
so that a restart reads that instead of parsing the whole dictionary again.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

NAME_TAGS = ("ns", "nt", "nrt", "nz")
PREDICATE_TAGS = ("v", "f", "l")


def _lines(tags: tuple[str, ...]) -> re.Pattern[str]:
    """The "word frequency tag" lines of jieba's dict.txt with one of ``tags``; a word of one
    character (京, 沪, 是) is part of longer words, never a question's subject or predicate."""
    return re.compile(rf"^(\S{{2,}}) \d+ (?:{'|'.join(tags)})$", re.M)


_NAME_LINE = _lines(NAME_TAGS)
_PREDICATE_LINE = _lines(PREDICATE_TAGS)
_CACHE_NAME = "{kind}.{size}.txt"

_LOCK = threading.Lock()
_LOADED: dict[tuple[Path, str], frozenset[str]] = {}


def _dictionary() -> Path:
    import jieba

    # The dictionary a plain ``jieba.Tokenizer()`` loads, as the segmenter's does.
    return Path(jieba.__file__).parent / str(jieba.DEFAULT_DICT_NAME)


def parse(dictionary: str) -> frozenset[str]:
    """The names in the text of a jieba dictionary (one ``word frequency tag`` a line)."""
    return frozenset(_NAME_LINE.findall(dictionary))


def parse_predicates(dictionary: str) -> frozenset[str]:
    """The predicates (verbs, words of position, set phrases) in a jieba dictionary's text."""
    return frozenset(_PREDICATE_LINE.findall(dictionary))


_PARSERS = {"proper_names": parse, "predicates": parse_predicates}


def _read(cache_dir: Path, kind: str) -> frozenset[str]:
    dictionary = _dictionary()
    cached = cache_dir / _CACHE_NAME.format(kind=kind, size=dictionary.stat().st_size)
    if cached.is_file():
        return frozenset(cached.read_text(encoding="utf-8").split("\n")) - {""}
    names = _PARSERS[kind](dictionary.read_text(encoding="utf-8"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")  # processes may race
        tmp.write_text("\n".join(sorted(names)), encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass  # a cache folder that cannot be written only costs the parse next time
    return names


def proper_names(cache_dir: Path | None = None) -> frozenset[str]:
    """The general dictionary's names of places, organisations and other named things
    (read once per process). Kept in ``cache_dir``, or where jieba keeps its own cache
    without one (the system's temporary folder)."""
    return _kept("proper_names", cache_dir)


def predicates(cache_dir: Path | None = None) -> frozenset[str]:
    """The general dictionary's verbs, words of position and set phrases (read once per
    process), kept as :func:`proper_names` are."""
    return _kept("predicates", cache_dir)


def _kept(kind: str, cache_dir: Path | None) -> frozenset[str]:
    folder = cache_dir if cache_dir is not None else Path(tempfile.gettempdir())
    with _LOCK:
        words = _LOADED.get((folder, kind))
        if words is None:
            words = _LOADED[(folder, kind)] = _read(folder, kind)
    return words
