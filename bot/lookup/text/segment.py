"""The one segmentation function that serves both ingest and queries.

A single ``jieba.Tokenizer`` carries the corpus user dictionary (alias names, quoted terms)
so that long names such as 金砖国家新工业革命伙伴关系创新基地 are not split, and so that a
query is cut exactly the way the indexed text was. Input is always the *token form* of a text:
simplified script, NFKC width-folded, lowercase, spaces kept (English words stay apart).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.lookup.text import wordlists
from bot.lookup.text.names import predicates, proper_names
from bot.lookup.text.script import to_simplified

_CJK_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002fa1f]+")
_TOKEN_OK = re.compile(r"[\w\u3400-\u9fff]")
# What FTS5's unicode61 tokenizer keeps as token characters: letters and digits (not "_").
_FTS_TOKEN = re.compile(r"[^\W_]+")
# Function words that carry no meaning for retrieval, in documents or in questions.
_FUNCTION_WORDS = wordlists.load("function_words")


_TOKENIZERS: dict[tuple[str, Path | None], Any] = {}
_LOCK = threading.Lock()


def token_form(text: str) -> str:
    """Simplified, width-folded, lowercase text with spaces kept: what jieba is given."""
    return unicodedata.normalize("NFKC", to_simplified(text)).lower()


class Segmenter:
    """jieba with the corpus dictionary; created once, initialised explicitly."""

    def __init__(self, words: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self._words = list(dict.fromkeys(w for w in words if w))
        self._cache_dir = cache_dir
        self._tokenizer: Any = None

    @property
    def words(self) -> list[str]:
        return list(self._words)

    def initialize(self) -> None:
        """Load jieba's dictionary and the user words (about half a second, once per process).

        Tokenizers are shared by every Segmenter with the same words: reopening the library
        (after an ingest, or in another component) must not load the dictionary again.
        """
        if self._tokenizer is not None:
            return
        key = (hashlib.sha256("\n".join(self._words).encode()).hexdigest(), self._cache_dir)
        with _LOCK:
            cached = _TOKENIZERS.get(key)
            if cached is None:
                cached = _TOKENIZERS[key] = self._load()
        self._tokenizer = cached

    def _load(self) -> Any:
        import jieba

        # Imported here, as jieba is: nothing heavy at import time.
        from bot.lookup.text import prefixdict

        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer = prefixdict.Tokenizer()
        if self._cache_dir is not None:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            tokenizer.tmp_dir = str(self._cache_dir)
        # jieba's own dict of the dictionary costs some 60 MB; the trie gives the same cuts.
        prefixdict.load(tokenizer, self._cache_dir)
        total = tokenizer.total
        for word in self._words:
            # A frequency high enough that the word always wins over its parts.
            tokenizer.add_word(word, freq=max(1000, 200 * len(word)))
        # jieba scores a cut by log(freq / total), and add_word raises the total: a word added
        # for one document would shift how every other text is cut, so an index grown
        # document by document would not be the one a rebuild makes. With the total fixed, a
        # text's cut depends only on the words it holds.
        tokenizer.total = total
        return tokenizer

    def names(self) -> frozenset[str]:
        """The general dictionary's names of places and organisations
        (:func:`bot.lookup.text.names.proper_names`), kept beside jieba's cache."""
        return proper_names(self._cache_dir)

    def predicates(self) -> frozenset[str]:
        """The general dictionary's verbs, words of position and set phrases
        (:func:`bot.lookup.text.names.predicates`), kept beside jieba's cache."""
        return predicates(self._cache_dir)

    def cut(self, text: str) -> list[str]:
        """Precise segmentation of ``text`` (already in token form), punctuation dropped."""
        self.initialize()
        return [t for t in self._tokenizer.lcut(text, HMM=True) if _TOKEN_OK.search(t)]

    def pieces(self, text: str) -> list[str]:
        """The same cut as :meth:`cut` with every character kept (punctuation and spaces
        too), so the pieces join back into ``text`` and say where each word stands."""
        self.initialize()
        pieces: list[str] = self._tokenizer.lcut(text, HMM=True)
        return pieces

    def cut_for_index(self, text: str) -> list[str]:
        """Segmentation for the index: whole words plus their dictionary sub-words.

        jieba's search mode adds only two- and three-character sub-words; a long name such
        as 金砖国家反恐工作组 must also be found by its longer parts (反恐工作组).
        """
        self.initialize()
        tokens = self._tokenizer.lcut_for_search(text, HMM=True)
        extra = [sub for t in tokens if len(t) >= 5 for sub in self._long_parts(t)]
        return [
            t for t in tokens + extra if _TOKEN_OK.search(t) and t.strip() not in _FUNCTION_WORDS
        ]

    def _long_parts(self, token: str) -> list[str]:
        freq = self._tokenizer.FREQ
        return [
            token[i : i + n]
            for n in range(4, len(token))
            for i in range(len(token) - n + 1)
            if freq.get(token[i : i + n])
        ]

    def index_words(self, text: str) -> str:
        """The FTS ``words`` column for a display text."""
        return " ".join(t.strip() for t in self.cut_for_index(token_form(text)) if t.strip())


def is_function_word(token: str) -> bool:
    return token in _FUNCTION_WORDS


def bigrams(text: str) -> list[str]:
    """Overlapping CJK character bigrams of ``text`` (token form); single characters alone."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def index_grams(text: str) -> str:
    """The FTS ``grams`` column for a display text."""
    return " ".join(bigrams(token_form(text)))


def _without_accents(code: int) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c)
    )


# Latin letters with accents → without (ó → o), as FTS5's ``remove_diacritics 2`` folds them;
# other scripts keep their marks.
_PLAIN_LATIN = {
    code: _without_accents(code)
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if _without_accents(code) != chr(code)
}


def fts_tokens(text: str) -> list[str]:
    """The tokens FTS5's unicode61 tokenizer makes of ``text``, lowercased (before stemming)."""
    return _FTS_TOKEN.findall(text.lower().translate(_PLAIN_LATIN))


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None
