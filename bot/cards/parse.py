"""The ``/card`` sub-commands, parsed into requests; and what a replied-to message refers to.

``/card <query>`` drafts a card; a first word that is a sub-command only counts as one when
the rest has the sub-command's shape, so ``/card New Development Bank`` is still a query:

======================================  ============================================
``new <title> | <fact> | <fact>``       a card written by hand (needs a ``|``)
``edit [<id>[@<version>]] <part> <text>``  ``title``, ``fact <n>``, ``quote``; ``-`` removes
``cite <id> <pid>`` / ``uncite ...``    add or drop a citation
``restore <id> <version>``              make an old version current again
``<verb> [<id>]``                       show, history, pin, unpin, delete, undelete,
                                        lock, unlock
``help [<sub-command>]``, nothing       how ``/card`` (or the sub-command) works
======================================  ============================================

Without ``<id>`` the card is the one the command replies to (its footer ``🗂 #id · vN``
names it and the version the moderator saw).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.cards.model import Part

Verb = Literal["show", "history", "pin", "unpin", "delete", "undelete", "lock", "unlock"]
VERBS: tuple[Verb, ...] = (
    "show",
    "history",
    "pin",
    "unpin",
    "delete",
    "undelete",
    "lock",
    "unlock",
)
REMOVE = "-"
PID = re.compile(r"d\d{1,3}(?:\.a\d{1,3})?\.[pn]\d{1,5}")
MARK = "🗂 #{id} · v{version}"
_MARK = re.compile(r"🗂 #(\d{1,9}) · v(\d{1,6})")
_CARD_ID = re.compile(r"#?(\d{1,9})(?:@v?(\d{1,6}))?")
_PARTS: dict[str, Part] = {
    "title": "title",
    "标题": "title",
    "標題": "title",
    "fact": "fact",
    "事实": "fact",
    "事實": "fact",
    "quote": "quote",
    "引文": "quote",
    "引语": "quote",
    "引語": "quote",
}
_ANSWER_ICONS = ("🔎", "📝", "🗓", "💬")
# Words that ask how /card works, in the bot's three languages; a draft about "help" is
# never what they mean.
_HELP = frozenset({"help", "帮助", "幫助", "?", "？"})


@dataclass(frozen=True, slots=True)
class Draft:
    query: str  # empty: draft from the answer the command replies to


@dataclass(frozen=True, slots=True)
class NewCard:
    title: str
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EditCard:
    card: int | None
    base: int | None  # the version the edit was made against (None: the current one)
    part: Part
    number: int  # the fact's number (1-based); 0 for the title and the quote
    text: str | None  # None removes the fact or the quote


@dataclass(frozen=True, slots=True)
class CiteCard:
    card: int | None
    pid: str
    remove: bool = False


@dataclass(frozen=True, slots=True)
class RestoreCard:
    card: int | None
    version: int


@dataclass(frozen=True, slots=True)
class CardVerb:
    verb: Verb
    card: int | None


Topic = Literal["card", "new", "edit", "cite", "restore"]
TOPICS: tuple[Topic, ...] = ("card", "new", "edit", "cite", "restore")


@dataclass(frozen=True, slots=True)
class Usage:
    topic: Topic


Request = Draft | NewCard | EditCard | CiteCard | RestoreCard | CardVerb | Usage


def parse_card(argument: str) -> Request:
    """What ``/card <argument>`` asks for."""
    text = argument.strip()
    word, _, rest = text.partition(" ")
    word, rest = word.lower(), rest.strip()
    if word in _HELP and (not rest or rest.lower() in TOPICS):
        return Usage(_topic(rest.lower() or "card"))
    if word == "new" and ("|" in rest or not rest):
        return _new(rest)
    if word == "edit":
        return _edit(rest)
    if word in ("cite", "uncite"):
        return _cite(rest, remove=word == "uncite")
    if word == "restore":
        return _restore(rest)
    if word in VERBS and (not rest or _CARD_ID.fullmatch(rest)):
        return CardVerb(_verb(word), _card_id(rest))
    if _CARD_ID.fullmatch(text) and text.startswith("#"):
        return CardVerb("show", _card_id(text))
    return Draft(text)


def _topic(word: str) -> Topic:
    return next(t for t in TOPICS if t == word)


def _verb(word: str) -> Verb:
    return next(v for v in VERBS if v == word)


def _card_id(text: str) -> int | None:
    match = _CARD_ID.fullmatch(text.strip())
    return int(match[1]) if match else None


def _new(rest: str) -> Request:
    title, *facts = (part.strip() for part in rest.split("|"))
    facts = [fact for fact in facts if fact]
    if not title or not facts:
        return Usage("new")
    return NewCard(title, tuple(facts))


def _edit(rest: str) -> Request:
    words = rest.split(maxsplit=1)
    card = base = None
    if words and _CARD_ID.fullmatch(words[0]):
        found = _CARD_ID.fullmatch(words[0])
        assert found is not None
        card, base = int(found[1]), int(found[2]) if found[2] else None
        words = words[1].split(maxsplit=1) if len(words) > 1 else []
    if len(words) < 2 or words[0].lower() not in _PARTS:
        return Usage("edit")
    part, text = _PARTS[words[0].lower()], words[1].strip()
    number = 0
    if part == "fact":
        head, _, text = text.partition(" ")
        if not head.isdigit() or not text.strip():
            return Usage("edit")
        number = int(head)
    text = text.strip()
    return EditCard(card, base, part, number, None if text == REMOVE else text)


def _cite(rest: str, *, remove: bool) -> Request:
    words = rest.split()
    card = _card_id(words[0]) if len(words) == 2 else None
    pid = normalise_pid(words[-1]) if words else ""
    if not PID.fullmatch(pid) or (len(words) == 2 and card is None) or len(words) > 2:
        return Usage("cite")
    return CiteCard(card, pid, remove)


def _restore(rest: str) -> Request:
    words = rest.replace("@", " ").split()
    numbers = [w.lstrip("#v") for w in words]
    if not 1 <= len(numbers) <= 2 or not all(n.isdigit() for n in numbers):
        return Usage("restore")
    if len(numbers) == 1:
        return RestoreCard(None, int(numbers[0]))
    return RestoreCard(int(numbers[0]), int(numbers[1]))


def normalise_pid(text: str) -> str:
    """``D2.A6.P41``, ``<d2.a6.p41>`` or the deep-link form ``d2-a6-p41`` -> ``d2.a6.p41``."""
    return text.strip("<>()[]「」，。,").lower().replace("-", ".")


# -- what a replied-to message refers to ---------------------------------------------------


def card_mark(text: str) -> tuple[int, int] | None:
    """(card id, version) from a card message's footer, or None if it is not a card."""
    found = _MARK.findall(text)
    if not found:
        return None
    card, version = found[-1]
    return int(card), int(version)


def cited_pids(text: str) -> list[str]:
    """The passage ids an answer's citation lines (``📎 … · d0.p26``) name, in order."""
    cited = [PID.findall(line) for line in text.splitlines() if "📎" in line]
    pids = [pid for found in cited for pid in found[-1:]]
    return list(dict.fromkeys(pids or PID.findall(text)))


def answer_title(text: str) -> str | None:
    """The query an answer's header line (``📝 金砖扩员：原文摘要``) echoes, if it has one."""
    first = text.strip().split("\n", 1)[0].strip()
    if not first.startswith(_ANSWER_ICONS):
        return None
    title = re.split(r"[：:]\s|：| · ", first[1:].strip(), maxsplit=1)[0].strip()
    return title or None


def edit_command(card_id: int, version: int, request: EditCard) -> str:
    """The command that repeats ``request`` against ``version`` (offered after a conflict)."""
    number = f" {request.number}" if request.part == "fact" else ""
    text = REMOVE if request.text is None else request.text
    return f"/card edit {card_id}@{version} {request.part}{number} {text}"
