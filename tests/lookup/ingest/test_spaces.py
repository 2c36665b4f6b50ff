from __future__ import annotations

import re

import pytest

from bot.lookup.ingest.spaces import collapse_letter_spacing, normalize_spaces
from tests.lookup.ingest.rawtext import line, raw

_HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("prefix", "number", "expected"),
    [
        ("000", 3, "序言"),
        ("000", 1478, " 结语"),
        ("001", 1, " 前言 "),
        ("001", 1923, " 本部分主要参考了历年金砖国家领导人会晤成果文件，详见："),
        ("001", 7112, "③  国务院新闻办公室.新时代的中国绿色发展"),
    ],
)
def test_letter_spacing_is_collapsed(prefix: str, number: int, expected: str) -> None:
    assert collapse_letter_spacing(line(prefix, number)) == expected


def test_letter_spacing_stops_at_latin_tokens() -> None:
    assert collapse_letter_spacing(line("001", 7106)) == (
        "①  陈炜炜.研究显示我国发展平衡性逐步增强 [EB/OL]. 新 华"
    )


@pytest.mark.parametrize(
    ("prefix", "number"),
    [("002", 5), ("004", 40), ("001", 5528), ("001", 127), ("000", 1)],
)
def test_letter_spacing_leaves_other_lines_alone(prefix: str, number: int) -> None:
    assert collapse_letter_spacing(line(prefix, number)) == line(prefix, number)


def test_spaces_around_numbers_and_units_are_deleted() -> None:
    assert normalize_spaces(line("001", 127)).startswith("2012年11月29日，习近平总书记")
    assert normalize_spaces(line("000", 186)) == "截至2024年，金砖国家外长会晤已召开15"
    assert normalize_spaces(line("000", 21)) == "式加入金砖国家；2024年，沙特阿拉伯、埃"
    assert "建交33年来，" in normalize_spaces(line("002", 923))


def test_spaces_beside_chinese_punctuation_are_deleted() -> None:
    assert normalize_spaces(line("002", 7)).startswith("〔提要〕中国式现代化")
    assert normalize_spaces("展。 ") == "展。"


def test_title_halves_keep_their_space() -> None:
    assert "《深化金砖伙伴关系 开辟更加光明未来》" in normalize_spaces(line("001", 5528))
    assert "构建高质量伙伴关系 开启金砖合作新征程" in normalize_spaces(line("001", 8546))


def test_name_lists_keep_single_spaces() -> None:
    assert normalize_spaces(line("002", 5)) == "朱 旭 韩文超"
    assert normalize_spaces("錢蔚 王姍姍") == "錢蔚 王姍姍"
    assert normalize_spaces("總監制丨錢蔚 王姍姍") == "總監制丨錢蔚 王姍姍"  # 004 L40


def test_ideographic_space_and_nbsp_become_spaces() -> None:
    assert normalize_spaces(line("002", 764)).startswith("[3]《为世界提供样本 中国式现代化")


def test_latin_text_is_kept() -> None:
    text = line("001", 4308)
    assert normalize_spaces(text) == re.sub(" +", " ", text).strip()
    assert normalize_spaces("BRICS 国家") == "BRICS 国家"


def test_circled_markers_are_not_digits() -> None:
    assert normalize_spaces("①  陈炜炜.研究") == "① 陈炜炜.研究"


def test_the_cjk_space_cjk_cases_of_001() -> None:
    # The 57 Han-space-Han occurrences (CORPUS_NOTES E17) sit on 30 lines. Letter-spaced
    # lines and two shredded table cells lose their spaces; every other case is the gap
    # between the two halves of a speech or article title, or a table header, and stays.
    cases = [n for n, text in enumerate(raw("001").split("\n"), 1) if _HAN_SPACE_HAN.search(text)]
    assert len(cases) == 30
    assert sum(len(_HAN_SPACE_HAN.findall(line("001", n))) for n in cases) == 57
    cleaned = {n: normalize_spaces(collapse_letter_spacing(line("001", n))) for n in cases}
    deleted = [n for n, text in cleaned.items() if not _HAN_SPACE_HAN.search(text)]
    assert deleted == [1, 1131, 1455, 1923, 7106, 7112]
    kept = [text for n, text in cleaned.items() if n not in deleted]
    assert len(kept) == len(cases) - 6
    assert all(len(_HAN_SPACE_HAN.findall(text)) == 1 for text in kept)
