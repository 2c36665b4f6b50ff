from __future__ import annotations

import pytest

from bot.app.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_limit_queries_per_window_then_refuses_with_one_notice() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 30.0, clock)
    assert [limiter.check(1).allowed for _ in range(3)] == [True, True, True]
    refused = [limiter.check(1) for _ in range(5)]
    assert not any(d.allowed for d in refused)
    assert [d.notify for d in refused] == [True, False, False, False, False]
    assert refused[0].wait_seconds == 30


def test_a_slot_frees_when_the_oldest_query_leaves_the_window() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 10.0, clock)
    limiter.check(1)
    clock.now += 4
    limiter.check(1)
    clock.now += 1
    assert limiter.check(1).retry_in == pytest.approx(5.0)
    clock.now += 5
    assert limiter.check(1).allowed
    # Blocked again after being let through: a new stretch gets a new notice.
    decision = limiter.check(1)
    assert not decision.allowed
    assert decision.notify


def test_users_are_counted_separately() -> None:
    limiter = RateLimiter(1, 10.0, Clock())
    assert limiter.check(1).allowed
    assert limiter.check(2).allowed
    assert not limiter.check(1).allowed


def test_idle_users_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 10.0, clock)
    for user in range(2000):
        limiter.check(user)
    clock.now += 11
    for _ in range(1100):
        limiter.check(5000)
    assert len(limiter._hits) < 50


def test_rejects_nonsense_limits() -> None:
    with pytest.raises(ValueError, match="limit"):
        RateLimiter(0, 10.0)
