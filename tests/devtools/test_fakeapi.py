"""The fake Bot API answers like Telegram: parsed entities, errors, recorded calls.

The tests that take ``wired`` run twice, in-process and over HTTP: one core answers both.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter

from devtools.fakeapi import Call, FakeTelegram, HttpFront, Updates, decode_params
from devtools.fakeapi.html import EntityError, parse_html
from devtools.fakeapi.updates import user


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


async def test_errors_raise_the_real_ptb_exceptions(
    wired: tuple[FakeTelegram, Bot], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns on RetryAfter otherwise
    fake, bot = wired
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


async def test_admins_are_configurable(wired: tuple[FakeTelegram, Bot]) -> None:
    fake, bot = wired
    fake.set_admins(-100, 1, 2)
    async with bot:
        admins = await bot.get_chat_administrators(-100)
        assert [(m.user.id, m.status) for m in admins] == [(1, "creator"), (2, "administrator")]
        member = await bot.get_chat_member(-100, 3)
        assert member.status == "member"


async def test_updates_stay_queued_until_an_offset_confirms_them(
    wired: tuple[FakeTelegram, Bot],
) -> None:
    fake, bot = wired
    updates, li = Updates(), user(5, "Li")
    fake.push(updates.message("金砖", sender=li))
    fake.push(updates.message("新开发银行", sender=li))
    async with bot:
        first = await bot.get_updates(timeout=0)
        assert [u.message.text for u in first if u.message] == ["金砖", "新开发银行"]
        again = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
        assert [u.update_id for u in again] == [first[1].update_id]
        assert await bot.get_updates(offset=first[1].update_id + 1, timeout=0) == ()
        fake.push(updates.message("旧问题", sender=li))
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert await bot.get_updates(timeout=0) == ()
    assert [c.params.get("offset") for c in fake.calls_to("getUpdates")] == [
        None,
        str(first[0].update_id + 1),
        str(first[1].update_id + 1),
        None,
    ]


async def test_over_http_a_long_poll_is_answered_by_the_update_pushed_while_it_waits() -> None:
    fake = FakeTelegram()
    # Longer than the test could take: only the push can end this poll with an update.
    with HttpFront(fake, longest_poll=60) as front:
        bot = Bot(front.token, base_url=front.base_url, request=front.request())
        async with bot:
            poll = asyncio.create_task(bot.get_updates(timeout=30))
            waiting = await asyncio.to_thread(fake.wait_for, _polled, 30)
            assert waiting
            fake.push(Updates().message("金砖", sender=user(5, "Li")))
            (update,) = await poll
    assert update.message is not None
    assert update.message.text == "金砖"
    assert len(fake.calls_to("getUpdates")) == 1


def test_over_http_a_wrong_token_is_not_found_and_not_a_call() -> None:
    fake = FakeTelegram()
    with (
        HttpFront(fake) as front,
        httpx.Client(base_url=front.base_url.removesuffix("/bot"), trust_env=False) as client,
    ):
        answer = client.post("/bot1:wrong/getMe")
        known = client.post(f"/bot{front.token}/getMe")
    assert (answer.status_code, answer.json()["description"]) == (404, "Not Found")
    assert front.bad_paths == ["/bot1:wrong/getMe"]
    assert known.json()["result"]["id"] == fake.bot_id
    assert [c.method for c in fake.calls] == ["getMe"]


def _polled(calls: list[Call]) -> bool:
    return any(c.method == "getUpdates" for c in calls)
