"""From what a person typed to what the index should look for.

Cleaning (any input at all is accepted), question words and particles stripped, English
names and topic words mapped through the alias table, input-method slips corrected against
the corpus vocabulary, and every remaining term expanded with its aliases and synonyms.
The result is a list of *concepts*: each is satisfied by any one of its forms.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.corpus.glossary import PHRASE_WORDS, translations
from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable, summit_name
from bot.lookup.search.ranking_config import DEFAULT_RANKING, RankingConfig
from bot.lookup.text import wordlists
from bot.lookup.text.numerals import chinese_value
from bot.lookup.text.pinyin_key import pinyin_key
from bot.lookup.text.script import to_simplified
from bot.lookup.text.segment import (
    Segmenter,
    bigrams,
    has_cjk,
    is_function_word,
    token_form,
)

MAX_QUERY = 200  # characters kept from a query; the rest carries no extra meaning
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,80}>")
_SPACES = re.compile(r"\s+")
# Words a question is made of that name nothing to look for, in Chinese and in English.
_ENGLISH_STOP = wordlists.load("english_stop_words")
_QUESTION_WORDS = (
    wordlists.load("question_words")
    | wordlists.load("english_stop_words")
    | wordlists.load("framing_words")
)
_LOCATIVES = wordlists.load("locative_suffixes")
# Longer framing words are taken out of the text before segmentation, where jieba would
# split them into parts that look like topics (时间线 -> 时间 + 线, 一步步 -> 一步 + 步).
_FRAMING = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(wordlists.load("framing_words"), key=len, reverse=True)
        if len(w) >= 3 and has_cjk(w)
    )
)
_ENGLISH_WORD = re.compile(r"^[A-Za-z][A-Za-z\-]*$")
_ASKS_DATE = re.compile(r"什么时候|何时|哪一?年|哪天|哪一天|几月|哪个月|\bwhen\b|what year")
_ASKS_COUNT = re.compile(r"多少|几[个次届家批场项名国位]?|多大|比例|how many|how much")
# A question word asks only as a word of the question, never as part of a longer word: 几 of
# 几内亚 or 几乎, 多大 across 许多|大国, 何时 across 任何|时候 ask nothing. jieba's cut says
# where words start: a question word must start one, or follow a prefix bound to it in one
# word (哪几个, 第几次), and the word it starts may run on only into measure words (几成,
# 几次, 几个月), not into a longer word (几十年, 几何). It may run over several words
# (有|多|大, 多|大规模).
_BOUND_BEFORE = frozenset("哪第")
_MEASURES = frozenset("个次届家批场项名国位成年月天日周岁倍轮期号人份条所种")
# "the 2022 summit": a year right before 峰会/会晤 names a numbered BRICS summit. Up to 16
# characters may stand between (2017 BRICS leaders' summit); see _SUMMIT_GAP.
_YEAR_SUMMIT = re.compile(r"((?:19|20)\d\d)\s*年?(\D{0,16}?)(?:峰会|会晤|summit)")
# Up to this many characters between the year and 峰会 may say anything when the query names
# the body elsewhere (2022年线上峰会上金砖国家…); a longer gap must be only the body's names,
# host cities and filler (2017年金砖国家领导人峰会, 2017年在厦门举行的金砖峰会): across more
# words the year and 峰会 belong to different phrases (2017年以来金砖举办了哪些峰会).
_SUMMIT_GAP = 6
# What may stand between the year and 峰会 of the body's own summit besides its names and
# its host city: 2017年在厦门举行的峰会. Anything else says whose summit it is (2022年中阿峰会).
_SUMMIT_FILLER = re.compile(r"[\s的在]|领导人|举行|召开|举办|leaders'?|the")
# A leaders' summit itself, by year or by number (2026年金砖峰会, 第十七次领导人会晤, the 17th
# BRICS summit), with nothing but the body's name between: 2025年金砖外长会晤 is no summit.
_SUMMIT_BY_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年?的?\s*(?:金砖(?:国家)?|brics)?\s*(?:领导人)?(?:峰会|会晤|summit)"
)
_SUMMIT_BY_NUMBER = re.compile(
    r"第([一二三四五六七八九十两]{1,3}|\d{1,2})(?:次|届)(?:金砖(?:国家)?)?(?:领导人)?(?:峰会|会晤)"
    r"|(\d{1,2})(?:st|nd|rd|th)\s+(?:brics\s+)?summit"
)


@dataclass(slots=True)
class Concept:
    """One thing the query asks for; a passage has it if it contains any of ``forms``."""

    term: str  # the term as understood (after correction)
    forms: list[str]  # token-form strings (simplified, lowercase)
    weight: float = 1.0
    latin: bool = False
    parts: list[str] = field(default_factory=list)  # sub-words, partial credit when forms miss
    share: float = 0.0  # share of passages holding one of the forms (roughly)
    known: bool = True  # some form is a word of the corpus vocabulary
    absent: bool = False  # no passage can contain any form (a pair the corpus never writes)
    glossed: bool = False  # an English word with its dictionary translations as forms


@dataclass(slots=True)
class ParsedQuery:
    original: str
    cleaned: str
    concepts: list[Concept] = field(default_factory=list)
    corrected: str | None = None  # the cleaned query with corrections applied
    english: bool = False  # written in Latin letters only
    asks: str | None = None  # "date" or "count" when the question asks for one
    # A summit of the body the summit table numbers, named by a year or number past the last
    # the table lists (2026年金砖峰会, in token form): the documents were written before it.
    later_summit: str | None = None

    @property
    def empty(self) -> bool:
        return not self.concepts


def blank_framing(form: str) -> str:
    """``form`` (token form) with the longer framing words the parser takes out before
    segmentation blanked, each by as many spaces: the words left stand where they stood."""
    return _FRAMING.sub(lambda m: " " * len(m.group()), form)


def clean(text: str) -> str:
    """Make any input safe to analyse: no control characters, tags or runs of space."""
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " " for ch in text.replace("\x00", " ")
    )
    text = _TAG.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY]


class Vocabulary:
    """Corpus words with document frequencies, indexed by fuzzy pinyin key."""

    def __init__(
        self,
        df: dict[str, int],
        keys: dict[str, list[str]],
        passages: int,
        grams: frozenset[str] = frozenset(),
    ) -> None:
        self.df = df
        self.by_key = keys
        self.passages = max(passages, 1)
        self.grams = grams

    def foreign(self, word: str) -> bool:
        """Whether ``word`` holds a character pair the corpus never writes (so: maybe a slip)."""
        pairs = bigrams(word)
        return bool(self.grams) and any(p not in self.grams for p in pairs if len(p) == 2)

    def idf(self, term: str) -> float:
        n = self.df.get(term, 0)
        return math.log(1 + self.passages / (n + 1))

    def share(self, forms: list[str]) -> float:
        """Roughly which share of passages hold one of ``forms``."""
        return min(1.0, sum(self.df.get(f, 0) for f in forms) / self.passages)

    def concept_idf(self, forms: list[str]) -> float:
        """Rarity of a concept: any of its forms counts, so common forms make it common."""
        seen = sum(self.df.get(f, 0) for f in forms)
        return math.log(1 + self.passages / (min(seen, self.passages) + 1))

    def correction(self, word: str, *, inside: bool = True) -> str | None:
        """A frequent corpus word the input method may have meant instead of ``word``.

        Only a word that is not corpus text (it holds a character pair the corpus never
        writes) is corrected. With ``inside``, a slip inside a longer unknown token is tried
        too (会吾开 holds 会吾 for 会晤).
        """
        if word in self.df or len(word) < 2 or not self.foreign(word):
            return None
        whole = self._homophone(word)
        if whole or len(word) < 3 or not inside:
            return whole
        for size in (2, 3):
            for start in range(len(word) - size + 1):
                piece = word[start : start + size]
                if not self.foreign(piece) or self._cuts_a_word(word, start, start + size):
                    continue
                fixed = self._homophone(piece)
                if fixed:
                    return word[:start] + fixed + word[start + size :]
        return None

    def _cuts_a_word(self, word: str, start: int, end: int) -> bool:
        """True if ``word[start:end]`` cuts through a corpus word written inside ``word``:
        in 发展史 the pair 展史 is no slip for 展示, since 发展 is written whole."""
        for i in range(len(word)):
            for j in range(i + 2, len(word) + 1):
                if word[i:j] in self.df and (i < start < j or i < end < j):
                    return True
        return False

    def _homophone(self, word: str) -> str | None:
        best: tuple[int, str] | None = None
        for candidate in self.by_key.get(pinyin_key(word), ()):
            changed = sum(a != b for a, b in zip(candidate, word, strict=False))
            if candidate == word or changed > max(1, len(word) // 2):
                continue
            n = self.df.get(candidate, 0)
            if n >= 2 and (best is None or n > best[0]):
                best = (n, candidate)
        return best[1] if best else None


class QueryParser:
    """Turns user text into concepts, using the one shared segmenter and the alias table."""

    def __init__(
        self,
        segmenter: Segmenter,
        aliases: AliasTable,
        vocab: Vocabulary,
        ranking: RankingConfig = DEFAULT_RANKING,
        glossary: Mapping[str, list[str]] | None = None,
        *,
        summits: SummitTable = NO_SUMMITS,
    ) -> None:
        self.segmenter = segmenter
        self.aliases = aliases
        self.vocab = vocab
        self.ranking = ranking  # the concept weights
        self.summits = summits  # the corpus's numbered summits (2022年金砖峰会 = 第十四次会晤)
        body = summits.body
        # How the corpus writes the body whose summits the table numbers; with the table's
        # host cities, what may stand between a year and 峰会 of its summit (longest first).
        self._own = [v.lower() for v in aliases.variants.get(body, [body]) if v] if body else []
        self._gap_names = sorted({*self._own, *summits.hosts.values()}, key=len, reverse=True)
        # English word -> the corpus's Chinese words for it (bot.lookup.corpus.glossary).
        self.glossary: Mapping[str, list[str]] = glossary or {}
        phrases = aliases.english_phrases()
        self._english = (
            re.compile(rf"(?<![a-z])({'|'.join(map(re.escape, phrases))})s?(?![a-z])")
            if phrases
            else None
        )

    def with_ranking(self, ranking: RankingConfig) -> QueryParser:
        """The same parser weighing concepts by ``ranking``."""
        return QueryParser(
            self.segmenter, self.aliases, self.vocab, ranking, self.glossary, summits=self.summits
        )

    def parse(self, text: str, *, correct: bool = True) -> ParsedQuery:
        """Analyse a query; never raises, whatever ``text`` holds.

        With ``correct`` off, words the corpus never writes are kept as typed (the search
        compares both readings before it suggests a correction).
        """
        cleaned = clean(text)
        query = ParsedQuery(original=text, cleaned=cleaned)
        full = token_form(cleaned)
        form, english = self._english_concepts(full, cleaned)
        form = _FRAMING.sub(" ", form)
        query.english = bool(re.search(r"[a-z]", cleaned.lower())) and not has_cjk(cleaned)
        query.asks = _answer_type(form, self.segmenter.pieces)
        tokens = [t.strip() for t in self.segmenter.cut(form) if t.strip()]
        # Correct before dropping function words: 会吾 (会晤) must not lose its 会 first.
        tokens, corrections = self._correct(tokens) if correct else (tokens, [])
        fixed = _apply(form, corrections)
        if fixed != form:
            query.corrected = _apply(full, corrections)
            form = fixed
            tokens = [t.strip() for t in self.segmenter.cut(form) if t.strip()]
        tokens = self._joined(tokens)
        if query.english and self.glossary:
            tokens = self._glossary_phrases(tokens)
        tokens = [t for t in tokens if not self.is_noise(t)]
        # Before English names were taken out: "the 2022 summit" names a summit too.
        summits = _summit_concepts(
            query.corrected or full, self.ranking, self.summits, self._gap_names
        )
        own = self._names_the_body(tokens, english)
        if summits and (
            self._names_another_body(tokens, english)
            or (not own and _qualified(query.corrected or full, self._gap_names))
        ):
            summits = []  # 北约2019年伦敦峰会, 2022年中阿峰会: not the BRICS summit of the year
        if own:
            query.later_summit = _later_summit(query.corrected or full, self.summits)
        concepts = english + [self._concept(t, query.english) for t in tokens]
        if summits:
            # "2022年金砖峰会" is one thing: the summit's own names stand for 峰会/会晤 too.
            concepts = [c for c in concepts if not _names_a_summit(c)]
        query.concepts = _dedupe(concepts + summits)
        return query

    def _joined(self, tokens: list[str]) -> list[str]:
        """``tokens`` with two neighbouring single characters that together are a word of the
        corpus made one token: segmentation splits a word it does not know in that context
        (西方七国峰会: 七 + 国), and a lone character is dropped as saying nothing."""
        out: list[str] = []
        for token in tokens:
            last = out[-1] if out else ""
            pair = last + token
            if (
                len(last) == len(token) == 1
                and has_cjk(pair)
                and pair in self.vocab.df
                and not _is_noise(pair)
            ):
                out[-1] = pair
            else:
                out.append(token)
        return out

    def _bodies(self, tokens: list[str], english: list[Concept]) -> tuple[set[str], bool]:
        """The organisations the query names (canonical names), and whether one of them is
        the body whose summits the summit table numbers."""
        typed = [to_simplified(t.strip()).lower() for t in tokens]
        # An English name stands for its entity (its first form is the canonical name).
        bodies = {self.aliases.canonical.get(name) for name in typed}
        bodies |= {self.aliases.canonical.get(c.forms[0]) for c in english if c.forms}
        named_bodies = {b for b in bodies if b}
        own = [v for v in self._own if has_cjk(v)]
        named = [*typed, *named_bodies]
        return named_bodies, any(v in name for name in named for v in own)

    def _names_another_body(self, tokens: list[str], english: list[Concept]) -> bool:
        """True if the query names an organisation other than the one whose summits the
        summit table numbers, and not that one: its year + 峰会 means the other's summit."""
        bodies, own = self._bodies(tokens, english)
        if own:
            return False  # 新华网刊发的2022年金砖峰会讲话: about BRICS, whoever reports it
        return any(self.aliases.kinds.get(b) == "org" for b in bodies)

    def _names_the_body(self, tokens: list[str], english: list[Concept]) -> bool:
        """True if the query names the body whose summits the summit table numbers."""
        return self._bodies(tokens, english)[1]

    def _english_concepts(self, form: str, typed: str) -> tuple[str, list[Concept]]:
        concepts: list[Concept] = []
        if self._english is None or not re.search(r"[a-z]", form):
            return form, concepts

        def take(match: re.Match[str]) -> str:
            phrase = match.group(1)
            acronym = rf"(?<![A-Za-z]){re.escape(phrase.upper())}(?![A-Za-z])"
            if phrase in _ENGLISH_STOP and not re.search(acronym, typed):
                return match.group(0)  # "Who said …" asks; only WHO in capitals is a name
            zh = self.aliases.english[phrase]
            forms = list(dict.fromkeys(f for w in zh for f in self.aliases.expand(w)))
            weight = self.vocab.concept_idf(forms)
            share = self.vocab.share(forms)
            concepts.append(Concept(phrase, [*forms, phrase], weight, latin=False, share=share))
            return " "

        return self._english.sub(take, form), concepts

    def _correct(self, tokens: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        out: list[str] = []
        fixes: list[tuple[str, str]] = []
        i = 0
        while i < len(tokens):
            if _reduplicated(tokens[i : i + 3]):
                out.extend(tokens[i : i + 3])  # 讲一讲, 看一看: a verb said twice, no slip
                i += 3
                continue
            for size in (3, 2, 1):
                window = tokens[i : i + size]
                word = "".join(window)
                if len(window) < size or not all(has_cjk(t) for t in window):
                    continue
                if word in self.aliases.canonical or all(_is_noise(t) for t in window):
                    continue
                if size == 1 and len(word) == 2 and word[-1] in _LOCATIVES:
                    continue  # 500强里: a noun and its locative, glued by segmentation
                fixed = self.vocab.correction(word, inside=size == 1)
                if fixed:
                    out.append(fixed)
                    fixes.append((word, fixed))
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out, fixes

    def _glossary_phrases(self, tokens: list[str]) -> list[str]:
        """Adjacent English words the glossary translates as one phrase (wind power: 风电,
        take part: 参加) made one token, longest first."""
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(PHRASE_WORDS, 1, -1):
                window = tokens[i : i + size]
                # "how many" is glossed (几个), yet it only asks: a phrase of question
                # words names nothing, so its words stay apart and are dropped as such.
                if (
                    len(window) == size
                    and all(_ENGLISH_WORD.match(t) for t in window)
                    and not all(t.lower() in _QUESTION_WORDS for t in window)
                ):
                    phrase = " ".join(window).lower()
                    if translations(self.glossary, phrase):
                        out.append(phrase)
                        i += size
                        break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def is_noise(self, token: str) -> bool:
        """Whether ``token`` (a word of the segmenter's cut) names nothing to look for."""
        # A lone character (年, 场) says nothing on its own, unless it is a name (俄) or has
        # synonyms that do (办: 举办, 主办).
        single = (
            len(token) == 1
            and has_cjk(token)
            and token not in self.aliases.canonical
            and token not in self.aliases.synonyms
        )
        return single or _is_noise(token)

    def _concept(self, token: str, english: bool = False) -> Concept:
        forms = self.aliases.expand(token)
        ranking = self.ranking
        if not has_cjk(token):
            chinese = translations(self.glossary, token) if english else []
            if chinese and len(forms) == 1:
                # An English word of an English question, that the alias table does not
                # name: the corpus's words for it (host: 主办) find the Chinese text, and
                # the word itself the English abstracts. It weighs as rare as they are, at
                # most as an English word: a dictionary also gives senses the question does
                # not mean (wind: 缠绕), and a rare wrong sense must not lead the ranking.
                # Less than a word the alias table names, too: the text may say it in
                # other words (held: 召开, not the 举行 the dictionary gives), and a
                # sentence holding the question's verb must not outrank one holding its
                # names and its year.
                forms = [*forms, *chinese]
                weight = min(self.vocab.concept_idf(chinese), ranking.latin_weight)
                weight *= ranking.glossed_scale
                share = self.vocab.share(chinese)
                return Concept(token, forms, weight, latin=True, share=share, glossed=True)
            # A bare number (a year, mostly) narrows the topic but rarely is the topic.
            weight = ranking.number_weight if token.isdigit() else ranking.latin_weight
            return Concept(token, forms, weight, latin=True)
        known = any(f in self.vocab.df for f in forms)
        if known:
            weight = self.vocab.concept_idf(forms)
        else:
            weight = self.vocab.idf("") * ranking.unknown_weight
        # No passage can hold it (刊发 where the corpus never writes it): ranking ignores it,
        # while a summary still knows the question asked for something the corpus lacks.
        absent = not known and all(self.vocab.foreign(f) for f in forms if has_cjk(f))
        parts: list[str] = []
        if len(token) >= ranking.compound_length:
            # The text may say it in other words order (科技部长 / 科技创新部长级会议,
            # 喀山峰会 / 在喀山举行的金砖峰会): its words earn partial credit.
            parts = [p for p in self.segmenter.cut_for_index(token) if len(p) >= 2 and p != token]
        share = self.vocab.share(forms)
        return Concept(token, forms, weight, False, parts, share, known, absent)


def _reduplicated(window: list[str]) -> bool:
    """True for a verb said twice around 一 (讲 一 讲, 看 一 看): asking, not a slip."""
    return len(window) == 3 and window[1] == "一" and window[0] == window[2] and has_cjk(window[0])


def _names_a_summit(concept: Concept) -> bool:
    return any(f.endswith(("峰会", "会晤", "summit")) for f in concept.forms[:1])


def _summit_concepts(
    form: str, ranking: RankingConfig, summits: SummitTable, names: list[str]
) -> list[Concept]:
    """The numbered summit a year names (2022年金砖峰会 = 第十四次会晤 = 北京会晤)."""
    out = []
    for match in _YEAR_SUMMIT.finditer(form):
        gap = match.group(2)
        if len(gap) > _SUMMIT_GAP and not _plain_gap(gap, names):
            continue
        number = summits.by_year.get(int(match.group(1)))
        if number is not None:
            name = summit_name(number)
            forms = [name, name.replace("会晤", "峰会"), f"第{number}次"]
            forms.append(f"{summits.hosts[int(match.group(1))]}会晤")
            # A numbered summit is as specific as a name: it weighs like a rare word.
            out.append(Concept(name, forms, ranking.summit_weight, share=ranking.summit_share))
    return out


def _qualified(form: str, names: list[str]) -> bool:
    """True if every year + 峰会 of ``form`` holds, between the two, a word that is neither
    one of ``names`` (the body's names, the table's host cities) nor filler: it says whose
    summit it is (2022年中阿峰会, 2019年G20峰会), which a query naming the body elsewhere
    would overrule."""
    spans = [m.group(2) for m in _YEAR_SUMMIT.finditer(form)]
    return bool(spans) and not any(_plain_gap(gap, names) for gap in spans)


def _plain_gap(gap: str, names: list[str]) -> bool:
    """True if ``gap`` holds nothing but ``names`` (longest first: the body's names, host
    cities of the table) and filler: what stands between a year and 峰会 of the body's own
    summit."""
    for name in names:
        gap = gap.replace(name, "")
    return not _SUMMIT_FILLER.sub("", gap).strip()


def _later_summit(form: str, summits: SummitTable) -> str | None:
    """The summit ``form`` names by a year or number past the last ``summits`` lists, as
    typed; None when it names none. The table lists the summits the documents tell of, up to
    the last before they were written: of a later one they can say nothing."""
    if not summits.numbered:
        return None
    for match in _SUMMIT_BY_YEAR.finditer(form):
        if int(match.group(1)) > max(summits.hosts):
            return match.group(0)
    for match in _SUMMIT_BY_NUMBER.finditer(form):
        typed = match.group(1) or match.group(2)
        number = int(typed) if typed.isdigit() else chinese_value(typed)
        if number is not None and number > max(summits.numbered):
            return match.group(0)
    return None


def _answer_type(form: str, cut: Callable[[str], list[str]]) -> str | None:
    """What kind of answer a question wants, from its question words (``cut``: the
    segmentation that says where the words of ``form`` start and end)."""
    words: list[tuple[int, int]] | None = None
    for kind, pattern in (("date", _ASKS_DATE), ("count", _ASKS_COUNT)):
        for match in pattern.finditer(form):
            if words is None:
                words = _spans(cut(form))
            if _stands_alone(form, match.start(), match.end(), words):
                return kind
    return None


def _spans(pieces: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for piece in pieces:
        spans.append((at, at + len(piece)))
        at += len(piece)
    return spans


def _stands_alone(form: str, start: int, end: int, words: list[tuple[int, int]]) -> bool:
    """True if ``form[start:end]`` is a question word of its own (see ``_BOUND_BEFORE``)."""
    for first, last in words:
        if first <= start < last:
            if not all(ch in _BOUND_BEFORE for ch in form[first:start]):
                return False
            return all(ch in _MEASURES for ch in form[end:last])
    return True


def _is_noise(token: str) -> bool:
    return (
        token in _QUESTION_WORDS or is_function_word(token) or not any(ch.isalnum() for ch in token)
    )


def _apply(text: str, fixes: list[tuple[str, str]]) -> str:
    for wrong, right in fixes:
        text = text.replace(wrong, right, 1)
    return text


def _dedupe(concepts: list[Concept]) -> list[Concept]:
    seen: set[str] = set()
    out = []
    for concept in concepts:
        if concept.term not in seen:
            seen.add(concept.term)
            out.append(concept)
    return out
