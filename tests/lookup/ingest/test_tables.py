"""Rule 14: shredded tables become one ``table`` block; captions are kept."""

from __future__ import annotations

from bot.lookup.ingest.layout import split_lines
from bot.lookup.ingest.tables import CAPTION, TABLE, mark_tables
from tests.lookup.ingest.parsed import block_at, blocks, parsed
from tests.lookup.ingest.rawtext import raw


def test_001_table_region_detected() -> None:
    tables = [b for b in blocks("001") if b.kind == "table"]
    assert [(b.line_start, b.line_end) for b in tables] == [(852, 1688)]
    # Fragments of one cell are rejoined: L857–861 「2013 主旨讲」 / 「话：《携」 / ….
    assert "主旨讲话：《携手合作共同发展》" in tables[0].text
    assert parsed("001").report["tables"] == 1


def test_captions_kept() -> None:
    assert block_at("001", 850).kind == "caption"
    assert block_at("001", 850).text == "2013-2022年习近平历年金砖主张主要内容"
    # A caption whose table is missing altogether (L6672) is still a caption.
    assert block_at("001", 6672).kind == "caption"


def test_body_resumes_after_the_table() -> None:
    block = block_at("001", 1690)
    assert block.kind == "paragraph"
    assert block.text.startswith("到目前为止，习近平总书记总共参加了十次金砖国家领导人会晤")


def test_footnotes_inside_the_table_region_stay_footnotes() -> None:
    assert any(893 < f.line_start < 908 for f in parsed("001").footnotes)


def test_documents_without_tables_are_untouched() -> None:
    for prefix in ("000", "002"):
        lines = split_lines(raw(prefix))
        assert mark_tables(lines, 21) == 0
        assert not any(line.role in (TABLE, CAPTION) for line in lines)


def test_short_lines_between_blank_lines_are_not_a_table() -> None:
    # 000 credits L1531–1535 and the letter-spaced 「结 语」: short, but not adjacent fragments.
    text = "\n".join(["结 语", "", "金砖", "", "合作", "", "推动", "", "全球", "", "南方"])
    assert mark_tables(split_lines(text), 21) == 0
