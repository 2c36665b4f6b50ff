"""The SQLite state file under faults: deleted, replaced, damaged, read-only, full, killed,
from an earlier release, backed up while written and restored. No case may lose a card.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from bot.cards.errors import VersionConflict
from bot.cards.model import Actor, CardContent
from bot.cards.store import CardStore
from bot.state.backup import backup, check, restore
from bot.state.db import StateCorrupt, StateError, StateLost, StateMissing
from bot.state.open import StateConfig, open_state
from bot.state.sqlite import SqliteState
from migrations import __file__ as migrations_init

CHAT = -1001234567890
WANG = Actor(601, "Wang")
ROOT = Path(__file__).resolve().parents[2]


async def no_shas(pids: object) -> dict[str, str]:
    return {}


async def _cards(path: Path, n: int) -> list[int]:
    state = await SqliteState.open(path)
    try:
        store = CardStore(state, no_shas)
        made = [
            await store.create(CHAT, CardContent(f"卡片{i}", ("事实",)), [], WANG) for i in range(n)
        ]
        return [c.id for c in made]
    finally:
        await state.close()


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM cards").fetchone()[0])


async def test_a_deleted_file_refuses_writes_instead_of_writing_a_ghost(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = await SqliteState.open(path)
    try:
        store = CardStore(state, no_shas)
        await store.create(CHAT, CardContent("一", ("事实",)), [], WANG)
        await asyncio.to_thread(path.unlink)
        with pytest.raises(StateLost, match="restore"):
            await store.create(CHAT, CardContent("二", ("事实",)), [], WANG)
        with pytest.raises(StateLost):
            await state.execute("DELETE FROM cards")
        assert not path.exists()  # nothing was written to a file nobody will see again
    finally:
        await state.close()


async def test_a_file_replaced_under_the_bot_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    state = await SqliteState.open(path)
    try:
        other = tmp_path / "other.sqlite3"
        await _cards(other, 1)
        await asyncio.to_thread(os.replace, other, path)
        with pytest.raises(StateLost):
            await CardStore(state, no_shas).create(CHAT, CardContent("t", ("f",)), [], WANG)
    finally:
        await state.close()


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))
    return bytes(data)


async def test_a_damaged_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    await _cards(path, 40)
    damaged = await asyncio.to_thread(_damage, path)
    with pytest.raises(StateCorrupt, match=r"python -m bot restore"):
        await SqliteState.open(path)
    assert path.read_bytes() == damaged


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is no database " * 400)
    with pytest.raises(StateCorrupt):
        await SqliteState.open(path)
    assert path.read_bytes() == b"this is no database " * 400


async def test_a_full_disk_fails_the_write_and_keeps_every_card(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    ids = await _cards(path, 5)
    state = await SqliteState.open(path)
    try:
        pages = await state.fetchone("PRAGMA page_count")
        assert pages is not None
        # SQLite's own limit on the file's size: exactly what a full disk looks like to it.
        await state.fetchone(f"PRAGMA max_page_count = {int(pages[0])}")
        store = CardStore(state, no_shas)
        big = CardContent("大", tuple(f"事实{i}" * 60 for i in range(3)))
        for _ in range(3):  # the free pages of the last page go first
            with suppress(StateError):
                await store.create(CHAT, big, [], WANG)
        with pytest.raises(StateError, match="no room"):
            await store.create(CHAT, big, [], WANG)
        assert [c.id for c in await store.cards(CHAT)][:5] == ids
    finally:
        await state.close()
    assert _count(path) >= 5


async def test_a_missing_folder_is_refused_unless_allowed(tmp_path: Path) -> None:
    config = StateConfig(tmp_path / "volume" / "state.sqlite3")
    with pytest.raises(StateMissing, match="mounted"):
        await open_state(config, known=None)
    assert not (tmp_path / "volume").exists()
    state, _ = await open_state(config, known=None, allow_new=True)
    await state.close()
    assert config.path.exists()


async def test_the_default_folder_is_made_on_a_fresh_machine(tmp_path: Path) -> None:
    config = StateConfig(tmp_path / "data" / "zhiku.sqlite3", default_path=True)
    state, identity = await open_state(config, known=None)
    await state.close()
    assert len(identity) == 16


def _legacy(path: Path) -> None:
    """A database as the one-file releases left it: index and state, schema version 5."""
    folder = Path(migrations_init).parent
    with sqlite3.connect(path) as conn:
        conn.executescript((folder / "index" / "0001_init.sql").read_text("utf-8"))
        conn.executescript((folder / "state" / "sqlite" / "0001_state.sql").read_text("utf-8"))
        conn.execute(
            "INSERT INTO cards (chat_id, version, created_at, updated_at) VALUES (?, 1, 'a', 'a')",
            (CHAT,),
        )
        conn.execute(
            "INSERT INTO card_versions (card_id, version, content, change, created_at)"
            " VALUES (1, 1, ?, 'draft', 'a')",
            ('{"title": "旧卡片", "facts": ["事实"]}',),
        )
        conn.execute("PRAGMA user_version = 5")


async def test_a_database_of_the_one_file_layout_is_adopted_with_its_cards(
    tmp_path: Path,
) -> None:
    path = tmp_path / "zhiku.sqlite3"
    await asyncio.to_thread(_legacy, path)
    state = await SqliteState.open(path)
    try:
        card = await CardStore(state, no_shas).get(CHAT, 1)
        assert card.content.title == "旧卡片"
        tables = {r[0] for r in await state.fetchall("SELECT name FROM sqlite_master")}
        assert "passages" not in tables
        assert "state_meta" in tables
    finally:
        await state.close()


async def test_a_backup_taken_while_cards_are_written_is_whole(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    await _cards(path, 10)
    state = await SqliteState.open(path)
    store = CardStore(state, no_shas)
    stop = asyncio.Event()
    written = 0

    async def write() -> None:
        nonlocal written
        while not stop.is_set():
            await store.create(CHAT, CardContent("写", ("事实",)), [], WANG)
            written += 1

    writer = asyncio.create_task(write())
    try:
        await asyncio.sleep(0.05)
        copies = [tmp_path / f"backup{i}.sqlite3" for i in range(3)]
        for copy in copies:
            await asyncio.to_thread(backup, path, copy)
        stop.set()
        await writer
    finally:
        await state.close()
    counts = [check(copy).cards for copy in copies]
    assert counts == sorted(counts)
    assert all(10 <= c <= 10 + written for c in counts)
    assert written > 0


async def test_restore_checks_the_backup_and_keeps_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    await _cards(path, 3)
    saved = tmp_path / "backup.sqlite3"
    backup(path, saved)
    await _cards(path, 2)
    assert _count(path) == 5
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(saved.read_bytes()[:4096])
    with pytest.raises(StateCorrupt):
        restore(bad, path)
    assert _count(path) == 5  # a bad backup changes nothing
    report = restore(saved, path)
    assert report.cards == 3 == _count(path)
    assert _count(path.with_name(path.name + ".before-restore")) == 5
    with pytest.raises(StateError, match="exists"):
        backup(path, saved)


_EDITOR = """
import asyncio, sys
from pathlib import Path
from bot.state.sqlite import SqliteState
from bot.cards.store import CardStore
from bot.cards.model import Actor, CardContent
from bot.cards.errors import VersionConflict

