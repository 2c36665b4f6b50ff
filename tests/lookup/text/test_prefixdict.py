"""jieba's dictionary as a trie: the same cuts as jieba's own dict, far less memory."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from bot.lookup.text import prefixdict
from bot.lookup.text.prefixdict import PrefixFrequencies

# Corpus sentences with long names, numbers, Latin text and words jieba does not know.
SENTENCES = (
    "金砖国家新工业革命伙伴关系创新基地在厦门揭牌",
    "新开发银行向莱索托提供了2.5亿美元的贷款",
    "2024年1月1日，沙特、埃及、阿联酋、伊朗和埃塞俄比亚正式成为金砖成员",
    "全球南方国家在联合国大会上发出共同声音",
    "BRICS峰会在约翰内斯堡举行，习近平出席并发表重要讲话",
    "反恐工作组第九次会议讨论了打击恐怖主义融资问题",
)
ADDED = ("金砖国家新工业革命伙伴关系创新基地", "反恐工作组", "约翰内斯堡峰会")


def _tokenizers(cache: Path) -> tuple[jieba.Tokenizer, prefixdict.Tokenizer]:
    jieba.setLogLevel(logging.WARNING)
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(cache)
    plain.initialize()
    trie = prefixdict.Tokenizer()
    prefixdict.load(trie, cache)
    for tokenizer in (plain, trie):
        for word in ADDED:
            tokenizer.add_word(word, freq=1000)
        # Words of the dictionary given other frequencies (del_word would change jieba's
        # module-wide HMM state for every other test).
        tokenizer.add_word("金砖", freq=5)
        tokenizer.add_word("伙伴", freq=1)
    return plain, trie


def test_the_trie_cuts_every_sentence_as_jiebas_own_dict_does(tmp_path: Path) -> None:
    plain, trie = _tokenizers(tmp_path)
    assert isinstance(trie.FREQ, PrefixFrequencies)
    assert trie.total == plain.total
    for sentence in SENTENCES:
        assert trie.get_DAG(sentence) == plain.get_DAG(sentence), sentence
        assert trie.lcut(sentence) == plain.lcut(sentence), sentence
        assert trie.lcut_for_search(sentence) == plain.lcut_for_search(sentence), sentence
        assert trie.lcut(sentence, HMM=False) == plain.lcut(sentence, HMM=False), sentence


def test_lookups_answer_as_the_dict_does(tmp_path: Path) -> None:
    plain, trie = _tokenizers(tmp_path)
    for word in (
        "金砖",
        "伙伴",
        "金砖国家新工业革命伙伴关",
        "约翰内斯堡峰会",
        "厦",
        "不存在的词语",
    ):
        assert (word in trie.FREQ) == (word in plain.FREQ), word
        assert trie.FREQ.get(word) == plain.FREQ.get(word), word
        if word in plain.FREQ:
            assert trie.FREQ[word] == plain.FREQ[word], word
    with pytest.raises(KeyError):
        trie.FREQ["不存在的词语"]
    assert len(trie.FREQ) == len(plain.FREQ)


def test_the_trie_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    first = prefixdict.Tokenizer()
    prefixdict.load(first, tmp_path)
    (cache,) = tmp_path.glob("zhiku-jieba-*.marisa")
    assert cache.stat().st_size < 8_000_000
    again = prefixdict.Tokenizer()
    prefixdict.load(again, tmp_path)
    assert again.total == first.total
    assert len(again.FREQ) == len(first.FREQ)
    cache.write_bytes(cache.read_bytes()[:1000])
    rebuilt = prefixdict.Tokenizer()
    prefixdict.load(rebuilt, tmp_path)
    assert rebuilt.lcut(SENTENCES[0]) == first.lcut(SENTENCES[0])
    assert cache.stat().st_size > 1000


def test_bytes_that_are_not_a_cache_are_refused() -> None:
    with pytest.raises(ValueError, match="not a prefix dictionary cache"):
        PrefixFrequencies.from_bytes(b"not a cache at all, but long enough to unpack")


def _refuse(*_: object) -> None:
    raise AssertionError("the big dict was built in the serving process")


def test_a_missing_cache_is_built_by_a_child_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = prefixdict.Tokenizer()
    prefixdict.load(reference, tmp_path / "reference")
    monkeypatch.setattr(jieba.Tokenizer, "gen_pfdict", staticmethod(_refuse))
    tokenizer = prefixdict.Tokenizer()
    prefixdict.load(tokenizer, tmp_path / "fresh")
    (cache,) = (tmp_path / "fresh").glob("zhiku-jieba-*.marisa")
    assert cache.stat().st_size > 1_000_000
    assert tokenizer.total == reference.total
    assert len(tokenizer.FREQ) == len(reference.FREQ)
    for sentence in SENTENCES:
        assert tokenizer.lcut(sentence) == reference.lcut(sentence), sentence


def test_without_a_child_the_cache_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = prefixdict.Tokenizer()
    prefixdict.load(reference, tmp_path / "reference")
    built: list[int] = []
    generate = jieba.Tokenizer.gen_pfdict

    def counted(f: object) -> object:
        built.append(1)
        return generate(f)

    monkeypatch.setattr(prefixdict, "_build_apart", lambda source, cache: False)
    monkeypatch.setattr(jieba.Tokenizer, "gen_pfdict", staticmethod(counted))
    tokenizer = prefixdict.Tokenizer()
    prefixdict.load(tokenizer, tmp_path / "here")
    assert built == [1]
    assert list((tmp_path / "here").glob("zhiku-jieba-*.marisa"))
    assert tokenizer.total == reference.total
    for sentence in SENTENCES:
        assert tokenizer.lcut(sentence) == reference.lcut(sentence), sentence
