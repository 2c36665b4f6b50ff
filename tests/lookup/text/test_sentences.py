"""Sentence boundaries on real corpus snippets: quotations stay whole, numbers and URLs too."""

from __future__ import annotations

import itertools

import pytest

from bot.lookup.text.sentences import sentence_texts, split_long, split_sentences

# 001 (d1.p88): a quotation of two sentences ending in 。” followed at once by the next one.
SUKLAL = (
    "另外，据彭博社2023年4月24日的报道，南非的亚洲及金砖事务特使苏克拉尔接受媒体采访时表示"
    "“有13个国家正式要求加入，另外有6个国家非正式要求加入。我们每天都会收到加入的申请。”"
    "2023年南非开普敦金砖国家领导人峰会的一项重要议题就是讨论金砖扩容以及“金砖+”机制安排问题。"
)
# 000 epigraph (L100–108).
EPIGRAPH = (
    "金砖国家是塑造国际格局的重要力量。我们自主选择发展道路，共同捍卫发展权利，共同走向现代化，"
    "代表着人类社会前进方向，必将深刻影响世界发展进程。"
)
# 002 English abstract of article 6.
ABSTRACT = (
    "Strategic autonomy in space and internal consensus on space integration remain difficult "
    "in the short term. Setbacks in international cooperation may further hinder the strategy’s "
    "implementation."
)


def _covers(text: str) -> bool:
    spans = split_sentences(text)
    return (
        spans[0][0] == 0
        and spans[-1][1] == len(text)
        and all(b == c for (_, b), (c, _) in itertools.pairwise(spans))
    )


def test_a_quotation_with_full_stops_inside_stays_one_sentence_with_its_speaker() -> None:
    sentences = sentence_texts(SUKLAL)
    assert len(sentences) == 2
    assert sentences[0].startswith("另外，据彭博社")
    assert sentences[0].endswith("我们每天都会收到加入的申请。”")
    assert sentences[1].startswith("2023年南非开普敦")
    assert _covers(SUKLAL)


def test_chinese_full_stops_end_sentences() -> None:
    assert sentence_texts(EPIGRAPH) == [
        "金砖国家是塑造国际格局的重要力量。",
        EPIGRAPH.removeprefix("金砖国家是塑造国际格局的重要力量。"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # 003: decimals and a model version.
        "較2013年分別增長了101.85%和170.74%(圖1),這說明金磚國家科技創新能力不斷提升。",
        "已開發包括SenseNova 5.5等240多個模型;印度和俄羅斯等成員國也在加快布局。",
        # 001 footnote: a URL with dots and a date.
        "习近平在金砖国家领导人第十四次会晤上的讲话，新华网http://www.news.cn/world/2022-06/23/c_1128770124.htm。",
        # 001 footnote: a citation code after a Latin title.
        "习近平. 习近平谈治国理政（第三卷）[M]. 北京: 外文出版社, 2020(1): P427.",
    ],
)
def test_dots_inside_numbers_urls_and_citations_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [(0, len(text))]


def test_english_sentences_end_at_a_full_stop_before_a_space() -> None:
    sentences = sentence_texts(ABSTRACT)
    assert sentences == [
        "Strategic autonomy in space and internal consensus on space integration remain "
        "difficult in the short term.",
        "Setbacks in international cooperation may further hinder the strategy’s implementation.",
    ]
    first = split_sentences(ABSTRACT)[0]
    assert ABSTRACT[first[0] : first[1]].endswith("term. ")  # the space goes with the sentence


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    # 001 §二: a sentence that ends inside a quotation, then a new sentence.
    text = (
        "习近平主席明确指出“金砖国家不是封闭的俱乐部，也不是排外的‘小圈子’，"
        "而是守望相助的大家庭、合作共赢的好伙伴。”这一论断意义重大。"
    )
    assert sentence_texts(text) == [
        "习近平主席明确指出“金砖国家不是封闭的俱乐部，也不是排外的‘小圈子’，"
        "而是守望相助的大家庭、合作共赢的好伙伴。”",
        "这一论断意义重大。",
    ]


def test_a_quotation_that_never_closes_does_not_swallow_the_paragraph() -> None:
    sentence = "金砖国家合作机制已发展成为全球南方国家的重要合作平台。"
    text = "他说：“" + sentence * 14  # an opening mark lost its partner in extraction
    spans = split_sentences(text)
    assert len(spans) > 2
    assert _covers(text)


def test_text_without_an_end_mark_is_one_sentence_and_empty_text_none() -> None:
    assert split_sentences("金砖成员国间战略互信基础需进一步深化") == [(0, 18)]
    assert split_sentences("") == []
    assert sentence_texts("  ") == []


def test_split_long_cuts_near_the_limit_at_a_clause_mark() -> None:
    text = EPIGRAPH * 3
    pieces = split_long(text, 100)
    assert all(b - a <= 100 for a, b in pieces)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(text)
    assert all(text[b - 1] in "；;，,、 。" or b - a == 100 for a, b in pieces[:-1])
    assert sum(text[b - 1] in "，、" for a, b in pieces[:-1]) >= len(pieces) // 2
