"""The state in PostgreSQL (``DATABASE_URL``), for hosts whose disk does not survive a deploy.

Several bot instances may share one database (a rolling deploy overlaps two): every
statement takes a connection from a small pool, transactions run at PostgreSQL's default
READ COMMITTED with the rows they decide on locked (:meth:`PgTx.lock_row`), card edits
compare-and-swap the version, and migrations run under an advisory lock so that two
instances starting together do not both apply them.

The stores' SQL is written with ``?`` placeholders; they become psycopg's ``%s`` here (the
stores' SQL never has a literal ``?`` or ``%``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from bot.state.db import Params, Row, StateDB, StateError, Tx
from bot.state.migrations import SCHEMA_TABLE, discover, pending
from bot.state.urls import redact

log = logging.getLogger(__name__)

# Any constant will do, as long as nothing else in the database takes the same lock.
_MIGRATION_LOCK = 0x5A48494B55  # "ZHIKU"
_LOCKABLE = frozenset({"cards", "rate_limits"})


def _sql(sql: str) -> str:
    return sql.replace("?", "%s")


class PgTx(Tx):
    """Statements on one connection (inside a transaction, or autocommit)."""

    def __init__(self, conn: psycopg.AsyncConnection[Any], where: str) -> None:
        self.conn = conn
        self.where = where

    async def execute(self, sql: str, params: Params = ()) -> int:
        with pg_errors(self.where):
            cur = await self.conn.execute(_sql(sql), tuple(params))
            return cur.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with pg_errors(self.where):
            async with self.conn.cursor() as cur:
                await cur.executemany(_sql(sql), [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        with pg_errors(self.where):
            cur = await self.conn.execute(_sql(sql), tuple(params))
            row = await cur.fetchone()
        return tuple(row) if row is not None else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        with pg_errors(self.where):
            cur = await self.conn.execute(_sql(sql), tuple(params))
            rows = await cur.fetchall()
        return [tuple(r) for r in rows]

    async def lock_row(self, table: str, key: object) -> None:
        if table not in _LOCKABLE:
            raise ValueError(f"no row lock for table {table!r}")
        await self.execute(f"SELECT 1 FROM {table} WHERE id = ? FOR UPDATE", (key,))


class PostgresState(StateDB):
    """A pool of connections to one PostgreSQL database."""

    dialect = "postgres"

    def __init__(self, pool: AsyncConnectionPool[Any], where: str) -> None:
        self.pool = pool
        self.where = where

    @classmethod
    async def open(cls, url: str, *, max_size: int = 4) -> PostgresState:
        """Connect to ``url`` and bring the schema up to date.

        Raises:
            StateError: the server cannot be reached or refuses, or the schema is newer.
        """
        where = redact(url)
        pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            kwargs={"autocommit": True},
            open=False,
            name="zhiku-state",
        )
        try:
            with pg_errors(where):
                await pool.open(wait=True, timeout=15)
        except BaseException:
            await pool.close()
            raise
        state = cls(pool, where)
        try:
            await state._migrate()
        except BaseException:
            await pool.close()
            raise
        return state

    def describe(self) -> str:
        return f"PostgreSQL {self.where}"

    async def close(self) -> None:
        await self.pool.close()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        with pg_errors(self.where):
            async with self.pool.connection(timeout=15) as conn:
                yield conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._connection() as conn:
            return await PgTx(conn, self.where).execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as tx:
            await tx.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._connection() as conn:
            return await PgTx(conn, self.where).fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._connection() as conn:
            return await PgTx(conn, self.where).fetchall(sql, params)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        async with self._connection() as conn:
            with pg_errors(self.where):
                async with conn.transaction():
                    yield PgTx(conn, self.where)

    async def _migrate(self) -> None:
        async with self.transaction() as tx:
            await tx.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            await tx.execute(SCHEMA_TABLE)
            applied = {
                int(r[0]) for r in await tx.fetchall("SELECT version FROM schema_migrations")
            }
            for migration in pending(discover("postgres"), applied, self.where):
                assert isinstance(tx, PgTx)
                with pg_errors(self.where):
                    await tx.conn.execute(migration.sql().encode())
                await tx.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )
                log.info("applied state migration %s", migration.path.name)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def pg_errors(where: str) -> Iterator[None]:
    """Connection and server failures become :class:`StateError`; constraint errors pass."""
    try:
        yield
    except psycopg.errors.IntegrityError:
        raise
    except psycopg.errors.DiskFull as exc:
        raise StateError(f"the PostgreSQL server {where} is out of disk space: {exc}") from exc
    except psycopg.errors.ReadOnlySqlTransaction as exc:
        raise StateError(f"the PostgreSQL server {where} is read-only: {exc}") from exc
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        raise StateError(f"cannot reach the PostgreSQL state store {where}: {exc}") from exc
    except psycopg.DatabaseError as exc:
        raise StateError(f"the PostgreSQL state store {where} failed: {exc}") from exc
    except PoolTimeout as exc:
        raise StateError(f"cannot reach the PostgreSQL state store {where}: {exc}") from exc
