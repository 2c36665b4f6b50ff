"""Opening the database: files that cannot be used are refused and left exactly as they were.

Applying migrations in order and rolling back a failing one are covered in
tests/test_migrations.py.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from bot.lookup.errors import DatabaseError
from bot.lookup.index import db


async def test_a_corrupt_file_is_refused_with_its_path_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "zhiku.sqlite3"
    junk = random.Random(7).randbytes(8192)
    path.write_bytes(junk)
    with pytest.raises(DatabaseError, match="not a usable SQLite database") as info:
        await db.connect(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == junk
    assert not path.with_name("zhiku.sqlite3-wal").exists()


async def test_a_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"cannot create the folder .* a file is in the way"):
        await db.connect(tmp_path / "data" / "zhiku.sqlite3")


def _error_of(path: Path, uri: str, sql: str) -> sqlite3.DatabaseError:
    """What SQLite raises for ``sql`` on a connection opened with ``uri``."""
    conn = sqlite3.connect(uri, uri=True, timeout=0)
    try:
        with pytest.raises(sqlite3.DatabaseError) as info:
            conn.execute(sql)
    finally:
        conn.close()
    return info.value


def test_database_errors_say_what_to_do_about_them(tmp_path: Path) -> None:
    path = tmp_path / "zhiku.sqlite3"
    sqlite3.connect(path).close()
    read_only = _error_of(path, f"file:{path}?mode=ro", "CREATE TABLE t (x)")
    assert "cannot write to" in str(db.database_error(path, read_only))
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        busy = _error_of(path, f"file:{path}", "CREATE TABLE t (x)")
    finally:
        holder.close()
    assert "locked by another process" in str(db.database_error(path, busy))
    path.write_bytes(random.Random(7).randbytes(8192))
    junk = _error_of(path, f"file:{path}", "SELECT * FROM sqlite_master")
    assert "not a usable SQLite database" in str(db.database_error(path, junk))


async def test_a_schema_newer_than_the_code_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    newer = len(db.discover()) + 1
    plain = sqlite3.connect(path)
    try:
        plain.execute("CREATE TABLE written_by_a_newer_release (x INTEGER)")
        plain.execute(f"PRAGMA user_version = {newer}")
        plain.commit()
    finally:
        plain.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=f"version {newer}.*newer than this code"):
        await db.connect(path)
    assert path.read_bytes() == before


async def test_a_new_file_gets_every_migration_and_write_ahead_logging(tmp_path: Path) -> None:
    conn = await db.connect(tmp_path / "sub" / "new.sqlite3")
    try:
        assert await db.user_version(conn) == db.discover()[-1].version
        async with conn.execute("PRAGMA journal_mode") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == "wal"
        async with conn.execute("PRAGMA foreign_keys") as cur:
            row = await cur.fetchone()
        assert row is not None
        assert row[0] == 1
    finally:
        await conn.close()


def test_discover_refuses_a_gap_in_the_numbering(tmp_path: Path) -> None:
    for name in ("0001_init.sql", "0003_later.sql"):
        (tmp_path / name).write_text("BEGIN; COMMIT;", encoding="utf-8")
    (tmp_path / "notes.sql").write_text("-- not a migration", encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"without gaps: \[1, 3\]"):
        db.discover(tmp_path)


async def test_a_migration_that_forgets_its_version_is_an_error(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_forgetful.sql").write_text(
        "BEGIN;\nCREATE TABLE t (x INTEGER);\nCOMMIT;\n", encoding="utf-8"
    )
    with pytest.raises(DatabaseError, match="must set PRAGMA user_version = 1"):
        await db.connect(tmp_path / "x.sqlite3", migrations=migrations)
