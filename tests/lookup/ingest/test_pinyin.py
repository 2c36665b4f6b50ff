from __future__ import annotations

import pytest

from bot.lookup.ingest.pinyin import annotation_gate, is_single_syllable, strip_pinyin
from tests.lookup.ingest.rawtext import line, raw


@pytest.fixture(scope="module")
def stripped_004() -> tuple[str, int]:
    return strip_pinyin(raw("004"))


def test_strips_every_annotation_in_004(stripped_004: tuple[str, int]) -> None:
    text, removed = stripped_004
    # 198 strict matches, 2 orphans after "?" and 1 reading after a mojibake letter.
    assert removed == 201
    assert "(" not in text
    assert ")" not in text


def test_stripping_restores_searchable_names(stripped_004: tuple[str, int]) -> None:
    text, _ = stripped_004
    assert raw("004").count("第十四次會晤") == 0
    assert text.count("第十四次會晤") == 3
    assert text.count("新開發銀行") == 1


def test_title_and_readings_with_trailing_space(stripped_004: tuple[str, int]) -> None:
    text, _ = stripped_004
    lines = text.split("\n")
    assert lines[0] == "學習關鍵詞丨兩張“云合影”背后的信心與期待"
    assert line("004", 3).count("會(huì )") == 2
    assert lines[2] == (
        "6月22日至24日,習近平主席出席金磚國家工商論壇開幕式,"
        "主持金磚國家領導人第十四次會晤、全球發展高層對話會。"
    )


def test_orphans_after_mojibake_are_removed(stripped_004: tuple[str, int]) -> None:
    lines = stripped_004[0].split("\n")
    assert "?lái)" in line("004", 8)
    assert "越來越廣?!苯陙?,習近平" in lines[7]
    assert lines[10].startswith("“近年來,不少?姨岢")
    assert "虬l展高層對話會上" in lines[28]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_other_files_are_byte_identical(prefix: str) -> None:
    assert strip_pinyin(raw(prefix)) == (raw(prefix), 0)


def test_latin_parentheticals_are_not_annotations() -> None:
    # 001 L4263 and 003 L35: lowercase parentheticals without tone marks.
    assert "(trans-governmentalism)" in line("001", 4263)
    assert strip_pinyin(line("001", 4263)) == (line("001", 4263), 0)
    assert strip_pinyin(line("003", 35)) == (line("003", 35), 0)


def test_scholarly_glosses_are_left_alone() -> None:
    paragraph = (
        "中国传统的天下(tiānxià)观念强调和而不同，人际关系(guānxi)则被视为社会运行的基础。"
        + line("000", 5)
    )
    assert strip_pinyin(paragraph) == (paragraph, 0)


def test_a_few_single_syllable_glosses_do_not_open_the_gate() -> None:
    paragraph = "“和(hé)”与“合(hé)”在此处同义，“行(xíng)”读作第二声。" + line("001", 13)
    assert not annotation_gate(paragraph)
    assert strip_pinyin(paragraph) == (paragraph, 0)


def test_one_word_reading_keeps_a_dense_document_closed() -> None:
    # 「guānxi」 fits the strict pattern (one tone mark) but spells two syllables.
    document = raw("004") + "\n关系(guānxi)"
    assert not annotation_gate(document)


def test_multi_tone_words_survive_in_an_annotated_document() -> None:
    # Two tone marks never fit the strict pattern, so the gloss stays even when the gate opens.
    text, removed = strip_pinyin(raw("004") + "\n天下(tiānxià)")
    assert removed == 201
    assert text.endswith("\n天下(tiānxià)")


def test_sparse_annotations_in_a_long_document_keep_the_gate_closed() -> None:
    # 004's 198 readings diluted in 001's 88,644 CJK characters fall below 5 per 1,000.
    assert not annotation_gate(raw("001") + raw("004"))


@pytest.mark.parametrize("reading", ["xué", "chǎng", "huì", "lǜ", "yíng", "zhuān", "ér"])
def test_single_syllables(reading: str) -> None:
    assert is_single_syllable(reading)


@pytest.mark.parametrize("reading", ["tiānxià", "guānxi", "xue", "qiàqià", "zzà"])
def test_not_single_syllables(reading: str) -> None:
    assert not is_single_syllable(reading)
