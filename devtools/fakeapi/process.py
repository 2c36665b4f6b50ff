"""``python -m bot`` as a child process against the fake Bot API over HTTP.

:func:`bot_env` is the child's environment, :func:`bot_process` runs it, and
:func:`measure_cold_start` times a real process from spawn to its first getUpdates call.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.fakeapi.http import TOKEN, HttpFront
from devtools.fakeapi.server import Call, FakeTelegram


def bot_env(api_base_url: str, database: Path, corpus: Path, **extra: str) -> dict[str, str]:
    """The environment for a bot subprocess: fake API, the index ``database`` and a state file
    beside it, no proxies, no .env."""
    env = {k: v for k, v in os.environ.items() if "PROXY" not in k.upper()}
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "BOT_MODERATORS", "ERROR_CHAT_ID"):
        env.pop(name, None)
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api_base_url,
        INDEX_PATH=str(database),
        # A state file of the index's own, beside it (never the index itself).
        DATABASE_PATH=str(database.with_name(database.stem + ".state.sqlite3")),
        CORPUS_DIR=str(corpus),
        NO_PROXY="127.0.0.1,localhost",
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class BotProcess:
    """A running ``python -m bot ...`` child; its stdout and stderr go to ``log``."""

    proc: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then wait up to ``timeout`` seconds; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)


@contextmanager
def bot_process(env: Mapping[str, str], cwd: Path, *args: str) -> Iterator[BotProcess]:
    """``python -m bot run`` (or ``args``) as a child process, killed on exit if still running.

    Output goes to a file, not a pipe, so a chatty child can never block on a full pipe.
    """
    log = cwd / "bot-process.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *(args or ("run",))],
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            yield BotProcess(proc, log)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)


def measure_cold_start(database: Path, corpus: Path, *, timeout: float = 30.0) -> float:
    """Seconds from spawning ``python -m bot run`` (polling) to its first getUpdates call.

    Runs against a fresh fake served over HTTP, on a copy-safe database (the bot may write
    to it), from a neutral working directory so no .env applies.

    Raises:
        TimeoutError: the bot did not poll within ``timeout`` seconds.
    """
    api = FakeTelegram()
    with HttpFront(api, lifetime=timeout + 15) as front:
        env = bot_env(front.base_url, database, corpus, LOG_LEVEL="WARNING")
        started = time.monotonic()
        # Each run starts on a copy of the index with a state of its own, on purpose.
        with bot_process(env, database.parent, "run", "--allow-new-state") as bot:
            polled = api.wait_for(
                lambda calls: _polled(calls) or bot.proc.poll() is not None, timeout
            )
            first = api.calls_to("getUpdates")
            bot.stop()
            said = bot.output().strip().splitlines()[-1:]
        if not polled or not first:
            raise TimeoutError(f"the bot did not poll within {timeout} s: {' '.join(said)}")
        return first[0].at - started


def _polled(calls: list[Call]) -> bool:
    return any(c.method == "getUpdates" for c in calls)
