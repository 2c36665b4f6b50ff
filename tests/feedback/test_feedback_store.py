"""Votes and the unanswered log on both backends: one vote per user and answer, changeable,
kept across a restart; hashed users; /forget; "paged and left" only after a quiet while."""

from __future__ import annotations

import hashlib
import re

from bot.app.state import Store
from bot.feedback.digest import LAST_KEY, PERIOD, mark_sent, next_due
from bot.feedback.store import LEAVE_AFTER, AnswerRef, FeedbackStore
from bot.state.db import StateDB
from tests.conftest import StateTarget

CHAT = -1001234567890
OTHER_CHAT = -1009999
LIN, WANG = 501, 601


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def _answer(db: StateDB, query: str = "金砖扩员", chat: int = CHAT) -> AnswerRef:
    state = await Store(db).save_query("search", query, chat, 5, ("d0.p5", "d2.a6.p41"))
    return AnswerRef(state.id, state.kind, state.query, state.chat_id, state.pids)


async def _count(db: StateDB, table: str) -> int:
    row = await db.fetchone(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def test_one_vote_per_user_and_answer_changeable_and_kept(state_target: StateTarget) -> None:
    db = await state_target.open()
    try:
        answer = await _answer(db)
        store = FeedbackStore(db)
        assert await store.vote(answer, LIN, 1) == "new"
        assert await store.vote(answer, LIN, 1) == "same"
        assert await store.vote(answer, LIN, -1) == "changed"
        assert await store.vote(answer, WANG, 1) == "new"
        assert await _count(db, "feedback") == 2
    finally:
        await db.close()
    again = await state_target.open()
    try:
        store = FeedbackStore(again)
        votes = {(v.query, v.vote, v.pids) for v in await store.votes()}
        assert votes == {("金砖扩员", -1, ("d0.p5", "d2.a6.p41")), ("金砖扩员", 1, answer.pids)}
        assert await store.vote(answer, LIN, -1) == "same"  # the same hash after a restart
    finally:
        await again.close()


async def test_only_a_keyed_hash_of_the_user_is_kept(state_db: StateDB) -> None:
    store = FeedbackStore(state_db)
    await store.vote(await _answer(state_db), LIN, 1)
    row = await state_db.fetchone("SELECT * FROM feedback")
    assert row is not None
    assert LIN not in tuple(row)  # no column holds the id
    assert str(LIN) not in tuple(row)
    row = await state_db.fetchone("SELECT user_hash FROM feedback")
    assert row is not None
    assert re.fullmatch(r"[0-9a-f]{32}", str(row[0]))
    # keyed: not a hash anyone could recompute from the chat and the user id alone
    plain = f"{CHAT}:{LIN}".encode()
    assert row[0] not in {hashlib.sha256(plain).hexdigest()[:32], hashlib.md5(plain).hexdigest()}
    assert row[0] == await store.user_hash(CHAT, LIN)
    assert await store.user_hash(OTHER_CHAT, LIN) != row[0]  # per chat: not linkable
    assert await FeedbackStore(state_db).user_hash(CHAT, LIN) == row[0]  # one key per store


async def test_a_dislike_logs_the_question_and_a_like_takes_it_back(state_db: StateDB) -> None:
    clock = Clock()
    store = FeedbackStore(state_db, clock=clock)
    answer = await _answer(state_db)
    await store.vote(answer, LIN, -1)
    await store.vote(answer, LIN, -1)
    assert [(e.query, e.reason) for e in await store.entries(0)] == [("金砖扩员", "disliked")]
    await store.vote(answer, LIN, 1)
    assert await store.entries(0) == []


async def test_paged_counts_once_the_user_has_left(state_db: StateDB) -> None:
    clock = Clock()
    store = FeedbackStore(state_db, clock=clock)
    answer = await _answer(state_db)
    await store.record_paged(answer, LIN)
    assert await store.entries(0) == []  # still reading
    clock.now += LEAVE_AFTER - 1
    await store.record_paged(answer, LIN)  # another page: the time starts again
    clock.now += LEAVE_AFTER - 1
    assert await store.entries(0) == []
    clock.now += 2
    assert [e.reason for e in await store.entries(0)] == ["paged"]
    await store.vote(answer, LIN, 1)  # found it after all
    assert await store.entries(0) == []
    await store.record_paged(answer, LIN)  # paging on after a 👍 marks nothing
    clock.now += 2 * LEAVE_AFTER
    assert await store.entries(0) == []


async def test_entries_by_chat_and_dismissed(state_db: StateDB) -> None:
    store = FeedbackStore(state_db)
    await store.record_empty("search", "金砖扩员", CHAT, LIN)
    await store.record_empty("search", "莫斯科", OTHER_CHAT, LIN)
    mine = await store.entries(0, CHAT)
    assert [e.query for e in mine] == ["金砖扩员"]
    assert len(await store.entries(0)) == 2
    assert await store.dismiss([mine[0].id]) == 1
    assert await store.dismiss([mine[0].id]) == 0
    assert [e.query for e in await store.entries(0)] == ["莫斯科"]


async def test_forget_removes_the_users_rows_in_every_chat(state_db: StateDB) -> None:
    store = FeedbackStore(state_db)
    await store.vote(await _answer(state_db), LIN, -1)
    await store.vote(await _answer(state_db, "厦门", OTHER_CHAT), LIN, 1)
    await store.record_empty("search", "无", OTHER_CHAT, LIN)
    await store.vote(await _answer(state_db), WANG, 1)
    assert await store.forget(LIN) == 4  # two votes, the dislike's log row, the empty one
    assert await _count(state_db, "feedback") == 1
    assert await _count(state_db, "unanswered") == 0
    assert await store.forget(LIN) == 0


async def test_the_digest_is_due_a_period_after_the_last(state_db: StateDB) -> None:
    clock = Clock()
    store = FeedbackStore(state_db, clock=clock)
    first = await next_due(store)
    assert first == clock.now + PERIOD
    clock.now += 3600  # a restart later: the first digest is not postponed
    assert await next_due(store) == first
    clock.now = first + 5
    assert await mark_sent(store) == first + 5 + PERIOD
    assert await store.meta(LAST_KEY) == repr(first + 5)
