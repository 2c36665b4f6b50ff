"""Framing words are the request's intent, not its topic: parsed with the real corpus."""

from __future__ import annotations

import pytest

from bot.lookup.library import Library
from bot.lookup.search.query import Concept
from bot.lookup.summary.intent import (
    PREDICATE,
    conjuncts,
    lighten,
    read_intent,
    read_request,
    unglue,
)
from bot.lookup.summary.summarize import summarize


def _read(library: Library, query: str) -> tuple[str, list[str], list[str]]:
    parser = library.searcher.parser
    parsed = parser.parse(query)
    typed = parser.segmenter.cut(parsed.cleaned)
    intent, topic = read_request(parsed.concepts, typed, parsed.asks)
    return intent.kind, [c.term for c in topic], sorted(intent.framing)


def _terms(library: Library, query: str) -> list[str]:
    return [c.term for c in library.searcher.parser.parse(query).concepts]


@pytest.mark.parametrize(
    ("query", "bare", "kind"),
    [
        ("金砖扩员的来龙去脉", "金砖扩员", "progression"),
        ("新开发银行发展历程", "新开发银行", "progression"),
        ("中国—中亚命运共同体的发展历程", "中国—中亚命运共同体", "progression"),
        ("金砖扩员有什么意义", "金砖扩员", "significance"),
        ("金砖扩员的背景和影响", "金砖扩员", "significance"),  # the last framing speaks
        ("厦门会晤的成果", "厦门会晤", "record"),
        ("金砖国家反恐合作有哪些进展", "金砖国家反恐合作", "record"),
        ("俄罗斯如何看待全球南方", "俄罗斯 全球南方", "overview"),
    ],
)
async def test_framing_words_leave_the_bare_topic(
    library: Library, query: str, bare: str, kind: str
) -> None:
    found, topic, framing = _read(library, query)
    assert found == kind
    assert topic == _terms(library, bare)
    assert framing


async def test_words_asked_about_are_topics_not_framing(library: Library) -> None:
    # 影响力 is not 影响, and 发展 is framing only inside 发展历程.
    for query in ("金砖国家的影响力", "全球发展倡议", "金砖国家发展", "新开发银行"):
        kind, topic, framing = _read(library, query)
        assert (kind, framing) == ("overview", []), query
        assert topic == _terms(library, query), query


async def test_questions_words_already_dropped_change_nothing(library: Library) -> None:
    # 主要内容 and 介绍一下 never reach the concepts: the summary is the bare topic's.
    assert _read(library, "喀山宣言的主要内容") == _read(library, "喀山宣言")
    assert _read(library, "介绍一下新开发银行") == _read(library, "新开发银行")


def test_framing_alone_leaves_no_topic() -> None:
    # The caller then summarises the word itself.
    intent, topic = read_intent([Concept("意义", ["意义"])])
    assert (intent.kind, topic) == ("significance", [])
    intent, topic = read_intent([Concept("发展", ["发展"]), Concept("历程", ["历程"])])
    assert (intent.kind, topic, intent.framing) == ("progression", [], frozenset({"发展", "历程"}))


@pytest.mark.parametrize(
    ("query", "bare"),
    [
        ("中国—中亚峰会开了几届", "中国—中亚峰会"),
        ("金砖职业教育联盟是干什么的", "金砖职业教育联盟"),
        ("七国集团和金砖国家有什么不同", "七国集团 金砖国家"),
        ("金砖国家之间的人文交流", "金砖国家 人文交流"),
    ],
)
async def test_the_question_s_own_words_are_not_the_topic(
    library: Library, query: str, bare: str
) -> None:
    assert _read(library, query)[1] == _terms(library, bare)


