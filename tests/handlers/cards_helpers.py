"""People and steps the fact-card handler tests share."""

from __future__ import annotations

from devtools.fakeapi import Call
from devtools.fakeapi.updates import JSON, user
from tests.handlers.conftest import Harness, callback_data, sent_message

ADMIN = user(601, "Wang", "zh-hans")
OTHER_ADMIN = user(604, "Li", "zh-hans")
MEMBER = user(602, "Zhao", "zh-hans")
MODERATOR = user(603, "Chen", "zh-hans")  # in BOT_MODERATORS, not a group admin
ANONYMOUS_BOT = user(1087968824, "Group", None)  # GroupAnonymousBot


def admins(tg: Harness) -> None:
    tg.fake.set_admins(tg.group["id"], ADMIN["id"], OTHER_ADMIN["id"])


async def card_cmd(
    tg: Harness, argument: str, sender: JSON = ADMIN, **kwargs: object
) -> list[Call]:
    """``/card@ZhikuBot <argument>`` in the group."""
    return await tg.say_in_group(f"/card@ZhikuBot {argument}".rstrip(), sender=sender, **kwargs)


async def drafted(tg: Harness, query: str = "新开发银行", sender: JSON = ADMIN) -> JSON:
    """A draft card made in the group; returns the message showing it."""
    return sent_message(await card_cmd(tg, query, sender))


def button(message: JSON, verb: str) -> str:
    """The callback data of a card message's ``verb`` button (pin, edit, disc, unpin)."""
    return next(d for d in callback_data(message) if d.startswith(f"v1:cd:{verb}:"))


def texts(calls: list[Call], method: str = "sendMessage") -> list[str]:
    return [c.params["text"] for c in calls if c.method == method and c.error is None]


def methods(calls: list[Call]) -> list[str]:
    return [c.method for c in calls]
