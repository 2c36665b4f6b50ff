"""``parse_document`` end to end: document fields, web layout, and a synthetic PDF file."""

from __future__ import annotations

import pytest

from bot.lookup.errors import IngestError
from bot.lookup.ingest.pipeline import character_total, parse_document
from tests.lookup.ingest.parsed import blocks, parsed


def test_document_fields() -> None:
    expected = {
        "000": ("pdf", "simplified", "“金砖合作”推动全球南方携手共进"),
        "001": ("pdf", "simplified", "习近平外交思想引领下的厦门金砖合作实践创新"),
        "003": ("web", "traditional", "擴員背景下深化金磚國家科技創新合作的基礎、挑戰與對策"),
        "004": ("web", "traditional", "學習關鍵詞丨兩張“云合影”背后的信心與期待"),
    }
    for prefix, (layout, script, title) in expected.items():
        doc = parsed(prefix)
        assert (doc.layout, doc.script, doc.title) == (layout, script, title)


def test_journal_issue_title_and_metadata() -> None:
    doc = parsed("002")
    assert doc.metadata["journal"] == "《国际问题研究》2025 年第 3 期"
    assert doc.title == doc.metadata["journal"]


def test_web_metadata_and_boilerplate() -> None:
    assert parsed("004").metadata["column"] == "學習關鍵詞"
    removed = {r.line for r in parsed("004").removed if r.reason == "boilerplate"}
    assert set(range(40, 59)) <= removed
    assert not any("丨" in b.text for b in blocks("004"))
    # The dateline prefix of 003 L2 is metadata, the sentence stays.
    assert blocks("003")[0].text.startswith("2024年10月，習近平主席")
    assert any(r.reason == "dateline" and r.line == 2 for r in parsed("003").removed)


def test_pinyin_stripped_before_layout() -> None:
    doc = parsed("004")
    assert doc.report["pinyin"] > 190
    # Three hits after stripping: two in the text, one in the topic line (boilerplate).
    assert sum("第十四次會晤" in b.text for b in blocks("004")) == 2


def test_mojibake_flagged_per_block() -> None:
    assert parsed("003").report["flagged_spans"] >= 2
    assert parsed("004").report["flagged_spans"] >= 6
    assert parsed("000").report["flagged_spans"] == 0


def test_blocks_carry_raw_line_ranges() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        for block in blocks(prefix):
            assert 1 <= block.line_start <= block.line_end


def test_synthetic_pdf_file() -> None:
    body = [
        "金砖国家合作机制自启动以来，从外长对话上升为领",
        "导人定期会晤，成为全球南方国家的合作平台。",
    ] * 8
    raw = "\n\n".join(["一、合作成就", *body, "二、未来展望", *body]).encode()
    doc = parse_document("synthetic.txt", raw)
    assert doc.layout == "pdf"
    assert [b.text for b in doc.articles[0].blocks if b.kind == "heading"] == [
        "一、合作成就",
        "二、未来展望",
    ]
    assert "上升为领导人定期会晤" in doc.articles[0].blocks[1].text
    assert character_total(doc) == doc.report["cjk_raw"]


def test_invalid_utf8_fails_loudly() -> None:
    with pytest.raises(IngestError):
        parse_document("bad.txt", "金砖".encode("gbk"))


def test_markdown_file_is_a_web_page_with_explicit_headings() -> None:
    paragraph = "金砖国家合作机制已发展成为全球南方国家的重要合作平台，" * 4 + "成果丰硕。"
    raw = "\n".join(["# 金砖合作报告", "", "## 合作成就", paragraph, "## 未来展望", paragraph])
    doc = parse_document("note.md", raw.encode())
    assert doc.layout == "web"
    assert doc.title == "金砖合作报告"
    headings = [(b.text, b.level) for b in doc.articles[0].blocks if b.kind == "heading"]
    assert headings == [("合作成就", 2), ("未来展望", 2)]
    assert character_total(doc) == doc.report["cjk_raw"]