async def test_a_definition_names_the_kind_asked(library: Library) -> None:
    parser = library.searcher.parser
    parsed = parser.parse("欧空局是个什么机构")
    intent, topic = read_request(parsed.concepts, parser.segmenter.cut(parsed.cleaned))
    assert (intent.kind, intent.asked) == ("definition", "机构")
    assert [c.term for c in topic] == _terms(library, "欧空局")
    # A word alone stays the topic, even one that asks.
    assert _read(library, "不同")[1] == _terms(library, "不同")


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("全球安全倡议是怎么提出来的", "progression"),
        ("新开发银行什么时候成立的", "progression"),
        ("金砖国家是哪一年成立的", "progression"),
        ("三大全球倡议是什么时候提出的", "progression"),  # 是什么时候 is not 是什么
        ("金砖国家外长会晤开了多少次", "quantity"),
        ("金砖国家反恐工作组开过几次会", "quantity"),
        ("全球数字鸿沟有多大", "quantity"),
    ],
)
async def test_a_question_asks_for_dated_facts_or_figures(
    library: Library, query: str, kind: str
) -> None:
    assert _read(library, query)[0] == kind


def test_a_question_s_predicates_weigh_lightly_beside_its_subject() -> None:
    railway, start = Concept("中吉乌铁路", ["中吉乌铁路"], 5.0), Concept("开工", ["开工"], 6.0)
    light = lighten([railway, start], frozenset({"开工", "成立"}))
    assert [(c.term, c.weight) for c in light] == [("中吉乌铁路", 5.0), ("开工", 6.0 * PREDICATE)]
    # Predicates alone are the topic: they keep their weights.
    founded = Concept("成立", ["成立"], 2.0)
    assert lighten([founded], frozenset({"成立"})) == [founded]


def test_two_things_joined_are_two_topics_unless_a_side_is_a_name() -> None:
    def concept(term: str, share: float = 0.01) -> Concept:
        return Concept(term, [term], share=share)

    brics, cooperation = concept("金砖国家", 0.8), concept("合作", 0.4)
    energy, green, finance = concept("新能源"), concept("绿色"), concept("金融")
    sides = conjuncts(
        [brics, energy, green, finance, cooperation],
        "说说金砖国家在新能源和绿色金融上的合作",
        set(),
    )
    assert sides is not None
    assert [[c.term for c in side] for side in sides] == [
        ["金砖国家", "新能源", "合作"],
        ["金砖国家", "绿色", "金融", "合作"],
    ]
    japan, india, relation = concept("日本"), concept("印度"), concept("关系")
    assert conjuncts([japan, india, relation], "日本和印度的关系", {"日本", "印度"}) is None
    assert conjuncts([energy, cooperation], "新能源合作", set()) is None


async def test_a_character_glued_onto_a_word_is_taken_off(library: Library) -> None:
    # The segmenter cuts 对巴以 (对 + 巴以), a token the corpus never writes.
    parsed = library.searcher.parser.parse("金砖国家对巴以冲突的立场")
    glued = next(c for c in parsed.concepts if c.term == "对巴以")
    assert not glued.known
    topic = unglue(parsed.concepts)
    assert [c.term for c in topic] == ["金砖国家", "巴以", "冲突", "立场"]
    assert topic[1].forms == ["巴以"]
    assert topic[1].weight == glued.weight
    # A word the corpus knows stays whole, though one character longer than its part.
    concepts = library.searcher.parser.parse("中俄能源贸易额").concepts
    assert ("贸易额", ["贸易"]) in [(c.term, c.parts) for c in concepts]
    assert unglue(concepts) == concepts
    # So does an unknown word made of several words (each earns partial credit).
    compound = Concept("数字丝路", ["数字丝路"], known=False, parts=["数字", "丝路"])
    assert unglue([compound]) == [compound]


async def test_a_topic_with_a_glued_word_is_summarised(library: Library) -> None:
    summary = await summarize(library, "金砖国家对巴以冲突的立场")
    assert summary.sentences
    assert any("巴以" in s.text for s in summary.sentences)
    # A question word is dropped before: 干什么 does not become the topic word 什么.
    assert (await summarize(library, "金砖职业教育联盟是干什么的")).sentences
