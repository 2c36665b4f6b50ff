"""The state in an SQLite file: the default, embedded backend.

What it guards against, besides running the statements:

- **A corrupt file** fails ``PRAGMA quick_check`` at open and is never written to
  (:class:`StateCorrupt`, with the restore command).
- **A file deleted, replaced or unmounted under the running bot.** The file's identity
  (device and inode) is taken at open and checked before every write; a write to a file
  that is no longer there would go to a ghost that vanishes at the next restart, so it
  fails instead (:class:`StateLost`).
- **A full or read-only disk** gives a message that says so.
- **A database from earlier releases**, which kept the state beside the index in one file,
  is adopted in place: its state tables are exactly those of migration 0001, so that
  migration is recorded as applied and the index tables, which live elsewhere now, are
  dropped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.state.db import Params, Row, StateCorrupt, StateDB, StateError, StateLost, Tx
from bot.state.migrations import SCHEMA_TABLE, discover, pending

log = logging.getLogger(__name__)

# What a database of the earlier one-file layout holds besides the state (derived data).
LEGACY_INDEX_TABLES = (
    "passages_fts", "passages", "articles", "documents", "vocab", "grams", "token_df",
    "corpus_state",
)  # fmt: skip
LEGACY_VERSION = 5  # the one-file layout's last schema version (PRAGMA user_version)


class SqliteTx(Tx):
    """Statements on the connection, with SQLite's errors turned into clear ones."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    async def execute(self, sql: str, params: Params = ()) -> int:
        with sqlite_errors(self.path):
            cur = await self.conn.execute(sql, tuple(params))
            return cur.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with sqlite_errors(self.path):
            await self.conn.executemany(sql, [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        with sqlite_errors(self.path):
            async with self.conn.execute(sql, tuple(params)) as cur:
                row = await cur.fetchone()
        return tuple(row) if row is not None else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        with sqlite_errors(self.path):
            rows = await self.conn.execute_fetchall(sql, tuple(params))
        return [tuple(r) for r in rows]


class SqliteState(SqliteTx, StateDB):
    """An open SQLite state file. One connection; statements and transactions take turns."""

    dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        super().__init__(conn, path)
        self._lock = asyncio.Lock()
        self._identity = file_identity(path)

    @classmethod
    async def open(cls, path: Path) -> SqliteState:
        """Open (creating if needed) the state file at ``path``, checked and migrated.

        Raises:
            StateCorrupt: the file fails its integrity check (it is left untouched).
            StateError: it cannot be opened or written, or its schema is newer than this code.
        """
        with sqlite_errors(path):
            conn = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            with sqlite_errors(path):
                await _check_integrity(conn, path)
                await conn.execute("PRAGMA busy_timeout = 5000")
                await conn.execute("PRAGMA foreign_keys = ON")
                await conn.execute("PRAGMA journal_mode = WAL")
                # WAL with NORMAL survives a killed process; FULL would also survive power
                # loss, at an fsync per answer (every answer stores its buttons' query).
                await conn.execute("PRAGMA synchronous = NORMAL")
                await _adopt_legacy(conn, path)
                await _migrate(conn, path)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    def describe(self) -> str:
        return f"SQLite file {self.path}"

    async def close(self) -> None:
        await self.conn.close()

    # -- statements: writes check that the file is still the one opened -----------------

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._lock:
            self.check_file()
            return await super().execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self._lock:
            self.check_file()
            await super().executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._lock:
            return await super().fetchone(sql, params)

    async def insert(self, sql: str, params: Params = ()) -> int:
        async with self._lock:
            self.check_file()
            return await SqliteTx(self.conn, self.path).insert(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._lock:
            return await super().fetchall(sql, params)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        async with self._lock:
            self.check_file()
            tx = SqliteTx(self.conn, self.path)
            await tx.execute("BEGIN IMMEDIATE")
            try:
                yield tx
            except BaseException:
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise
            await tx.execute("COMMIT")

    def check_file(self) -> None:
        """Raise :class:`StateLost` if the file is gone or is another file now."""
        if file_identity(self.path) != self._identity:
            raise StateLost(
                f"the state database {self.path} was deleted, moved or unmounted while the bot "
                "ran; nothing more is written to it. Restore it with `python -m bot restore "
                "BACKUP` (or put the file back) and restart the bot"
            )


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None when there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


async def _check_integrity(conn: aiosqlite.Connection, path: Path) -> None:
    try:
        async with conn.execute("PRAGMA quick_check") as cur:
            rows = await cur.fetchall()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and not _is_corruption(exc):
            raise
        raise corrupt(path, str(exc)) from exc
    problems = [str(r[0]) for r in rows if str(r[0]) != "ok"]
    if problems:
        raise corrupt(path, "; ".join(problems[:3]))


def corrupt(path: Path, why: str) -> StateCorrupt:
    return StateCorrupt(
        f"the state database {path} is damaged ({why}). It was not touched. Restore the last "
        f"backup with `python -m bot restore BACKUP` (check it first with "
        f"`python -m bot backup --check BACKUP`), or move the file aside to start afresh"
    )


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


async def _tables(conn: aiosqlite.Connection) -> set[str]:
    rows = await conn.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(r[0]) for r in rows}


async def _adopt_legacy(conn: aiosqlite.Connection, path: Path) -> None:
    tables = await _tables(conn)
    if "schema_migrations" in tables or "cards" not in tables:
        return
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    version = int(row[0]) if row else 0
    if version != LEGACY_VERSION:
        raise StateError(
            f"{path} is a database of an older release (schema {version}); start that "
            f"release once so that it upgrades the file to schema {LEGACY_VERSION}, then this one"
        )
    drops = "".join(f"DROP TABLE IF EXISTS {t};\n" for t in LEGACY_INDEX_TABLES if t in tables)
    await _script(
        conn,
        f"{SCHEMA_TABLE};\n{drops}INSERT INTO schema_migrations VALUES (1, 'state', '{_now()}');",
    )
    log.warning("adopted %s from the one-file layout: state kept, index tables dropped", path)


async def _migrate(conn: aiosqlite.Connection, path: Path) -> None:
    await conn.execute(SCHEMA_TABLE)
    rows = await conn.execute_fetchall("SELECT version FROM schema_migrations")
    todo = pending(discover("sqlite"), {int(r[0]) for r in rows}, str(path))
    for migration in todo:
        record = (
            f"INSERT INTO schema_migrations VALUES "
            f"({migration.version}, '{migration.name}', '{_now()}');"
        )
        await _script(conn, migration.sql() + "\n" + record)
        log.info("applied state migration %s", migration.path.name)


async def _script(conn: aiosqlite.Connection, sql: str) -> None:
    # executescript commits first and ignores isolation levels: the script carries its own.
    try:
        await conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nCOMMIT;")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's operational failures into :class:`StateError` messages a person can act on.

    Constraint violations (``IntegrityError``) are left alone: they are the caller's to handle.
    """
    try:
        yield
    except sqlite3.IntegrityError:
        raise
    except sqlite3.DatabaseError as exc:
        raise state_error(path, exc) from exc


def state_error(path: Path, exc: sqlite3.DatabaseError) -> StateError:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return StateError(f"no room to write {path} ({exc}); free some disk space")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return StateError(
            f"cannot write to {path} ({exc}); the file and its folder must be writable"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StateError(f"{path} is locked by another process ({exc}); try again later")
    if _is_corruption(exc):
        return corrupt(path, str(exc))
    return StateError(f"the state database {path} failed: {exc}")
