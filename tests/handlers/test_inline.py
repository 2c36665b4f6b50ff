"""Inline mode: @bot <query> in any chat."""

from __future__ import annotations

from tests.handlers.conftest import Harness


async def test_inline_query_returns_up_to_ten_cited_results(tg: Harness) -> None:
    calls = await tg.inline("金砖 新开发银行")
    answer = calls[-1].params
    results = answer["results"]
    assert 1 <= len(results) <= 10
    assert answer["is_personal"] == "true"
    assert answer["cache_time"] == "300"
    for result in results:
        assert result["type"] == "article"
        assert result["title"]
        assert "<code>d" in result["input_message_content"]["message_text"]
        assert result["reply_markup"]["inline_keyboard"][0][0]["url"].startswith(
            "https://t.me/ZhikuBot?start=p_"
        )


async def test_inline_quotes_come_first(tg: Harness) -> None:
    results = (await tg.inline("习近平"))[-1].params["results"]
    assert results[0]["id"].startswith("q:")
    assert any(r["id"].startswith("p:") for r in results)


async def test_inline_pages_with_next_offset(tg: Harness) -> None:
    first = (await tg.inline("金砖"))[-1].params
    assert first["next_offset"]
    second = (await tg.inline("金砖", offset=first["next_offset"]))[-1].params
    ids = {r["id"] for r in first["results"]}
    assert ids.isdisjoint(r["id"] for r in second["results"])


async def test_empty_inline_query_offers_the_private_chat(tg: Harness) -> None:
    answer = (await tg.inline("   "))[-1].params
    assert answer["results"] == []
    assert answer["button"]["start_parameter"] == "inline"
    assert answer["button"]["text"] == "在私聊中打开智库"


async def test_inline_results_follow_the_users_script_setting(tg: Harness) -> None:
    await tg.app.bot_data.store.set_script(tg.user["id"], "traditional", tg.user["id"])
    results = (await tg.inline("新开发银行"))[-1].params["results"]
    text = " ".join(r["input_message_content"]["message_text"] for r in results)
    assert "新開發銀行" in text


async def test_odd_inline_queries_do_not_fail(tg: Harness) -> None:
    for query in ('"金砖 AND (', "<b>x</b>", "NEAR(a b)", "*"):
        calls = await tg.inline(query)
        assert calls[-1].method == "answerInlineQuery", query
