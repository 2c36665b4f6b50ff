"""End-to-end figures of the Telegram bot: updates per second, handler latency, cold start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from shutil import copyfile
from typing import Any

_BOT_RUN = """
import asyncio, json, sys
from pathlib import Path
from devtools.bench.botrun import bench_updates
from bot.config import Settings
settings = Settings(
    index_path=Path(sys.argv[1]), corpus_dir=Path(sys.argv[2]), semantic=sys.argv[4] == "on"
)
print(json.dumps(asyncio.run(bench_updates(settings, n=int(sys.argv[3])))))
"""


def bot_figures(
    db_path: Path, corpus: Path, updates: int = 1000, *, semantic: bool = False
) -> dict[str, Any]:
    """A mix of updates through the real Application and the fake Bot API, with the
    semantic layer on or off.

    It runs in a process of its own, so that its peak memory is the bot's alone.
    """
    env = {**os.environ, "PTB_TIMEDELTA": "1"}
    mode = "on" if semantic else "off"
    args = [sys.executable, "-c", _BOT_RUN, str(db_path), str(corpus), str(updates), mode]
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env)
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def cold_start_to_polling(db_path: Path, corpus: Path, runs: int = 3) -> dict[str, float]:
    """Process start to the first getUpdates call, against the fake Bot API over HTTP."""
    # Imported here: the rest of the benchmark never needs the Telegram stack in this process.
    from devtools.fakeapi.process import measure_cold_start

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            copy = Path(tmp) / f"cold{i}.sqlite3"
            copyfile(db_path, copy)
            times.append(measure_cold_start(copy, corpus))
    times.sort()
    return {"median_s": times[len(times) // 2], "min_s": times[0]}
