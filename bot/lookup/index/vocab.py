"""The tables derived from the whole index: token counts, typo-correction vocabulary, bigrams.

``token_df`` (passages per FTS token), ``vocab`` (passages per word, with its pinyin key)
and ``grams`` (every character pair of the corpus text, titles and bylines) are built from
the FTS rows. A full rebuild reads every row; when an ingest only adds documents, their rows
are counted and added to the stored counts instead (and the rows segmented again for a new
dictionary word are taken away and added back), which gives the same tables (a test holds
the two to it) at the cost of the rows written alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import aiosqlite

from bot.lookup.text.pinyin_key import pinyin_key
from bot.lookup.text.segment import bigrams, fts_tokens, has_cjk

_ROWS = """
SELECT f.words, f.grams, f.title, f.section, p.head || ' ' || p.byline
FROM passages_fts f JOIN passages p ON p.id = f.rowid
"""


@dataclass(slots=True)
class _Counts:
    df: Counter[str] = field(default_factory=Counter)  # passages per word
    tokens: Counter[str] = field(default_factory=Counter)  # passages per FTS token
    grams: set[str] = field(default_factory=set)

    def add(self, words: str, grams: str, title: str, section: str, names: str) -> None:
        self.df.update(set(words.split()))
        tokens = set(fts_tokens(f"{words} {grams} {title} {section}"))
        self.tokens.update(tokens)
        # The character pairs of the text are tokens of its grams column; names and titles
        # are corpus text too (an author's name is no typo).
        self.grams.update(t for t in tokens if len(t) == 2 and bigrams(t) == [t])
        self.grams.update(bigrams(names))

    def terms(self) -> list[tuple[str, int, str]]:
        return [(t, n, pinyin_key(t)) for t, n in self.df.items() if has_cjk(t) and len(t) >= 2]


async def _count(
    conn: aiosqlite.Connection, where: str = "", params: tuple[str, ...] = ()
) -> _Counts:
    counts = _Counts()
    async with conn.execute(f"{_ROWS} {where}", params) as cur:
        async for row in cur:
            counts.add(*row)
    return counts


async def rebuild(conn: aiosqlite.Connection) -> None:
    """Count every FTS row again and replace the three tables."""
    counts = await _count(conn)
    await conn.execute("DELETE FROM token_df")
    await conn.executemany("INSERT INTO token_df (token, df) VALUES (?, ?)", counts.tokens.items())
    await conn.execute("DELETE FROM vocab")
    await conn.executemany("INSERT INTO vocab (term, df, key) VALUES (?,?,?)", counts.terms())
    await conn.execute("DELETE FROM grams")
    await conn.executemany("INSERT INTO grams (gram) VALUES (?)", ((g,) for g in counts.grams))


def chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """``items`` in lists of at most ``size`` (SQLite bounds the parameters of a statement)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


async def _count_passages(conn: aiosqlite.Connection, pids: list[str]) -> _Counts:
    counts = _Counts()
    for part in chunks(pids):
        marks = ",".join("?" * len(part))
        async with conn.execute(f"{_ROWS} WHERE p.pid IN ({marks})", part) as cur:
            async for row in cur:
                counts.add(*row)
    return counts


async def add(conn: aiosqlite.Connection, pids: list[str]) -> None:
    """Add the counts of the FTS rows of ``pids`` (rows written since the last count)."""
    if not pids:
        return
    counts = await _count_passages(conn, pids)
    await conn.executemany(
        "INSERT INTO token_df (token, df) VALUES (?, ?)"
        " ON CONFLICT(token) DO UPDATE SET df = df + excluded.df",
        counts.tokens.items(),
    )
    await conn.executemany(
        "INSERT INTO vocab (term, df, key) VALUES (?,?,?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        counts.terms(),
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO grams (gram) VALUES (?)", ((g,) for g in counts.grams)
    )


async def subtract(conn: aiosqlite.Connection, pids: list[str]) -> None:
    """Take away the counts of the FTS rows of ``pids`` before they are written again.

    Only for rows whose text stays the same (segmented again): their character pairs do not
    change, so ``grams`` is left as it is.
    """
    if not pids:
        return
    counts = await _count_passages(conn, pids)
    await conn.executemany(
        "UPDATE token_df SET df = df - ? WHERE token = ?",
        ((n, t) for t, n in counts.tokens.items()),
    )
    await conn.execute("DELETE FROM token_df WHERE df <= 0")
    await conn.executemany(
        "UPDATE vocab SET df = df - ? WHERE term = ?", ((n, t) for t, n, _ in counts.terms())
    )
    await conn.execute("DELETE FROM vocab WHERE df <= 0")
