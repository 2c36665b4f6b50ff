"""Web page footnotes: note lines at the end, markers cut from the text."""

from __future__ import annotations

from bot.lookup.ingest.assemble import lift_sentinels
from bot.lookup.ingest.webnotes import split_notes


def test_notes_at_the_end_and_markers_linked() -> None:
    texts: list[str | None] = [
        "近年来，比重持续上升。[1]据统计，已占全球近三成。［2］",
        "各方应加强对接。[①]",
        "注释:",
        "[1]《世界经济展望》，国际货币基金组织，2023年10月。",
        "[2]《统计手册》，中国统计出版社，2023年，第15页。",
        "[①]本文系基金项目的阶段性成果。",
    ]
    found = split_notes(texts, range(1, 7))
    assert [n.marker for n in found.footnotes] == ["[1]", "[2]", "①"]
    assert texts[2:] == [None, None, None, None]
    text, refs = lift_sentinels(texts[0] or "")
    assert text == "近年来，比重持续上升。据统计，已占全球近三成。"
    assert [found.markers[k].footnote for _, k in refs] == [0, 1]
    assert found.markers[refs[0][1]].marker == "[1]"


def test_bare_circled_numbers_are_bullets_without_notes() -> None:
    texts: list[str | None] = ["重点有三：①加强对接；②扩大融资；③完善机制。", "各方表示支持。"]
    found = split_notes(texts, [1, 2])
    assert texts[0] == "重点有三：①加强对接；②扩大融资；③完善机制。"
    assert not found.footnotes
    assert not found.markers


def test_a_bulleted_line_inside_the_text_is_no_note() -> None:
    texts: list[str | None] = ["①加强发展战略对接，推动合作。", "各方表示支持。"]
    found = split_notes(texts, [1, 2])
    assert texts[0] == "①加强发展战略对接，推动合作。"
    assert not found.footnotes


def test_a_number_after_a_quotation_is_a_marker_and_a_list_number_stays() -> None:
    texts: list[str | None] = [
        "正如沃尔特所言：“任何单一的研究路径都不能抓住全部复杂性。”(28)西方国家的做法加剧了担忧。",
        "合作目标有三。(1)加强对接；(2)扩大融资。",
    ]
    found = split_notes(texts, [1, 2])
    text, refs = lift_sentinels(texts[0] or "")
    assert (
        text
        == "正如沃尔特所言：“任何单一的研究路径都不能抓住全部复杂性。”西方国家的做法加剧了担忧。"
    )
    assert [found.markers[k].marker for _, k in refs] == ["(28)"]
    assert texts[1] == "合作目标有三。(1)加强对接；(2)扩大融资。"


def test_a_notes_head_above_notes_followed_by_an_author_note() -> None:
    texts: list[str | None] = [
        "各方应加强对接。[1]",
        "注释：",
        "[1] 《发展报告》，某某出版社，2024年。",
        "（作者系某某研究院研究员）",
    ]
    found = split_notes(texts, range(1, 5))
    assert [n.marker for n in found.footnotes] == ["[1]"]
    assert texts[1:3] == [None, None]
    assert texts[3] == "（作者系某某研究院研究员）"


def test_a_paragraph_that_opens_with_the_word_notes_stays() -> None:
    texts: list[str | None] = [
        "注释：这里的“南方”是政治概念而非地理概念，下文沿用这一用法。",
        "[1] 《发展报告》，某某出版社，2024年。",
    ]
    split_notes(texts, [1, 2])
    assert texts[0] == "注释：这里的“南方”是政治概念而非地理概念，下文沿用这一用法。"
