"""The bot with the semantic layer on, as `make run` starts it: the shipped passage vectors,
the bundled model for questions, nothing embedded at start."""

from __future__ import annotations

import dataclasses
import html
import re

from bot.app.application import build_application, running
from bot.config import Settings
from devtools.fakeapi import FakeTelegram
from tests.handlers.conftest import Harness, reply

# The answer (002: 将"全球南方"国家分为不同政策优先级) shares no word with the question
# beyond its names that the alias table or the dictionary translates: only its meaning
# reaches it.
RANKED = "How does Japan rank Global South countries in its policy planning?"


def _shown(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def _answer(settings: Settings, fake: FakeTelegram, *, semantic: bool) -> str:
    chosen = dataclasses.replace(settings, semantic=semantic)
    app = build_application(
        chosen, request=fake.request(), updates_request=fake.request(), rate_limiter=False
    )
    async with running(app):
        library = app.bot_data.library
        assert (library.semantic is not None) == semantic  # at once: nothing to embed
        assert await library.embedding_done() == semantic
        assert library.embedded == 0
        return _shown(reply(await Harness(app, fake).say(RANKED))["text"])


async def test_an_english_question_finds_chinese_text_in_other_words(
    settings: Settings, fake: FakeTelegram
) -> None:
    lexical = await _answer(settings, fake, semantic=False)
    semantic = await _answer(settings, fake, semantic=True)
    assert "优先级" not in lexical
    assert "优先级" in semantic
