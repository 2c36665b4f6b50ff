"""Typed dependencies for handlers: what ``context.bot_data`` holds, and the context type.

PTB creates ``bot_data`` itself (``ContextTypes(bot_data=BotData)``), with no arguments;
:func:`bot.app.application.build_application` fills in the settings and limits, and ``post_init``
attaches the open library. Handlers read ``context.bot_data.library`` — attributes, never
string keys.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from cachetools import TTLCache
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CallbackContext, ExtBot, JobQueue

from bot.render.strings import Lang, t

if TYPE_CHECKING:
    from bot.app.ratelimit import RateLimiter
    from bot.app.state import Store
    from bot.cards.desk import CardDesk
    from bot.config import Settings
    from bot.feedback.store import FeedbackStore
    from bot.lookup.library import Library
    from bot.state.db import StateDB

# Group admin lists change rarely; a few minutes of staleness is the usual trade-off.
ADMIN_TTL = 300.0


def admin_cache(
    ttl: float = ADMIN_TTL, timer: Callable[[], float] = time.monotonic
) -> TTLCache[int, frozenset[int]]:
    """Admin user ids per group (from getChatAdministrators), each list kept for ``ttl``.

    Not bounded in size: a list is only worth dropping once it expires, and expired lists
    are removed whenever another is stored.
    """
    return TTLCache(maxsize=math.inf, ttl=ttl, timer=timer)


class BotData:
    """The application's shared, typed dependencies."""

    settings: Settings
    limiter: RateLimiter
    commands: tuple[Command, ...]

    def __init__(self) -> None:
        self.admins = admin_cache()
        self.given_library: Library | None = None
        self.given_state: StateDB | None = None  # a store opened by the caller (tests, bench)
        self.warm_up = False  # build the answer indexes in the background after post_init
        self.warming: asyncio.Task[None] | None = None
        # The feedback store's and the digest's clock (Unix time); tests move it by hand.
        self.clock: Callable[[], float] = time.time
        self._library: Library | None = None
        self._store: Store | None = None
        self._cards: CardDesk | None = None
        self._feedback: FeedbackStore | None = None

    def attach(self, library: Library, store: Store, feedback: FeedbackStore) -> None:
        self._library = library
        self._store = store
        self._feedback = feedback

    @property
    def attached(self) -> bool:
        """Whether post_init has opened the library and the store (and shutdown not yet)."""
        return self._store is not None

    def detach(self) -> Library | None:
        library, self._library, self._store = self._library, None, None
        self._feedback = None
        return library

    @property
    def feedback(self) -> FeedbackStore:
        if self._feedback is None:
            raise RuntimeError("the feedback store is not open: post_init has not run")
        return self._feedback

    def attach_cards(self, desk: CardDesk | None) -> CardDesk | None:
        """Set (or, with None, clear) the fact-card desk; returns the one it replaces."""
        previous, self._cards = self._cards, desk
        return previous

    @property
    def cards(self) -> CardDesk:
        if self._cards is None:
            raise RuntimeError("the card desk is not open: post_init has not run")
        return self._cards

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is not open: post_init has not run")
        return self._library

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is not open: post_init has not run")
        return self._store


# ExtBot[int] with the flood-control rate limiter, ExtBot[None] without it.
Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
HandlerCallback = Callable[[Update, Context], Coroutine[Any, Any, None]]
# A JobQueue only when the weekly gaps digest is on (GAPS_CHAT_ID).
ZhikuJobQueue = JobQueue[Context] | None
ZhikuApplication = Application[
    ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData, ZhikuJobQueue
]
ZhikuBuilder = ApplicationBuilder[
    ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData, ZhikuJobQueue
]

Scope = Literal["private", "group", "all"]


@dataclass(frozen=True, slots=True)
class Command:
    """One bot command."""

    name: str
    callback: HandlerCallback
    scope: Scope = "all"
    admin_only: bool = False
    #: For moderators (administrators and BOT_MODERATORS): in the administrators' menu, and
    #: the command checks the sender itself (admin_only would turn BOT_MODERATORS away).
    moderators: bool = False
    aliases: tuple[str, ...] = ()

    def description(self, lang: Lang) -> str:
        return t(f"cmd.{self.name}", lang)

    def visible_in(self, kind: Literal["private", "group"]) -> bool:
        """Whether the command works in that kind of chat."""
        return self.scope in ("all", kind)

    def in_menu(self, kind: Literal["private", "group"], admins: bool) -> bool:
        """Whether the command belongs in that menu (admin-only ones only for admins)."""
        if not self.visible_in(kind):
            return False
        return admins or kind == "private" or not (self.admin_only or self.moderators)
