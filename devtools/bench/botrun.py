"""Throughput and latency of the whole bot: updates through the real Application.

A mix of updates (searches, plain text, summaries, timelines, quotes, verifications,
sources, /docs, /about, button presses, inline queries) goes through ``process_update`` one
at a time — the real handlers, renderers and SQLite — with the fake Bot API answering
every call. Outgoing flood control (``AIORateLimiter``) is off, or the figure would measure
its deliberate waits rather than the bot; the per-user query limit is raised for the same
reason. Latency is per update, from ``process_update`` call to return, so it includes
rendering and the (in-process) Bot API round trip.
"""

from __future__ import annotations

import dataclasses
import random
import resource
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app.application import build_application, running
from bot.app.context import ZhikuApplication
from bot.config import Settings
from devtools.bench.perf import percentiles
from devtools.fakeapi import FakeTelegram, Updates
from devtools.fakeapi.updates import JSON, group, user

QUERIES = (
    "新开发银行 贷款",
    "金砖扩员",
    "厦门 创新基地",
    "莱索托",
    "全球南方",
    "金砖国家新工业革命伙伴关系",
    "人类命运共同体",
    "印尼 正式成员",
    "科技创新合作",
    "New Development Bank",
    "金磚國家",
    "反恐工作组",
)
CLAIMS = ("金砖国家是塑造国际格局的重要力量", "金砖国家是全球治理的主要力量")
PASSAGES = ("d0.p5", "d1.p5", "d2.a1.p3", "d3.p3", "d4.p2", "d1.n1")
# (label, weight): the share of each kind of update in the mix.
MIX = (
    ("search", 25),
    ("text", 10),
    ("page", 10),
    ("inline", 15),
    ("source", 10),
    ("summary", 6),
    ("timeline", 6),
    ("quote", 6),
    ("verify", 4),
    ("docs", 4),
    ("about", 4),
)
USERS = 50
CORE_METHODS = (
    "search",
    "summary",
    "timeline",
    "quotes",
    "verify",
    "passage",
    "documents",
    "about",
)


