"""my_chat_member: the bot added to, promoted in and removed from groups."""

from __future__ import annotations

from tests.handlers.conftest import Harness, reply


async def _status(tg: Harness, chat_id: int) -> str | None:
    return await tg.app.bot_data.store.membership(chat_id)


async def test_added_to_a_group_greets_and_remembers(tg: Harness) -> None:
    update = tg.updates.my_chat_member(
        chat=tg.group, sender=tg.user, bot=tg.fake.bot_user, old="left", new="member"
    )
    sent = reply(await tg.process(update))
    assert sent["chat_id"] == str(tg.group["id"])
    assert "/search@ZhikuBot" in sent["text"]
    assert await _status(tg, tg.group["id"]) == "member"


async def test_promoted_is_remembered_without_a_message(tg: Harness) -> None:
    tg.app.bot_data.admins[tg.group["id"]] = frozenset({1})
    update = tg.updates.my_chat_member(
        chat=tg.group, sender=tg.user, bot=tg.fake.bot_user, old="member", new="administrator"
    )
    assert await tg.process(update) == []
    assert await _status(tg, tg.group["id"]) == "administrator"
    assert tg.app.bot_data.admins.get(tg.group["id"]) is None  # re-fetched on next use


async def test_removed_from_a_group_or_blocked_in_private_is_remembered(tg: Harness) -> None:
    removed = tg.updates.my_chat_member(
        chat=tg.group, sender=tg.user, bot=tg.fake.bot_user, old="member", new="kicked"
    )
    assert await tg.process(removed) == []
    assert await _status(tg, tg.group["id"]) == "kicked"
    private = {"id": tg.user["id"], "type": "private", "first_name": "Lin"}
    blocked = tg.updates.my_chat_member(
        chat=private, sender=tg.user, bot=tg.fake.bot_user, old="member", new="kicked"
    )
    assert await tg.process(blocked) == []
    assert await _status(tg, tg.user["id"]) == "kicked"
