"""The fake Bot API pins like Telegram: only with the right, and deleted messages are gone.

Each test runs twice, in-process and over HTTP (the ``wired`` fixture).
"""

from __future__ import annotations

import pytest
from telegram import Bot, ChatMemberAdministrator
from telegram.error import BadRequest

from devtools.fakeapi import FakeTelegram

GROUP = -1001234567890


async def test_pinning_needs_the_right_and_deleting_a_message_unpins_it(
    wired: tuple[FakeTelegram, Bot],
) -> None:
    fake, bot = wired
    async with bot:
        sent = await bot.send_message(GROUP, "卡片")
        me = await bot.get_chat_member(GROUP, fake.bot_id)
        assert isinstance(me, ChatMemberAdministrator)
        assert me.can_pin_messages
        assert await bot.pin_chat_message(GROUP, sent.message_id, disable_notification=True)
        assert fake.pins.pinned[GROUP] == [sent.message_id]
        fake.delete(GROUP, sent.message_id)
        assert fake.pins.pinned[GROUP] == []
        with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
            await bot.edit_message_text("卡片 v2", GROUP, sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
            await bot.delete_message(GROUP, sent.message_id)


@pytest.mark.parametrize(
    ("status", "rights"),
    [("member", {}), ("administrator", {"can_pin_messages": False})],
)
async def test_without_the_right_pinning_fails_as_on_telegram(
    wired: tuple[FakeTelegram, Bot], status: str, rights: dict[str, bool]
) -> None:
    fake, bot = wired
    fake.set_bot_status(GROUP, status, **rights)
    async with bot:
        sent = await bot.send_message(GROUP, "卡片")
        with pytest.raises(BadRequest, match=r"(?i)not enough rights to manage pinned messages"):
            await bot.pin_chat_message(GROUP, sent.message_id)
        assert (await bot.get_chat_member(GROUP, fake.bot_id)).status == status
    assert fake.pins.pinned == {}
