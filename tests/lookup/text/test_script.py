from __future__ import annotations

import pytest

from bot.lookup.text.script import (
    as_traditional,
    detect_script,
    fold,
    fold_with_map,
    to_simplified,
    to_traditional,
)
from tests.lookup.ingest.rawtext import line, raw


def test_to_simplified_converts_traditional_title() -> None:
    assert to_simplified(line("003", 1)) == "扩员背景下深化金砖国家科技创新合作的基础、挑战与对策"


def test_to_traditional_round_trips_a_simplified_phrase() -> None:
    assert to_traditional("金砖国家领导人会晤") == "金磚國家領導人會晤"


def test_conversion_of_empty_text() -> None:
    assert to_simplified("") == ""
    assert to_traditional("") == ""


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", "simplified"),
        ("001", "simplified"),
        ("002", "simplified"),
        ("003", "traditional"),
        ("004", "traditional"),
    ],
)
def test_detect_script_on_corpus(prefix: str, expected: str) -> None:
    assert detect_script(raw(prefix)) == expected


def test_detect_script_tolerates_machine_conversion_leftovers() -> None:
    # 003 L25 keeps simplified 后 and 筑 inside traditional text.
    assert "后" in line("003", 25)
    assert detect_script(line("003", 25)) == "traditional"


def test_detect_script_without_chinese_defaults_to_simplified() -> None:
    assert detect_script("Web of Science Core Collection") == "simplified"


def test_traditional_headline_matches_simplified_query() -> None:
    assert fold(raw("003")).count(fold("金砖国家")) == 140


def test_fold_folds_width_case_and_whitespace() -> None:
    assert fold("ＢＲＩＣＳ　金磚 國家，Ｇ２０") == "brics金砖国家,g20"


def test_fold_keeps_simplified_text_and_ascii_digits() -> None:
    assert fold("截至 2024年，金砖国家") == "截至2024年,金砖国家"


def test_fold_with_map_points_back_to_display_text() -> None:
    text = line("004", 40)  # 總監制丨錢(qián)蔚 王姍姍
    folded, index_map = fold_with_map(text)
    assert folded == fold(text)
    assert len(index_map) == len(folded)
    start = folded.index("王姗姗")
    assert text[index_map[start] : index_map[start + 2] + 1] == "王姍姍"


def test_fold_with_map_over_a_whole_document_is_monotonic_and_valid() -> None:
    text = raw("003")
    folded, index_map = fold_with_map(text)
    assert folded == fold(text)
    assert index_map == sorted(index_map)
    assert all(0 <= i < len(text) for i in index_map)


def test_fold_with_map_expands_compatibility_characters() -> None:
    # NFKC turns one character into several; every output char maps to its source.
    folded, index_map = fold_with_map("第①条…")
    assert folded == "第1条..."
    assert index_map == [0, 1, 2, 3, 3, 3]


def test_fold_with_map_stays_valid_when_conversion_changes_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.lookup.text.script as script

    real = script.to_simplified

    def lengthening(text: str) -> str:
        # Imitates a phrase rule that changes the text length (single chars convert plainly).
        return real(text) + "了" if len(text) > 1 else real(text)

    monkeypatch.setattr(script, "to_simplified", lengthening)
    folded, index_map = script.fold_with_map("金磚國家")
    assert folded == "金砖国家"
    assert index_map == [0, 1, 2, 3]


def test_as_traditional_converts_simplified_and_leaves_traditional_as_written() -> None:
    assert as_traditional("金砖合作机制") == "金磚合作機制"
    # s2t over text already traditional misreads the phrase (機制作為 -> 機製作為).
    assert as_traditional("金磚合作機制作為") == "金磚合作機制作為"
    assert as_traditional("") == ""
