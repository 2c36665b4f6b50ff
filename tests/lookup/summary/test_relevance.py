"""Summaries that carry facts, on the real corpus: framing as intent, words in context,
texts devoted to the topic, no theses."""

from __future__ import annotations

from collections import Counter
from itertools import takewhile

import aiosqlite
import pytest

from bot.lookup.library import Library
from bot.lookup.results import Summary
from bot.lookup.search.searcher import folded_forms
from bot.lookup.summary.intent import Intent
from bot.lookup.summary.relevance import (
    COMMON,
    DENSE,
    NAMES,
    SECTIONS_MAX,
    SETTING,
    _devoted_sections,
    dense_sections,
    more_passages,
    relevant,
)
from bot.lookup.summary.sentpool import SentencePool, build_pool, index_token
from bot.lookup.summary.sentscore import (
    ConceptMatcher,
    brings,
    first_year,
    information,
    numeric,
    thesis,
)
from bot.lookup.summary.summarize import TOP_PASSAGES, summarize
from bot.lookup.summary.textrank import MAX_SENTENCES
from bot.lookup.text.script import fold


async def _passage_text(library: Library, pid: str) -> str:
    async with library.conn.execute("SELECT text FROM passages WHERE pid = ?", (pid,)) as cur:
        row: aiosqlite.Row | None = await cur.fetchone()
    assert row is not None, pid
    return str(row[0])


async def _about(library: Library, summary: Summary, topic: str) -> None:
    """Every sentence names the topic, or follows (or stands under a heading) that does."""
    matcher = ConceptMatcher(library.searcher.parser.parse(topic).concepts)
    for sentence in summary.sentences:
        text = await _passage_text(library, sentence.passage_id)
        before = fold(text[: text.index(sentence.text)][-150:])
        view = await library.passage(sentence.passage_id)
        assert view is not None
        head = fold(f"{view.hit.title or ''} {view.hit.section or ''}")
        named = matcher.cover(fold(sentence.text)) or matcher.cover(before)
        assert named or matcher.cover(head), (topic, sentence.text)


@pytest.mark.parametrize(
    ("framed", "bare"),
    [
        ("金砖扩员的来龙去脉", "金砖扩员"),
        ("新开发银行发展历程", "新开发银行"),
        ("金砖扩员有什么意义", "金砖扩员"),
        ("厦门会晤的成果", "厦门会晤"),
        ("俄罗斯如何看待全球南方", "俄罗斯 全球南方"),
    ],
)
async def test_framing_words_do_not_empty_or_change_the_topic(
    library: Library, framed: str, bare: str
) -> None:
    summary = await summarize(library, framed)
    assert 2 <= len(summary.sentences) <= MAX_SENTENCES, framed
    await _about(library, summary, bare)


async def test_an_overview_request_is_the_bare_topic(library: Library) -> None:
    for framed, bare in [
        ("喀山宣言的主要内容", "喀山宣言"),
        ("新开发银行的基本情况", "新开发银行"),
    ]:
        assert (await summarize(library, framed)).summary == (
            await summarize(library, bare)
        ).summary


async def test_a_history_request_is_a_dated_progression(library: Library) -> None:
    for query in ("新开发银行发展历程", "金砖扩员的来龙去脉"):
        summary = await summarize(library, query)
        years = [first_year(fold(s.text)) for s in summary.sentences]
        assert len([y for y in years if y is not None]) >= 3, query
        # Dated sentences first, earliest first; undated ones after them.
        dated = list(takewhile(lambda y: y is not None, years))
        assert dated == sorted(y for y in years if y is not None), query


@pytest.mark.parametrize(
    "topic", ["金砖扩员", "新开发银行", "全球发展倡议", "金砖国家人工智能合作"]
)
async def test_framing_words_give_the_same_summary(library: Library, topic: str) -> None:
    # The topic's key facts are the same however it is asked for; a history only orders them.
    bare = {s.text for s in (await summarize(library, topic)).sentences}
    assert bare
    for framed in (
        f"{topic}的来龙去脉",
        f"{topic}大事记",
        f"介绍一下{topic}",
        f"{topic}的发展历程",
        f"关于{topic}，文献里说了什么",
    ):
        assert {s.text for s in (await summarize(library, framed)).sentences} == bare, framed


async def test_a_significance_request_says_what_the_topic_brings(library: Library) -> None:
    summary = await summarize(library, "金砖扩员有什么意义")
    assert summary.sentences
    assert all(brings(fold(s.text)) for s in summary.sentences)


async def test_a_word_used_of_something_else_is_not_the_topic(library: Library) -> None:
    # 伙伴国 in a poll on Japan's partners (d2.a7) is not a BRICS partner country.
    partners = await summarize(library, "金砖国家伙伴国")
    assert partners.sentences
    assert not [s.text for s in partners.sentences if s.passage_id.startswith("d2.a7.")]
    # 绿色经济 as one of thirteen training fields (d1.p116) is not the green economy.
    green = await summarize(library, "绿色经济")
    assert green.sentences
    for sentence in green.sentences:
        folded = fold(sentence.text)
        assert "、绿色经济、" not in folded, sentence.text


