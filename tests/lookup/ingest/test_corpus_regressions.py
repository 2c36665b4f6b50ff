"""Section 7.F regression checks, run over the whole seed corpus (each file parsed once)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.lookup.ingest.chars import cjk_count, decode
from bot.lookup.ingest.model import Block
from bot.lookup.ingest.pipeline import character_total, parse_document
from tests.lookup.ingest.parsed import PREFIXES, block_at, blocks, parsed
from tests.lookup.ingest.rawtext import RAW, raw

_MARKERS = re.compile(r"[①-⑳]|\[\d{1,3}\]")
_PAGE_NUMBER = re.compile(r"(?:^|\s)-\s*\d{1,3}\s*-(?:\s|$)")
_QUOTED_TITLE = re.compile(r"《[^》]*》")
_YMD = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_YM = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月")


def _body(prefix: str) -> list[Block]:
    return [b for b in blocks(prefix) if b.kind in ("paragraph", "epigraph")]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_block_starts_with_a_space(prefix: str) -> None:
    assert not [b.line_start for b in blocks(prefix) if b.text[:1].isspace() or not b.text]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_body_paragraphs_are_free_of_furniture(prefix: str) -> None:
    doc = parsed(prefix)
    heads = [h for h in doc.metadata.get("running_heads", "").split(" | ") if h]
    for block in _body(prefix):
        assert not _MARKERS.search(block.text), block.line_start
        assert not _PAGE_NUMBER.search(block.text), block.line_start
        assert "〔提" not in block.text, block.line_start
        assert "【责任编辑" not in block.text, block.line_start
        # A title quoted in 《》 (000 L1521, 001 L37–41) is text, not a running head.
        unquoted = _QUOTED_TITLE.sub("", block.text)
        assert not any(head in unquoted for head in heads), block.line_start


@pytest.mark.parametrize("prefix", PREFIXES)
def test_character_accounting(prefix: str) -> None:
    """CJK(raw) == CJK(blocks + lead-ins + speakers + footnotes + removed) − repair delta.

    "CJK" is U+4E00–U+9FFF (``chars.cjk_count``). Pinyin annotations hold none; mojibake
    repair swaps garbage ideographs for real ones, so its per-block delta is subtracted.
    """
    doc = parsed(prefix)
    assert character_total(doc) == cjk_count(raw(prefix)) == doc.report["cjk_raw"]


def test_marker_body_parity_per_page() -> None:
    # Listed deviations: 002's two funding notes (*) lost their in-text marker (L2845) or
    # carry it on an article title (L4566), which is not a block.
    tolerance = {"001": set(), "002": {2845, 4594}}
    for prefix, allowed in tolerance.items():
        doc = parsed(prefix)
        refs = [r for b in blocks(prefix) for r in b.refs]
        assert all(r.footnote is not None for r in refs)
        used = Counter(r.footnote for r in refs)
        unreferenced = {f.line_start for i, f in enumerate(doc.footnotes) if i not in used}
        assert unreferenced == allowed
        assert max(used.values()) == 1
        for index in used:
            assert index is not None
            note = doc.footnotes[index]
            assert note.marker in {r.marker for r in refs if r.footnote == index}


def test_marker_counts() -> None:
    assert parsed("002").report["markers"] == 305  # 302 in text, title *, 2 orphan [1]
    assert parsed("001").report["refs"] == len(parsed("001").footnotes)


def _dates(prefix: str, pattern: re.Pattern[str]) -> int:
    doc = parsed(prefix)
    texts = [b.text for b in blocks(prefix)] + [f.text for f in doc.footnotes]
    texts += [a.abstract or "" for a in doc.articles]
    return sum(len(pattern.findall(t)) for t in texts)


def test_unwrapped_date_counts() -> None:
    assert _dates("001", _YMD) >= 195
    assert _dates("002", _YMD) >= 66
    assert _dates("000", _YM) >= 7
    # Web timestamps (004 L49–58) are boilerplate by design; PDF dates must all survive.
    for prefix in ("000", "001", "002", "003"):
        assert _dates(prefix, _YMD) >= len(_YMD.findall(raw(prefix)))


def test_epigraph_attribution_never_inside_a_paragraph() -> None:
    for prefix in PREFIXES:
        for block in blocks(prefix):
            assert "——中国国家主席习近平" not in block.text[1:]


def test_quote_broken_by_footnotes_and_page_furniture_is_contiguous() -> None:
    block = block_at("001", 4948)
    assert "“金砖国家应该在涉及彼此核心利益问题上相互支持，践行真正的多边主义”。" in block.text
    assert block.line_start <= 4970 <= block.line_end


def test_article_count() -> None:
    assert len(parsed("002").articles) == 7


def test_report_counts_for_review() -> None:
    for prefix in PREFIXES:
        report = parsed(prefix).report
        for key in ("footnotes", "refs", "flagged_spans", "tables", "headings", "paragraphs"):
            assert key in report
    assert parsed("001").report["letter_spaced_lines"] >= 3


def test_whole_corpus_parses_into_articles() -> None:
    # How fast is the bench's business (python -m bot bench: full ingest), not a test's.
    for path in sorted(RAW.glob("*.txt")):
        doc = parse_document(path.name, path.read_bytes())
        assert doc.articles


def test_raw_decoding_is_the_accounting_base() -> None:
    for path in sorted(RAW.glob("*.txt")):
        assert cjk_count(decode(path.read_bytes(), path.name)) == cjk_count(raw(path.name[:3]))
