from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.lookup.errors import DatabaseError
from bot.lookup.index import db
from bot.state.sqlite import SqliteState


async def _tables(conn: aiosqlite.Connection) -> set[str]:
    rows = await conn.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


async def test_migrations_apply_in_order_and_set_user_version(tmp_path: Path) -> None:
    conn = await db.connect(tmp_path / "new.sqlite3")
    try:
        assert await db.user_version(conn) == len(db.discover())
        tables = await _tables(conn)
        assert {"documents", "passages", "passages_fts"} <= tables  # 0001
        assert "token_df" in tables  # 0002
        assert "cards" not in tables  # the state lives in a store of its own
        assert "passage_vectors" in tables  # index 0003
        assert "passage_aliases" in tables  # index 0004
    finally:
        await conn.close()


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "again.sqlite3"
    for _ in range(2):
        conn = await db.connect(path)
        await conn.close()
    conn = await db.connect(path)
    try:
        assert await db.user_version(conn) == len(db.discover())
    finally:
        await conn.close()


async def test_a_failing_migration_rolls_back_and_keeps_the_version(tmp_path: Path) -> None:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for found in db.discover()[:2]:
        shutil.copy(found.path, migrations / found.path.name)
    (migrations / "0003_broken.sql").write_text(
        "BEGIN;\nCREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
        "PRAGMA user_version = 3;\nCOMMIT;\n",
        encoding="utf-8",
    )
    path = tmp_path / "broken.sqlite3"
    with pytest.raises(DatabaseError):
        await db.connect(path, migrations=migrations)
    plain = sqlite3.connect(path)
    try:
        assert plain.execute("PRAGMA user_version").fetchone()[0] == 2
        names = {r[0] for r in plain.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names
        assert "token_df" in names
    finally:
        plain.close()


async def test_bot_tables_enforce_their_values(tmp_path: Path) -> None:
    state = await SqliteState.open(tmp_path / "checks.sqlite3")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            await state.execute(
                "INSERT INTO chat_settings (chat_id, script, updated_at) "
                "VALUES (1, 'cyrillic', 'x')"
            )
        with pytest.raises(sqlite3.IntegrityError):
            await state.execute(
                "INSERT INTO callback_state (id, kind, query, chat_id, page_size, created_at)"
                " VALUES ('abcdefgh', 'search', 'q', 1, 0, 0)"
            )
    finally:
        await state.close()