async def test_the_page_devoted_to_a_summit_speaks_for_it(library: Library) -> None:
    # d4 is a web page whose topic is the 14th summit (its 专题 line); the report d1 only
    # mentions the summit among many.
    summary = await summarize(library, "金砖国家领导人第十四次会晤")
    assert summary.sentences[0].passage_id.startswith("d4.")
    # Asked by its year, the summit is first the report's dated account of it (2022年6月23日
    # 晚，习近平主席…主持金砖国家领导人第十四次会晤); the page still has its say.
    summary = await summarize(library, "2022年金砖峰会")
    assert any(s.passage_id.startswith("d4.") for s in summary.sentences)


async def test_topic_summaries_state_facts_not_theses(library: Library) -> None:
    for query in ["新开发银行", "金砖扩员", "金砖国家科技创新合作", "金砖国家反恐合作", "云合影"]:
        summary = await summarize(library, query)
        assert max(information(fold(s.text)) for s in summary.sentences) >= 0.3, query
        assert not [s.text for s in summary.sentences if thesis(fold(s.text))], query


async def test_a_question_of_how_much_is_answered_with_figures(library: Library) -> None:
    # d2.a3: the ITU's figures on the gap, not what should be done about it.
    summary = await summarize(library, "全球数字鸿沟有多大")
    assert "91%" in summary.sentences[0].text
    summary = await summarize(library, "金砖国家外长会晤开了多少次")
    assert any("已召开15次" in s.text for s in summary.sentences)


async def test_meaning_lets_a_sentence_naming_part_of_the_topic_speak(
    library: Library,
) -> None:
    # d0.p14 says 洪涝灾害 and 资金支持, not 洪灾 or 援助: lexically it names too little of
    # the question to be about it, unless the semantic layer finds the passage far closer in
    # meaning than the rest.
    pool = await build_pool(library.conn, await index_token(library.conn))
    parsed = library.searcher.parser.parse("新开发银行援助巴西洪灾")
    cands = [s for s in pool.sentences if s.pid in ("d0.p14", "d0.p30")]
    flood = cands[0].passage
    prior = [1.0] * len(cands)
    for similar, found in [(None, False), ({flood: 1.0}, False), ({flood: 4.5}, True)]:
        kept = relevant(pool, cands, parsed.concepts, prior, Intent(), similar)[0]
        assert any("洪涝灾害" in s.text for s in kept) is found, similar


@pytest.mark.parametrize("topic", ["金砖国家可再生能源合作", "金砖国家遥感卫星合作", "中吉乌铁路"])
async def test_a_summary_sentence_names_the_topic_itself(library: Library, topic: str) -> None:
    # Shown alone, a sentence kept for its heading reads as being about something else.
    summary = await summarize(library, topic)
    matcher = ConceptMatcher(library.searcher.parser.parse(topic).concepts)
    assert len(summary.sentences) >= 2, topic
    for sentence in summary.sentences:
        assert matcher.cover(fold(sentence.text)) >= NAMES, (topic, sentence.text)


async def test_a_chronicle_goes_on_about_the_topic_only_in_context(library: Library) -> None:
    # d0.p37: "2023年8月，…作出金砖扩员的决定。" then "2024年1月，沙特阿拉伯…成为金砖国家正式
    # 成员。": the second goes on about the expansion without naming it, so beside the
    # sentences that do name it, it is not shown alone.
    pool = await build_pool(library.conn, await index_token(library.conn))
    cands = [s for s in pool.sentences if s.pid in ("d0.p37", "d0.p38")]
    later = [s for s in cands if s.text.startswith("2024年1月")]
    assert later
    concepts = library.searcher.parser.parse("金砖扩员").concepts
    kept = relevant(pool, cands, concepts, [1.0] * len(cands), Intent())[0]
    assert any("作出金砖扩员的决定" in s.text for s in kept)
    assert later[0] not in kept


async def test_a_section_whose_headings_name_the_topic_is_read(library: Library) -> None:
    # The article's title is only in English; its sections say "“全球南方”数字竞争力".
    pool = await build_pool(library.conn, await index_token(library.conn))
    concepts = library.searcher.parser.parse("全球南方数字竞争力").concepts
    section = [s for s in pool.sentences if "数字竞争力的内部约束" in s.path]
    assert section
    read = set(more_passages(pool, concepts, set()))
    assert {s.passage for s in section} <= read


async def _best_passages(library: Library, pool: SentencePool, query: str) -> list[int]:
    ranked = await library.searcher.rank(library.searcher.parser.parse(query))
    return [c.id for c in ranked if c.id in pool.by_passage][:TOP_PASSAGES]


async def test_a_section_search_ranks_densely_is_read_whole(library: Library) -> None:
    # d1's "1.“金砖+”机制与普惠包容原则" never names the bank in its heading, yet search
    # ranks several of its passages among the best for it; the rest of the section goes
    # on about the bank (its African regional centre, its new members).
    pool = await build_pool(library.conn, await index_token(library.conn))
    best = await _best_passages(library, pool, "新开发银行")
    read = dense_sections(pool, best)
    pids = {s.pid for s in pool.sentences if s.passage in read}
    assert {"d1.p136", "d1.p137"} <= pids
    heading = pool.sections[pool.section_of[read[0]]][0]
    assert "新开发银行" not in heading
    assert [p for p in best if p in read]
    assert [p for p in read if p not in best]