async def bench_updates(
    settings: Settings, n: int = 2000, *, seed: int = 7, warmup: int = 60
) -> dict[str, Any]:
    """Push ``n`` updates through the bot on a copy of ``settings.index_path`` (new state).

    Returns:
        ``updates``, ``seconds``, ``updates_per_second`` (end to end, the fake server's work
        included), ``bot_updates_per_second`` (without it), per-kind latency in ms
        (``latency_ms[kind] = {"n", "p50", "p95", "p99", "max"}``), ``peak_rss_mb`` and the
        settings of the run (``rate_limiter`` is always False).
    """
    with tempfile.TemporaryDirectory(prefix="zhiku-bench-") as tmp:
        copy = Path(tmp) / "bench.sqlite3"
        _copy_database(settings.index_path, copy)
        run_settings = dataclasses.replace(
            settings,
            index_path=copy,
            database_path=Path(tmp) / "state.sqlite3",
            allow_new_state=True,
            rate_limit=10**9,
        )
        fake = FakeTelegram()
        app = build_application(run_settings, request=fake.request(), rate_limiter=False)
        async with running(app):
            core = _time_core(app)
            driver = _Driver(app, fake, random.Random(seed))
            for label in [label for label, _ in MIX] * (warmup // len(MIX) + 1):
                await driver.run(label)
            driver.samples.clear()
            core.clear()
            fake.server_seconds = 0.0
            started = time.perf_counter()
            for label in driver.pick(n):
                await driver.run(label)
            elapsed = time.perf_counter() - started
    bot_seconds = elapsed - fake.server_seconds
    return {
        "updates": n,
        "seconds": round(elapsed, 3),
        "updates_per_second": round(n / elapsed, 1),
        # The fake server's own work (decoding forms, parsing HTML) is Telegram's in production.
        "fake_server_seconds": round(fake.server_seconds, 3),
        "bot_updates_per_second": round(n / bot_seconds, 1),
        "latency_ms": {label: _stats(s) for label, s in sorted(driver.samples.items())},
        # Time inside the lookup core's calls, by core method (the rest is the bot's).
        "core_ms": {name: _stats(s) for name, s in sorted(core.items())},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rate_limiter": False,
        "mix": dict(MIX),
    }


def _time_core(app: ZhikuApplication) -> dict[str, list[float]]:
    """Wrap the library's lookup methods (on this instance only) to time the core's share."""
    library = app.bot_data.library
    samples: dict[str, list[float]] = defaultdict(list)
    for name in CORE_METHODS:
        method = getattr(library, name)

        async def timed(*args: Any, _method: Any = method, _name: str = name, **kw: Any) -> Any:
            began = time.perf_counter()
            try:
                return await _method(*args, **kw)
            finally:
                samples[_name].append(time.perf_counter() - began)

        setattr(library, name, timed)
    return samples


def _copy_database(source: Path, target: Path) -> None:
    # The backup API copies a consistent snapshot, WAL content included.
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _stats(samples: list[float]) -> dict[str, float]:
    return {"n": len(samples), **percentiles(samples)}


class _Driver:
    """Builds each kind of update and times its processing."""

    def __init__(self, app: ZhikuApplication, fake: FakeTelegram, rng: random.Random) -> None:
        self.app, self.fake, self.rng = app, fake, rng
        self.updates = Updates()
        self.users = [
            user(10_000 + i, f"U{i}", rng.choice(("zh-hans", "zh-hant", "en")))
            for i in range(USERS)
        ]
        self.group = group()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.last_page: JSON | None = None
        self._build: dict[str, Callable[[JSON], JSON]] = {
            "search": lambda u: self._message(u, "/search " + self._query()),
            "text": lambda u: self.updates.message(self._query(), sender=u),
            "inline": lambda u: self.updates.inline(self._query(), sender=u),
            "source": lambda u: self._message(u, "/source " + self.rng.choice(PASSAGES)),
            "summary": lambda u: self._message(u, "/summary " + self._query()),
            "timeline": lambda u: self._message(u, "/timeline " + self._query()),
            "quote": lambda u: self._message(u, "/quote " + self._query()),
            "verify": lambda u: self._message(u, "/verify " + self.rng.choice(CLAIMS)),
            "docs": lambda u: self._message(u, "/docs"),
            "about": lambda u: self._message(u, "/about"),
        }

    def pick(self, n: int) -> Iterator[str]:
        labels = [label for label, _ in MIX]
        weights = [weight for _, weight in MIX]
        return iter(self.rng.choices(labels, weights, k=n))

    def _query(self) -> str:
        return self.rng.choice(QUERIES)

    def _message(self, sender: JSON, text: str) -> JSON:
        # A quarter of commands come from the group, the rest from private chats.
        if self.rng.random() < 0.25:
            return self.updates.message(
                text.replace(" ", "@ZhikuBot ", 1), sender=sender, chat=self.group
            )
        return self.updates.message(text, sender=sender)

    async def run(self, label: str) -> None:
        sender = self.rng.choice(self.users)
        if label == "page":
            data = self._page(sender)
            if data is None:
                label, data = "search", self._build["search"](sender)
        else:
            data = self._build[label](sender)
        start = len(self.fake.calls)
        began = time.perf_counter()
        await self.app.process_update(Update.de_json(data, self.app.bot))
        self.samples[label].append(time.perf_counter() - began)
        self._remember_page(start)
        # Keep the record short: the bench runs for thousands of updates.
        del self.fake.calls[:start]

    def _page(self, sender: JSON) -> JSON | None:
        if self.last_page is None:
            return None
        markup = self.last_page.get("reply_markup") or {}
        data = [
            b["callback_data"]
            for row in markup.get("inline_keyboard", [])
            for b in row
            if "callback_data" in b
        ]
        pages = [d for d in data if d.startswith("v1:pg:")]
        if not pages:
            return None
        return self.updates.callback(pages[-1], sender=sender, message=self.last_page)

    def _remember_page(self, start: int) -> None:
        for call in self.fake.calls[start:]:
            if call.method in ("sendMessage", "editMessageText") and call.error is None:
                markup = call.params.get("reply_markup") or {}
                if "v1:pg:" in str(markup):
                    self.last_page = call.result
