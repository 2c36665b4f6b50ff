"""Button and deep-link payloads: one short, versioned, prefixed codec with one parser.

Callback data is at most 64 bytes, so buttons carry only an action and a short id:

=========================  ==================================================
``v1:pg:<state>:<page>``   show page ``page`` of a stored query (edits)
``v1:mo:<state>``          the search results behind a summary or timeline
``v1:src:<pid>``           open a passage's source as a new message
``v1:nav:<pid>``           move the shown source to another passage (edits)
``v1:set:<field>:<value>`` change a chat setting (``sc`` script, ``lg`` language)
``v1:cd:<verb>:<card>``    a fact card's button: ``pin``, ``edit``, ``disc``, ``unpin``
``v1:fb:<state>:<u|d>``    👍 or 👎 on the answer whose button state is ``state``
``v1:gp:<verb>:<entry>``   a gap in /gaps: ``card`` (draft a fact card), ``dis`` (dismiss)
=========================  ==================================================

``<state>`` names a row in SQLite (:mod:`bot.app.state`), so a button keeps working after a
restart. Anything else — an old version, a forged or truncated string — parses to None and
the user gets a polite alert. Deep links (``t.me/<bot>?start=<payload>``) allow only
``A-Z a-z 0-9 _ -``, so passage ids travel with their dots as dashes: ``p_d2-a6-p41``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.render.chathtml import Script
from bot.render.strings import Lang

VERSION = "v1"
MAX_BYTES = 64
STATE_ID = r"[A-Za-z0-9_-]{6,16}"
PID = r"d(?:\d{1,3}|k[0-9a-f]{4,16})(?:\.a\d{1,3})?\.[pn]\d{1,5}"

# Settings values as buttons carry them.
SCRIPT_BY_CODE: dict[str, Script] = {
    "s": "simplified",
    "t": "traditional",
    "a": "auto",
    "src": "source",
}
LANG_BY_CODE: dict[str, Lang | None] = {
    "auto": None,
    "hans": "zh-Hans",
    "hant": "zh-Hant",
    "en": "en",
}


@dataclass(frozen=True, slots=True)
class Page:
    state: str
    page: int


@dataclass(frozen=True, slots=True)
class More:
    state: str


@dataclass(frozen=True, slots=True)
class OpenSource:
    pid: str


@dataclass(frozen=True, slots=True)
class Navigate:
    pid: str


@dataclass(frozen=True, slots=True)
class SetOption:
    field: Literal["sc", "lg"]
    value: str


CardVerbCode = Literal["pin", "edit", "disc", "unpin"]
CARD_VERBS: tuple[CardVerbCode, ...] = ("pin", "edit", "disc", "unpin")


@dataclass(frozen=True, slots=True)
class CardAction:
    """A fact card's button; the card's chat and the presser's rights are checked on use."""

    verb: CardVerbCode
    card: int


@dataclass(frozen=True, slots=True)
class Vote:
    """👍 (``up``) or 👎 on an answer; the state's chat is checked against the message's."""

    state: str
    up: bool


GapVerbCode = Literal["card", "dis"]


@dataclass(frozen=True, slots=True)
class GapAction:
    """A gap's button in /gaps, naming one row of the unanswered log; moderators only."""

    verb: GapVerbCode
    entry: int


Callback = Page | More | OpenSource | Navigate | SetOption | CardAction | Vote | GapAction

_SETTINGS = {"sc": tuple(SCRIPT_BY_CODE), "lg": tuple(LANG_BY_CODE)}
_PATTERNS = {
    "pg": re.compile(rf"({STATE_ID}):(\d{{1,3}})"),
    "mo": re.compile(rf"({STATE_ID})"),
    "src": re.compile(rf"({PID})"),
    "nav": re.compile(rf"({PID})"),
    "set": re.compile(r"(sc|lg):([a-z]{1,4})"),
    "cd": re.compile(r"(pin|edit|disc|unpin):([1-9]\d{0,8})"),
    "fb": re.compile(rf"({STATE_ID}):([ud])"),
    "gp": re.compile(r"(card|dis):([1-9]\d{0,17})"),
}


def encode(callback: Callback) -> str:
    """The callback_data string for ``callback`` (always ≤ 64 bytes for valid inputs)."""
    match callback:
        case Page(state, page):
            body = f"pg:{state}:{page}"
        case More(state):
            body = f"mo:{state}"
        case OpenSource(pid):
            body = f"src:{pid}"
        case Navigate(pid):
            body = f"nav:{pid}"
        case SetOption(field, value):
            body = f"set:{field}:{value}"
        case CardAction(verb, card):
            body = f"cd:{verb}:{card}"
        case Vote(state, up):
            body = f"fb:{state}:{'u' if up else 'd'}"
        case GapAction(verb, entry):
            body = f"gp:{verb}:{entry}"
    data = f"{VERSION}:{body}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data longer than {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None) -> Callback | None:
    """The callback ``data`` stands for, or None if it is not something we issued."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    version, _, rest = data.partition(":")
    action, _, args = rest.partition(":")
    pattern = _PATTERNS.get(action)
    if version != VERSION or pattern is None:
        return None
    match = pattern.fullmatch(args)
    if match is None:
        return None
    return _build(action, match.groups())


def _build(action: str, groups: tuple[str, ...]) -> Callback | None:
    if action == "pg":
        return Page(groups[0], int(groups[1]))
    if action == "mo":
        return More(groups[0])
    if action == "src":
        return OpenSource(groups[0])
    if action == "nav":
        return Navigate(groups[0])
    if action == "cd":
        verb = next(v for v in CARD_VERBS if v == groups[0])
        return CardAction(verb, int(groups[1]))
    if action == "fb":
        return Vote(groups[0], groups[1] == "u")
    if action == "gp":
        return GapAction("card" if groups[0] == "card" else "dis", int(groups[1]))
    field, value = groups
    if value not in _SETTINGS[field]:
        return None
    return SetOption("sc" if field == "sc" else "lg", value)


# -- deep links ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartPassage:
    pid: str


@dataclass(frozen=True, slots=True)
class StartQuery:
    state: str


StartPayload = StartPassage | StartQuery


def passage_payload(pid: str) -> str:
    """The /start payload that opens passage ``pid`` (``d2.a6.p41`` -> ``p_d2-a6-p41``)."""
    return "p_" + pid.replace(".", "-")


def query_payload(state: str) -> str:
    """The /start payload that reruns a stored query in the private chat."""
    return "q_" + state


def parse_start(payload: str | None) -> StartPayload | None:
    """What a /start payload asks for, or None (a plain /start, or something unknown)."""
    if not payload:
        return None
    kind, _, value = payload.partition("_")
    if kind == "p":
        pid = value.replace("-", ".")
        return StartPassage(pid) if re.fullmatch(PID, pid) else None
    if kind == "q" and re.fullmatch(STATE_ID, value):
        return StartQuery(value)
    return None


def deep_link(username: str, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``: opens the private chat with the bot."""
    return f"https://t.me/{username}?start={payload}"