async def test_a_section_holding_few_of_the_best_passages_is_left_alone(
    library: Library,
) -> None:
    # 金砖扩员's best passages are spread over many sections: none is read whole.
    pool = await build_pool(library.conn, await index_token(library.conn))
    best = await _best_passages(library, pool, "金砖扩员")
    sections = Counter(pool.section_of[p] for p in best if p in pool.section_of)
    assert sections
    assert max(sections.values()) < DENSE
    assert dense_sections(pool, best) == []


async def test_a_heading_naming_what_most_passages_name_is_no_section_devoted(
    library: Library,
) -> None:
    # Headings name 金砖国家 across whole reports; reading all those sections for it would
    # only slow the summary down (search's own ranking speaks for such a topic).
    pool = await build_pool(library.conn, await index_token(library.conn))
    concepts = library.searcher.parser.parse("金砖国家").concepts
    assert concepts
    assert all(c.share > COMMON for c in concepts)
    assert len(pool.sections_mentioning(folded_forms(concepts[0]))) > 20
    assert _devoted_sections(pool, concepts, ConceptMatcher(concepts)) == []


async def test_sections_naming_the_topic_are_read_most_devoted_first_and_bounded(
    library: Library,
) -> None:
    pool = await build_pool(library.conn, await index_token(library.conn))
    concepts = library.searcher.parser.parse("全球南方").concepts
    matcher = ConceptMatcher(concepts)
    read = _devoted_sections(pool, concepts, matcher)
    assert 0 < len(read) <= SECTIONS_MAX
    named = [path for path, _ in pool.sections if matcher.cover(path) >= 0.7]
    assert sum(len(p) for path, p in pool.sections if path in named) > SECTIONS_MAX
    first = next(path for path, passages in pool.sections if read[0] in passages)
    assert matcher.names(first) == max(matcher.names(path) for path in named)


async def test_a_topic_summary_states_its_figures_before_commentary(library: Library) -> None:
    # d4.p23 counts the countries behind the initiative; d1.p128-130 discuss what it needs.
    summary = await summarize(library, "全球发展倡议")
    assert any("多國" in s.text and numeric(fold(s.text)) for s in summary.sentences)
    # d3.p6: papers, models and value in figures, not "积极推动人工智能国际合作交流".
    summary = await summarize(library, "金砖国家人工智能合作")
    assert all(numeric(fold(s.text)) for s in summary.sentences)


async def test_the_sentences_mentioning_a_form_are_those_a_whole_scan_finds(
    library: Library,
) -> None:
    # Forms are looked up by their rarest bigram, then checked; a scan of every sentence
    # must find the same: common and rare words, a form with a sign in it (金砖+), Latin,
    # one character, and a word whose bigram no sentence holds.
    pool = await build_pool(library.conn, await index_token(library.conn))
    forms = ["金砖国家", "新开发银行", "金砖+", "扩员", "brics", "砖", "2023年", "砖金国家"]
    for form in forms:
        assert pool.mentioning([form]) == pool.joined.holding([form]), form
    assert pool.mentioning(forms) == pool.joined.holding(forms)
    assert pool.mentioning(["金砖+"])
    assert pool.mentioning(["新开发银行"])
    assert pool.mentioning(["砖金国家"]) == set()


async def test_a_devoted_text_s_opening_sets_the_scene_and_its_abstract_speaks(
    library: Library,
) -> None:
    # d3 is a page on science cooperation in an enlarged BRICS: its first passage is about
    # the expansion (金磚機制已涵蓋10個正式成員國…), its facts come after it.
    summary = await summarize(library, "金砖国家科技创新合作")
    pids = [s.passage_id for s in summary.sentences]
    assert pids.count("d3.p1") <= 1, pids
    assert len([p for p in pids if p.startswith("d3.") and p != "d3.p1"]) >= 2, pids
    # The 提要 of an article on the topic (d2.a6.p1) still says what the article found.
    space = await summarize(library, "欧盟太空安全战略")
    assert space.sentences[0].passage_id == "d2.a6.p1"


async def test_a_devoted_text_s_sentence_naming_only_a_common_word_is_its_setting(
    library: Library,
) -> None:
    # On d3's page on science cooperation in an enlarged BRICS, 金磚機制已涵蓋10個正式成員國…
    # names 金砖 alone: it is about BRICS, not its science cooperation.
    topic = "金砖国家科技创新合作"
    matcher = ConceptMatcher(library.searcher.parser.parse(topic).concepts)
    summary = await summarize(library, topic)
    covers = [matcher.cover(fold(s.text)) for s in summary.sentences]
    assert summary.sentences
    assert not [c for c in covers if 0 < c < SETTING], [s.text for s in summary.sentences]
    # One naming part of the topic's rarer words (科技論文 without 合作) stays.
    assert any(SETTING <= c < NAMES for c in covers)
