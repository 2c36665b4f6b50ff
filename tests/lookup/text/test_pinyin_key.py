"""Fuzzy pinyin keys: what an input method confuses collides, different words do not."""

from __future__ import annotations

import pytest

from bot.lookup.text.pinyin_key import pinyin_key, syllable


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("金钻", "金砖"),  # jin zuan / jin zhuan
        ("只能", "智能"),  # zhi neng / zhi neng (tones differ)
        ("和影", "合影"),
        ("会吾", "会晤"),
        ("宣严", "宣言"),
        ("普金", "普京"),  # jin / jing
        ("因行", "银行"),  # yin hang / yin xing: the first reading of 行 decides
    ],
)
def test_slips_of_the_input_method_share_a_key(typed: str, meant: str) -> None:
    assert pinyin_key(typed) == pinyin_key(meant)


def test_different_words_have_different_keys() -> None:
    keys = {pinyin_key(w) for w in ("金砖", "银行", "喀山", "会议", "峰会", "宣言")}
    assert len(keys) == 6


def test_keys_are_toneless_syllables_with_merged_initials_and_finals() -> None:
    assert pinyin_key("金砖") == "jin zuan"
    assert syllable("中") == "zong"  # zh -> z, ong kept
    assert syllable("A") == "A"  # no reading: the character itself
    assert syllable("。") == "。"
    assert pinyin_key("") == ""


def test_u_umlaut_keeps_its_own_vowel() -> None:
    # 女 nǚ and 怒 nù are different syllables; an input method types ü as v.
    assert syllable("女") == "nv"
    assert syllable("怒") == "nu"
    assert pinyin_key("绿色") != pinyin_key("路色")
