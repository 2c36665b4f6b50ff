"""Who said it: turning the phrase before a speech verb into a speaker name.

A subject phrase such as 时任外交部长王毅, 中国国家主席习近平, 2023年版《国家安全战略报告》 or
俄 becomes one name: the canonical person from the alias table (王毅, 习近平), the document
title (《国家安全战略报告》), the country (俄罗斯), or — for speakers the table does not know —
the phrase itself when it looks like an agent (欧盟委员会代表, 部分印度政界人士, 马克·卡尼).
A document is always credited as the document, never as a person it mentions.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.text import wordlists
from bot.lookup.text.script import fold, to_simplified

_PAREN = re.compile(r"[（(][^（）()]{0,60}[）)]")
_TIME = re.compile(r"(?<=[\u3400-\u9fff])\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?$")
_TITLE = re.compile(r"《([^《》]{1,60})》")
_LEADING = re.compile(
    f"^(?:{wordlists.alternation('speaker_leads')}"
    r"|\d{4}\s*年版|(?:到|至|截至)?\d{4}(?:、\d{4})*\s*年\s*\d{0,2}\s*月?\s*\d{0,2}\s*日?"
    r"(?:时|以来|之后|以后|底|初)?|同年\d{0,2}月?|[，,、\s])+"
)
# 报告中指出, 宣言里强调: the words are the document's; 中 only says where they stand.
_DOCUMENT_PLACE = re.compile(f"(?:{wordlists.alternation('document_nouns')})[中里]$")
# 格雷的点评一针见血：“…”, 穆迪发布报告称，…: the one whose words or report it is speaks.
_WORDS_OF = re.compile(
    f"^(.+?)(?:的(?:{wordlists.alternation('speech_nouns')})"
    f"|(?:发布|发表)了?(?:的)?(?:一份|新)?(?:{wordlists.alternation('document_nouns')}))"
)
# An agent noun at the end of a phrase: the phrase names someone who can speak; and a known
# body after a description ending in one is that body (国际信用评级机构穆迪 -> 穆迪).
_AGENT = re.compile(f"(?:{wordlists.alternation('agent_nouns')})$")
_TITLES = wordlists.alternation("titles_before_name")
# A title followed by a personal name: keep the name (总理马克·卡尼 -> 马克·卡尼); the last
# title counts (总统国家安全顾问沙利文 -> 沙利文).
_TITLED_NAME = re.compile(rf"^.*(?:{_TITLES})([\u3400-\u9fff·]{{2,10}})$")
# A bare name as a subject (库比柳斯表示，…): a person when the document introduces it with a
# title somewhere (首位国防和太空事务专员库比柳斯).
_BARE_NAME = re.compile(r"^[\u3400-\u9fff]{2,5}$|^[\u3400-\u9fff]{1,6}(?:·[\u3400-\u9fff]{1,6})+$")
_TITLE_END = re.compile(rf"(?:{_TITLES})$")
# A foreign name in full (乔舒亚·雷默), ending where the text writes a bare name: the run of
# name characters before it, which a title or 的 may open (美国学者乔舒亚·雷默).
_NAME_RUN = re.compile(r"[\u3400-\u9fff·]+$")
_GIVEN_NAME = re.compile(r"^[\u3400-\u9fff]{1,4}(?:·[\u3400-\u9fff]{1,6})*$")
# What may follow a name at the end of a subject: a title, nothing else.
_PERSON_TAIL = re.compile(f"(?:{wordlists.alternation('titles_after_name')})?$")
_PRONOUNS = tuple(sorted(wordlists.load("pronouns")))
_DOC_NOUNS = tuple(sorted(wordlists.load("document_nouns")))
_GENERIC_DOC = re.compile(
    f"^(?:{wordlists.alternation('document_pointers')})?"
    f"(?:{wordlists.alternation('document_nouns')})$"
)
MAX_SPEAKER = 18


def clean_phrase(phrase: str) -> str:
    """Drop parentheticals, leading connectives and time words from a subject phrase.

    The patterns are written in simplified script and matched against a simplified copy,
    so a traditional phrase (時任首相…) is cleaned the same way and keeps its script.
    """
    simple = to_simplified(phrase)
    if len(simple) != len(phrase):
        simple = phrase
    for pattern in (_PAREN, _TIME, _LEADING):
        phrase, simple = _cut(pattern, phrase, simple)
    if _DOCUMENT_PLACE.search(simple):
        phrase = phrase[:-1]
    return phrase.strip(" ，,、")


def _cut(pattern: re.Pattern[str], display: str, simple: str) -> tuple[str, str]:
    """Remove what ``pattern`` matches in ``simple`` from both aligned strings."""
    spans = [m.span() for m in pattern.finditer(simple) if m.end() > m.start()]
    for a, b in reversed(spans):
        display, simple = display[:a] + display[b:], simple[:a] + simple[b:]
    return display.strip(), simple.strip()


def is_pronoun(phrase: str) -> bool:
    """True when the subject only points back to someone named earlier (他, 该, 这是…)."""
    simple = to_simplified(clean_phrase(phrase))
    return not simple or simple.startswith(_PRONOUNS)


def generic_document(phrase: str) -> str | None:
    """The document noun of a bare reference such as 宣言 or 该报告, else None."""
    simple = to_simplified(clean_phrase(phrase))
    if _GENERIC_DOC.match(simple):
        return next(n for n in _DOC_NOUNS if simple.endswith(n))
    return None


class SpeakerResolver:
    """Maps subject phrases to speaker names using the alias table.

    Args:
        aliases: The corpus alias table; an empty table leaves only the generic rules.
    """

    def __init__(self, aliases: AliasTable | None = None) -> None:
        aliases = aliases or AliasTable()
        self.persons: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.bodies: dict[str, str] = {}
        for form, canonical in aliases.canonical.items():
            kind = aliases.kinds.get(canonical, "")
            if kind == "person" and len(form) >= 2:
                self.persons[form] = canonical
            elif kind == "country":
                self.places[form] = canonical
            elif kind == "org" and len(form) >= 2:
                self.bodies[form] = canonical
        self._person_forms = sorted(self.persons, key=len, reverse=True)
        self._body_forms = sorted(self.bodies, key=len, reverse=True)
        self._canonical_persons = frozenset(self.persons.values())
        self.aliases = aliases
        self.titles: dict[str, str] = {}
        self.document = ""  # simplified text of the document being read
        self._introductions: dict[str, bool] = {}  # bare name -> introduced in the document
        self._named = ""  # the document's text and its footnotes, in their own script
        self._full_names: dict[str, str | None] = {}  # bare surname -> full name given

    def with_titles(self, titles: Mapping[str, str]) -> SpeakerResolver:
        """A resolver that also knows a document's short titles (folded short -> 《full》)."""
        other = copy.copy(self)
        other.titles = dict(titles)
        return other

    def with_document(self, text: str, notes: str = "") -> SpeakerResolver:
        """A resolver that knows the names ``text`` introduces with a title, and the full
        names that ``text`` or its footnotes (``notes``) give of a bare surname."""
        other = copy.copy(self)
        other.document = to_simplified(text)
        other._introductions = {}
        other._named = f"{text}\n{notes}"
        other._full_names = {}
        return other

    def resolve(self, phrase: str) -> str | None:
        """The speaker a subject phrase names, or None if it names nobody.

        Args:
            phrase: Display text of the subject (either script).

        Returns:
            A person's canonical name, a 《document》, a country, an agent phrase, or None.
        """
        phrase = clean_phrase(phrase)
        if not phrase or len(phrase) > 40:
            return None
        title = _TITLE.search(phrase)
        if title:
            head = phrase[: title.start()]
            if "在" in head:
                # 习近平总书记在参观《复兴之路》展览时: the title says where, not who.
                who = self.resolve(head[: head.index("在")])
                if who:
                    return who
            full = self.titles.get(fold(title.group(1)))
            return full or f"《{title.group(1).strip()}》"
        words_of = _WORDS_OF.match(to_simplified(phrase))
        if words_of and len(to_simplified(phrase)) == len(phrase):
            who = self.resolve(phrase[: words_of.end(1)])
            if who:
                return who
        simple = fold(phrase)
        person = self._person(simple)
        if person:
            return person
        if simple in self.places:
            return self.places[simple]
        if simple[:-1] in self.places and simple[-1] == "方":
            return self.places[simple[:-1]]
        return self._agent(phrase, simple)

    def last_person(self, text: str) -> str | None:
        """The known person mentioned last in ``text`` (simplified), for 他/她."""
        best: tuple[int, str] | None = None
        for form in self._person_forms:
            at = text.rfind(form)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, self.persons[form])
        return best[1] if best else None

    def _person(self, simple: str) -> str | None:
        """A known person heading the phrase: 中国国家主席习近平, 时任首相岸田文雄, 习主席."""
        for form in self._person_forms:
            at = simple.rfind(form)
            if at >= 0 and _PERSON_TAIL.match(simple, at + len(form)):
                return self.persons[form]
        # A person opening the phrase, a predicate after (石破茂就任首相后，…表示): the
        # person is the subject, unless the phrase speaks of something of theirs (…的).
        for form in self._person_forms:
            if simple.startswith(form) and not simple.startswith("的", len(form)):
                return self.persons[form]
        return None

    def _agent(self, phrase: str, simple: str) -> str | None:
        # A long title still ends in a name: 欧盟外交与安全政策高级代表何塞普·博雷利.
        named = _TITLED_NAME.search(to_simplified(phrase))
        if named:
            return phrase[named.start(1) :]
        if len(phrase) > MAX_SPEAKER:
            return None
        if "·" in phrase:
            # 长期从事竞争力研究的迈克尔·波特 -> 迈克尔·波特
            name = phrase.rsplit("的", 1)[-1]
            return name if "·" in name else phrase
        if _AGENT.search(to_simplified(phrase)):
            return phrase
        full = self._full_name(phrase)
        if full:
            return full
        if self._introduced(phrase):
            return phrase
        if any(simple.endswith(f) and len(simple) - len(f) <= 3 for f in self._body_forms):
            return phrase
        for form in self._body_forms:
            if simple.endswith(form) and _AGENT.search(to_simplified(phrase[: -len(form)])):
                return phrase[-len(form) :]
        return None

    def _introduced(self, phrase: str) -> bool:
        """Whether the document names ``phrase`` right after a title (市委书记崔永辉)."""
        simple = to_simplified(phrase)
        if not self.document or not _BARE_NAME.match(simple):
            return False
        if simple not in self._introductions:
            self._introductions[simple] = any(
                _TITLE_END.search(self.document, max(0, at - 3), at)
                for at in _occurrences(self.document, simple)
            )
        return self._introductions[simple]

    def _full_name(self, phrase: str) -> str | None:
        """The full name the document or its footnotes give a bare surname: 雷默认为… with
        a footnote 乔舒亚·雷默：《…》 is 乔舒亚·雷默 speaking."""
        if not self._named or not _BARE_NAME.match(to_simplified(phrase)) or "·" in phrase:
            return None
        if phrase not in self._full_names:
            self._full_names[phrase] = next(
                (
                    full
                    for at in _occurrences(self._named, f"·{phrase}")
                    if not self._named.startswith("·", at + 1 + len(phrase))
                    for full in [_given_name(self._named[:at])]
                    if full
                ),
                None,
            )
        found = self._full_names[phrase]
        return f"{found}·{phrase}" if found else None

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is a person the alias table knows (a canonical name)."""
        return name in self._canonical_persons

    def key(self, speaker: str) -> str:
        """The folded matching form of a speaker (《》 dropped, alias-canonical)."""
        bare = fold(speaker.strip("《》"))
        return self.aliases.canonical.get(bare, bare)


def _given_name(before: str) -> str | None:
    """The given name(s) ending ``before`` (the text up to a ·surname), if they can be told
    from the words before them: the run opens the text or a clause, or follows a title or
    的 (美国学者乔舒亚 -> 乔舒亚); a longer run of characters is no name we can cut out."""
    run = _NAME_RUN.search(before[-MAX_SPEAKER:])
    if run is None or (run.start() == 0 and len(before) > MAX_SPEAKER):
        return None
    name = run.group().lstrip("·")
    simple = to_simplified(name)
    titled = _TITLED_NAME.search(simple + "·")
    if titled:
        name = name[titled.start(1) :]
    elif "的" in name:
        name = name.rsplit("的", 1)[-1]
    return name if _GIVEN_NAME.match(to_simplified(name)) else None


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def speaker_matches(predicted: str | None, gold: str, aliases: AliasTable | None = None) -> bool:
    """Whether a predicted speaker names the same speaker as a gold label.

    Equal after folding (《》, ·, spaces ignored), the same alias-table entity, or one name
    ending with the other when they differ by a short qualifier (中国外交部 / 外交部,
    美国《国家安全战略报告》 / 《国家安全战略报告》, 马克·卡尼 / 卡尼).
    """
    if not predicted:
        return False
    table = aliases or AliasTable()

    def norm(name: str) -> str:
        return re.sub(r"[《》·・\s]", "", fold(name))

    a, b = norm(predicted), norm(gold)
    if a == b:
        return True
    ca, cb = table.canonical.get(a), table.canonical.get(b)
    if ca is not None and ca == cb:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long.endswith(short) and len(long) - len(short) <= 3
