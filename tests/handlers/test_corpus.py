"""/source, /docs and /about in private chats and groups."""

from __future__ import annotations

from tests.handlers.conftest import Harness, buttons, reply, sent_message


async def test_source_shows_the_full_passage_with_notes_and_document(tg: Harness) -> None:
    sent = reply(await tg.say("/source d1.p5"))
    assert "习近平外交思想，即新时代中国特色社会主义外交思想" in sent["text"]
    assert "<code>d1.n1</code>" in sent["text"]  # its footnote
    assert "📚 <b>习近平外交思想引领下的厦门金砖合作实践创新</b>" in sent["text"]
    assert [b["callback_data"] for b in buttons(sent)] == ["v1:nav:d1.p4", "v1:nav:d1.p6"]


async def test_source_accepts_sloppy_ids(tg: Harness) -> None:
    for typed in ("D1.P5", "<d1.p5>", "d1-p5", "d1.p5。"):
        assert "<code>d1.p5</code>" in reply(await tg.say(f"/source {typed}"))["text"]


async def test_source_of_an_unknown_id_says_so(tg: Harness) -> None:
    sent = reply(await tg.say("/source d9.p999"))
    assert "找不到段落 <code>d9.p999</code>" in sent["text"]
    html_attempt = reply(await tg.say("/source <b>x</b>"))
    assert "<code>b&gt;x&lt;/b</code>" in html_attempt["text"]


async def test_source_without_an_id_explains_itself(tg: Harness) -> None:
    assert "<code>/source d0.p12</code>" in reply(await tg.say("/source"))["text"]


async def test_navigating_to_the_next_passage_edits_the_message(tg: Harness) -> None:
    shown = sent_message(await tg.say("/source d1.p5"))
    calls = await tg.press("v1:nav:d1.p6", shown)
    edited = [c.params for c in calls if c.method == "editMessageText"]
    assert len(edited) == 1
    assert "<code>d1.p6</code>" in edited[0]["text"]
    assert [c.method for c in calls].count("answerCallbackQuery") == 1


async def test_source_in_a_group_replies_and_offers_the_private_chat(tg: Harness) -> None:
    sent = reply(await tg.say_in_group("/source@ZhikuBot d0.p5"))
    assert sent["chat_id"] == str(tg.group["id"])
    assert sent["reply_parameters"]["message_id"] > 0  # a reply to the asker
    urls = [b["url"] for b in buttons(sent) if "url" in b]
    assert urls == ["https://t.me/ZhikuBot?start=p_d0-p5"]


async def test_docs_lists_documents_and_articles_with_ids(tg: Harness) -> None:
    text = reply(await tg.say("/docs"))["text"]
    for key in ("d0", "d1", "d2", "d3", "d4"):
        assert f"<code>{key}</code>" in text
    assert "<code>d2.a1</code>" in text


async def test_docs_in_a_group(tg: Harness) -> None:
    assert "<code>d4</code>" in reply(await tg.say_in_group("/docs@ZhikuBot"))["text"]


async def test_about_reports_counts_and_dates(tg: Harness) -> None:
    text = reply(await tg.say("/about"))["text"]
    assert "文献 5 篇" in text
    assert "2022-06 – 2025-06" in text


async def test_about_in_english_for_an_english_user(tg: Harness) -> None:
    english = {"id": 777, "is_bot": False, "first_name": "Ann", "language_code": "en"}
    text = reply(await tg.say_in_group("/about@ZhikuBot", sender=english))["text"]
    assert "5 documents" in text
