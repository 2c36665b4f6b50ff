"""Rule 13: headings (golden lists of CORPUS_NOTES 1.2/2.2/3.2/4.2), epigraphs, lead-ins."""

from __future__ import annotations

import pytest

from bot.lookup.ingest.headings import (
    heading_rank,
    marks_paragraph_ends,
    split_lead,
    web_heading_levels,
)
from bot.lookup.ingest.layout import split_lines
from tests.lookup.ingest.parsed import PREFIXES, block_at, blocks, parsed
from tests.lookup.ingest.rawtext import line, lines, raw


def _headings(prefix: str, level: int | None = None) -> dict[int, str]:
    return {
        b.line_start: b.text
        for b in blocks(prefix)
        if b.kind == "heading" and (level is None or b.level == level)
    }


def test_000_headings() -> None:
    assert set(_headings("000", 1)) == {3, 96, 809, 1169, 1478, 1519}
    assert set(_headings("000", 2)) == {
        *(129, 297, 470, 569, 707),
        *(841, 916, 1004, 1082),
        *(1214, 1298, 1397),
    }
    assert _headings("000")[3] == "序言"
    assert _headings("000")[1478] == "结语"
    assert _headings("000")[96] == "第一章 金砖合作：团结协作的成就与贡献"


def test_001_headings() -> None:
    assert set(_headings("001", 1)) == {1, 70, 2794, 4008, 5415, 7011}
    assert set(_headings("001", 2)) == {
        *(72, 1894, 2463),
        *(2796, 3181, 3489, 3824),
        *(4037, 4497, 4982),
        *(5453, 5818, 6080, 6352),
        *(7015, 7501, 8069),
    }
    heads = _headings("001")
    assert heads[1] == "前言"
    assert heads[7011] == "五、习近平外交思想视角下的厦门金砖创新基地实践的世界意义"
    assert heads[1904] == "1.“厦门会晤”的理念、成果及其在历年金砖会晤中的历史意义"
    assert heads[6080] == "（三）厦门金砖创新基地对习近平外交思想的实践与验证"


def test_002_headings_per_article() -> None:
    expected = [
        [49, 256, 629, 875],
        [952, 1121, 1551, 1676, 1842],
        [1904, 2098, 2371, 2581, 2795],
        [2874, 3119, 3296, 3472, 3747],
        [3845, 4081, 4376, 4530],
        [4615, 4992, 5358, 5755],
        [5795, 6122, 6444, 6770],
    ]
    found = [
        [b.line_start for b in a.blocks if b.kind == "heading" and b.level == 1]
        for a in parsed("002").articles
    ]
    assert found == expected
    assert _headings("002")[1551] == "三、新形势下推进中国—中亚命运共同体建设面临的挑战"
    assert {4086, 4151, 4197, 4243, 4325} <= set(_headings("002", 2))


def test_003_web_headings() -> None:
    assert set(_headings("003", 1)) == {4, 26, 40}
    assert set(_headings("003", 2)) == {5, 9, 11, 17, 24, 27, 31, 33, 36, 41, 43, 45, 47}


def test_004_has_no_headings() -> None:
    # Its short lines all end with 。 — web headings need no terminal punctuation.
    assert _headings("004") == {}


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("第一章", 0),
        ("一、和平金砖：构筑共同安全格局", 1),
        ("（一）习近平外交思想与其“金砖主张”", 2),
        ("1.习近平外交思想内容与发展历程概述", 3),
        ("1. “金砖+”机制的内涵", 3),
        ("（2） 两个根本保障", 4),
        ("前   言", -1),
        ("编写说明与致谢", -1),
    ],
)
def test_heading_rank(text: str, rank: int) -> None:
    assert heading_rank(text) == rank


@pytest.mark.parametrize(
    "number",
    [2404, 7330, 7334, 6111],  # 「2020. 」 「2. 」 「8. 」 and a 「（1）…。一是…」 list paragraph
)
def test_false_heading_candidates(number: int) -> None:
    assert heading_rank(line("001", number).strip()) is None
    assert all(b.line_start != number for b in blocks("001") if b.kind == "heading")


