"""Rules 6–9: layout type, page furniture, page-start spaces and unwrapping."""

from __future__ import annotations

import pytest

from bot.lookup.ingest.layout import (
    RUNNING_HEAD,
    Line,
    assign_pages,
    detect_layout,
    display_width,
    ends_paragraph,
    ends_sentence,
    join_text,
    mark_furniture,
    modal_width,
    split_lines,
)
from tests.lookup.ingest.parsed import block_at, blocks, parsed, snippet
from tests.lookup.ingest.rawtext import line, raw


@pytest.mark.parametrize(
    ("prefix", "layout", "width"),
    [("000", "pdf", 21), ("001", "pdf", 27), ("002", "pdf", 33), ("003", "web", None)],
)
def test_layout_and_column_width(prefix: str, layout: str, width: int | None) -> None:
    lines = split_lines(raw(prefix))
    assert detect_layout(lines) == layout
    if width is not None:
        assert modal_width(lines) == width


def test_web_page_is_not_taken_for_pdf_even_with_blank_lines() -> None:
    # 004 has blank lines between its blocks, but one paragraph per line.
    assert detect_layout(split_lines(raw("004"))) == "web"


def _furniture(prefix: str) -> set[int]:
    return {r.line for r in parsed(prefix).removed if r.reason in ("page-number", "running-head")}


def test_running_heads_and_page_numbers_removed_but_title_kept() -> None:
    assert _furniture("000") == {167, 171, 593, 597, 1517}
    doc = parsed("000")
    # L1 is the same string as the running head, yet it is the title, not furniture.
    assert doc.title == "“金砖合作”推动全球南方携手共进"
    assert doc.metadata["running_head"] == doc.title


def test_running_head_counts_in_report_files() -> None:
    assert len(_furniture("001")) == 24
    assert _furniture("002") == {1374, 1376, 3727, 3729, 6106, 6108, 6952, 6954}


def test_running_head_is_metadata_first() -> None:
    assert parsed("001").metadata["running_head"] == "习近平外交思想引领下的厦门金砖合作实践创新"
    assert parsed("001").title == "习近平外交思想引领下的厦门金砖合作实践创新"
    assert "国际政治“泛地缘政治化”及其影响" in parsed("002").metadata["running_heads"]


def test_short_fragment_beside_a_page_number_is_not_a_head() -> None:
    # 001 L5463 (the repeated head) and L5469 「位」 both flank page number L5467; only the
    # repeated one is furniture, 「位」 finishes the heading broken by the page break.
    lines = split_lines(raw("001"))
    mark_furniture(lines, 27)
    assert lines[5462].role == RUNNING_HEAD
    assert lines[5468].role != RUNNING_HEAD
    assert block_at("001", 5453).text.endswith("战略定位")


def test_body_line_next_to_page_number_is_kept() -> None:
    # 002 L1378 「年，对中国的正面评价…」 follows a page number and must rejoin 「2024」 (L1348).
    assert (
        "持续上升；2024年，对中国的正面评价甚至超过了美国和俄罗斯。" in block_at("002", 1348).text
    )


def test_page_start_space_is_a_continuation() -> None:
    # 000 L39/L40: 「…到如今涵盖政治、」 / 「 安全、经济、…」.
    assert "到如今涵盖政治、安全、经济、科技、人文等领域" in block_at("000", 40).text
    assert all(
        not b.text.startswith(" ") for prefix in ("000", "001", "002") for b in blocks(prefix)
    )


def test_pages_restart_at_page_starts() -> None:
    lines = snippet("002", 73, 81)  # body, footnote, page start 「 代化，…」
    assert assign_pages(lines) == 2
    assert lines[0].page == 0
    assert lines[6].page == 1


def test_join_text_spacing() -> None:
    assert join_text("新开", "发银行") == "新开发银行"
    assert join_text("成为金砖国家正式成员。2025", "年1月") == "成为金砖国家正式成员。2025年1月"
    assert join_text("Chinese modernization constitutes a", "primary") == (
        "Chinese modernization constitutes a primary"
    )
    assert join_text("已召开 15", "次") == "已召开 15次"
    # Hyphens at a break are kept and take no space: 002 L7016–7018, L7030–7032.
    assert join_text("partnerships for co-", "creation.”") == "partnerships for co-creation.”"
    assert join_text("Western-", "led") == "Western-led"


def test_unwrapping_joins_split_entities_and_dates() -> None:
    assert "其中，新开发银行作为金砖国家的重要合作成果" in block_at("000", 279).text
    assert "2025年1月，印度尼西亚成为金砖国家正式成员" in block_at("000", 829).text


def _line(text: str) -> Line:
    return Line(no=1, raw=text, text=text.strip())


def test_short_line_with_full_stop_ends_paragraph() -> None:
    # 000 L1529 「任卫东任执行副组长。」 / L1531 「课题组成员包括…」.
    assert ends_paragraph(_line(line("000", 1529)), _line(line("000", 1531)), 21)


def test_wrapped_line_never_ends_paragraph() -> None:
    # 000 L829 ends on 「2025」 mid-sentence at full width.
    assert not ends_paragraph(_line(line("000", 829)), _line(line("000", 830)), 21)


def test_full_width_full_stop_breaks_only_before_an_indented_first_line() -> None:
    # 000 L184 fills the column and ends with 。; L186 leaves the indent free → new paragraph.
    assert display_width(line("000", 184)) >= 20
    assert ends_paragraph(_line(line("000", 184)), _line(line("000", 186)), 21)
    # Risk kept on purpose: a full-width sentence end followed by a full-width line merges
    # (000 L415 / L417 「这些合作不仅有效提升了…」 stay one paragraph).
    assert not ends_paragraph(_line(line("000", 415)), _line(line("000", 417)), 21)


def test_no_paragraph_swallows_an_epigraph_attribution() -> None:
    for prefix in ("000", "001", "002"):
        for block in blocks(prefix):
            assert "——中国国家主席习近平" not in block.text


def test_a_short_quoted_term_at_a_line_end_does_not_end_the_sentence() -> None:
    # 001 L8457: the sentence goes on at L8459 「概念的初衷，是提出……」.
    assert not ends_sentence(line("001", 8457).rstrip())
    assert not ends_sentence("推进金砖国家合作（2017-2021年）")


def test_a_full_stop_or_a_real_quotation_before_the_closing_mark_ends_it() -> None:
    assert ends_sentence("实践了互惠互利、合作共赢的新理念。”")
    assert ends_sentence("要“深化反恐合作，铲除恐怖主义根源”")
    assert ends_sentence("正式加入金砖国家。")
    assert not ends_sentence("金砖国家合作")
