"""The alias table and synonym groups of the corpus, and how a table file is read."""

from __future__ import annotations

from pathlib import Path

from bot.lookup.corpus.aliases import AliasTable

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def test_any_spelling_expands_to_the_same_forms_with_itself_first() -> None:
    table = AliasTable.load(CORPUS)
    simplified = table.expand("新开发银行")
    assert {"新开发银行", "ndb", "金砖国家新开发银行", "新开行"} <= set(simplified)
    assert table.expand("新開發銀行") == simplified  # traditional folds to simplified
    ndb = table.expand("NDB")
    assert ndb[0] == "ndb"
    assert set(ndb) == set(simplified)
    assert table.kinds["新开发银行"] == "org"


def test_synonym_groups_expand_both_ways() -> None:
    table = AliasTable.load(CORPUS)
    assert {"贷款", "融资"} <= set(table.expand("借钱"))
    assert "借钱" in table.expand("贷款")
    assert {"首次", "第一次"} <= set(table.expand("头一回"))
    assert table.expand("兰特") == ["兰特"]  # nothing known: just the word


def test_english_names_and_topic_words_map_to_chinese() -> None:
    table = AliasTable.load(CORPUS)
    assert table.english["new development bank"] == ["新开发银行"]
    assert table.english["kazan declaration"] == ["喀山宣言"]
    assert {"扩员", "扩容"} <= set(table.english["expansion"])
    phrases = table.english_phrases()
    assert [len(p) for p in phrases] == sorted((len(p) for p in phrases), reverse=True)


def test_the_segmentation_dictionary_holds_chinese_names_longest_first() -> None:
    words = AliasTable.load(CORPUS).dictionary_words()
    assert "金砖国家新工业革命伙伴关系创新基地" in words
    assert {"云合影", "喀山宣言", "新开发银行", "借钱"} <= set(words)
    assert "ndb" not in words
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)


def test_the_first_entity_to_claim_a_form_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "aliases.toml").write_text(
        '[[entity]]\ncanonical = "南非"\nkind = "country"\nvariants = ["南非共和国"]\n'
        'en = ["South Africa", "SA"]\n\n'
        '[[entity]]\ncanonical = "沙特阿拉伯"\nkind = "country"\nvariants = ["沙特"]\n'
        'en = ["Saudi Arabia", "SA"]\n',
        encoding="utf-8",
    )
    table = AliasTable.load(tmp_path)
    assert table.canonical["sa"] == "南非"
    assert "南非" in table.expand("SA")
    assert "沙特阿拉伯" not in table.expand("SA")
    assert table.expand("沙特")[:2] == ["沙特", "沙特阿拉伯"]


def test_a_folder_without_tables_gives_an_empty_table(tmp_path: Path) -> None:
    table = AliasTable.load(tmp_path)
    assert table.dictionary_words() == []
    assert table.expand("金砖") == ["金砖"]
    assert table.english_phrases() == []


def test_mentions_are_neither_forms_nor_dictionary_words() -> None:
    table = AliasTable.load(CORPUS)
    assert table.mentions["金砖扩员"] == ["加入金砖"]
    assert "加入金砖" not in table.expand("金砖扩员")
    assert "加入金砖" not in table.dictionary_words()
