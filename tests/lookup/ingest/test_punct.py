from __future__ import annotations

import re

import pytest

from bot.lookup.ingest.model import Span
from bot.lookup.ingest.mojibake import find_mojibake
from bot.lookup.ingest.pinyin import strip_pinyin
from bot.lookup.ingest.punct import looks_like_citation, normalize_punct
from tests.lookup.ingest.rawtext import line, lines, raw

_ASCII_BETWEEN_CJK = re.compile(r"[\u4e00-\u9fff][,;:?!()][\u4e00-\u9fff]")


def test_003_has_no_ascii_comma_between_chinese_characters() -> None:
    text = raw("003")
    fixed = normalize_punct(text, find_mojibake(text, "traditional"))
    assert len(fixed) == len(text)
    assert re.search(r"[\u4e00-\u9fff],[\u4e00-\u9fff]", fixed) is None
    assert _ASCII_BETWEEN_CJK.search(fixed) is None
    assert fixed.count("，") == 296


def test_003_lead_sentence() -> None:
    assert normalize_punct(line("003", 2)).startswith(
        "中國網/中國發展門戶網訊 2024年10月，習近平主席在“金磚+”領導人對話會上指出，支持"
    )


def test_figure_references_and_chinese_parentheticals_convert() -> None:
    fixed = normalize_punct(line("003", 6))
    assert "170.74%（圖1），" in fixed
    assert "(圖1)" not in fixed
    assert normalize_punct(line("003", 49)).startswith("（作者：楊修，中國科學技術信息研究所")


@pytest.mark.parametrize(
    ("number", "kept"),
    [
        (18, "(UNCOMTRADE)"),
        (32, "(APP)"),
        (35, "(iCET)"),
        (38, "(Artemis Accords)"),
        (39, "(G7)"),
        (39, "(GPAI)"),
    ],
)
def test_latin_parentheticals_stay_ascii(number: int, kept: str) -> None:
    assert kept in normalize_punct(line("003", number))


def test_comma_after_a_kept_latin_parenthetical_converts() -> None:
    assert "(UNCOMTRADE)，分析" in normalize_punct(line("003", 18))


def test_numbers_percentages_and_times() -> None:
    fixed = normalize_punct(line("004", 21))
    assert "1/6；高技術" in fixed
    assert normalize_punct("1,000 and 22:08:32") == "1,000 and 22:08:32"
    assert normalize_punct(line("004", 49)) == line("004", 49)
    assert "比為8.72%，較201" in normalize_punct(line("003", 13))


def test_protected_spans_are_untouched() -> None:
    text = strip_pinyin(raw("004"))[0].split("\n")[7]
    spans = find_mojibake(text, "traditional")
    fixed = normalize_punct(text, spans)
    assert [fixed[s.start : s.end] for s in spans] == ["?!苯陙?"]
    assert fixed.startswith("“讓金磚的朋友圈越來越大，伙伴網越來越廣?!")
    assert normalize_punct("金磚,國家", [Span(2, 3)]) == "金磚,國家"


def test_004_only_keeps_mojibake_and_timestamps_ascii() -> None:
    text = strip_pinyin(raw("004"))[0]
    fixed = normalize_punct(text, find_mojibake(text, "traditional"))
    assert fixed.count(",") == 1  # right after the unrepaired run 「苯陙?,」
    assert fixed.count(":") == 21  # 20 in timestamps + 「國內新聞精選:」 at a line end


def test_002_english_abstracts_are_byte_identical() -> None:
    abstracts = "\n".join(lines("002", 6813, 7038))
    assert normalize_punct(abstracts) == abstracts


def test_002_is_unchanged_including_references() -> None:
    assert normalize_punct(raw("002")) == raw("002")


def test_001_changes_only_stray_commas_in_body_text() -> None:
    before = raw("001").split("\n")
    after = normalize_punct(raw("001")).split("\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]
    assert changed == [5384, 6154, 6164, 6166, 6199, 6663, 6886, 7202, 7453, 7764, 7776, 8227]
    assert after[6198].startswith("管健康创新中心；与国开行")
    assert after[7201].startswith("盟（10+1）等")


@pytest.mark.parametrize("number", [4263, 6808, 6906, 6908, 6957, 7108, 7442, 7546, 8101])
def test_001_references_are_byte_identical(number: int) -> None:
    assert normalize_punct(line("001", number)) == line("001", number)


@pytest.mark.parametrize("number", [6906, 6908, 7442, 7546, 8440])
def test_citation_lines_are_recognised(number: int) -> None:
    assert looks_like_citation(line("001", number))


@pytest.mark.parametrize("number", [5384, 6199, 8227])
def test_body_lines_are_not_citations(number: int) -> None:
    assert not looks_like_citation(line("001", number))


def test_length_is_preserved_on_every_file() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        assert len(normalize_punct(raw(prefix))) == len(raw(prefix))
