"""Who may do what to a card, and what a valid card looks like: pure decisions.

Everyone may read cards; moderators (a chat's administrators and the configured
``BOT_MODERATORS``) create, edit, pin, unpin, lock and delete them. A locked card takes no
edits until it is unlocked; a deleted card takes nothing but an undelete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.cards.errors import CardError
from bot.cards.model import Card, CardContent

Action = Literal[
    "read",
    "create",
    "edit",
    "pin",
    "unpin",
    "lock",
    "unlock",
    "delete",
    "undelete",
    "log",
]

MAX_TITLE = 60
MAX_FACT = 200
MAX_FACTS = 3
MAX_QUOTE = 400
MAX_SOURCES = 5
# Changing content, and throwing a card away, are what a lock protects against.
_LOCKED_OUT: frozenset[Action] = frozenset({"edit", "delete"})


@dataclass(frozen=True, slots=True)
class Decision:
    """Allowed, or refused with the key of the string that says why."""

    allowed: bool
    reason: str = ""


ALLOWED = Decision(True)


def decide(action: Action, *, moderator: bool, card: Card | None = None) -> Decision:
    """Whether ``action`` on ``card`` (None: a new card or the chat's log) is allowed."""
    if action == "read":
        return ALLOWED
    if not moderator:
        return Decision(False, "cards.moderators_only")
    if card is None:
        return ALLOWED
    return _card_state(action, card)


def _card_state(action: Action, card: Card) -> Decision:
    if action == "undelete":
        return ALLOWED if card.deleted else Decision(False, "cards.not_deleted")
    if card.deleted:
        return Decision(False, "cards.deleted")
    if card.locked and action in _LOCKED_OUT:
        return Decision(False, "cards.locked")
    refusals: dict[Action, tuple[bool, str]] = {
        "pin": (card.pin is not None, "cards.already_pinned"),
        "unpin": (card.pin is None, "cards.not_pinned"),
        "lock": (card.locked, "cards.already_locked"),
        "unlock": (not card.locked, "cards.not_locked"),
    }
    refused, reason = refusals.get(action, (False, ""))
    return Decision(False, reason) if refused else ALLOWED


def require(action: Action, *, moderator: bool, card: Card | None = None) -> None:
    """Raise a :class:`CardError` with the reason when ``action`` is not allowed."""
    decision = decide(action, moderator=moderator, card=card)
    if not decision.allowed:
        raise CardError(decision.reason, card_id=card.id if card else "")


def one_line(text: str) -> str:
    """Card parts are single lines: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def check_content(content: CardContent) -> None:
    """Raise a :class:`CardError` unless ``content`` is a card that fits one phone screen."""
    if not content.title:
        raise CardError("cards.no_title")
    _check_length(content.title, MAX_TITLE)
    if not content.facts:
        raise CardError("cards.no_facts")
    if len(content.facts) > MAX_FACTS:
        raise CardError("cards.too_many_facts", limit=MAX_FACTS)
    for fact in content.facts:
        _check_length(fact, MAX_FACT)
    if content.quote is not None:
        _check_length(content.quote, MAX_QUOTE)
    if len(content.sources) > MAX_SOURCES:
        raise CardError("cards.too_many_sources", limit=MAX_SOURCES)


def _check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise CardError("cards.too_long", length=len(text), limit=limit)


def check_fact_number(content: CardContent, number: int, removing: bool) -> None:
    """A fact number names an existing fact, or (when adding) the next free one."""
    last = len(content.facts) if removing else min(len(content.facts) + 1, MAX_FACTS)
    if not 1 <= number <= last:
        raise CardError("cards.bad_fact_number", number=number, count=len(content.facts))
    if removing and len(content.facts) == 1:
        raise CardError("cards.no_facts")
