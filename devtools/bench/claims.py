"""What the state writes every update makes cost: claiming its id, and counting a query
against the user's rate limit.

``python -m devtools.bench.claims [N]`` claims N ids (and N repeats, as redeliveries) on a
fresh SQLite state file, and on a fresh schema of DATABASE_URL when it is set, and prints the
latency percentiles in milliseconds as JSON, next to a read of the chat settings (the store's
cheapest query, uncached) measured in the same run as the baseline.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.app.ratelimit import RateLimiter
from bot.app.state import SETTINGS_TTL, Store
from bot.state.db import StateDB
from bot.state.sqlite import SqliteState


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


async def _timed(n: int, step: Callable[[int], Awaitable[Any]]) -> list[float]:
    samples = []
    for i in range(n):
        started = time.perf_counter()
        await step(i)
        samples.append(time.perf_counter() - started)
    return samples


async def measure(db: StateDB, n: int) -> dict[str, Any]:
    ticks = itertools.count(0.0, SETTINGS_TTL)  # each read finds its cached entry expired
    store = Store(db, clock=lambda: next(ticks))
    base = time.time_ns() // 1000
    read = await _timed(n, lambda i: store.chat_settings(-1))
    first = await _timed(n, lambda i: store.claim_update(base + i))
    again = await _timed(n, lambda i: store.claim_update(base + i))
    limiter = RateLimiter(db, 10, 30.0)
    limited = await _timed(n, lambda i: limiter.check(i % 500))
    return {
        "rate_check": percentiles(limited),
        "settings_read": percentiles(read),
        "claim_new": percentiles(first),
        "claim_repeat": percentiles(again),
    }


async def main(n: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db: StateDB = await SqliteState.open(Path(tmp) / "state.sqlite3")
        try:
            figures["sqlite"] = await measure(db, n)
        finally:
            await db.close()
    url = os.environ.get("DATABASE_URL")
    if url:
        from devtools.bench.instances import fresh_store

        async with fresh_store(url, Path("unused")) as (_, open_db):
            pg = await open_db()
            try:
                figures["postgresql"] = await measure(pg, n)
            finally:
                await pg.close()
    return figures


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))))
