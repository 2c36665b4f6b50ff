"""Character frequencies for telling ordinary characters from rare ones.

Built on first use from jieba's dictionary (about 350,000 words with corpus frequencies), the
frequency of a character is the summed frequency of the words containing it. Traditional
characters are looked up through their simplified form, since the dictionary is simplified.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib import resources

from bot.lookup.text.script import to_simplified, to_traditional

# ``is_word`` is asked only about runs of rare characters, so only words made entirely of
# characters rarer than this are kept: about a hundred kilobytes instead of the whole
# dictionary's 350,000 entries (some 60 MB).
RARE_WORD_LIMIT = 1000


def _entries() -> Iterator[tuple[str, int]]:
    dictionary = resources.files("jieba").joinpath("dict.txt")
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, *_ = line.split(" ")
            yield word, int(freq)


@cache
def _dictionary() -> tuple[Counter[str], frozenset[str]]:
    counts: Counter[str] = Counter()
    for word, freq in _entries():
        for ch in set(word):
            counts[ch] += freq
    # A second pass rather than holding every entry: the peak stays small.
    words = frozenset(
        word
        for word, _ in _entries()
        if len(word) > 1 and all(counts[ch] < RARE_WORD_LIMIT for ch in word)
    )
    return counts, words


@cache
def char_frequency(ch: str) -> int:
    """Word-weighted frequency of one character (0 if unknown).

    Args:
        ch: A single character in either script.

    Returns:
        The summed jieba dictionary frequency of words containing its simplified form.
    """
    return _dictionary()[0][to_simplified(ch)]


def is_word(text: str) -> bool:
    """Whether ``text`` (either script) is a word of the dictionary made of rare characters.

    Only such words are known (e.g. 桎梏); ask only about runs of rare characters.

    Args:
        text: A short string.

    Returns:
        True if its simplified form is a dictionary entry.
    """
    return to_simplified(text) in _dictionary()[1]


@cache
def is_simplified_only(ch: str) -> bool:
    """Whether ``ch`` is a simplified form that traditional text would not use (墙, 鸫, 后).

    Args:
        ch: A single character.

    Returns:
        True if OpenCC changes it from simplified to traditional and not the other way.
    """
    return to_traditional(ch) != ch and to_simplified(ch) == ch
