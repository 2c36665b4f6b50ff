"""/settings: script and language per chat; in groups only administrators change them."""

from __future__ import annotations

from bot.app.context import ADMIN_TTL, admin_cache
from devtools.fakeapi import Call
from devtools.fakeapi.updates import JSON, user
from tests.handlers.conftest import Harness, answered, buttons, callback_data, reply, sent_message

ADMIN = user(601, "Wang", "zh-hans")
MEMBER = user(602, "Zhao", "zh-hans")


def _edited(calls: list[Call]) -> JSON:
    found = [c.params for c in calls if c.method == "editMessageText" and c.error is None]
    assert len(found) == 1
    params: JSON = found[0]
    return params


async def test_private_settings_change_the_script_of_corpus_text(tg: Harness) -> None:
    panel = sent_message(await tg.say("/settings"))
    assert "原文字形：简体" in panel["text"]  # one script for every reply, simplified by default
    assert "v1:set:sc:t" in callback_data(panel)
    assert "v1:set:sc:a" in callback_data(panel)
    calls = await tg.press("v1:set:sc:t", panel)
    assert "原文字形：繁体" in _edited(calls)["text"]
    assert answered(calls)["text"] == "已保存"
    assert "金磚國家是塑造國際格局的重要力量" in reply(await tg.say("/source d0.p5"))["text"]


async def test_private_settings_change_the_interface_language(tg: Harness) -> None:
    panel = sent_message(await tg.say("/settings"))
    calls = await tg.press("v1:set:lg:en", panel)
    assert "Interface language: English" in _edited(calls)["text"]
    assert "5 documents" in reply(await tg.say("/about"))["text"]
    assert "✓ English" in [b["text"] for b in buttons(_edited(calls))]


async def test_group_member_cannot_open_or_change_settings(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], ADMIN["id"])
    refused = reply(await tg.say_in_group("/settings@ZhikuBot", sender=MEMBER))
    assert "只有群管理员" in refused["text"]
    panel = sent_message(await tg.say_in_group("/settings@ZhikuBot", sender=ADMIN))
    calls = await tg.press("v1:set:sc:t", panel, sender=MEMBER)
    alert = answered(calls)
    assert alert["show_alert"] == "true"
    assert "只有群管理员" in alert["text"]
    assert not [c for c in calls if c.method == "editMessageText"]
    text = reply(await tg.say_in_group("/source@ZhikuBot d3.p3", sender=MEMBER))["text"]
    assert "扩员" in text  # unchanged: still the default, simplified


async def test_group_admin_changes_settings_for_everyone(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], ADMIN["id"])
    panel = sent_message(await tg.say_in_group("/settings@ZhikuBot", sender=ADMIN))
    assert "只有管理员可以更改" in panel["text"]
    calls = await tg.press("v1:set:sc:t", panel, sender=ADMIN)
    assert "原文字形：繁体" in _edited(calls)["text"]
    text = reply(await tg.say_in_group("/source@ZhikuBot d3.p3", sender=MEMBER))["text"]
    assert "擴員" in text


async def test_admin_list_is_fetched_once_and_cached(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], ADMIN["id"])
    panel = sent_message(await tg.say_in_group("/settings@ZhikuBot", sender=ADMIN))
    await tg.press("v1:set:sc:s", panel, sender=ADMIN)
    await tg.press("v1:set:sc:t", panel, sender=MEMBER)
    assert len(tg.fake.calls_to("getChatAdministrators")) == 1


async def test_admin_list_is_fetched_again_once_it_expires(tg: Harness) -> None:
    now = [1000.0]
    tg.app.bot_data.admins = admin_cache(timer=lambda: now[0])
    tg.fake.set_admins(tg.group["id"], ADMIN["id"])
    panel = sent_message(await tg.say_in_group("/settings@ZhikuBot", sender=ADMIN))
    now[0] += ADMIN_TTL - 1
    await tg.press("v1:set:sc:s", panel, sender=ADMIN)
    assert len(tg.fake.calls_to("getChatAdministrators")) == 1
    now[0] += 1
    tg.fake.set_admins(tg.group["id"], MEMBER["id"])  # meanwhile the group changed its admins
    calls = await tg.press("v1:set:sc:t", panel, sender=MEMBER)
    assert len(tg.fake.calls_to("getChatAdministrators")) == 2
    assert "原文字形：繁体" in _edited(calls)["text"]


async def test_anonymous_admin_posting_as_the_group_may_open_settings(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], ADMIN["id"])
    data = tg.updates.message("/settings@ZhikuBot", sender=user(1087968824, "Group"), chat=tg.group)
    data["message"]["sender_chat"] = tg.group
    assert "⚙️" in reply(await tg.process(data))["text"]
    assert tg.fake.calls_to("getChatAdministrators") == []


async def test_auto_answers_in_the_script_of_each_question(tg: Harness) -> None:
    panel = sent_message(await tg.say("/settings"))
    assert "原文字形：跟随提问" in _edited(await tg.press("v1:set:sc:a", panel))["text"]
    # The first line echoes the question as typed; the answer follows it.
    traditional = _body(reply(await tg.say("/search 金磚國家科技創新合作"))["text"])
    simplified = _body(reply(await tg.say("/search 金砖国家科技创新合作"))["text"])
    assert "國家" in traditional
    assert "国家" in simplified
    assert "國家" not in simplified


async def test_a_reply_is_in_one_script_by_default(tg: Harness) -> None:
    # 003 is written in traditional characters; the default reply converts it.
    text = _body(reply(await tg.say("/search 金磚國家科技創新合作的基礎"))["text"])
    assert "国家" in text
    assert "國家" not in text


def _body(text: str) -> str:
    return text.split("\n", 1)[1]
