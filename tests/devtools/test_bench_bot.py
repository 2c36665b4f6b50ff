from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.config import Settings
from devtools.bench.botrun import MIX, bench_updates
from tests.conftest import CORPUS


def _notes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        sql = "SELECT count(*) FROM corpus_state WHERE key LIKE 'note:%'"
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


async def test_bench_runs_every_kind_of_update_on_a_copy(db_copy: Path) -> None:
    settings = Settings(index_path=db_copy, corpus_dir=CORPUS, semantic=False)
    result = await bench_updates(settings, n=80, warmup=11)
    assert result["updates"] == 80
    assert result["updates_per_second"] > 0
    assert result["bot_updates_per_second"] >= result["updates_per_second"]
    assert sum(v["n"] for v in result["latency_ms"].values()) == 80
    assert set(result["latency_ms"]) <= {label for label, _ in MIX}
    assert result["core_ms"]["search"]["n"] > 0
    assert result["rate_limiter"] is False
    assert _notes(db_copy) == 0  # the run wrote to its own copy of the index
