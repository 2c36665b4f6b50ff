"""Several bot processes on one state store, as during a rolling deploy.

:func:`run_instances` starts webhook bots as processes of their own (each with an index of
its own, all on one state store), then delivers a mix of updates: searches, summaries,
timelines and quotes in a few groups, page buttons pressed on answers another instance may
have sent, and edits of one fact card by several moderators. Each update goes to one
instance, and a share of them to every instance at the same moment, the way a redelivery
can land during a deploy. The report counts what came back:

- every update answered exactly once (no lost answer, no answer twice);
- the card's versions contiguous, one per edit, none lost and none doubled.

``python -m devtools.bench.instances INDEX`` prints it (on ``DATABASE_URL`` when set), and a
test holds it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import re
import socket
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import ExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from shutil import copyfile
from typing import Any

import httpx

from bot.state.db import StateDB
from devtools.fakeapi.http import HttpFront
from devtools.fakeapi.process import BotProcess, bot_env, bot_process
from devtools.fakeapi.server import Call, FakeTelegram
from devtools.fakeapi.updates import JSON, Updates, group, user

SECRET = "several-instances-secret"
HOOK = "https://zhiku.example/hook"
MODERATORS = (user(903, "Chen", "zh-hans"), user(904, "Liu", "zh-hans"))
# Telegram lets a bot send about 20 messages a minute into one group (PTB's AIORateLimiter
# keeps to it), so the card edits are spread over enough groups to stay under it.
CARD_GROUPS = tuple(group(-1002000000100 - i, f"事实卡组{i}") for i in range(25))
TOPICS = (
    "新开发银行",
    "金砖国家扩员",
    "全球南方",
    "应急储备安排",
    "南南合作",
    "本币结算",
    "全球发展倡议",
    "约翰内斯堡峰会",
)
COMMANDS = ("search", "search", "summary", "timeline", "quote")
PAGE_BUTTON = re.compile(r"^v1:pg:")
CARD_ID = re.compile(r"#(\d+)")


@dataclass(frozen=True, slots=True)
class Delivery:
    """One update, and the instances it is posted to (more than one: a redelivery race)."""

    update: JSON
    to: tuple[int, ...]
    edit: str | None = None  # the fact text, for a card edit


@dataclass
class Report:
    """What several instances did with the updates they were given."""

    instances: int
    updates: int
    delivered_twice: int
    answers: Counter[str] = field(default_factory=Counter)  # update key -> answers seen
    edits_sent: list[str] = field(default_factory=list)
    versions: dict[int, list[int]] = field(default_factory=dict)  # card -> its versions
    edits_stored: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def unanswered(self) -> int:
        return sum(1 for n in self.answers.values() if n == 0)

    @property
    def answered_twice(self) -> int:
        return sum(1 for n in self.answers.values() if n > 1)

    @property
    def lost_edits(self) -> int:
        return len(set(self.edits_sent) - set(self.edits_stored))

    @property
    def doubled_edits(self) -> int:
        return sum(n - 1 for n in Counter(self.edits_stored).values() if n > 1)

    @property
    def versions_contiguous(self) -> bool:
        return all(v == list(range(1, len(v) + 1)) for v in self.versions.values())

    @property
    def edit_versions(self) -> int:
        """Versions after each card's first (the draft)."""
        return sum(len(v) - 1 for v in self.versions.values())

    def figures(self) -> dict[str, Any]:
        return {
            "instances": self.instances,
            "updates": self.updates,
            "delivered_twice": self.delivered_twice,
            "unanswered": self.unanswered,
            "answered_twice": self.answered_twice,
            "card_edits": len(self.edits_sent),
            "cards": len(self.versions),
            "edit_versions": self.edit_versions,
            "lost_edits": self.lost_edits,
            "doubled_edits": self.doubled_edits,
            "versions_contiguous": self.versions_contiguous,
            "updates_per_s": round(self.updates / self.seconds, 1) if self.seconds else 0.0,
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def webhook_bots(
    index: Path, corpus: Path, workdir: Path, store: Mapping[str, str], *, count: int = 2
) -> Iterator[tuple[FakeTelegram, list[int], list[BotProcess]]]:
    """``count`` webhook bots on one state store (``store``: DATABASE_URL or DATABASE_PATH).

    They start one after another, as a deploy starts them, each on a copy of ``index``;
    yields the fake Bot API, the instances' ports and the processes.
    """
    fake = FakeTelegram()
    moderators = ",".join(str(m["id"]) for m in MODERATORS)
    with ExitStack() as stack:
        front = stack.enter_context(HttpFront(fake, lifetime=900.0))
        ports: list[int] = []
        bots: list[BotProcess] = []
        for i in range(count):
            home = workdir / f"instance{i}"
            home.mkdir(parents=True, exist_ok=True)
            copy = home / "index.sqlite3"
            copyfile(index, copy)
            port = free_port()
            env = bot_env(
                front.base_url,
                copy,
                corpus.resolve(),
                **store,
                WEBHOOK_URL=HOOK,
                WEBHOOK_SECRET=SECRET,
                PORT=str(port),
                LISTEN="127.0.0.1",
                SEMANTIC="off",
                RATE_LIMIT="100000/1",
                BOT_MODERATORS=moderators,
                LOG_LEVEL="WARNING",
            )
            bot = stack.enter_context(bot_process(env, home, "run", "--allow-new-state"))
            _wait_healthy(port, bot)
            ports.append(port)
            bots.append(bot)
        yield fake, ports, bots


def _wait_healthy(port: int, bot: BotProcess, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bot.proc.poll() is not None:
            raise RuntimeError(f"an instance exited while starting:\n{bot.output()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"an instance was not healthy within {timeout} s:\n{bot.output()[-2000:]}")


class Driver:
    """Builds the update mix and posts it to the instances' webhooks."""

    def __init__(self, ports: list[int], *, seed: int, twice: float) -> None:
        self.ports = ports
        self.rng = random.Random(seed)
        self.twice = twice
        self.updates = Updates()
        self.keys: list[str] = []  # the answer each update must get, in order
        self.edits: list[str] = []
        self.cards: dict[int, int] = {}  # card group id -> card id
        self.delivered_twice = 0
        self._members = itertools.count(5000)

    def targets(self) -> tuple[int, ...]:
        if len(self.ports) > 1 and self.rng.random() < self.twice:
            self.delivered_twice += 1
            return tuple(range(len(self.ports)))
        return (self.rng.randrange(len(self.ports)),)

    def command(self) -> Delivery:
        """A query in a member's private chat (one member each, so the answer is theirs)."""
        sender = user(next(self._members), "M", "zh-hans")
        text = f"/{self.rng.choice(COMMANDS)} {self.rng.choice(TOPICS)}"
        data = self.updates.message(text, sender=sender)
        self.keys.append(f"p:{sender['id']}")
        return Delivery(data, self.targets())

    def new_card(self, chat: JSON) -> Delivery:
        text = "/card@ZhikuBot new 新开发银行 | 事实一 | 事实二"
        data = self.updates.message(text, sender=MODERATORS[0], chat=chat)
        self.keys.append(_message_key(data))
        return Delivery(data, (0,))

    def card_edit(self) -> Delivery:
        """An edit of fact 1 of one group's card, by one of two moderators, the groups in turn."""
        token = f"编辑{len(self.edits) + 1:05d}"
        chat = CARD_GROUPS[len(self.edits) % len(CARD_GROUPS)]
        self.edits.append(token)
        text = f"/card@ZhikuBot edit {self.cards[chat['id']]} fact 1 新开发银行事实{token}"
        data = self.updates.message(text, sender=self.rng.choice(MODERATORS), chat=chat)
        self.keys.append(_message_key(data))
        return Delivery(data, self.targets())

    def press(self, message: JSON, data: str) -> Delivery:
        """The chat's own member presses a button on an answer in their chat."""
        owner = user(message["chat"]["id"], "M", "zh-hans")
        update = self.updates.callback(data, sender=owner, message=message)
        self.keys.append(f"c:{update['callback_query']['id']}")
        return Delivery(update, self.targets())

    def mix(self, n: int, edit_share: float, pages: list[tuple[JSON, str]]) -> list[Delivery]:
        batch = []
        for _ in range(n):
            roll = self.rng.random()
            if roll < edit_share:
                batch.append(self.card_edit())
            elif pages and roll < edit_share + 0.3:
                batch.append(self.press(*self.rng.choice(pages)))
            else:
                batch.append(self.command())
        return batch

    async def deliver(self, client: httpx.AsyncClient, batch: list[Delivery]) -> None:
        """Post every delivery, at most 16 at a time; a double delivery posts at once."""
        gate = asyncio.Semaphore(16)

        async def post(port: int, update: JSON) -> None:
            async with gate:
                response = await client.post(
                    f"http://127.0.0.1:{port}/hook",
                    content=json.dumps(update, ensure_ascii=False).encode(),
                    headers={
                        "X-Telegram-Bot-Api-Secret-Token": SECRET,
                        "Content-Type": "application/json",
                    },
                )
                response.raise_for_status()

        await asyncio.gather(*(post(self.ports[i], d.update) for d in batch for i in d.to))


async def drive(
    fake: FakeTelegram,
    ports: list[int],
    *,
    updates: int = 2000,
    edit_share: float = 0.15,
    twice: float = 0.1,
    seed: int = 12,
    settle: float = 300.0,
) -> tuple[Driver, float]:
    """Deliver ``updates`` mixed updates in two waves (the second presses buttons on the
    first's answers); returns the driver and the seconds it took."""
    driver = Driver(ports, seed=seed, twice=twice)
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=30.0) as client:
        creations = [driver.new_card(chat) for chat in CARD_GROUPS]
        await driver.deliver(client, creations)
        await _settled(fake, driver.keys, settle)
        driver.cards = _card_ids(fake, creations)
        half = (updates - len(creations)) // 2
        await driver.deliver(client, driver.mix(half, edit_share, []))
        await _settled(fake, driver.keys, settle)
        rest = updates - len(driver.keys)
        await driver.deliver(client, driver.mix(rest, edit_share, _page_buttons(fake)))
        await _settled(fake, driver.keys, settle)
    return driver, time.monotonic() - started


def _card_ids(fake: FakeTelegram, creations: list[Delivery]) -> dict[int, int]:
    """Each card group's card id, read from the bot's "draft #N" reply."""
    by_key = {_answer_key(c): c for c in fake.calls_to("sendMessage")}
    found = {}
    for delivery in creations:
        call = by_key.get(_message_key(delivery.update))
        match = CARD_ID.search(call.params.get("text", "")) if call else None
        if match is None:
            raise RuntimeError(f"no card was created in {delivery.update['message']['chat']}")
        found[delivery.update["message"]["chat"]["id"]] = int(match[1])
    return found


async def _settled(fake: FakeTelegram, keys: list[str], limit: float) -> None:
    """Wait until every key has an answer and nothing new arrived for a second."""
    deadline = time.monotonic() + limit
    quiet_since, seen = time.monotonic(), -1
    while time.monotonic() < deadline:
        calls = len(fake.calls)
        if calls != seen:
            quiet_since, seen = time.monotonic(), calls
        answered = answers(fake.calls)
        if all(answered[k] for k in keys) and time.monotonic() - quiet_since > 1.0:
            return
        await asyncio.sleep(0.1)


def answers(calls: list[Call]) -> Counter[str]:
    """How many answers each update got: a reply to a message, an answer to a button."""
    found: Counter[str] = Counter()
    for call in list(calls):
        key = _answer_key(call)
        if key is not None:
            found[key] += 1
    return found


def _answer_key(call: Call) -> str | None:
    if call.error is not None:
        return None
    if call.method == "answerCallbackQuery":
        return f"c:{call.params.get('callback_query_id')}"
    if call.method == "sendMessage":
        chat = int(call.params.get("chat_id", 0))
        reply = call.params.get("reply_parameters") or {}
        if isinstance(reply, dict) and "message_id" in reply:
            return f"m:{chat}:{reply['message_id']}"
        return f"p:{chat}"  # a private chat's answer quotes nothing
    return None


def _message_key(update: JSON) -> str:
    message = update["message"]
    return f"m:{message['chat']['id']}:{message['message_id']}"


def _page_buttons(fake: FakeTelegram) -> list[tuple[JSON, str]]:
    """(message, callback data) of every page button on an answer the bots sent."""
    found = []
    for call in fake.calls_to("sendMessage"):
        message = call.result
        if not isinstance(message, dict):
            continue
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        for row in rows:
            for button in row:
                data = button.get("callback_data", "")
                if PAGE_BUTTON.match(data):
                    found.append((message, data))
    return found


async def card_history(db: StateDB) -> tuple[dict[int, list[int]], list[str]]:
    """Each card's version numbers in order, and the edit token of every edit version."""
    rows = await db.fetchall(
        "SELECT card_id, version, content FROM card_versions ORDER BY card_id, version"
    )
    versions: dict[int, list[int]] = {}
    for card_id, version, _ in rows:
        versions.setdefault(int(card_id), []).append(int(version))
    tokens = [t for r in rows for t in re.findall(r"编辑\d{5}", str(r[2]))]
    return versions, tokens


def report(driver: Driver, fake: FakeTelegram, seconds: float, instances: int) -> Report:
    seen = answers(fake.calls)
    return Report(
        instances=instances,
        updates=len(driver.keys),
        delivered_twice=driver.delivered_twice,
        answers=Counter({k: seen[k] for k in driver.keys}),
        edits_sent=list(driver.edits),
        seconds=seconds,
    )


async def _main(index: Path, updates: int) -> dict[str, Any]:
    """Two instances on a fresh schema of DATABASE_URL when it is set, else on a fresh SQLite
    state file."""
    url = os.environ.get("DATABASE_URL")
    with tempfile.TemporaryDirectory() as tmp:
        async with fresh_store(url, Path(tmp) / "state.sqlite3") as (store, open_db):
            with webhook_bots(index, Path("corpus"), Path(tmp), store) as (fake, ports, _):
                driver, seconds = await drive(fake, ports, updates=updates)
            result = report(driver, fake, seconds, instances=len(ports))
            db = await open_db()
            try:
                result.versions, result.edits_stored = await card_history(db)
            finally:
                await db.close()
    return {"store": "postgresql" if url else "sqlite", **result.figures()}


@asynccontextmanager
async def fresh_store(
    url: str | None, path: Path
) -> AsyncIterator[tuple[dict[str, str], Callable[[], Awaitable[StateDB]]]]:
    """The bots' store settings and a way to open it: a schema of its own on PostgreSQL."""
    from bot.state.postgres import PostgresState
    from bot.state.sqlite import SqliteState

    if url is None:
        yield {"DATABASE_PATH": str(path)}, lambda: SqliteState.open(path)
        return
    from devtools.pgschema import throwaway_schema

    async with throwaway_schema(url, "bench") as scoped:
        yield {"DATABASE_URL": scoped}, lambda: PostgresState.open(scoped)


if __name__ == "__main__":
    # python -m devtools.bench.instances [INDEX [UPDATES]]
    args = sys.argv[1:]
    where = Path(args[0]) if args else Path("data/index.sqlite3")
    print(json.dumps(asyncio.run(_main(where, int(args[1]) if len(args) > 1 else 2000))))
