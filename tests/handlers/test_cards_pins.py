"""Pinned cards: silent pins, the bot without the right to pin, edits in place, a pinned
message someone deleted, a restart between steps, and two moderators editing at once.
"""

from __future__ import annotations

import asyncio

from bot.app.application import build_application, running
from bot.config import Settings
from devtools.fakeapi import FakeTelegram
from devtools.fakeapi.pins import NO_PIN_RIGHTS
from devtools.fakeapi.updates import JSON
from tests.handlers.cards_helpers import (
    ADMIN,
    OTHER_ADMIN,
    admins,
    button,
    card_cmd,
    drafted,
    methods,
    texts,
)
from tests.handlers.conftest import Harness, answered, reply

RIGHT = "“置顶消息”权限"


async def _pinned(tg: Harness) -> tuple[JSON, int]:
    """A drafted card pinned by its button: (the draft message, the pinned message id)."""
    admins(tg)
    draft = await drafted(tg)
    calls = await tg.press(button(draft, "pin"), draft, sender=ADMIN)
    pin = next(c.params for c in calls if c.method == "pinChatMessage")
    return draft, int(pin["message_id"])


async def test_pinning_sends_the_card_and_pins_it_silently(tg: Harness) -> None:
    draft, pinned_id = await _pinned(tg)
    pin = tg.fake.last("pinChatMessage")
    assert pin["disable_notification"] == "true"
    assert tg.fake.pins.pinned[tg.group["id"]] == [pinned_id]
    card = next(p for p in tg.fake.sent() if p.get("text", "").startswith("🗂 <b>新开发银行"))
    assert "reply_markup" not in card  # the pinned card itself carries no buttons
    shown = next(c.result["text"] for c in tg.fake.calls_to("sendMessage") if c.params is card)
    assert len(shown) < 450  # one phone screen
    panel = tg.fake.last("editMessageText")
    assert panel["message_id"] == str(draft["message_id"])
    assert "📌 已置顶" in panel["text"]
    link = f"https://t.me/c/1234567890/{pinned_id}"
    assert (
        f'<a href="{link}">📌 已置顶</a>'
        in reply(await tg.say_in_group("/cards@ZhikuBot", sender=ADMIN))["text"]
    )
    again = reply(await card_cmd(tg, "pin 1"))
    assert "已经置顶了" in again["text"]


async def test_without_the_right_to_pin_the_card_stays_a_draft(tg: Harness) -> None:
    admins(tg)
    tg.fake.set_bot_status(tg.group["id"], "member")
    draft = await drafted(tg)
    calls = await tg.press(button(draft, "pin"), draft, sender=ADMIN)
    alert = answered(calls)
    assert alert["show_alert"] == "true"
    assert RIGHT in alert["text"]
    assert methods(calls) == ["getChatMember", "answerCallbackQuery"]
    tg.fake.set_bot_status(tg.group["id"], "administrator", can_pin_messages=False)
    explained = reply(await card_cmd(tg, "pin 1"))
    assert RIGHT in explained["text"]
    assert "仍是草稿" in explained["text"]
    assert "📝 草稿" in reply(await card_cmd(tg, "show 1"))["text"]
    tg.fake.set_bot_status(tg.group["id"], "administrator", can_pin_messages=True)
    assert "已置顶" in texts(await card_cmd(tg, "pin 1"))[-1]


async def test_rights_lost_between_the_check_and_the_pin(tg: Harness) -> None:
    admins(tg)
    await drafted(tg)
    tg.fake.fail_next("pinChatMessage", description=NO_PIN_RIGHTS)
    calls = await card_cmd(tg, "pin 1")
    assert RIGHT in texts(calls)[-1]
    assert "deleteMessage" in methods(calls)  # the card message that could not be pinned
    assert tg.fake.pins.pinned == {}
    assert "📝 草稿" in reply(await card_cmd(tg, "show 1"))["text"]


async def test_editing_a_pinned_card_edits_the_pinned_message_in_place(tg: Harness) -> None:
    _, pinned_id = await _pinned(tg)
    calls = await card_cmd(tg, "edit 1 fact 1 新开发银行于2015年成立。")
    edit = next(c.params for c in calls if c.method == "editMessageText")
    assert edit["message_id"] == str(pinned_id)
    assert "• 新开发银行于2015年成立。" in edit["text"]
    assert "🗂 #1 · v2" in edit["text"]
    assert "pinChatMessage" not in methods(calls)
    assert "置顶消息已同步更新" in reply(calls)["text"]
    assert tg.fake.pins.pinned[tg.group["id"]] == [pinned_id]


async def test_an_unmodified_pinned_message_is_fine(tg: Harness) -> None:
    await _pinned(tg)
    tg.fake.fail_next(
        "editMessageText",
        description="Bad Request: message is not modified: specified new message content and "
        "reply markup are exactly the same as a current content and reply markup of a message",
    )
    calls = await card_cmd(tg, "edit 1 title 新开发银行")
    assert "✅ 已保存为第 2 版。" in reply(calls)["text"]


