"""Backups of the state file while the bot takes updates at a steady rate.

:func:`backup_under_load` runs the real Application (the fake Bot API in-process, no
outgoing rate limiter, so the offered rate is what the state store sees), feeds it updates
at ``rate`` per second (card edits in a few groups, searches in private chats, each update
also claimed in the store), and meanwhile takes backups with :func:`bot.state.backup.backup`,
the code behind ``python -m bot backup``. For each backup it records the live store's card
versions just before and just after, so a consistent backup must hold a count between the
two. After the load, a last backup and a restore must equal the live store exactly.

``python -m devtools.bench.livebackup INDEX`` prints the figures as JSON.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from shutil import copyfile
from typing import Any

from telegram import Update

from bot.app.application import build_application, running
from bot.config import Settings
from bot.state.backup import backup, check, restore
from devtools.bench.instances import CARD_ID
from devtools.fakeapi import FakeTelegram, Updates
from devtools.fakeapi.updates import JSON, group, user

TOKEN = "123456789:LIVE-backup_token_for_the_fake_api"
ADMIN = user(611, "Wang", "zh-hans")
GROUPS = tuple(group(-1003000000000 - i, f"卡片组{i}") for i in range(5))
TOPICS = ("新开发银行", "全球南方", "金砖国家扩员", "南南合作", "应急储备安排")


@dataclass(frozen=True, slots=True)
class Counts:
    """What a state file holds, as far as cards go."""

    cards: int
    versions: int
    contiguous: bool  # every card's versions are 1..n


@dataclass(frozen=True, slots=True)
class Taken:
    """One backup: the live versions just before and after it, and what it holds."""

    before: int
    after: int
    held: Counts
    check_ok: bool
    seconds: float

    @property
    def consistent(self) -> bool:
        return (
            self.check_ok
            and self.held.contiguous
            and self.before <= self.held.versions <= self.after
        )


@dataclass
class LiveBackupReport:
    offered_rate: float
    updates: int
    seconds: float
    handled_rate: float = 0.0
    backups: list[Taken] = field(default_factory=list)
    final_live: Counts | None = None
    final_backup: Counts | None = None
    restored: Counts | None = None

    def figures(self) -> dict[str, Any]:
        return {
            "offered_updates_per_s": self.offered_rate,
            "handled_updates_per_s": round(self.handled_rate, 1),
            "updates": self.updates,
            "backups_during_load": len(self.backups),
            "consistent": sum(t.consistent for t in self.backups),
            "written_during_backup": sum(t.after > t.before for t in self.backups),
            "backup_seconds_max": round(max((t.seconds for t in self.backups), default=0.0), 3),
            "final_equal": self.final_live == self.final_backup == self.restored,
            "final_versions": self.final_live.versions if self.final_live else 0,
        }


def counts(path: Path) -> Counts:
    """Cards and versions in a state file, read on a connection of its own."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as conn:
        cards = int(conn.execute("SELECT count(*) FROM cards").fetchone()[0])
        rows = conn.execute(
            "SELECT card_id, count(*), min(version), max(version) FROM card_versions"
            " GROUP BY card_id"
        ).fetchall()
    versions = sum(int(r[1]) for r in rows)
    contiguous = all(r[2] == 1 and r[3] == r[1] for r in rows)
    return Counts(cards, versions, contiguous)


async def backup_under_load(
    index: Path,
    corpus: Path,
    workdir: Path,
    *,
    rate: int = 200,
    seconds: float = 10.0,
    backups: int = 5,
) -> LiveBackupReport:
    """Offer ``rate`` updates a second for ``seconds`` and take ``backups`` backups meanwhile."""
    state = workdir / "state.sqlite3"
    settings = Settings(
        token=TOKEN,
        index_path=index,
        database_path=state,
        corpus_dir=corpus,
        rate_limit=1_000_000,
        rate_window=1.0,
        semantic=False,
    )
    fake = FakeTelegram()
    for chat in GROUPS:
        fake.set_admins(chat["id"], ADMIN["id"])
    app = build_application(
        settings, request=fake.request(), updates_request=fake.request(), rate_limiter=False
    )
    updates = Updates()
    total = int(rate * seconds)
    report = LiveBackupReport(offered_rate=rate, updates=total, seconds=seconds)
    async with running(app):
        cards = await _create_cards(app, fake, updates)
        mix = _mix(updates, cards, total)
        feeding = asyncio.create_task(_feed(app, mix, rate))
        gap = seconds / (backups + 1)
        for i in range(backups):
            await asyncio.sleep(gap)
            report.backups.append(await asyncio.to_thread(_take, state, workdir / f"b{i}.sqlite3"))
        handled_in = await feeding
        report.handled_rate = total / handled_in if handled_in else 0.0
    final = workdir / "final.sqlite3"
    backup(state, final)
    report.final_live = counts(state)
    report.final_backup = counts(final)
    target = workdir / "restored.sqlite3"
    restore(final, target)
    report.restored = counts(target)
    return report


def _take(state: Path, target: Path) -> Taken:
    before = counts(state).versions
    started = time.monotonic()
    backup(state, target)
    took = time.monotonic() - started
    after = counts(state).versions
    try:
        check(target)
        ok = True
    except Exception:
        ok = False
    return Taken(before, after, counts(target), ok, took)


async def _create_cards(app: Any, fake: FakeTelegram, updates: Updates) -> dict[int, int]:
    """One draft card per group; returns group id -> card id."""
    found = {}
    for chat in GROUPS:
        start = len(fake.calls)
        text = "/card@ZhikuBot new 新开发银行 | 事实一 | 事实二"
        await app.process_update(
            Update.de_json(updates.message(text, sender=ADMIN, chat=chat), app.bot)
        )
        said = " ".join(c.params.get("text", "") for c in fake.calls[start:])
        number = CARD_ID.search(said)
        if number is None:
            raise RuntimeError(f"no card was created: {said[:200]}")
        found[chat["id"]] = int(number[1])
    return found


def _mix(updates: Updates, cards: dict[int, int], total: int) -> list[JSON]:
    """Every third update edits a card; the others search in a member's private chat."""
    members = itertools.count(7000)
    chats = itertools.cycle(GROUPS)
    topics = itertools.cycle(TOPICS)
    mix = []
    for n in range(total):
        if n % 3 == 0:
            chat = next(chats)
            text = f"/card@ZhikuBot edit {cards[chat['id']]} fact 1 新开发银行事实{n:05d}"
            mix.append(updates.message(text, sender=ADMIN, chat=chat))
        else:
            mix.append(updates.message(f"/search {next(topics)}", sender=user(next(members))))
    return mix


async def _feed(app: Any, mix: list[JSON], rate: int) -> float:
    """Start each update on its own schedule (``rate`` a second); returns when all are handled."""
    tick = 0.02
    per_tick = max(1, round(rate * tick))
    started = time.monotonic()
    tasks = []
    for i in range(0, len(mix), per_tick):
        due = started + (i // per_tick) * tick
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        for data in mix[i : i + per_tick]:
            tasks.append(asyncio.create_task(app.process_update(Update.de_json(data, app.bot))))
    await asyncio.gather(*tasks)
    return time.monotonic() - started


def main(argv: list[str]) -> int:
    index = Path(argv[0]) if argv else Path("data/index.sqlite3")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "index.sqlite3"
        copyfile(index, copy)
        report = asyncio.run(backup_under_load(copy, Path("corpus"), Path(tmp)))
    print(json.dumps(report.figures(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
