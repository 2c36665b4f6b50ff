"""/summary, /timeline, /quote and /verify in private chats and groups."""

from __future__ import annotations

from tests.handlers.conftest import Harness, buttons, callback_data, reply, sent_message


async def test_summary_gives_cited_sentences_and_more(tg: Harness) -> None:
    sent = reply(await tg.say("/summary 金砖扩员"))
    assert "📝 <b>金砖扩员</b>" in sent["text"]
    assert "[1]" in sent["text"]
    assert "📎" in sent["text"]
    assert [d[:6] for d in callback_data(sent)] == ["v1:mo:", "v1:fb:", "v1:fb:"]


async def test_summary_more_sends_the_passages(tg: Harness) -> None:
    shown = sent_message(await tg.say("/summary 金砖扩员"))
    calls = await tg.press(callback_data(shown)[0], shown)
    assert "🔎 <b>金砖扩员</b>" in reply(calls)["text"]


async def test_summary_in_a_group_links_to_the_private_chat(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/summary@ZhikuBot 金砖扩员"))
    assert sent["text"].count("[") <= 8  # 2–4 sentences
    assert any("?start=q_" in b.get("url", "") for b in buttons(sent))


async def test_timeline_lists_dated_events_eight_a_page(tg: Harness) -> None:
    sent = sent_message(await tg.say("/timeline 金砖扩员"))
    assert sent["text"].count("• ") == 8
    assert "<code>d" in (await _timeline_text(tg))
    forward = [d for d in callback_data(sent) if d.startswith("v1:pg:")]
    calls = await tg.press(forward[0], sent)
    edited = next(c.params for c in calls if c.method == "editMessageText")
    assert "第 2 页" in edited["text"]


async def _timeline_text(tg: Harness) -> str:
    return str(reply(await tg.say("/timeline 金砖扩员"))["text"])


async def test_quote_finds_verbatim_words_with_the_speaker(tg: Harness) -> None:
    sent = reply(await tg.say("/quote 习近平"))
    assert "— 习近平" in sent["text"]
    assert "<blockquote" in sent["text"]


async def test_quote_labels_reported_speech(tg: Harness) -> None:
    sent = reply(await tg.say("/quote 普京怎么看同伊朗的关系"))
    assert "同伊朗关系是俄当前优先事项\n— 普京（据报道，转述）" in sent["text"]


async def test_verify_says_the_words_are_reported_speech(tg: Harness) -> None:
    sent = reply(await tg.say("/verify 普京说：“同伊朗关系是俄当前优先事项”"))
    assert "✅" in sent["text"]
    assert "语料中这是对普京讲话的转述" in sent["text"]


async def test_verify_an_exact_quotation(tg: Harness) -> None:
    sent = reply(await tg.say("/verify 金砖国家是塑造国际格局的重要力量"))
    assert "✅" in sent["text"]
    assert "<code>d0.p5</code>" in sent["text"]


async def test_verify_a_claim_the_corpus_does_not_contain(tg: Harness) -> None:
    sent = reply(await tg.say("/verify 月亮是用奶酪做的，这是金砖峰会宣布的"))
    assert "❌" in sent["text"]


async def test_verify_as_a_reply_to_the_message_with_the_claim(tg: Harness) -> None:
    someone = {"id": 3, "is_bot": False, "first_name": "Bo"}
    said = "他说过：“金砖国家是塑造国际格局的重要力量”"
    claim = tg.updates.message(said, sender=someone, chat=tg.group)
    sent = reply(await tg.say_in_group("/verify@ZhikuBot", reply_to=claim["message"]))
    assert "✅" in sent["text"]
    assert sent["reply_parameters"]["message_id"] > 0


async def test_commands_without_a_topic_explain_themselves(tg: Harness) -> None:
    for command, example in (
        ("/summary", "/summary 金砖扩员"),
        ("/timeline", "/timeline 厦门金砖创新基地"),
        ("/quote", "/quote 习近平 金砖"),
        ("/verify", "/verify 金砖国家是全球南方的重要力量"),
    ):
        assert f"<code>{example}</code>" in reply(await tg.say(command))["text"]


async def test_answers_in_english_for_an_english_group_user(tg: Harness) -> None:
    english = {"id": 778, "is_bot": False, "first_name": "Ann", "language_code": "en-US"}
    sent = reply(await tg.say_in_group("/timeline@ZhikuBot", sender=english))
    assert "Add a topic" in sent["text"]


async def test_group_timeline_shows_the_first_eight_events_as_a_reply(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/timeline@ZhikuBot 金砖扩员"))
    assert sent["text"].count("• ") == 8
    assert sent["reply_parameters"]["message_id"] > 0
    assert any("?start=q_" in b.get("url", "") for b in buttons(sent))


async def test_group_quote_is_short(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/quote@ZhikuBot 习近平"))
    assert 1 <= sent["text"].count("<blockquote") <= 3


async def test_quote_pages_through_more_quotations(tg: Harness) -> None:
    shown = sent_message(await tg.say("/quote 习近平"))
    pages = [d for d in callback_data(shown) if d.startswith("v1:pg:")]
    calls = await tg.press(pages[0], shown)
    edited = next(c.params for c in calls if c.method == "editMessageText")
    assert "第 2 页" in edited["text"]
