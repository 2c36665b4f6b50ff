"""The index's SQLite database: opening it safely and applying the numbered migrations.

Every file ``migrations/index/NNNN_name.sql`` runs inside one transaction that also sets
``PRAGMA user_version = NNNN``; the script carries its own ``BEGIN``/``COMMIT`` because
``executescript`` commits first and ignores isolation levels. On error the transaction is
rolled back and the error re-raised, so a half-applied migration never sticks.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.lookup.errors import DatabaseError

log = logging.getLogger(__name__)


class DamagedDatabase(DatabaseError):
    """The file fails SQLite's integrity check, or is not a database at all."""


# The migrations ship as package data of the top-level ``migrations`` package.
MIGRATIONS_DIR = Path(str(resources.files("migrations"))) / "index"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """List the migrations in ``directory`` in version order.

    Raises:
        DatabaseError: two files share a version, or a version is skipped.
    """
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise DatabaseError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


async def connect(
    path: Path | str, *, migrations: Path = MIGRATIONS_DIR, check: bool = False
) -> aiosqlite.Connection:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Args:
        path: The file.
        migrations: The folder of numbered migrations.
        check: Run ``PRAGMA quick_check`` first (a few tens of milliseconds on this corpus).

    Raises:
        DamagedDatabase: the file is damaged or not a database (it is left untouched).
        DatabaseError: the file is not a usable SQLite database, or its schema is newer
            than this code. The file is never modified or deleted in that case.
    """
    if str(path) != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise database_error(path, exc) from exc
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        found = discover(migrations)
        await _configure(conn)
        if check:
            await _quick_check(conn, path)
        # Before switching to WAL, which rewrites the header: a refused file stays untouched.
        _refuse_newer(await user_version(conn), found)
        await _use_wal(conn)
        await migrate(conn, found)
    except sqlite3.DatabaseError as exc:
        await conn.close()
        raise database_error(path, exc) from exc
    except BaseException:
        await conn.close()
        raise
    return conn


def database_error(path: Path | str, exc: sqlite3.DatabaseError | OSError) -> DatabaseError:
    """A :class:`DatabaseError` saying what is wrong with the database at ``path``.

    A read-only file or folder, a folder that cannot be created and a lock held by another
    process each need something else done about them than a damaged file.

    Args:
        path: The database file.
        exc: What SQLite (or creating its folder) raised.

    Returns:
        The error to raise from ``exc``.
    """
    if isinstance(exc, OSError):
        folder = Path(path).parent
        reason = "a file is in the way" if folder.exists() else exc.strerror or str(exc)
        return DatabaseError(f"cannot create the folder {folder} for {path}: {reason}")
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return DatabaseError(
            f"cannot write to {path} ({exc}); the file and its folder must be writable"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DatabaseError(f"{path} is locked by another process ({exc}); try again later")
    if name.startswith("SQLITE_FULL"):
        return DatabaseError(f"no room to write {path} ({exc}); free some disk space")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedDatabase(
            f"{path} is not a usable SQLite database ({exc}); it is only an index: move it "
            f"aside and it is built again from the corpus"
        )
    return DatabaseError(
        f"{path} is not a usable SQLite database ({exc}); move it aside or restore a backup"
    )


async def _quick_check(conn: aiosqlite.Connection, path: Path | str) -> None:
    async with conn.execute("PRAGMA quick_check") as cur:
        rows = await cur.fetchall()
    problems = [str(r[0]) for r in rows if str(r[0]) != "ok"]
    if problems:
        raise DamagedDatabase(f"{path} fails its integrity check: {'; '.join(problems[:3])}")


async def _configure(conn: aiosqlite.Connection) -> None:
    conn.row_factory = aiosqlite.Row
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA busy_timeout = 5000")


async def _use_wal(conn: aiosqlite.Connection) -> None:
    # WAL lets readers (the bot) go on while an ingest writes; NORMAL is safe with WAL.
    await conn.execute("PRAGMA journal_mode = WAL")
    await conn.execute("PRAGMA synchronous = NORMAL")


async def user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, migrations: list[Migration]) -> int:
    """Apply the migrations newer than the database's ``user_version``; return the new version."""
    current = await user_version(conn)
    _refuse_newer(current, migrations)
    for migration in migrations:
        if migration.version <= current:
            continue
        await _apply(conn, migration)
        log.info("applied migration %s", migration.path.name)
    return await user_version(conn)


def _refuse_newer(current: int, migrations: list[Migration]) -> None:
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise DatabaseError(
            f"the database schema (version {current}) is newer than this code ({latest})"
        )


async def _apply(conn: aiosqlite.Connection, migration: Migration) -> None:
    try:
        await conn.executescript(migration.sql())
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    version = await user_version(conn)
    if version != migration.version:
        raise DatabaseError(
            f"{migration.path.name} must set PRAGMA user_version = {migration.version} "
            f"(it left {version})"
        )
