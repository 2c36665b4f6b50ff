"""Counts written in Chinese or Arabic numerals, as questions and the corpus write them."""

from __future__ import annotations

import pytest

from bot.lookup.text.numerals import chinese_number, chinese_value, other_numerals


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("五年", "5年"),  # 001: 习近平 … 5年来，‘金砖+’模式不断深化拓展
        ("5年来", "五年来"),
        ("第十四次", "第14次"),  # 金砖国家领导人第十四次会晤
        ("14次", "十四次"),
        ("10年", "十年"),
        ("二十国集团", "20国集团"),
    ],
)
def test_a_count_before_a_measure_word_is_written_the_other_way(text: str, other: str) -> None:
    assert other_numerals(text) == other


@pytest.mark.parametrize(
    "text", ["一带一路", "十四五规划", "2017年", "二〇一七年", "100年", "金砖"]
)
def test_names_years_and_large_numbers_are_left_alone(text: str) -> None:
    assert other_numerals(text) is None


def test_values_both_ways() -> None:
    assert [chinese_value(t) for t in ("一", "十", "十四", "二十", "九十九", "两")] == [
        1,
        10,
        14,
        20,
        99,
        2,
    ]
    assert chinese_value("十十") is None
    assert chinese_value("百") is None
    assert [chinese_number(n) for n in (1, 10, 14, 20, 99)] == [
        "一",
        "十",
        "十四",
        "二十",
        "九十九",
    ]
