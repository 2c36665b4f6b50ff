"""``python -m bot gaps``: the gaps report for maintainers, and the 👎 export.

Reads the state store the bot uses (``--state``/``DATABASE_PATH``, or ``DATABASE_URL``) and
never creates one. ``--export FILE`` writes the 👎 questions as candidate development-set
lines (JSON Lines); it refuses any path inside ``tests/data/sealed``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cli.output import NotFound, UsageError
from bot.feedback.flagged import disliked_as_dev_lines
from bot.feedback.report import as_json, gaps_report
from bot.feedback.store import FeedbackStore
from bot.lookup.library import Library
from bot.state.db import StateDB
from bot.state.open import StateConfig, open_state

SEALED_PARTS = ("tests", "data", "sealed")
DAY = 24 * 3600.0


def add_parser(sub: Any) -> None:
    gaps = sub.add_parser("gaps", help="the questions the bot could not answer, grouped")
    gaps.add_argument("--days", type=int, default=7, help="how far back (default 7)")
    gaps.add_argument("--chat", type=int, default=None, help="one chat's gaps only")
    gaps.add_argument("--limit", type=int, default=20, help="how many gaps (default 20)")
    gaps.add_argument(
        "--export", type=Path, default=None, help="write the 👎 questions as dev-set lines"
    )
    gaps.add_argument("--json", action="store_true")


async def open_existing_state(path: Path) -> StateDB:
    """The state store, if there is one (this command never makes one)."""
    url = os.environ.get("DATABASE_URL") or None
    if url is None and not await asyncio.to_thread(path.exists):
        raise NotFound(f"no state store at {path} (set DATABASE_PATH or DATABASE_URL)")
    state, _ = await open_state(StateConfig(path, url), known=None)
    return state


async def gaps_command(library: Library, args: argparse.Namespace) -> int:
    state = await open_existing_state(args.state)
    try:
        store = FeedbackStore(state)
        if args.export is not None:
            return await _export(store, args.export, as_json_out=args.json)
        since = store.clock() - args.days * DAY
        found = await gaps_report(store, library, chat_id=args.chat, since=since, limit=args.limit)
    finally:
        await state.close()
    if args.json:
        print(json.dumps({"gaps": as_json(found)}, ensure_ascii=False))
        return 0
    for n, gap in enumerate(found, 1):
        best = f"{gap.best[0]} {gap.best[1]}" if gap.best else "no passage"
        seen = datetime.fromtimestamp(gap.last_at, UTC).strftime("%Y-%m-%d")
        print(f"{n}. {gap.query} ×{gap.count} (last {seen}; {_reasons(gap.reasons)}) → {best}")
        for wording in gap.wordings[1:4]:
            print(f"   also: {wording}")
    if not found:
        print(f"no unanswered or disliked questions in the last {args.days} days")
    return 0


def _reasons(reasons: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(reasons.items()))


async def _export(store: FeedbackStore, path: Path, *, as_json_out: bool) -> int:
    parts = (await asyncio.to_thread(path.resolve)).parts
    if any(parts[i : i + 3] == SEALED_PARTS for i in range(len(parts))):
        raise UsageError(
            "the sealed sets are written blind: export to another file and add the lines "
            "you checked to tests/data/queries.jsonl",
            prog="python -m bot gaps",
            usage="",
        )
    lines = await disliked_as_dev_lines(store)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    await asyncio.to_thread(path.write_text, text, encoding="utf-8")
    if as_json_out:
        print(json.dumps({"exported": len(lines), "path": str(path)}, ensure_ascii=False))
    else:
        print(f"exported {len(lines)} disliked questions to {path}")
    return 0
