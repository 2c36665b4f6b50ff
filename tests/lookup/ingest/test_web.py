from __future__ import annotations

import pytest

from bot.lookup.ingest.pinyin import strip_pinyin
from bot.lookup.ingest.web import parse_byline, split_column, strip_boilerplate
from tests.lookup.ingest.rawtext import line, raw


@pytest.fixture(scope="module")
def web_003() -> tuple[list[str], list[str | None], dict[str, str]]:
    lines = raw("003").split("\n")
    return (lines, *strip_boilerplate(lines))


@pytest.fixture(scope="module")
def web_004() -> tuple[list[str], list[str | None], dict[str, str]]:
    lines = strip_pinyin(raw("004"))[0].split("\n")
    return (lines, *strip_boilerplate(lines))


def test_dateline_is_split_off_the_first_paragraph(
    web_003: tuple[list[str], list[str | None], dict[str, str]],
) -> None:
    lines, out, meta = web_003
    assert meta["dateline"] == "中國網/中國發展門戶網"
    assert out[1] == lines[1].removeprefix("中國網/中國發展門戶網訊 ")
    assert str(out[1]).startswith("2024年10月,習近平主席")


def test_byline_gives_authors_and_source(
    web_003: tuple[list[str], list[str | None], dict[str, str]],
) -> None:
    _, out, meta = web_003
    assert out[48] is None
    assert meta["authors"] == "楊修、陳海濤、方慈、蔣自然"
    assert meta["source"] == "《中國科學院院刊》"
    assert meta["byline"] == line("003", 49)[1:-1]


def test_003_keeps_every_other_line(
    web_003: tuple[list[str], list[str | None], dict[str, str]],
) -> None:
    lines, out, _ = web_003
    assert len(out) == len(lines)
    assert [i for i, (a, b) in enumerate(zip(lines, out, strict=True), 1) if a != b] == [2, 49]


def test_004_furniture_lines_become_none(
    web_004: tuple[list[str], list[str | None], dict[str, str]],
) -> None:
    lines, out, _ = web_004
    assert len(out) == len(lines)
    assert [i for i, text in enumerate(out, 1) if text is None] == list(range(40, 59))
    assert out[0] == lines[0]  # the column-prefixed title is not a credit


def test_004_credits_and_topic(web_004: tuple[list[str], list[str | None], dict[str, str]]) -> None:
    meta = web_004[2]
    assert meta["credits"] == (
        "總監制：錢蔚 王姍姍；監制：張鷗；制片人：興來；主編：寧黎黎；"
        "編輯：程昱；視覺：江雨航；校對：楊彩云"
    )
    assert meta["topic"] == "金磚國家領導人第十四次會晤"
    assert not any("2025" in value for value in meta.values())


def test_html_remnant_is_cut_from_the_line_end(
    web_004: tuple[list[str], list[str | None], dict[str, str]],
) -> None:
    lines, out, _ = web_004
    assert lines[35].endswith("?!?/p>")
    assert out[35] == "“心合意同,謀無不成?!?"
    assert strip_boilerplate(["</p>", "<p>"])[0] == [None, None]


def test_raw_credit_lines_with_pinyin_are_recognised() -> None:
    out, meta = strip_boilerplate([line("004", 45), line("004", 47)])
    assert out == [None, None]
    assert meta == {"credits": "視覺：江雨航", "topic": "金磚國家領導人第十四次會晤"}


def test_column_prefix_is_split_from_the_title() -> None:
    title = strip_pinyin(line("004", 1) + "\n" + raw("004"))[0].split("\n")[0]
    assert split_column(title) == ("學習關鍵詞", "兩張“云合影”背后的信心與期待")


@pytest.mark.parametrize("title", [line("003", 1), "編輯丨程昱", "丨兩張"])
def test_titles_without_a_column(title: str) -> None:
    assert split_column(title) == (None, title)


def test_pdf_documents_are_untouched() -> None:
    lines = raw("000").split("\n")
    assert strip_boilerplate(lines) == (lines, {})


def test_dateline_is_only_looked_for_near_the_start() -> None:
    lines = ["標題", "第一段。", "第二段。", "第三段。", line("003", 2)]
    assert strip_boilerplate(lines) == (lines, {})


def test_parse_byline_rejects_ordinary_parentheses() -> None:
    assert parse_byline("(圖1)") is None
    assert parse_byline(line("003", 18)) is None
