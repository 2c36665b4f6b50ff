"""Names of places, organisations and other named things, as the general dictionary knows them.

jieba's dictionary gives each word a part of speech; ``ns`` (place), ``nt`` (organisation),
``nrt`` (transliterated name) and ``nz`` (other proper noun) mark names. Search asks this
when a question holds a word the corpus never writes: a *name* the documents never mention
(土耳其, 亚洲开发银行, 旧金山) means they cannot say anything about it, while an ordinary word
(为啥, 档次, 帮忙) is only the asker's wording, and the text may say the same in its own.

Person names (``nr``) are left out on purpose: they are most of the dictionary's names and
many of them are ordinary words too, and a question may name an author the text spells
another way (in pinyin, or with spaces between the characters).

The list is read from jieba's own dictionary file (about 38,000 names of 350,000 words),
once per process, and kept as a small text file beside jieba's own cache, so that a restart
reads that instead of parsing the whole dictionary again.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

NAME_TAGS = ("ns", "nt", "nrt", "nz")
# "word frequency tag" lines of jieba's dict.txt whose tag names something; a name of one
# character (京, 沪) is an abbreviation inside longer words, never a question's subject.
_NAME_LINE = re.compile(rf"^(\S{{2,}}) \d+ (?:{'|'.join(NAME_TAGS)})$", re.M)
_CACHE_NAME = "proper_names.{size}.txt"

_LOCK = threading.Lock()
_LOADED: dict[Path, frozenset[str]] = {}


def _dictionary() -> Path:
    import jieba

    # The dictionary a plain ``jieba.Tokenizer()`` loads, as the segmenter's does.
    return Path(jieba.__file__).parent / str(jieba.DEFAULT_DICT_NAME)


def parse(dictionary: str) -> frozenset[str]:
    """The names in the text of a jieba dictionary (one ``word frequency tag`` a line)."""
    return frozenset(_NAME_LINE.findall(dictionary))


def _read(cache_dir: Path) -> frozenset[str]:
    dictionary = _dictionary()
    cached = cache_dir / _CACHE_NAME.format(size=dictionary.stat().st_size)
    if cached.is_file():
        return frozenset(cached.read_text(encoding="utf-8").split("\n")) - {""}
    names = parse(dictionary.read_text(encoding="utf-8"))
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
    folder = cache_dir if cache_dir is not None else Path(tempfile.gettempdir())
    with _LOCK:
        names = _LOADED.get(folder)
        if names is None:
            names = _LOADED[folder] = _read(folder)
    return names
