"""The state store on both backends (each test runs on SQLite and on PostgreSQL): the same
migrations, the same answers, identity, handled updates, and card edits from two instances.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.app.state import Store
from bot.cards.errors import VersionConflict
from bot.cards.model import Actor, CardContent
from bot.cards.store import CardStore
from bot.state.db import StateDB, StateMissing
from bot.state.migrations import STATE_MIGRATIONS, discover
from bot.state.open import StateConfig, open_state
from tests.conftest import StateTarget

CHAT = -1001234567890
WANG = Actor(601, "Wang")


async def no_shas(pids: object) -> dict[str, str]:
    return {}


def test_both_backends_have_the_same_numbered_migrations() -> None:
    sqlite = [(m.version, m.name) for m in discover("sqlite")]
    postgres = [(m.version, m.name) for m in discover("postgres")]
    assert sqlite == postgres
    assert sqlite[0] == (1, "state")
    assert {p.name for p in STATE_MIGRATIONS.iterdir()} >= {"sqlite", "postgres"}


async def _columns(db: StateDB) -> dict[str, list[str]]:
    if db.dialect == "sqlite":
        tables = await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
        )
        found = {}
        for (name,) in tables:
            rows = await db.fetchall(f"SELECT name FROM pragma_table_info('{name}')")
            found[name] = sorted(r[0] for r in rows)
        return found
    rows = await db.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema()"
    )
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return {k: sorted(v) for k, v in out.items()}


async def test_the_schema_has_the_same_tables_and_columns_everywhere(state_db: StateDB) -> None:
    columns = await _columns(state_db)
    assert set(columns) == {
        "schema_migrations", "chat_settings", "callback_state", "chats", "cards",
        "card_versions", "card_sources", "card_pins", "card_audit", "state_meta",
        "processed_updates", "rate_limits", "feedback", "unanswered",
    }  # fmt: skip
    assert columns["cards"] == sorted(
        ["id", "chat_id", "version", "locked", "deleted", "query", "created_by", "created_at",
         "updated_at"]
    )  # fmt: skip
    applied = await state_db.fetchall("SELECT version, name FROM schema_migrations ORDER BY 1")
    assert [tuple(r) for r in applied] == [
        (1, "state"), (2, "identity"), (3, "rate_limits"), (4, "feedback")
    ]  # fmt: skip
    assert "pids" in columns["callback_state"]


async def test_reopening_applies_nothing_twice_and_keeps_the_rows(
    state_target: StateTarget,
) -> None:
    first = await state_target.open()
    store = Store(first)
    await store.set_script(CHAT, "traditional", 7)
    saved = await store.save_query("search", "金砖扩员", CHAT, 5)
    await first.close()
    again = await state_target.open()
    try:
        store = Store(again)
        assert (await store.chat_settings(CHAT)).script == "traditional"
        assert await store.load_query(saved.id) == saved
        rows = await again.fetchall("SELECT version FROM schema_migrations ORDER BY 1")
        assert [r[0] for r in rows] == [m.version for m in discover("sqlite")]  # each once
    finally:
        await again.close()


async def test_telegram_ids_beyond_32_bits_round_trip(state_db: StateDB) -> None:
    store = Store(state_db)
    big = -1009876543210
    await store.record_membership(big, "supergroup", "组", "member", 8123456789)
    assert await store.membership(big) == "member"


async def test_an_update_is_claimed_by_one_instance_only(state_target: StateTarget) -> None:
    a, b = await state_target.open(), await state_target.open()
    try:
        one, two = Store(a), Store(b)
        results = await asyncio.gather(
            *(store.claim_update(uid) for uid in range(1000, 1100) for store in (one, two))
        )
        claimed = [r for r in results if r]
        assert len(claimed) == 100  # every update once, whichever instance got there first
        assert not await one.claim_update(1000)
    finally:
        await a.close()
        await b.close()


async def test_concurrent_edits_from_two_instances_lose_nothing(
    state_target: StateTarget,
) -> None:
    a, b = await state_target.open(), await state_target.open()
    try:
        stores = [CardStore(a, no_shas), CardStore(b, no_shas)]
        card = await stores[0].create(CHAT, CardContent("t", ("v1",)), [], WANG)
        won: list[int] = []

        async def edit(i: int) -> None:
            store = stores[i % 2]
            for _ in range(50):
                current = await store.get(CHAT, card.id)
                content = CardContent("t", (f"edit {i}",))
                try:
                    done = await store.update(card.id, current.version, content, WANG, "edit")
                except VersionConflict:
                    continue
                won.append(done.version)
                return

        await asyncio.gather(*(edit(i) for i in range(12)))
        final = await stores[1].get(CHAT, card.id)
        history = await stores[0].history(card.id)
        # Every accepted edit is a version of its own; none overwrote another.
        assert sorted(won) == list(range(2, 2 + len(won)))
        assert final.version == 1 + len(won) == len(history)
        assert [v.version for v in history] == list(range(final.version, 0, -1))
    finally:
        await a.close()
        await b.close()


async def test_an_emptied_store_is_refused_where_the_bot_had_one(
    state_target: StateTarget,
) -> None:
    config = StateConfig(state_target.path, state_target.url)
    state, identity = await open_state(config, known=None)
    await state.close()
    again, same = await open_state(config, known=identity)
    await again.close()
    assert same == identity
    # The store is wiped (a new file, an emptied database) while the index remembers one.
    if state_target.url is None:
        await asyncio.to_thread(state_target.path.unlink)
    else:
        db = await state_target.open()
        await db.execute("DELETE FROM state_meta")
        await db.close()
    with pytest.raises(StateMissing, match="--allow-new-state"):
        await open_state(config, known=identity)
    fresh, new_identity = await open_state(config, known=identity, allow_new=True)
    await fresh.close()
    assert new_identity != identity
