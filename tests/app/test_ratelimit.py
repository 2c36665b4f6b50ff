"""Per-user query limits: the sliding-window rule, and its counts kept in the state store
(SQLite and PostgreSQL), shared by instances and kept across restarts."""

from __future__ import annotations

import asyncio

import pytest

from bot.app.ratelimit import RateLimiter, Window, decide
from bot.state.db import StateDB
from tests.conftest import StateTarget


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_rule_counts_allowed_queries_and_not_refused_ones() -> None:
    window = Window()
    for at in (1.0, 2.0, 3.0):
        decision, window = decide(window, at, 3, 30.0)
        assert decision.allowed
    refused, after = decide(window, 4.0, 3, 30.0)
    assert not refused.allowed
    assert after.hits == (1.0, 2.0, 3.0)  # the refusal is not counted
    assert refused.retry_in == pytest.approx(27.0)


async def test_allows_limit_queries_per_window_then_refuses_with_one_notice(
    state_db: StateDB,
) -> None:
    limiter = RateLimiter(state_db, 3, 30.0, Clock())
    assert [(await limiter.check(1)).allowed for _ in range(3)] == [True, True, True]
    refused = [await limiter.check(1) for _ in range(5)]
    assert not any(d.allowed for d in refused)
    assert [d.notify for d in refused] == [True, False, False, False, False]
    assert refused[0].wait_seconds == 30


async def test_a_slot_frees_when_the_oldest_query_leaves_the_window(state_db: StateDB) -> None:
    clock = Clock()
    limiter = RateLimiter(state_db, 2, 10.0, clock)
    await limiter.check(1)
    clock.now += 4
    await limiter.check(1)
    clock.now += 1
    assert (await limiter.check(1)).retry_in == pytest.approx(5.0)
    clock.now += 5
    assert (await limiter.check(1)).allowed
    # Blocked again after being let through: a new stretch gets a new notice.
    decision = await limiter.check(1)
    assert not decision.allowed
    assert decision.notify


async def test_users_are_counted_separately(state_db: StateDB) -> None:
    limiter = RateLimiter(state_db, 1, 10.0, Clock())
    assert (await limiter.check(1)).allowed
    assert (await limiter.check(2)).allowed
    assert not (await limiter.check(1)).allowed


async def test_two_instances_share_one_window_and_a_restart_keeps_it(
    state_target: StateTarget,
) -> None:
    clock = Clock()
    first, second = await state_target.open(), await state_target.open()
    try:
        a = RateLimiter(first, 4, 30.0, clock)
        b = RateLimiter(second, 4, 30.0, clock)
        # Eight queries at once, half through each instance: exactly four get through.
        decisions = await asyncio.gather(*(lim.check(7) for lim in (a, b) * 4))
        assert sum(d.allowed for d in decisions) == 4
    finally:
        await first.close()
        await second.close()
    reopened = await state_target.open()
    try:
        assert not (await RateLimiter(reopened, 4, 30.0, clock).check(7)).allowed
    finally:
        await reopened.close()


async def test_idle_users_are_forgotten(state_db: StateDB) -> None:
    clock = Clock()
    limiter = RateLimiter(state_db, 1, 10.0, clock)
    for user in range(1100):
        await limiter.check(user)
    clock.now += 11
    for _ in range(1100):
        await limiter.check(5000)
    row = await state_db.fetchone("SELECT count(*) FROM rate_limits")
    assert row is not None
    assert row[0] < 50


def test_rejects_nonsense_limits(state_db: StateDB) -> None:
    with pytest.raises(ValueError, match="limit"):
        RateLimiter(state_db, 0, 10.0)
