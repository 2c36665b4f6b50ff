"""A throwaway PostgreSQL schema: what the state tests and the several-instances bench run on.

:func:`throwaway_schema` creates a schema with a random name, yields ``url`` with every
connection's search_path set to it, and drops it (with its tables) afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg


def with_schema(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema``."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@asynccontextmanager
async def throwaway_schema(url: str, prefix: str = "t") -> AsyncIterator[str]:
    """A new schema in the database at ``url``; yields the URL scoped to it."""
    schema = f"{prefix}_{secrets.token_hex(6)}"
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
        await admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as admin:
            await admin.execute(f"DROP SCHEMA {schema} CASCADE")
