"""Watching the SQL a connection runs: what a cache test counts instead of timing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosqlite


@asynccontextmanager
async def statements(conn: aiosqlite.Connection, marker: str) -> AsyncIterator[list[str]]:
    """The statements holding ``marker`` that ``conn`` runs inside the block."""
    seen: list[str] = []

    def trace(sql: str) -> None:
        if marker in sql:
            seen.append(sql)

    await conn.set_trace_callback(trace)
    try:
        yield seen
    finally:
        await conn.set_trace_callback(None)  # type: ignore[arg-type]  # None unsets; the stub omits it