async def test_a_deleted_pinned_message_is_noticed_and_a_re_pin_offered(tg: Harness) -> None:
    _, pinned_id = await _pinned(tg)
    tg.fake.delete(tg.group["id"], pinned_id)
    calls = await card_cmd(tg, "edit 1 title 新开发银行十年")
    panel, offer = texts(calls)
    assert "📝 草稿" in panel
    assert "置顶消息已被删除" in offer
    offer_message = next(
        c.result
        for c in calls
        if c.method == "sendMessage" and "置顶消息已被删除" in c.params["text"]
    )
    listing = reply(await tg.say_in_group("/cards@ZhikuBot", sender=ADMIN))["text"]
    assert "📝 草稿" in listing
    calls = await tg.press(button(offer_message, "pin"), offer_message, sender=ADMIN)
    new_pin = int(next(c.params for c in calls if c.method == "pinChatMessage")["message_id"])
    assert new_pin != pinned_id
    assert "🗂 <b>新开发银行十年</b>" in texts(calls)[0]
    log = reply(await tg.say_in_group("/cards@ZhikuBot log", sender=ADMIN))["text"]
    assert "置顶消息被删" in log


async def test_unpinning_and_deleting_a_pinned_card(tg: Harness) -> None:
    draft, pinned_id = await _pinned(tg)
    panel = tg.fake.last("editMessageText")
    shown = {**draft, "reply_markup": panel["reply_markup"]}
    calls = await tg.press(button(shown, "unpin"), shown, sender=ADMIN)
    assert tg.fake.last("unpinChatMessage")["message_id"] == str(pinned_id)
    assert "📍 卡片 #1 已取消置顶" in answered(calls)["text"]
    assert tg.fake.pins.pinned[tg.group["id"]] == []
    await card_cmd(tg, "pin 1")
    repinned = tg.fake.pins.pinned[tg.group["id"]][0]
    deleted = reply(await card_cmd(tg, "delete 1"))
    assert "已删除" in deleted["text"]
    assert tg.fake.last("unpinChatMessage")["message_id"] == str(repinned)
    assert "不能" not in reply(await card_cmd(tg, "undelete 1"))["text"]


async def test_cards_and_buttons_work_across_restarts(
    settings: Settings, fake: FakeTelegram
) -> None:
    first = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(first):
        harness = Harness(first, fake)
        admins(harness)
        draft = await drafted(harness)
    second = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(second):
        harness = Harness(second, fake)
        admins(harness)
        await harness.press(button(draft, "pin"), draft, sender=ADMIN)
    third = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(third):
        harness = Harness(third, fake)
        admins(harness)
        calls = await card_cmd(harness, "edit 1 title 重启之后")
        assert "置顶消息已同步更新" in reply(calls)["text"]
        listing = reply(await harness.say_in_group("/cards@ZhikuBot", sender=ADMIN))["text"]
    assert "重启之后 · <a href=" in listing


async def test_two_moderators_editing_at_once_one_is_refused_with_the_current_version(
    tg: Harness,
) -> None:
    admins(tg)
    draft = await drafted(tg)
    wang = tg.updates.message(
        "/card@ZhikuBot edit title 王的标题", sender=ADMIN, chat=tg.group, reply_to=draft
    )
    li = tg.updates.message(
        "/card@ZhikuBot edit title 李的标题", sender=OTHER_ADMIN, chat=tg.group, reply_to=draft
    )
    start = len(tg.fake.calls)
    await asyncio.gather(*(tg.process(update) for update in (wang, li)))
    sent = texts(tg.fake.calls[start:])
    saved = [text for text in sent if "✅ 已保存为第 2 版" in text]
    refused = [text for text in sent if "已被修改" in text]
    assert len(saved) == 1
    assert len(refused) == 1
    winner = "王的标题" if "王的标题" in saved[0] else "李的标题"
    loser = "李的标题" if winner == "王的标题" else "王的标题"
    assert f"🗂 <b>{winner}</b>" in refused[0]  # the current version is shown
    assert f"你的修改：title {loser}" in refused[0]  # and the refused text is kept
    assert f"<code>/card edit 1@2 title {loser}</code>" in refused[0]
    history = reply(await card_cmd(tg, "history 1"))["text"]
    assert "<b>v2</b>" in history
    assert "<b>v3</b>" not in history
    # The refused moderator applies the edit to the current version: nothing was lost.
    assert f"🗂 <b>{loser}</b>" in reply(await card_cmd(tg, f"edit 1@2 title {loser}"))["text"]


async def test_an_edit_replying_to_an_old_version_of_the_card_is_refused(tg: Harness) -> None:
    admins(tg)
    draft = await drafted(tg)
    await card_cmd(tg, "edit 1 fact 1 第一次修改")
    refused = reply(await card_cmd(tg, "edit fact 1 第二次修改", OTHER_ADMIN, reply_to=draft))
    assert "你的修改基于第 1 版，现在已是第 2 版" in refused["text"]
    assert "• 第一次修改" in refused["text"]
    assert "第二次修改" in refused["text"]
