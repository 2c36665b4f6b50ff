from __future__ import annotations

import json

from bot.lookup.text.wellformed import (
    REPLACEMENT,
    decode_utf8,
    replace_surrogates,
    replace_surrogates_in,
)


def test_lone_surrogates_become_the_replacement_character() -> None:
    assert replace_surrogates("金砖\ud800国家\udc80") == f"金砖{REPLACEMENT}国家{REPLACEMENT}"


def test_valid_text_is_returned_as_it_is() -> None:
    text = "金砖国家 😀 𠀀"  # characters outside the BMP are not surrogates in a Python str
    assert replace_surrogates(text) is text


def test_a_telegram_update_with_a_surrogate_is_copied_with_it_replaced() -> None:
    update = json.loads(
        '{"update_id": 1, "message": {"text": "/search \\ud83d金砖", "entities": '
        '[{"type": "bot_command", "offset": 0, "length": 7}], "chat": {"id": 5}}}'
    )
    clean = replace_surrogates_in(update)
    assert clean["message"]["text"] == f"/search {REPLACEMENT}金砖"
    assert clean["message"]["chat"] is update["message"]["chat"]  # unchanged parts are shared
    assert clean["message"]["entities"] is update["message"]["entities"]
    assert update["message"]["text"] == "/search \ud83d金砖"


def test_a_clean_update_is_returned_as_it_is() -> None:
    update = {"update_id": 1, "inline_query": {"query": "金砖", "offset": "", "n": [1, "a"]}}
    assert replace_surrogates_in(update) is update


def test_decode_replaces_invalid_utf8_and_counts_it() -> None:
    raw = "金砖".encode() + b"\xff" + "国家".encode()[:-1] + b"\n"
    assert decode_utf8(raw) == (f"金砖{REPLACEMENT}国{REPLACEMENT}\n", 2)


def test_decode_does_not_count_replacement_characters_already_there() -> None:
    assert decode_utf8(f"a{REPLACEMENT}b".encode()) == (f"a{REPLACEMENT}b", 0)


def test_encoded_surrogates_are_invalid_utf8() -> None:
    assert decode_utf8(b"a\xed\xa0\x80b")[0].strip("ab") == REPLACEMENT * 3
