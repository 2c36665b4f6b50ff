"""What a fact card is: its content (one version), the sources it cites, its pin and log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Literal

CardState = Literal["draft", "pinned", "deleted"]
Part = Literal["title", "fact", "quote"]


@dataclass(frozen=True, slots=True)
class CardContent:
    """One version of a card: a title, 1–3 facts, an optional verbatim quote, citations."""

    title: str
    facts: tuple[str, ...]
    quote: str | None = None
    speaker: str | None = None
    quote_pid: str | None = None
    sources: tuple[str, ...] = ()  # cited passage ids, in the order they are shown

    def to_json(self) -> str:
        data = {
            "title": self.title,
            "facts": list(self.facts),
            "quote": self.quote,
            "speaker": self.speaker,
            "quote_pid": self.quote_pid,
            "sources": list(self.sources),
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CardContent:
        data: dict[str, Any] = json.loads(text)
        return cls(
            title=str(data["title"]),
            facts=tuple(str(f) for f in data["facts"]),
            quote=data.get("quote"),
            speaker=data.get("speaker"),
            quote_pid=data.get("quote_pid"),
            sources=tuple(str(p) for p in data.get("sources", [])),
        )

    def with_part(self, part: Part, number: int, text: str | None) -> CardContent:
        """A copy with one part replaced (``text`` None removes a fact or the quote)."""
        if part == "title":
            return replace(self, title=text or self.title)
        if part == "quote":
            return replace(self, quote=text, speaker=None, quote_pid=None)
        facts = list(self.facts)
        if text is None:
            del facts[number - 1]
        elif number == len(facts) + 1:
            facts.append(text)
        else:
            facts[number - 1] = text
        return replace(self, facts=tuple(facts))

    def citing(self, pid: str) -> CardContent:
        """A copy that also cites ``pid`` (unchanged if it already does)."""
        if pid in self.sources:
            return self
        return replace(self, sources=(*self.sources, pid))

    def without(self, pid: str) -> CardContent:
        """A copy that no longer cites ``pid`` (nor quotes from it)."""
        sources = tuple(p for p in self.sources if p != pid)
        if self.quote_pid == pid:
            return replace(self, sources=sources, quote=None, speaker=None, quote_pid=None)
        return replace(self, sources=sources)


@dataclass(frozen=True, slots=True)
class Source:
    """A cited passage as it read when it was cited (the text is kept to show what changed)."""

    pid: str
    title: str
    sha: str
    text: str


@dataclass(frozen=True, slots=True)
class Pin:
    """Where a pinned card's message is."""

    chat_id: int
    message_id: int
    pinned_by: int | None
    pinned_at: str


@dataclass(frozen=True, slots=True)
class Card:
    """A card as stored now: its current version's content and its flags."""

    id: int
    chat_id: int
    version: int
    content: CardContent
    sources: tuple[Source, ...] = ()  # the cited passages of ``content``, same order
    locked: bool = False
    deleted: bool = False
    pin: Pin | None = None
    stale: tuple[str, ...] = ()  # cited passage ids whose text changed or disappeared
    created_by: int | None = None
    updated_at: str = ""

    @property
    def state(self) -> CardState:
        if self.deleted:
            return "deleted"
        return "pinned" if self.pin is not None else "draft"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something: a user, or an anonymous administrator posting as the chat."""

    id: int | None
    name: str
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class Version:
    """One entry of a card's history."""

    card_id: int
    version: int
    content: CardContent
    change: str  # draft, new, edit, cite, uncite, restore
    author: Actor
    created_at: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of a chat's audit trail: who did what to which card, when."""

    card_id: int | None
    actor: Actor
    action: str
    version: int | None
    detail: str
    at: str


@dataclass(frozen=True, slots=True)
class StaleSource:
    """A cited passage that no longer reads as cited: ``new_text`` None if it is gone."""

    pid: str
    title: str
    old_text: str
    new_text: str | None
    new_sha: str  # '' when the passage is gone


@dataclass(frozen=True, slots=True)
class StaleCard:
    """A card that a re-ingest made untrue, with what changed (not yet told)."""

    card: Card
    sources: tuple[StaleSource, ...] = field(default_factory=tuple)
