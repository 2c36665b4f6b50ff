"""The fake Bot API reached both ways: a test that takes ``wired`` runs once per transport."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from telegram import Bot

from devtools.fakeapi import FakeTelegram, HttpFront
from devtools.fakeapi.http import TOKEN


@pytest.fixture(params=["in-process", "http"])
def wired(request: pytest.FixtureRequest) -> Iterator[tuple[FakeTelegram, Bot]]:
    """A fresh fake, and a PTB Bot (not yet initialised) that reaches it one way or the other."""
    fake = FakeTelegram()
    if request.param == "in-process":
        yield fake, Bot(TOKEN, request=fake.request(), get_updates_request=fake.request())
        return
    with HttpFront(fake) as front:
        bot = Bot(
            TOKEN,
            base_url=front.base_url,
            request=front.request(),
            get_updates_request=front.request(),
        )
        yield fake, bot
