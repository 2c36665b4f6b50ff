"""/card and /cards: who may do what, drafting, editing, history, state, the audit trail."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bot.config import Settings
from devtools.fakeapi.updates import JSON, user
from tests.handlers.cards_helpers import (
    ADMIN,
    ANONYMOUS_BOT,
    MEMBER,
    MODERATOR,
    admins,
    button,
    card_cmd,
    drafted,
    methods,
    texts,
)
from tests.handlers.conftest import Harness, answered, buttons, reply, sent_message

REFUSED = "只有本群管理员可以管理事实卡片"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, moderators=frozenset({MODERATOR["id"]}))


@pytest.fixture(autouse=True)
def group_admins(tg: Harness) -> None:
    admins(tg)


def _anonymous(tg: Harness, text: str) -> JSON:
    data = tg.updates.message(text, sender=ANONYMOUS_BOT, chat=tg.group)
    data["message"]["sender_chat"] = tg.group
    return data


# -- who may do what ----------------------------------------------------------------------


async def test_a_draft_from_a_query_has_facts_quote_citations_and_buttons(tg: Harness) -> None:
    draft = await drafted(tg)
    text = draft["text"]
    assert text.startswith("🗂 卡片草稿 #1")
    assert "📝 草稿" in text
    assert "🗂 #1 · v1" in text
    # The facts are the summary's sentences, each cited: a link opens its passage.
    first = (await tg.app.bot_data.library.summary("新开发银行")).sentences[0]
    assert first.text[:30] in text
    links = [e["url"] for e in draft["entities"] if e["type"] == "text_link"]
    assert f"https://t.me/ZhikuBot?start=p_{first.passage_id.replace('.', '-')}" in links
    assert [b["text"] for b in buttons(draft)] == ["📌 置顶", "✏️ 修改", "🗑 放弃"]


@pytest.mark.parametrize("sender", [ADMIN, MODERATOR])
async def test_admins_and_configured_moderators_may_create(tg: Harness, sender: JSON) -> None:
    assert "🗂 卡片草稿 #1" in reply(await card_cmd(tg, "金砖扩员", sender))["text"]


async def test_an_anonymous_admin_may_create(tg: Harness) -> None:
    calls = await tg.process(_anonymous(tg, "/card@ZhikuBot 金砖扩员"))
    assert "🗂 卡片草稿 #1" in reply(calls)["text"]
    log = reply(await tg.say_in_group("/cards@ZhikuBot log", sender=ADMIN))
    assert "匿名管理员 · 起草 #1" in log["text"]


async def test_members_may_read_but_not_create_change_or_see_the_log(tg: Harness) -> None:
    await drafted(tg)
    for argument in (
        "金砖扩员",
        "new 标题 | 事实",
        "edit 1 title 改",
        "pin 1",
        "lock 1",
        "delete 1",
    ):
        refused = reply(await card_cmd(tg, argument, MEMBER))
        assert REFUSED in refused["text"], argument
    assert REFUSED in reply(await tg.say_in_group("/cards@ZhikuBot log", sender=MEMBER))["text"]
    assert "新开发银行" in reply(await card_cmd(tg, "show 1", MEMBER))["text"]
    assert "v1" in reply(await card_cmd(tg, "history 1", MEMBER))["text"]
    listing = reply(await tg.say_in_group("/cards@ZhikuBot", sender=MEMBER))["text"]
    assert "<b>#1</b> 新开发银行 · 📝 草稿" in listing
    assert "/cards log" not in listing


async def test_a_member_pressing_a_moderators_button_gets_an_alert_and_nothing_changes(
    tg: Harness,
) -> None:
    draft = await drafted(tg)
    for verb in ("pin", "edit", "disc"):
        calls = await tg.press(button(draft, verb), draft, sender=MEMBER)
        alert = answered(calls)
        assert alert["show_alert"] == "true"
        assert REFUSED in alert["text"]
        assert methods(calls) == ["answerCallbackQuery"]
    assert "📝 草稿" in reply(await card_cmd(tg, "show 1", MEMBER))["text"]


async def test_a_moderator_from_settings_may_press_the_buttons(tg: Harness) -> None:
    draft = await drafted(tg)
    calls = await tg.press(button(draft, "pin"), draft, sender=MODERATOR)
    assert "pinChatMessage" in methods(calls)


async def test_forged_card_buttons_change_nothing(tg: Harness) -> None:
    draft = await drafted(tg)
    other_group: JSON = {"id": -1009999999999, "type": "supergroup", "title": "别的群"}
    tg.fake.set_admins(other_group["id"], ADMIN["id"])
    elsewhere = sent_message(
        await tg.say("/card@ZhikuBot 金砖扩员", sender=ADMIN, chat=other_group)
    )
    assert "#2" in elsewhere["text"]
    # Card 2 belongs to the other group: its id on a button in this group finds nothing.
    calls = await tg.press("v1:cd:pin:2", draft, sender=ADMIN)
    assert "这里没有卡片 #2" in answered(calls)["text"]
    for forged in ("v1:cd:pin:99", "v1:cd:pin:x", "v1:cd:nuke:1", "v2:cd:pin:1"):
        calls = await tg.press(forged, draft, sender=ADMIN)
        assert answered(calls)["show_alert"] == "true"
        assert "pinChatMessage" not in methods(calls)
    assert tg.fake.pins.pinned == {}


async def test_a_new_admin_is_recognised_once_a_chat_member_update_arrives(tg: Harness) -> None:
    assert REFUSED in reply(await card_cmd(tg, "金砖扩员", MEMBER))["text"]
    tg.fake.set_admins(tg.group["id"], ADMIN["id"], MEMBER["id"])
    update = tg.updates.my_chat_member(
        chat=tg.group, sender=ADMIN, bot=MEMBER, old="member", new="administrator"
    )
    update["chat_member"] = update.pop("my_chat_member")
    assert await tg.process(update) == []
    assert "🗂 卡片草稿" in reply(await card_cmd(tg, "金砖扩员", MEMBER))["text"]


# -- drafting ------------------------------------------------------------------------------


async def test_card_as_a_reply_to_an_answer_drafts_from_its_stored_query(tg: Harness) -> None:
    answer = sent_message(await tg.say_in_group("/summary@ZhikuBot 金砖扩员", sender=ADMIN))
    draft = reply(await card_cmd(tg, "", ADMIN, reply_to=answer))
    assert "🗂 <b>金砖扩员</b>" in draft["text"]
    assert "扩员后" in draft["text"]


async def test_card_as_a_reply_to_a_source_drafts_from_its_citation(tg: Harness) -> None:
    answer = sent_message(await tg.say_in_group("/source@ZhikuBot d0.p26", sender=ADMIN))
    draft = reply(await card_cmd(tg, "", ADMIN, reply_to=answer))
    assert "金砖国家通过绿色融资机制" in draft["text"]
    assert ">d0.p26</a>" in draft["text"]


async def test_card_without_a_topic_or_an_answer_explains_itself(tg: Harness) -> None:
    assert "<code>/card new" in reply(await card_cmd(tg, "", ADMIN))["text"]
    someone = tg.updates.message("金砖", sender=MEMBER, chat=tg.group)["message"]
    assert "<code>/card new" in reply(await card_cmd(tg, "", ADMIN, reply_to=someone))["text"]
    assert "没有找到" in reply(await card_cmd(tg, "qzxwvkjh", ADMIN))["text"]


@pytest.mark.parametrize("argument", ["help", "帮助", "?", ""])
@pytest.mark.parametrize("sender", [ADMIN, MEMBER], ids=["admin", "member"])
async def test_card_help_shows_the_help_and_drafts_nothing(
    tg: Harness, argument: str, sender: JSON
) -> None:
    text = reply(await card_cmd(tg, argument, sender))["text"]
    assert text.startswith("🗂 <b>事实卡片</b>")
    assert "<code>/card new" in text
    assert "草稿" not in text
    listing = reply(await tg.say_in_group("/cards@ZhikuBot", sender=ADMIN))["text"]
    assert "本群还没有事实卡片" in listing


async def test_card_help_in_a_private_chat_and_in_english(tg: Harness) -> None:
    assert "<code>/card new" in reply(await tg.say("/card help"))["text"]
    assert "<code>/card new" in reply(await tg.say("/card"))["text"]
    english = user(606, "Ann", "en")
    text = reply(await tg.say("/card help", sender=english))["text"]
    assert text.startswith("🗂 <b>Fact cards</b>")
    assert (
        "<code>/card edit 12 title"
        in reply(await tg.say("/card help edit", sender=english))["text"]
    )


async def test_a_card_by_hand_then_cited(tg: Harness) -> None:
    made = reply(await card_cmd(tg, "new 绿色融资 | 新开发银行支持可再生能源 | 发行绿色债券"))
    assert "• 发行绿色债券" in made["text"]
    assert "尚无出处" in made["text"]
    cited = reply(await card_cmd(tg, "cite 1 d0-p26"))
    assert ">d0.p26</a> “金砖合作”推动全球南方携手共进" in cited["text"]
    assert "🗂 #1 · v2" in cited["text"]
    assert "找不到段落" in reply(await card_cmd(tg, "cite 1 d0.p9999"))["text"]
    uncited = reply(await card_cmd(tg, "uncite 1 d0.p26"))
    assert "d0.p26" not in uncited["text"]


# -- editing, history, restoring -------------------------------------------------------------


async def test_edits_by_command_and_by_reply_make_versions(tg: Harness) -> None:
    draft = await drafted(tg)
    edited = reply(await card_cmd(tg, "edit 1 title 新开发银行：十年", ADMIN))
    assert "✅ 已保存为第 2 版" in edited["text"]
    assert "🗂 <b>新开发银行：十年</b>" in edited["text"]
    shown = sent_message(await card_cmd(tg, "show 1"))
    by_reply = reply(await card_cmd(tg, "edit fact 1 成立于2015年。", ADMIN, reply_to=shown))
    assert "• 成立于2015年。" in by_reply["text"]
    assert "🗂 #1 · v3" in by_reply["text"]
    quote = reply(await card_cmd(tg, "edit 1 quote -"))
    assert "<blockquote" not in quote["text"]
    bad_quote = reply(await card_cmd(tg, "edit 1 quote 新开发银行作为金砖国家合作的核心平台"))
    assert "一字不差" in bad_quote["text"]
    history = reply(await card_cmd(tg, "history 1"))["text"]
    assert history.index("<b>v4</b>") < history.index("<b>v1</b>")
    assert "Wang · 修改" in history
    assert draft["message_id"] != shown["message_id"]


async def test_restoring_an_old_version_makes_it_current(tg: Harness) -> None:
    await drafted(tg)
    await card_cmd(tg, "edit 1 title 改过的标题")
    restored = reply(await card_cmd(tg, "restore 1 1"))
    assert "↩️ 已恢复第 1 版，保存为第 3 版" in restored["text"]
    assert "🗂 <b>新开发银行</b>" in restored["text"]
    assert "没有第 7 版" in reply(await card_cmd(tg, "restore 1 7"))["text"]


async def test_the_edit_button_shows_commands_carrying_the_version(tg: Harness) -> None:
    draft = await drafted(tg)
    calls = await tg.press(button(draft, "edit"), draft, sender=ADMIN)
    assert "<code>/card edit 1@1 title" in texts(calls)[0]
    assert "show_alert" not in answered(calls)


async def test_bad_edits_explain_themselves(tg: Harness) -> None:
    await drafted(tg)
    assert "没有第 5 条事实" in reply(await card_cmd(tg, "edit 1 fact 5 x"))["text"]
    assert "太长了" in reply(await card_cmd(tg, "edit 1 title " + "长" * 61))["text"]
    assert "<code>/card edit 12 title" in reply(await card_cmd(tg, "edit 1 colour red"))["text"]
    assert "请写上卡片编号" in reply(await card_cmd(tg, "edit title 无处可改"))["text"]
    assert "这里没有卡片 #9" in reply(await card_cmd(tg, "edit 9 title x"))["text"]


# -- state: lock, delete, discard ---------------------------------------------------------------


async def test_a_locked_card_refuses_edits_until_unlocked(tg: Harness) -> None:
    await drafted(tg)
    assert "🔒 卡片 #1 已锁定" in reply(await card_cmd(tg, "lock 1"))["text"]
    assert "已锁定，不能修改" in reply(await card_cmd(tg, "edit 1 title 改"))["text"]
    assert "已锁定，不能修改" in reply(await card_cmd(tg, "delete 1"))["text"]
    assert "🔒 已锁定" in reply(await tg.say_in_group("/cards@ZhikuBot", sender=MEMBER))["text"]
    await card_cmd(tg, "unlock 1")
    assert "第 2 版" in reply(await card_cmd(tg, "edit 1 title 改"))["text"]


async def test_deleting_is_soft_and_a_moderator_can_undo_it(tg: Harness) -> None:
    await drafted(tg)
    assert "/card undelete 1" in reply(await card_cmd(tg, "delete 1"))["text"]
    assert (
        "还没有事实卡片" in reply(await tg.say_in_group("/cards@ZhikuBot", sender=MEMBER))["text"]
    )
    assert "这里没有卡片 #1" in reply(await card_cmd(tg, "show 1", MEMBER))["text"]
    assert "🗑 已删除" in reply(await tg.say_in_group("/cards@ZhikuBot", sender=ADMIN))["text"]
    assert "已删除" in reply(await card_cmd(tg, "edit 1 title 改"))["text"]
    assert "♻️ 卡片 #1 已恢复为草稿" in reply(await card_cmd(tg, "undelete 1"))["text"]
    assert "📝 草稿" in reply(await card_cmd(tg, "show 1", MEMBER))["text"]


async def test_discarding_a_draft_by_button(tg: Harness) -> None:
    draft = await drafted(tg)
    calls = await tg.press(button(draft, "disc"), draft, sender=ADMIN)
    edited = next(c.params for c in calls if c.method == "editMessageText")
    assert "🗑 已删除" in edited["text"]
    assert "reply_markup" not in edited
    assert "已删除" in answered(calls)["text"]


async def test_the_audit_log_says_who_did_what(tg: Harness) -> None:
    draft = await drafted(tg)
    await card_cmd(tg, "edit 1 title 新标题", MODERATOR)
    await tg.press(button(draft, "pin"), draft, sender=ADMIN)
    await card_cmd(tg, "lock 1", ADMIN)
    log = reply(await tg.say_in_group("/cards@ZhikuBot log", sender=ADMIN))["text"]
    lines = log.splitlines()[1:]
    assert [re.sub(" <code>.*", "", line).split(" · ", 1)[1] for line in lines] == [
        "Wang · 锁定 #1 v2",
        "Wang · 置顶 #1 v2",
        "Chen · 修改 #1 v2",
        "Wang · 起草 #1 v1",
    ]


async def test_in_a_private_chat_the_user_keeps_their_own_cards_in_their_language(
    tg: Harness,
) -> None:
    english = user(701, "Ann", "en")
    made = reply(
        await tg.say("/card new NDB | Founded in 2015 | Green projects first", sender=english)
    )
    assert made["text"].startswith("🗂 Draft card #1: check it, then press 📌 Pin.")
    assert "no citations yet" in made["text"]
    shown = sent_message(await tg.say("/card show 1", sender=english))
    calls = await tg.press(button(shown, "pin"), shown, sender=english)
    assert "getChatMember" not in methods(calls)  # no rights needed to pin in private
    assert answered(calls)["text"] == "📌 Card #1 is pinned"
    listing = reply(await tg.say("/cards", sender=english))["text"]
    assert "<b>#1</b> NDB · 📌 Pinned" in listing  # no message link outside supergroups
    assert "这里没有卡片 #1" in reply(await tg.say("/card show 1"))["text"]  # another chat
