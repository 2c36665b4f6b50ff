"""The card desk: one call per thing a moderator does, on top of the store and the library.

The caller has already checked that the person is a moderator (``rules.require``); the
desk checks what depends on the card (locked, deleted, the version an edit was based on)
inside the store's transactions. Quotes are only ever verbatim: a quote typed by hand is
checked against the corpus with :meth:`Library.verify` and cited where it was found.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Literal

import aiosqlite

from bot.cards.draft import draft_from_passages, draft_from_query
from bot.cards.errors import CardError
from bot.cards.model import Actor, Card, CardContent, Part, Source, StaleCard
from bot.cards.rules import check_fact_number, one_line
from bot.cards.sources import index_shas, passage_sources
from bot.cards.stale import check_cards
from bot.cards.store import CardStore
from bot.lookup.index.indexer import read_state
from bot.lookup.library import Library
from bot.state.db import StateDB

QUOTE_ECHO = 80


class CardDesk:
    """Drafting, editing, citing and restoring cards for one bot."""

    def __init__(self, store: CardStore, library: Library) -> None:
        self.store = store
        self.library = library
        # The corpus version the cards were last checked against, and one check at a time.
        self.checked_version: str | None = None
        self.checking = asyncio.Lock()

    @classmethod
    def open(cls, state: StateDB, library: Library) -> CardDesk:
        """A desk keeping cards in ``state`` and citing passages of ``library``'s index."""
        return cls(CardStore(state, index_shas(library)), library)

    @property
    def conn(self) -> aiosqlite.Connection:
        """The index's connection (the passages cards cite)."""
        return self.library.conn

    async def index_version(self) -> str:
        """The corpus version of the index the cards are checked against."""
        return str((await read_state(self.conn)).get("version", ""))

    async def stale_cards(self) -> list[StaleCard]:
        """Cards whose cited passages changed since their moderators were last told."""
        return await check_cards(self.store, self.conn)

    async def draft(self, chat_id: int, actor: Actor, query: str) -> Card | None:
        """A draft card about ``query`` (None when the corpus has nothing on it)."""
        content = await draft_from_query(self.library, query)
        if content is None:
            return None
        return await self._create(chat_id, actor, content, "draft", query)

    async def draft_from_answer(
        self, chat_id: int, actor: Actor, pids: list[str], title: str | None
    ) -> Card | None:
        """A draft from the passages an answer cited (when its query was not stored)."""
        content = await draft_from_passages(self.library, pids, title)
        if content is None:
            return None
        return await self._create(chat_id, actor, content, "draft", title)

    async def new(self, chat_id: int, actor: Actor, title: str, facts: list[str]) -> Card:
        """A card written by hand (citations come later with :meth:`cite`)."""
        content = CardContent(one_line(title), tuple(one_line(f) for f in facts if f.strip()))
        return await self._create(chat_id, actor, content, "new", None)

    async def _create(
        self,
        chat_id: int,
        actor: Actor,
        content: CardContent,
        change: Literal["draft", "new"],
        query: str | None,
    ) -> Card:
        sources = await passage_sources(self.conn, content.sources)
        return await self.store.create(
            chat_id, content, sources.values(), actor, change=change, query=query
        )

    async def edit(
        self,
        card: Card,
        base: int | None,
        part: Part,
        number: int,
        text: str | None,
        actor: Actor,
    ) -> Card:
        """Replace (or, with ``text`` None, remove) one part of the card as a new version.

        Raises:
            VersionConflict: ``base`` is outdated; the card is unchanged.
            CardError: the part or text is not acceptable (quote not verbatim, too long...).
        """
        content, sources = card.content, []
        if part == "fact":
            check_fact_number(content, number, removing=text is None)
            content = content.with_part("fact", number, one_line(text) if text else None)
        elif part == "title":
            if not text:
                raise CardError("cards.no_title")
            content = content.with_part("title", 0, one_line(text))
        elif text is None:
            content = content.with_part("quote", 0, None)
        else:
            content, source = await self._quoted(content, one_line(text))
            sources.append(source)
        return await self.store.update(
            card.id, base, content, actor, "edit", sources=sources, detail=part
        )

    async def _quoted(self, content: CardContent, text: str) -> tuple[CardContent, Source]:
        result = await self.library.verify(text)
        match = result.match or {}
        found = await passage_sources(self.conn, [str(match.get("passage_id", ""))])
        if result.verdict != "verbatim" or not found:
            raise CardError("cards.quote_not_verbatim", found=_echo(str(match.get("text", ""))))
        source = next(iter(found.values()))
        quoted = replace(content, quote=text, speaker=None, quote_pid=source.pid)
        return quoted.citing(source.pid), source

    async def cite(self, card: Card, pid: str, actor: Actor) -> Card:
        """Cite passage ``pid``; citing it again accepts its current text (after a change)."""
        found = await passage_sources(self.conn, [pid])
        if pid not in found:
            raise CardError("cards.no_such_passage", pid=pid)
        if pid in card.content.sources:
            return await self.store.refresh_sources(card.id, found.values(), actor, pid)
        content = card.content.citing(pid)
        return await self.store.update(
            card.id, None, content, actor, "cite", sources=found.values(), detail=pid
        )

    async def uncite(self, card: Card, pid: str, actor: Actor) -> Card:
        """Stop citing ``pid`` (and drop the quote if it came from there)."""
        if pid not in card.content.sources:
            raise CardError("cards.not_cited", pid=pid, card_id=card.id)
        content = card.content.without(pid)
        return await self.store.update(card.id, None, content, actor, "uncite", detail=pid)

    async def restore(self, card: Card, version: int, actor: Actor) -> Card:
        """Make an old version current again (as a new version: history only grows)."""
        old = await self.store.version(card.id, version)
        if old is None:
            raise CardError("cards.no_such_version", card_id=card.id, version=version)
        return await self.store.update(
            card.id, None, old.content, actor, "restore", detail=f"v{version}"
        )


def _echo(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= QUOTE_ECHO else text[: QUOTE_ECHO - 1] + "…"
