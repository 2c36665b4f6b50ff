"""The Application's lifecycle: what post_init opens, post_shutdown closes; no token, no bot."""

from __future__ import annotations

import dataclasses
import gc

import pytest
from cachetools import LRUCache

from bot.app.application import build_application, running
from bot.config import Settings
from bot.lookup.errors import ConfigError
from bot.lookup.index import snapshot
from bot.lookup.library import Library
from bot.lookup.timeline import chronology
from devtools.fakeapi import FakeTelegram
from tests.conftest import CORPUS


def test_nothing_is_opened_until_post_init(settings: Settings, fake: FakeTelegram) -> None:
    app = build_application(settings, request=fake.request())
    with pytest.raises(RuntimeError, match="post_init"):
        _ = app.bot_data.library
    assert fake.calls == []


def test_a_real_bot_needs_a_token(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        build_application(dataclasses.replace(settings, token=None))


async def test_post_shutdown_closes_the_library_post_init_opened(
    settings: Settings, fake: FakeTelegram
) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(app):
        library = app.bot_data.library
        assert (await library.about()).documents == 5
    with pytest.raises(ValueError, match=r"no active connection|Connection closed"):
        await library.about()
    with pytest.raises(RuntimeError):
        _ = app.bot_data.library


async def test_a_given_library_stays_open_for_its_owner(
    settings: Settings, fake: FakeTelegram
) -> None:
    library = await Library.open(settings.index_path, CORPUS, update_index=False)
    try:
        app = build_application(settings, library=library, request=fake.request())
        async with running(app):
            assert app.bot_data.library is library
        assert (await library.about()).documents == 5
    finally:
        await library.close()


async def test_the_running_bot_builds_the_answer_indexes_after_it_starts(
    settings: Settings, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No state from other tests.
    monkeypatch.setattr(chronology, "_cache", LRUCache(chronology._CACHED))
    app = build_application(settings, request=fake.request(), rate_limiter=False, warm_up=True)
    async with running(app):
        warming = app.bot_data.warming
        assert warming is not None
        await warming
        library = app.bot_data.library
        assert set(snapshot._CACHES[library]) == {"quotes", "claims"}
        assert len(chronology._cache) == 1
        # The first timeline is then answered from what was built.
        events = await chronology.corpus_events(library.conn, library.summits)
        assert events is next(iter(chronology._cache.values()))
        assert (await library.timeline("新开发银行")).events
        # What the warm-up leaves alive is frozen out of later garbage collections.
        assert gc.get_freeze_count() > 0
    gc.unfreeze()


async def test_a_stop_during_the_warm_up_cancels_it_and_closes_cleanly(
    settings: Settings, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chronology, "_cache", LRUCache(chronology._CACHED))
    app = build_application(settings, request=fake.request(), rate_limiter=False, warm_up=True)
    async with running(app):
        warming = app.bot_data.warming
        library = app.bot_data.library
    assert warming is not None
    assert warming.cancelled()
    assert app.bot_data.warming is None
    with pytest.raises(ValueError, match=r"no active connection|Connection closed"):
        await library.about()


async def test_tests_and_the_console_do_not_warm_up(settings: Settings, fake: FakeTelegram) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(app):
        assert app.bot_data.warming is None


async def test_menu_entries_are_valid_bot_commands(settings: Settings, fake: FakeTelegram) -> None:
    app = build_application(settings, request=fake.request(), rate_limiter=False)
    async with running(app):
        pass
    for call in fake.calls_to("setMyCommands"):
        for command in call.params["commands"]:
            assert command["command"].isascii()
            assert command["command"].islower()
            assert 1 <= len(command["command"]) <= 32
            assert 1 <= len(command["description"]) <= 256