async def shas(p):
    return {}

async def main(path, n):
    state = await SqliteState.open(Path(path))
    store = CardStore(state, shas)
    card = await store.create(1, CardContent("t", ("0",)), [], Actor(1, "a"))
    for i in range(1, n + 1):
        done = await store.update(card.id, i, CardContent("t", (str(i),)), Actor(1, "a"), "edit")
        print(done.version, flush=True)

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


async def test_a_process_killed_during_400_edits_loses_no_committed_edit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    await _cards(path, 2)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _EDITOR, str(path), "400",
        stdout=asyncio.subprocess.PIPE, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None
    confirmed = 0
    while confirmed < 150:
        line = await proc.stdout.readline()
        assert line, "the editor ended early"
        confirmed = int(line)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    state = await SqliteState.open(path)  # also passes quick_check
    try:
        store = CardStore(state, no_shas)
        card = await store.get(1, 3)
        history = await store.history(3)
        assert card.version >= confirmed  # every edit it reported done is there
        assert [v.version for v in history] == list(range(card.version, 0, -1))
        assert card.content.facts == (str(card.version - 1),)
        assert len(await store.cards(CHAT)) == 2
        with pytest.raises(VersionConflict):
            await store.update(3, card.version - 1, CardContent("t", ("x",)), WANG, "edit")
    finally:
        await state.close()