def test_list_paragraph_that_fills_the_column_is_not_a_heading() -> None:
    # 001 L6522 「（1）发挥智库联盟…，系统总结」 runs on at full width.
    assert block_at("001", 6522).kind == "paragraph"
    assert block_at("001", 6522).text.startswith(
        "（1）发挥智库联盟与战略咨询委员会积极作用，系统总结2017年"
    )


def test_only_001_marks_its_paragraph_ends_with_a_trailing_space() -> None:
    marked = {p for p in PREFIXES if marks_paragraph_ends(split_lines(raw(p)))}
    assert marked == {"001"}


@pytest.mark.parametrize(
    ("number", "text", "first_words"),
    [
        (6356, "1.习近平外交思想引领厦门金砖创新基地创新发展新方向", "2022年6月23日晚"),
        (6510, "3.习近平外交思想引领金砖创新基地创新发展的对策建议", "自正式启动以来"),
        (7045, "（2）以协调发展为世界提供解决发展不平衡问题的新机遇", "协调发展注重的是"),
        (7077, "（3）以绿色发展为世界提供高质量可持续发展的新机遇", "习近平总书记提出的"),
    ],
)
def test_a_heading_that_fills_the_column_stands_alone_when_its_end_is_marked(
    number: int, text: str, first_words: str
) -> None:
    # The heading fills the column, and so does its paragraph's first line; the trailing
    # space the layout puts after a paragraph's end says the heading did not wrap.
    assert line("001", number).endswith(" ")
    heading = block_at("001", number)
    assert heading.kind == "heading"
    assert heading.text == text
    after = block_at("001", heading.line_end + 2)
    assert after.kind == "paragraph"
    assert after.text.startswith(first_words)


def test_a_wrapped_heading_without_the_mark_still_takes_its_second_line() -> None:
    # 001 L7133 「（4）以开放发展…新机」 / 「遇」: no trailing space, so it wrapped.
    assert not line("001", 7133).endswith(" ")
    assert block_at("001", 7133).text == "（4）以开放发展为世界提供利用超大规模统一市场的新机遇"


def test_heading_merged_across_footnote_and_furniture() -> None:
    block = block_at("001", 5453)
    assert block.kind == "heading"
    assert block.line_end == 5469
    assert block.text == "（一）厦门金砖创新基地在习近平外交思想中的战略定位"


def test_epigraphs_with_speaker() -> None:
    epigraphs = [b for b in blocks("000") if b.kind == "epigraph"]
    assert [(b.line_start, b.line_end) for b in epigraphs] == [(100, 108), (813, 821), (1173, 1187)]
    assert {b.speaker for b in epigraphs} == {"中国国家主席习近平"}
    assert epigraphs[0].text.startswith("金砖国家是塑造国际格局的重要力量。")
    # The paragraph after an epigraph starts clean (the attribution is not glued to it).
    assert block_at("000", 823).text.startswith("2023年8月，金砖国家领导人第十五次会晤")


def test_wrapped_lead_in_is_not_an_epigraph() -> None:
    # 000 L259 「——维和行动与人道主义援助彰显责任担」 looks like an attribution line.
    block = block_at("000", 259)
    assert block.kind == "paragraph"
    assert block.lead == "——维和行动与人道主义援助彰显责任担当。"
    assert block.text.startswith("金砖国家积极参与联合国框架下的人道主义援助")


def test_lead_ins() -> None:
    leads = [b.lead for b in blocks("000") if b.lead]
    assert len(leads) == 24
    assert block_at("000", 149).lead == "——政治与安全对话机制有效运转。"
    assert split_lead("——中国国家主席习近平") == (None, "——中国国家主席习近平")
    assert split_lead("金砖国家——新兴市场国家的代表。") == (None, "金砖国家——新兴市场国家的代表。")


def test_web_heading_needs_a_long_paragraph_after_it() -> None:
    texts = [t.strip() for t in lines("003", 40, 42)]
    assert web_heading_levels(texts) == {0: 1, 1: 2}
    # A short unpunctuated line followed by another short line is not a heading.
    assert web_heading_levels(["國內新聞精選", "短句", "另一句"]) == {}
