"""/search, /s, plain text in private, replies and mentions in groups, paging."""

from __future__ import annotations

from tests.handlers.conftest import Harness, buttons, callback_data, reply, sent_message


async def test_search_command_answers_with_cited_passages(tg: Harness) -> None:
    sent = reply(await tg.say("/search 新开发银行 贷款"))
    assert "<b>新开发银行</b>" in sent["text"]
    assert sent["text"].count("<blockquote") == 5
    assert sent["text"].count("📎") == 5  # a citation line per passage
    assert all(d.startswith(("v1:src:", "v1:pg:", "v1:fb:")) for d in callback_data(sent))
    assert "reply_parameters" not in sent  # no quoting in a private chat


async def test_short_alias_and_plain_text_search_the_same(tg: Harness) -> None:
    by_alias = reply(await tg.say("/s 莱索托"))["text"]
    by_text = reply(await tg.say("莱索托"))["text"]
    assert by_alias == by_text
    assert "<b>莱索托</b>" in by_text


async def test_search_without_a_query_explains_itself(tg: Harness) -> None:
    text = reply(await tg.say("/search"))["text"]
    assert "<code>/search 新开发银行 贷款</code>" in text


async def test_pages_forward_and_back(tg: Harness) -> None:
    first = sent_message(await tg.say("/search 金砖"))
    forward = [d for d in callback_data(first) if d.startswith("v1:pg:")]
    assert len(forward) == 1
    assert forward[0].endswith(":1")
    calls = await tg.press(forward[0], first)
    second = next(c for c in calls if c.method == "editMessageText")
    assert "第 2 页" in second.params["text"]
    assert "6. " in second.params["text"]
    back = [d for d in callback_data(second.params) if d.endswith(":0")]
    calls = await tg.press(back[0], second.result)
    assert "第 2 页" not in next(c for c in calls if c.method == "editMessageText").params["text"]


async def test_source_button_sends_the_source_as_a_new_message(tg: Harness) -> None:
    first = sent_message(await tg.say("/search 莱索托"))
    data = callback_data(first)[0]
    pid = data.removeprefix("v1:src:")
    calls = await tg.press(data, first)
    assert f"<code>{pid}</code>" in reply(calls)["text"]
    assert [c.method for c in calls].count("answerCallbackQuery") == 1


async def test_group_command_is_answered_as_a_short_reply(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/search@ZhikuBot 金砖 扩员"))
    assert sent["text"].count("<blockquote") == 3
    assert sent["reply_parameters"]["message_id"] > 0
    urls = [b["url"] for b in buttons(sent) if "url" in b]
    assert any("?start=p_" in u for u in urls)
    assert any("?start=q_" in u for u in urls)  # read the rest in private


async def test_group_ordinary_conversation_is_ignored(tg: Harness) -> None:
    assert await tg.say_in_group("今天金砖开会吗") == []


async def test_group_mention_is_a_search(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("@ZhikuBot 莱索托 贷款"))
    assert "<b>莱索托</b>" in sent["text"]
    assert "@ZhikuBot" not in sent["text"]


async def test_group_reply_to_the_bot_is_a_search(tg: Harness) -> None:
    answer = sent_message(await tg.say_in_group("/search@ZhikuBot 金砖"))
    sent = reply(await tg.say_in_group("新开发银行", reply_to=answer))
    assert "<b>新开发银行</b>" in sent["text"]


async def test_group_reply_to_someone_else_is_ignored(tg: Harness) -> None:
    other = {
        "message_id": 5,
        "date": 0,
        "chat": tg.group,
        "text": "hi",
        "from": {"id": 3, "is_bot": False, "first_name": "B"},
    }
    assert await tg.say_in_group("新开发银行", reply_to=other) == []


async def test_forum_topic_answers_stay_in_the_topic(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/search@ZhikuBot 金砖", thread_id=42))
    assert sent["message_thread_id"] == "42"


async def test_deep_link_from_a_group_reruns_the_query_in_private(tg: Harness) -> None:
    group_answer = reply(await tg.say_in_group("/search@ZhikuBot 金砖"))
    link = next(b["url"] for b in buttons(group_answer) if "start=q_" in b.get("url", ""))
    payload = link.split("start=")[1]
    private = reply(await tg.say(f"/start {payload}"))
    assert private["chat_id"] == str(tg.user["id"])
    assert private["text"].count("<blockquote") == 5
