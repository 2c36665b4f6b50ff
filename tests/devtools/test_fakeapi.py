"""The fake Bot API answers like Telegram: parsed entities, errors, recorded calls."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter

from devtools.fakeapi import FakeTelegram, decode_params
from devtools.fakeapi.html import EntityError, parse_html


def test_parse_html_gives_text_and_utf16_entities() -> None:
    text, entities = parse_html('😀 <b>金砖</b> &amp; <a href="https://t.me/x?a=1&amp;b=2">链</a>')
    assert text == "😀 金砖 & 链"
    assert entities[0] == {"type": "bold", "offset": 3, "length": 2}
    link = {"type": "text_link", "url": "https://t.me/x?a=1&b=2", "offset": 8, "length": 1}
    assert entities[1] == link


def test_parse_html_knows_expandable_blockquotes_and_nesting() -> None:
    _, entities = parse_html("<blockquote expandable>长<b>文</b></blockquote>")
    assert [e["type"] for e in entities] == ["expandable_blockquote", "bold"]


@pytest.mark.parametrize(
    "markup", ["<div>x</div>", "<b>x", "<b>x</i></b>", "a < b", "a > b", "AT&T", "<br/>"]
)
def test_parse_html_rejects_what_telegram_rejects(markup: str) -> None:
    with pytest.raises(EntityError):
        parse_html(markup)


@pytest.mark.parametrize(
    "text",
    [
        '{"t": "\\u91d1"}',
        "金砖 a+b&c=%",
        "😀 %41 %zz ＋",
        "<b>x</b>&amp;\n\t",
        "",
        "a=b=c",
        "%E9%87%91",
    ],
)
def test_form_bodies_decode_like_httpx(text: str) -> None:
    body = str(httpx.QueryParams({"text": text, "reply_markup": '{"inline_keyboard": []}'}))
    assert decode_params(body.encode()) == {"text": text, "reply_markup": {"inline_keyboard": []}}
    assert decode_params(body.encode())["text"] == dict(httpx.QueryParams(body))["text"]


async def test_errors_raise_the_real_ptb_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns on RetryAfter otherwise
    fake = FakeTelegram()
    bot = Bot("1:test", request=fake.request(), get_updates_request=fake.request())
    async with bot:
        blocked = "Forbidden: bot was blocked by the user"
        fake.fail_next("sendMessage", code=403, description=blocked)
        with pytest.raises(Forbidden):
            await bot.send_message(5, "x")
        fake.fail_next(code=429, description="Too Many Requests", retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(5, "x")
        with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
            await bot.send_message(5, "<b>x", parse_mode="HTML")
        sent = await bot.send_message(5, "<b>金砖</b>", parse_mode="HTML")
        assert sent.text == "金砖"
        assert sent.message_id == 102  # the failed attempts took no id
        with pytest.raises(BadRequest, match=r"(?i)not modified"):
            await bot.edit_message_text("<b>金砖</b>", 5, sent.message_id, parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)to edit not found"):
            await bot.edit_message_text("x", 5, 999)
    assert [c.method for c in fake.calls][:2] == ["getMe", "sendMessage"]


async def test_admins_are_configurable() -> None:
    fake = FakeTelegram()
    fake.set_admins(-100, 1, 2)
    bot = Bot("1:test", request=fake.request(), get_updates_request=fake.request())
    async with bot:
        admins = await bot.get_chat_administrators(-100)
        assert [(m.user.id, m.status) for m in admins] == [(1, "creator"), (2, "administrator")]
        member = await bot.get_chat_member(-100, 3)
        assert member.status == "member"
