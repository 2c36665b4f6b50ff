"""Bad input gets a clear, short answer in the user's language — never an error or silence."""

from __future__ import annotations

import pytest

from tests.handlers.conftest import ERROR_CHAT, Harness, answered, reply, sent_message


def _no_report(tg: Harness) -> None:
    reports = [c for c in tg.fake.calls_to("sendMessage") if c.params["chat_id"] == str(ERROR_CHAT)]
    assert not reports


async def test_empty_query(tg: Harness) -> None:
    assert "/search" in reply(await tg.say("/search    "))["text"]


async def test_huge_query(tg: Harness) -> None:
    text = reply(await tg.say("/search " + "金砖" * 1500))["text"]
    assert "内容太长（3000 字）" in text
    _no_report(tg)


async def test_huge_query_in_english(tg: Harness) -> None:
    english = {"id": 779, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    text = reply(await tg.say("x" * 500, sender=english))["text"]
    assert "too long (500 characters)" in text


@pytest.mark.parametrize(
    "query",
    [
        "<b>金砖</b>",
        "<script>alert(1)</script>",
        '金砖 AND OR NOT "',
        "NEAR(金砖 扩员, 2)",
        "金砖*",
        '"金砖',
        "金砖'; DROP TABLE passages; --",
        "&amp; &lt; & <",
    ],
)
async def test_markup_and_fts_syntax_are_plain_text(tg: Harness, query: str) -> None:
    text = reply(await tg.say(f"/search {query}"))["text"]
    assert "<script>" not in text
    _no_report(tg)


@pytest.mark.parametrize("query", ["😀😀😀", "!!!???", "。。。"])
async def test_nothing_searchable(tg: Harness, query: str) -> None:
    assert "没有可以搜索的文字" in reply(await tg.say(query))["text"]


async def test_emoji_around_words_still_search(tg: Harness) -> None:
    assert "<b>莱索托</b>" in reply(await tg.say("🇱🇸 莱索托 💰"))["text"]


async def test_nothing_found_is_never_silent(tg: Harness) -> None:
    text = reply(await tg.say("/search qzxwvkjh"))["text"]
    assert "没有找到" in text
    assert "/docs" in text


async def test_messages_sent_via_the_bot_are_not_searched(tg: Harness) -> None:
    data = tg.updates.message("金砖", sender=tg.user)
    data["message"]["via_bot"] = tg.fake.bot_user
    assert await tg.process(data) == []


async def test_edited_messages_are_ignored(tg: Harness) -> None:
    data = tg.updates.message("/search 金砖", sender=tg.user)
    data["edited_message"] = data.pop("message")
    assert await tg.process(data) == []


# Half of a UTF-16 pair: what a broken client can put in a JSON string ("\ud800"), and what
# json.loads hands on as a lone surrogate that no UTF-8 encoder (SQLite, httpx) accepts.
LONE = "\ud800"


async def test_a_lone_surrogate_in_a_search_is_replaced(tg: Harness) -> None:
    text = reply(await tg.say(f"/search 新开发银行{LONE} 莱索托"))["text"]
    assert "<b>莱索托</b>" in text
    assert LONE not in text
    _no_report(tg)


async def test_a_lone_surrogate_in_plain_text_is_replaced(tg: Harness) -> None:
    text = reply(await tg.say(f"莱索托{LONE}"))["text"]
    assert "<b>莱索托</b>" in text
    _no_report(tg)


async def test_a_lone_surrogate_in_an_inline_query_is_replaced(tg: Harness) -> None:
    calls = await tg.inline(f"新开发银行 {LONE}莱索托")
    assert [c.method for c in calls] == ["answerInlineQuery"]
    results = calls[0].params["results"]
    assert any("莱索托" in r["input_message_content"]["message_text"] for r in results)
    _no_report(tg)


async def test_a_lone_surrogate_in_a_replied_claim_is_replaced(tg: Harness) -> None:
    claim = tg.updates.message(f"金砖国家是塑造国际格局的重要力量{LONE}", sender=tg.user)
    sent = reply(await tg.say("/verify", reply_to=claim["message"]))
    assert "金砖国家是塑造国际格局的重要力量" in sent["text"]
    _no_report(tg)


async def test_a_lone_surrogate_in_callback_data_is_an_expired_button(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d1.p5"))
    calls = await tg.press(f"v1:nav:d1.p5{LONE}", shown)
    assert answered(calls)["show_alert"] == "true"
    _no_report(tg)
