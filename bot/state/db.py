"""One interface to the state store, whatever holds it.

The stores (chat settings, button state, cards, feedback) write their SQL once, with ``?``
placeholders and the subset of SQL that SQLite and PostgreSQL share (``INSERT … ON
CONFLICT``, ``RETURNING``, partial indexes); each backend translates the placeholders and
runs it. Every statement runs either alone (autocommit) or inside :meth:`StateDB.transaction`,
and the two never interleave: a backend serialises its connection, so another coroutine's
statement cannot land inside someone else's transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, ClassVar, Literal

from bot.lookup.errors import ZhikuError

Row = tuple[Any, ...]
Params = Sequence[object]
Dialect = Literal["sqlite", "postgres"]


class StateError(ZhikuError):
    """The state store cannot be used as asked; the message says why and what to do.

    Users see a short "cannot save right now" reply; the maintainers' chat gets the detail.
    """

    key = "error.state"


class StateLost(StateError):
    """The store's file was deleted, replaced or unmounted under the running bot."""


class StateCorrupt(StateError):
    """The store fails its integrity check: it is never written to, only restored."""


class StateMissing(StateError):
    """The store is not there although the bot has run before (or its folder is not)."""


class Tx(ABC):
    """The statements of one transaction (or of one autocommit statement)."""

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an ``INSERT … RETURNING id`` and return the id."""
        row = await self.fetchone(sql, params)
        if row is None:
            raise StateError("an INSERT … RETURNING returned no row")
        return int(row[0])

    async def lock_row(self, table: str, key: object) -> None:  # noqa: B027 - optional hook
        """Lock one row (by ``id``) until the transaction ends, where the backend needs it.

        SQLite's ``BEGIN IMMEDIATE`` already admits one writer at a time; PostgreSQL locks the
        row, so that rules checked on it (a lock flag, the current version) hold until commit
        even when another instance writes at the same moment.
        """


class StateDB(Tx):
    """An open state store: single statements, transactions, and the store's lifecycle."""

    dialect: ClassVar[Dialect]

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Tx]:
        """A write transaction: committed when the block ends, rolled back if it raises."""

    @abstractmethod
    async def close(self) -> None:
        """Close the connection(s)."""

    @abstractmethod
    def describe(self) -> str:
        """Where the state lives, for logs and messages (never a password)."""
