"""👍/👎 on every answer kind, stored once per user and answer; forged or foreign buttons
store nothing; the unanswered log; /privacy and /forget."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.lookup.search.searcher import Searcher
from bot.state.db import StateDB
from devtools.fakeapi.updates import JSON, user
from tests.handlers.cards_helpers import ADMIN, MEMBER, admins
from tests.handlers.conftest import (
    Harness,
    answered,
    callback_data,
    replies,
    reply,
    sent_message,
)

ASKS = {
    "search": "/search 新开发银行",
    "summary": "/summary 金砖扩员",
    "timeline": "/timeline 厦门金砖创新基地",
    "quote": "/quote 习近平 金砖",
    "verify": "/verify 金砖国家不是封闭的俱乐部",
}


def votes(message: JSON) -> tuple[str, str]:
    up = [d for d in callback_data(message) if d.startswith("v1:fb:") and d.endswith(":u")]
    down = [d for d in callback_data(message) if d.startswith("v1:fb:") and d.endswith(":d")]
    assert len(up) == len(down) == 1, callback_data(message)
    return up[0], down[0]


def db(tg: Harness) -> StateDB:
    return tg.app.bot_data.store.db


async def rows(tg: Harness, sql: str) -> list[tuple[object, ...]]:
    return await db(tg).fetchall(sql)


@pytest.mark.parametrize("kind", list(ASKS))
async def test_every_answer_kind_carries_a_vote_row(tg: Harness, kind: str) -> None:
    shown = sent_message(await tg.say(ASKS[kind]))
    up, _ = votes(shown)
    markup = shown["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in markup[-1]] == ["👍", "👎"]  # the last row, on its own
    assert answered(await tg.press(up, shown))["text"] == "谢谢反馈！"
    stored = await rows(tg, "SELECT kind, query, pids, vote FROM feedback")
    assert len(stored) == 1
    assert stored[0][0] == kind
    assert stored[0][1] == ASKS[kind].split(" ", 1)[1]
    assert stored[0][2]  # the passage ids the answer showed
    assert stored[0][3] == 1


async def test_a_vote_is_idempotent_changeable_and_private(tg: Harness) -> None:
    shown = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖扩员"))
    up, down = votes(shown)
    calls = await tg.press(down, shown)
    assert answered(calls)["text"] == "谢谢，我们会改进这类问题。"
    assert "show_alert" not in answered(calls)
    assert [c.method for c in calls] == ["answerCallbackQuery"]  # nothing shown to the group
    assert answered(await tg.press(down, shown))["text"] == "已记下你的评价。"
    assert answered(await tg.press(up, shown))["text"] == "已更新你的评价。"
    await tg.press(up, shown, sender=MEMBER)
    assert sorted(await rows(tg, "SELECT vote FROM feedback")) == [(1,), (1,)]
    user_id = tg.user["id"]
    assert all(
        user_id not in row and str(user_id) not in row
        for row in await rows(tg, "SELECT * FROM feedback")
    )
    assert len({h for (h,) in await rows(tg, "SELECT user_hash FROM feedback")}) == 2


async def test_a_dislike_enters_the_unanswered_log_and_a_like_takes_it_out(tg: Harness) -> None:
    shown = sent_message(await tg.say("/search 金砖扩员"))
    up, down = votes(shown)
    await tg.press(down, shown)
    assert await rows(tg, "SELECT query, reason FROM unanswered") == [("金砖扩员", "disliked")]
    await tg.press(up, shown)
    assert await rows(tg, "SELECT query, reason FROM unanswered") == []


async def test_forged_or_foreign_vote_data_stores_nothing(tg: Harness) -> None:
    group_answer = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖"))
    private_answer = sent_message(await tg.say("/search 厦门"))
    up, _ = votes(group_answer)
    alert = answered(await tg.press(up, private_answer))
    assert alert["show_alert"] == "true"
    assert alert["text"] == "这个按钮属于另一个对话，未作记录。"
    for data in ("v1:fb:NoSuchId:u", "v1:fb:x:u", "v1:fb:AbCdEfGh:maybe", up + "x"):
        alert = answered(await tg.press(data, private_answer))
        assert alert["show_alert"] == "true"
    assert await rows(tg, "SELECT count(*) FROM feedback") == [(0,)]
    assert await rows(tg, "SELECT count(*) FROM unanswered") == [(0,)]


async def test_nothing_found_is_logged_without_buttons(tg: Harness) -> None:
    shown = reply(await tg.say("/search qzxwvkjh"))
    assert "reply_markup" not in shown
    logged = await rows(tg, "SELECT kind, query, reason FROM unanswered")
    assert logged == [("search", "qzxwvkjh", "empty")]


async def test_a_question_the_documents_do_not_cover_is_said_so_and_logged(tg: Harness) -> None:
    library = tg.app.bot_data.library
    # Lexical search, where the coverage floor decides (the name sign needs the semantic layer).
    fitted = replace(library.searcher.ranking, abstain_lexical_floor=0.9)
    library.searcher = Searcher(library.conn, library.searcher.parser, fitted, library.semantic)
    shown = sent_message(await tg.say("/search 亚洲开发银行总部设在哪里"))
    assert "收录的文献没有谈到「亚洲开发银行总部设在哪里」" in shown["text"]
    assert "最接近的是这几处" in shown["text"]
    # No votes on an abstention: its buttons open the passages that came closest.
    data = callback_data(shown)
    assert data
    assert all(d.startswith("v1:src:") for d in data)
    opened = reply(await tg.press(data[0], shown))
    assert data[0].removeprefix("v1:src:") in opened["text"]
    logged = await rows(tg, "SELECT kind, query, reason FROM unanswered")
    assert logged == [("search", "亚洲开发银行总部设在哪里", "empty")]


async def test_turning_a_page_marks_the_answer(tg: Harness) -> None:
    shown = sent_message(await tg.say("/search 金砖"))
    page = next(d for d in callback_data(shown) if d.startswith("v1:pg:"))
    await tg.press(page, shown)
    assert await rows(tg, "SELECT query, reason FROM unanswered") == [("金砖", "paged")]


async def test_privacy_says_what_is_kept(tg: Harness) -> None:
    text = reply(await tg.say("/privacy"))["text"]
    assert "散列" in text
    assert "/forget" in text
    english = reply(await tg.say("/privacy", sender=user(777, "Ann", "en")))["text"]
    assert "hashed" in english


async def test_forget_deletes_the_users_rows_everywhere(tg: Harness) -> None:
    admins(tg)
    in_group = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖", sender=ADMIN))
    in_private = sent_message(await tg.say("/search 厦门", sender=ADMIN))
    await tg.press(votes(in_group)[1], in_group, sender=ADMIN)
    await tg.press(votes(in_private)[0], in_private, sender=ADMIN)
    await tg.press(votes(in_group)[0], in_group, sender=MEMBER)
    text = reply(await tg.say("/forget", sender=ADMIN))["text"]
    assert "3" in text  # two votes and the dislike's log row
    assert await rows(tg, "SELECT count(*) FROM feedback") == [(1,)]
    assert await rows(tg, "SELECT count(*) FROM unanswered") == [(0,)]
    assert reply(await tg.say("/forget", sender=ADMIN))["text"] == "没有你的反馈记录。"


def _inline_press(tg: Harness, data: str, sender: JSON) -> JSON:
    """A button press on a message sent from an inline result (no message, no chat)."""
    return {
        "update_id": 900_000 + len(tg.fake.calls),
        "callback_query": {
            "id": f"inl{len(tg.fake.calls)}",
            "from": sender,
            "chat_instance": "-42",
            "inline_message_id": "AgAAAInlineMessage",
            "data": data,
        },
    }


async def test_inline_results_carry_votes_for_the_messages_they_become(tg: Harness) -> None:
    results = (await tg.inline("新开发银行"))[-1].params["results"]
    rows = [r["reply_markup"]["inline_keyboard"] for r in results]
    up = rows[0][-1][0]["callback_data"]
    assert all(row[-1][0]["callback_data"] == up for row in rows)  # one answer per page
    alert = answered(await tg.process(_inline_press(tg, up, MEMBER)))
    assert alert["text"] == "谢谢反馈！"
    assert await rows_of(tg) == [("新开发银行", 1)]
    # A chat's answer cannot be voted on from an inline message, nor the other way round.
    in_chat = sent_message(await tg.say("/search 厦门"))
    alert = answered(await tg.process(_inline_press(tg, votes(in_chat)[0], MEMBER)))
    assert alert["show_alert"] == "true"
    assert answered(await tg.press(up, in_chat))["show_alert"] == "true"
    assert await rows_of(tg) == [("新开发银行", 1)]


async def rows_of(tg: Harness) -> list[tuple[object, ...]]:
    return await rows(tg, "SELECT query, vote FROM feedback")


async def test_a_dislike_in_private_asks_what_was_wanted(tg: Harness) -> None:
    shown = sent_message(await tg.say("/search 金砖扩员"))
    calls = await tg.press(votes(shown)[1], shown)
    ask = reply(calls)
    assert ask["reply_markup"]["force_reply"] is True
    assert ask["text"].startswith("想找的是什么？")
    answer = reply(await tg.say("我想知道哪一年", reply_to=sent_message(calls)))
    assert answer["text"] == "谢谢，已记下。"
    assert await rows(tg, "SELECT note FROM feedback") == [("我想知道哪一年",)]
    assert "🔎" in reply(await tg.say("莱索托"))["text"]  # other text still searches
    assert len(replies(await tg.press(votes(shown)[1], shown))) == 0  # asked once per vote


async def test_no_ask_in_a_group(tg: Harness) -> None:
    shown = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖扩员"))
    calls = await tg.press(votes(shown)[1], shown)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
