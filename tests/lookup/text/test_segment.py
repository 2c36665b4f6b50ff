"""One segmentation for ingest and queries: corpus names stay whole, long names keep parts."""

from __future__ import annotations

from pathlib import Path

from bot.lookup.library import Library
from bot.lookup.text.segment import (
    Segmenter,
    bigrams,
    has_cjk,
    index_grams,
    is_function_word,
    token_form,
)

BASE = "金砖国家新工业革命伙伴关系创新基地"


def test_token_form_is_simplified_narrow_and_lowercase_with_spaces_kept() -> None:
    assert token_form("金磚國家ＢＲＩＣＳ　２０２４年") == "金砖国家brics 2024年"
    assert token_form("New Development Bank") == "new development bank"
    assert token_form("") == ""


def test_bigrams_overlap_within_chinese_runs_only() -> None:
    assert bigrams("金砖国家") == ["金砖", "砖国", "国家"]
    assert bigrams("金砖 国家a中") == ["金砖", "国家", "中"]
    assert bigrams("NDB 2024") == []
    assert index_grams("金磚國家") == "金砖 砖国 国家"


def test_has_cjk_and_function_words() -> None:
    assert has_cjk("NDB与金砖")
    assert not has_cjk("NDB 2024 (SCIE)")
    assert all(is_function_word(w) for w in ("的", "和", "the", "of"))
    assert not is_function_word("金砖")


async def test_corpus_names_are_cut_whole(library: Library) -> None:
    segmenter = library.segmenter
    assert segmenter.cut(token_form(BASE + "正式啟動")) == [BASE, "正式", "启动"]
    assert "金砖国家反恐工作组" in segmenter.cut("金砖国家反恐工作组已召开十次会议")
    assert "云合影" in segmenter.cut(token_form("兩張“云合影”背后的信心"))
    assert "“" not in segmenter.cut("两张“云合影”")  # punctuation is no token


async def test_index_words_add_the_parts_of_long_names(library: Library) -> None:
    words = library.segmenter.index_words("金砖国家反恐工作组已召开十次会议").split()
    assert {"金砖国家反恐工作组", "反恐工作组", "金砖国家", "反恐", "召开"} <= set(words)
    base = library.segmenter.index_words(BASE).split()
    assert {BASE, "新工业革命伙伴关系", "创新基地", "工业革命"} <= set(base)
    assert not {"的", "和"} & set(library.segmenter.index_words("新开发银行的贷款和融资").split())
    # Traditional text is indexed like simplified text.
    assert library.segmenter.index_words("新開發銀行的貸款") == library.segmenter.index_words(
        "新开发银行的贷款"
    )


async def test_without_the_corpus_dictionary_a_long_name_falls_apart(jieba_cache: Path) -> None:
    plain = Segmenter([], jieba_cache)
    assert BASE not in plain.cut(BASE)
    assert plain.words == []
    named = Segmenter(["云合影", BASE, "云合影", ""], jieba_cache)
    assert named.words == ["云合影", BASE]
