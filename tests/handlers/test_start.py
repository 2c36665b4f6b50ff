"""/start with and without deep-link payloads, /help, unknown commands, the command menu."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.app.application import build_application, running
from bot.app.commands import COMMANDS, MENU_LANGUAGES, MENUS, menu
from bot.config import Settings
from devtools.fakeapi import FakeTelegram
from tests.handlers.conftest import Harness, reply


async def test_start_welcomes_with_examples(tg: Harness) -> None:
    text = reply(await tg.say("/start"))["text"]
    assert "你好，Lin" in text
    assert "<code>新开发银行 贷款</code>" in text


async def test_start_in_traditional_for_a_taiwanese_client(tg: Harness) -> None:
    taiwan = {"id": 901, "is_bot": False, "first_name": "美玲", "language_code": "zh-tw"}
    assert "智庫" in reply(await tg.say("/start", sender=taiwan))["text"]


async def test_deep_link_opens_the_passage(tg: Harness) -> None:
    text = reply(await tg.say("/start p_d2-a1-p3"))["text"]
    assert "<code>d2.a1.p3</code>" in text


async def test_a_broken_deep_link_falls_back_to_the_welcome(tg: Harness) -> None:
    assert "你好" in reply(await tg.say("/start p_d2-<script>"))["text"]
    assert "找不到段落" in reply(await tg.say("/start p_d99-p1"))["text"]


async def test_help_lists_every_registered_command(tg: Harness) -> None:
    text = reply(await tg.say("/help"))["text"]
    for command in COMMANDS:
        assert f"/{command.name} — {command.description('zh-Hans')}" in text


async def test_help_in_a_group_shows_group_commands_and_usage(tg: Harness) -> None:
    text = reply(await tg.say_in_group("/help@ZhikuBot"))["text"]
    assert "/start" not in text.split("\n\n")[0].replace("/start —", "")  # private-only
    assert "/search@ZhikuBot" in text


async def test_unknown_command_in_private_gets_a_hint(tg: Harness) -> None:
    assert "/help" in reply(await tg.say("/frobnicate now"))["text"]


async def test_unknown_command_in_a_group_is_ignored(tg: Harness) -> None:
    assert await tg.say_in_group("/frobnicate@ZhikuBot") == []


async def test_commands_for_another_bot_are_ignored(tg: Harness) -> None:
    assert await tg.say_in_group("/search@OtherBot 金砖") == []


def test_every_command_is_registered_once(tg: Harness) -> None:
    names = [
        name
        for handler in tg.app.handlers[0]
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    ]
    expected = [n for c in COMMANDS for n in (c.name, *c.aliases)]
    assert sorted(names) == sorted(expected)


async def test_startup_publishes_every_menu_from_the_registry(
    settings: Settings, fake: FakeTelegram
) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(app):
        pass
    published = {
        (c.params["scope"]["type"], c.params.get("language_code")): [
            x["command"] for x in c.params["commands"]
        ]
        for c in fake.calls_to("setMyCommands")
    }
    assert len(published) == len(MENUS) * len(MENU_LANGUAGES)
    for scope, kind, admins in MENUS:
        for code, lang in MENU_LANGUAGES:
            assert published[scope, code] == [name for name, _ in menu(kind, admins, lang)]
    assert "settings" in published["all_chat_administrators", "en"]
    assert "settings" not in published["all_group_chats", "en"]
    assert "start" not in published["all_group_chats", None]


async def test_start_is_for_private_chats_only(tg: Harness) -> None:
    assert await tg.say_in_group("/start@ZhikuBot") == []
