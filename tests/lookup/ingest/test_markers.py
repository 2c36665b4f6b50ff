"""Rule 11: in-text footnote markers are removed, glued back and linked by page."""

from __future__ import annotations

import re

from bot.lookup.ingest.footnotes import RawNote
from bot.lookup.ingest.layout import BODY, assign_pages, is_sentinel
from bot.lookup.ingest.markers import MARKER, Marker, link_markers, mark_markers
from tests.lookup.ingest.parsed import block_at, blocks, parsed, snippet

_LEFTOVER = re.compile(r"[①-⑳]|\[\d{1,3}\]|\[[①-⑳]\]")


def test_marker_alone_on_a_line_is_glued_back() -> None:
    # 001 L78–80: 「已经形成了“十个坚持”」 / 「①」 / 「 总体框架，该框架于 2018年 6月习」.
    lines = snippet("001", 78, 80)
    markers = mark_markers(lines, 27)
    assert [m.marker for m in markers] == ["①"]
    assert lines[1].role == MARKER
    assert lines[2].glue
    block = block_at("001", 78)
    assert "已经形成了“十个坚持”总体框架，该框架于2018年6月习近平" in block.text
    ref = block.refs[0]
    assert block.text[: ref.offset].endswith("已经形成了“十个坚持”")
    assert block.text[ref.offset :].startswith("总体框架")


def test_line_starting_with_punctuation_after_marker_is_glued() -> None:
    # 001 L8559–8561 「台、新机制」 / 「①」 / 「，促进全球可持续发展提供金砖方案。 」.
    assert "台、新机制，促进全球可持续发展提供金砖方案。" in block_at("001", 8559).text


def test_marker_before_a_new_paragraph_does_not_glue_it() -> None:
    # 001 L4275 ends a paragraph, L4276 「②」, L4279 is a four-space indented new paragraph.
    lines = snippet("001", 4275, 4279)
    mark_markers(lines, 27)
    assert not lines[4].glue
    assert block_at("001", 4279).line_start == 4279


def test_inline_markers_become_refs() -> None:
    # 001 L3570 「…争端”①列为核心理念」 and 002 L33 「…的现代化。”[1] 其中，」.
    assert "争端”列为核心理念" in block_at("001", 3570).text
    block = block_at("002", 33)
    assert "共同繁荣的现代化。”其中，和平发展" in block.text
    ref = next(r for r in block.refs if r.marker == "[1]")
    assert block.text[ref.offset - 2 : ref.offset + 2] == "。”其中"


def test_bracketed_circled_marker() -> None:
    refs = [r for r in block_at("001", 6897).refs if r.marker == "②"]
    assert refs


def test_citation_type_codes_are_not_markers() -> None:
    # [M], [J], [EB/OL] are letters: footnote text keeps them.
    assert "[M]" in next(f.text for f in parsed("001").footnotes if f.line_start == 87)


def test_sentinels_never_leak() -> None:
    for prefix in ("001", "002"):
        for block in blocks(prefix):
            assert not any(is_sentinel(ch) for ch in block.text)


def test_no_marker_left_in_body_text() -> None:
    for prefix in ("000", "001", "002"):
        for block in blocks(prefix):
            if block.kind != "table":
                assert not _LEFTOVER.search(block.text), (prefix, block.line_start)


def test_ref_offsets_point_into_final_text() -> None:
    # The ref after 「践行真正的多边主义”」 (001 L4948–4970) survives a page break.
    block = block_at("001", 4948)
    ends = [block.text[: r.offset] for r in block.refs]
    assert any(e.endswith("践行真正的多边主义”。") for e in ends)


def test_link_by_page_and_symbol() -> None:
    lines = snippet("002", 73, 81)
    assign_pages(lines)
    notes = [RawNote("[1]", page=0), RawNote("[1]", page=1)]
    markers = [Marker(0, "[1]", 0, 1), Marker(1, "[1]", 1, 9), Marker(2, "[9]", 1, 9)]
    link_markers(markers, notes)
    assert [m.footnote for m in markers] == [0, 1, None]
    assert lines[0].role == BODY


def test_marker_body_parity() -> None:
    for prefix in ("001", "002"):
        report = parsed(prefix).report
        assert report["refs_unmatched"] <= 2
        # 002: the two funding notes (*) have no in-text marker left in a body block.
        assert report["footnotes_unreferenced"] <= 2
