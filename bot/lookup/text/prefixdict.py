"""jieba's prefix dictionary in a few megabytes instead of some sixty.

jieba keeps its dictionary as one Python dict of about 500,000 strings (every word with its
frequency, and every prefix of a word with 0), which is the largest thing a serving process
holds. :class:`PrefixFrequencies` answers the same lookups (``in``, ``[]``, ``get``) from a
MARISA trie of the keys and an array of their frequencies, and keeps the words added later
(``Tokenizer.add_word``: the corpus dictionary) in a small dict over them, so every cut is
the one jieba's own dict gives. The trie is built once from jieba's dictionary file and kept
in a cache file beside jieba's own, so a process that starts never builds the big dict.
When the cache is missing (the first start on a fresh machine), a child process builds it:
the big dict, built and freed in the serving process, left it some 15 MB larger for good
(freed small objects do not go back to the system) and peaked 70 MB above it.
"""

from __future__ import annotations

import array
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jieba
import marisa_trie

# The cache file: magic, total frequency, number of keys, then the frequencies (uint32, in
# the trie's key order) and the trie itself.
_MAGIC = b"ZKPD1\x00"
_HEADER = struct.Struct("<6sQI")


class PrefixFrequencies:
    """jieba's ``Tokenizer.FREQ`` as a trie: the same answers, a fraction of the memory."""

    __slots__ = ("_added", "_added_trie", "_freqs", "_longest", "_trie")

    def __init__(self, trie: marisa_trie.Trie, freqs: array.array[int]) -> None:
        self._trie = trie
        self._freqs = freqs
        self._added: dict[str, int] = {}
        self._added_trie: marisa_trie.Trie | None = None
        self._longest = max((len(k) for k in trie.iterkeys()), default=1)

    @classmethod
    def from_dict(cls, freq: dict[str, int]) -> PrefixFrequencies:
        trie = marisa_trie.Trie(freq.keys())
        freqs = array.array("I", bytes(4 * len(trie)))
        for word, n in freq.items():
            freqs[trie[word]] = n
        return cls(trie, freqs)

    def __contains__(self, word: object) -> bool:
        return word in self._trie or word in self._added

    def __getitem__(self, word: str) -> int:
        key = self._trie.get(word)
        return self._added[word] if key is None else self._freqs[key]

    def get(self, word: str, default: Any = None) -> Any:
        key = self._trie.get(word)
        return self._added.get(word, default) if key is None else self._freqs[key]

    def __setitem__(self, word: str, n: int) -> None:
        # A word of jieba's dictionary changes its frequency in place; a new word goes over it.
        key = self._trie.get(word)
        if key is not None:
            self._freqs[key] = n
            return
        self._added[word] = n
        self._added_trie = None
        self._longest = max(self._longest, len(word))

    def dag(self, sentence: str) -> dict[int, list[int]]:
        """jieba's ``get_DAG``: for each position, the last positions of the words that
        start there (the position itself when none does).

        jieba walks longer and longer fragments while each is a key; the keys are closed
        under prefixes (jieba adds every prefix of a word with frequency 0), so that walk
        meets exactly the keys that are prefixes of the rest of the sentence, which the
        tries list in one call each.
        """
        added = self._added
        if self._added_trie is None:
            self._added_trie = marisa_trie.Trie(added.keys())
        trie, more, freqs, longest = self._trie, self._added_trie, self._freqs, self._longest
        dag: dict[int, list[int]] = {}
        for k in range(len(sentence)):
            rest = sentence[k : k + longest]
            ends = [k + len(w) - 1 for w, key in trie.iter_prefixes_with_ids(rest) if freqs[key]]
            if added:
                new = [k + len(w) - 1 for w in more.prefixes(rest) if added[w]]
                if new:
                    ends = sorted(ends + new)
            dag[k] = ends or [k]
        return dag

    def __len__(self) -> int:
        return len(self._trie) + len(self._added)

    def to_bytes(self, total: int) -> bytes:
        """The dictionary (before any word is added) and ``total``, as the cache stores it."""
        if sys.byteorder != "little":
            raise OSError("the prefix dictionary cache is little-endian")
        header = _HEADER.pack(_MAGIC, total, len(self._freqs))
        trie: bytes = self._trie.tobytes()
        return header + self._freqs.tobytes() + trie

    @classmethod
    def from_bytes(cls, data: bytes) -> tuple[PrefixFrequencies, int]:
        """The dictionary and total frequency of a cache file's content.

        Raises:
            ValueError: the content is not a cache of this format.
        """
        magic, total, n = _HEADER.unpack_from(data)
        if magic != _MAGIC or sys.byteorder != "little":
            raise ValueError("not a prefix dictionary cache")
        start = _HEADER.size
        freqs = array.array("I")
        freqs.frombytes(data[start : start + 4 * n])
        trie = marisa_trie.Trie().frombytes(data[start + 4 * n :])
        if len(trie) != n:
            raise ValueError("the prefix dictionary cache is truncated")
        return cls(trie, freqs), int(total)


class Tokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """jieba's tokenizer, reading its dictionary through :class:`PrefixFrequencies`."""

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        self.check_initialized()
        freq = self.FREQ
        if isinstance(freq, PrefixFrequencies):
            return freq.dag(sentence)
        dag: dict[int, list[int]] = super().get_DAG(sentence)
        return dag


def load(tokenizer: Any, cache_dir: Path | None) -> None:
    """Initialise jieba ``tokenizer`` with a :class:`PrefixFrequencies` of its dictionary.

    The cache file is keyed by the dictionary file's path, size and time, and written
    atomically; a missing or unreadable one is rebuilt (a second or two, once).
    """
    path = Path(cache_dir) if cache_dir is not None else Path(tempfile.gettempdir())
    with tokenizer.get_dict_file() as f:
        source = Path(f.name)
    stat = source.stat()
    key = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    cache = path / f"zhiku-jieba-{key[:16]}.marisa"
    found = _read(cache)
    if found is None and _build_apart(source, cache):
        found = _read(cache)
    if found is None:  # no child could build it, or it could not be written: build it here
        with tokenizer.get_dict_file() as f:
            found = _build(f)
        _write(cache, found[0].to_bytes(found[1]))
    tokenizer.FREQ, tokenizer.total = found
    tokenizer.initialized = True


def _read(cache: Path) -> tuple[PrefixFrequencies, int] | None:
    try:
        return PrefixFrequencies.from_bytes(cache.read_bytes())
    except (OSError, ValueError, struct.error, RuntimeError):
        return None


def _build(dictionary: Any) -> tuple[PrefixFrequencies, int]:
    """The trie of jieba's dictionary (an open binary file) and its total frequency."""
    full, total = jieba.Tokenizer.gen_pfdict(dictionary)
    freq = PrefixFrequencies.from_dict(full)
    del full
    return freq, int(total)


# Building the trie takes a few seconds; a child that takes far longer is not waited for.
_BUILD_TIMEOUT = 300


def _build_apart(source: Path, cache: Path) -> bool:
    """Build the cache of dictionary ``source`` in a child process; False if it failed."""
    root = str(Path(__file__).resolve().parents[3])  # the folder holding the bot package
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", __name__, str(source), str(cache)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, timeout=_BUILD_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def _write(cache: Path, data: bytes) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, cache)
    except OSError:
        # A read-only place only costs the rebuild at the next start.
        pass


if __name__ == "__main__":  # the child of _build_apart: DICTIONARY CACHE
    with open(sys.argv[1], "rb") as dictionary:
        built = _build(dictionary)
    _write(Path(sys.argv[2]), built[0].to_bytes(built[1]))
