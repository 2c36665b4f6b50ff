"""The answer layer: what a question asks for, and the sentence of a passage that says it."""

from __future__ import annotations

import pytest

from bot.lookup.library import Library
from bot.lookup.search.answer import answer_span, asked_unit, find_fact, question_type


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("印尼是哪年成为金砖正式成员的", "date"),
        ("金砖反恐工作组开过几次会了", "number"),
        ("新开发银行给莱索托提供了多少贷款", "number"),
        ("When did South Africa join BRICS?", "date"),
        ("How many projects has the bank approved", "number"),
        ("创新基地设在哪个城市", "place"),
        ("谁提出了全球发展倡议", "person"),
        ("金砖合作有哪些机制", "list"),
        ("为什么要扩员", "reason"),
        ("什么是全球南方", "definition"),
        ("金砖扩员", "topic"),
        ("美国拉了哪几个金砖国家签协定", "list"),
        ("What did the IMF forecast about the BRICS share of growth?", "number"),
        ("Which city hosts the exchange?", "place"),
        ("Did South Africa join BRICS?", "yesno"),
        ("新开发银行", "topic"),
    ],
)
def test_question_type_from_question_words(query: str, kind: str) -> None:
    assert question_type(query) == kind


def test_a_date_question_prefers_the_sentence_with_a_date() -> None:
    text = "南非加入金砖国家意义重大。2011年，南非正式加入金砖国家。此后合作不断深化。"
    span = answer_span(text, ["南非", "加入"], "date")
    assert span is not None
    assert text[slice(*span.sentence)] == "2011年，南非正式加入金砖国家。"
    assert span.fact is not None
    assert text[slice(*span.fact)] == "2011年"


def test_coverage_outweighs_a_fact_in_an_unrelated_sentence() -> None:
    text = "2020年召开了很多会议。新开发银行向莱索托高地水利项目提供贷款。"
    span = answer_span(text, ["新开发银行", "莱索托", "贷款"], "number")
    assert span is not None
    assert text[slice(*span.sentence)].startswith("新开发银行")
    assert span.fact is None


def test_no_sentence_without_a_matched_term() -> None:
    assert answer_span("与问题无关的一句话。", ["金砖"], "topic") is None
    assert answer_span("任何文字。", [], "number") is None


@pytest.mark.parametrize(
    ("text", "kind", "fact"),
    [
        ("提供32亿兰特贷款", "number", "32亿兰特"),
        ("占全球人口的百分之四十", "number", "百分之四十"),
        ("预算仅为三分之一", "number", "三分之一"),
        ("2024年1月1日起正式加入", "date", "2024年1月1日"),
        ("于6月22日开幕", "date", "6月22日"),
    ],
)
def test_facts_of_a_kind(text: str, kind: str, fact: str) -> None:
    match = find_fact(text, kind)  # type: ignore[arg-type]
    assert match is not None
    assert match.group() == fact


def test_no_fact_for_kinds_without_a_pattern() -> None:
    assert find_fact("习近平主席指出", "person") is None


async def test_search_marks_the_answer_on_the_real_corpus(library: Library) -> None:
    result = await library.search("新开发银行给莱索托提供了多少贷款", 5)
    top = result.hits[0]
    assert top.answer is not None
    assert "莱索托" in top.text[slice(*top.answer)]
    assert top.fact is not None
    assert "亿" in top.text[slice(*top.fact)]


def test_a_date_is_not_the_number_a_question_asks_for() -> None:
    match = find_fact("2023年，银行提供32亿兰特贷款", "number")
    assert match is not None
    assert match.group() == "32亿兰特"
    assert find_fact("2023年6月22日", "number") is None


def test_one_as_an_article_and_phase_names_are_not_amounts() -> None:
    assert find_fact("这是一个重要的项目二期工程", "number") is None
    match = find_fact("召开了十次会议", "number")
    assert match is not None
    assert match.group() == "十次"


def test_a_count_in_the_unit_asked_beats_a_number_that_describes() -> None:
    # 000 和平金砖: 五个分工作组 describes; 十次 answers 几次.
    text = (
        "金砖国家推动反恐工作组及其五个分工作组开展活动。"
        "截至2025年6月，金砖国家反恐工作组已召开十次会议。"
    )
    span = answer_span(text, [(1.0, ["反恐工作组"])], "number", asked_unit("反恐工作组开过几次会"))
    assert span is not None
    assert span.fact is not None
    assert text[slice(*span.fact)] == "十次"


def test_a_share_question_prefers_the_percentage_and_a_name_is_no_figure() -> None:
    # 001: the IMF forecast; G7 is a name, 40% the share asked for.
    text = (
        "国际货币基金组织的数据显示，金砖国家对全球经济增长的贡献将超过七国集团（G7）。"
        "到2028年，这四个金砖国家预计将为全球经济增长贡献近40%的份额。"
    )
    # The English words no Chinese sentence writes weigh in the total all the same.
    english = [(2.0, [word]) for word in ("forecast", "share", "global", "growth")]
    concepts = [(4.0, ["国际货币基金组织"]), (1.0, ["金砖"]), (1.0, ["2028"]), *english]
    query = "What did the IMF forecast about the BRICS share of global growth by 2028?"
    span = answer_span(text, concepts, question_type(query), asked_unit(query))
    assert span is not None
    assert span.fact is not None
    assert text[slice(*span.fact)] == "40%"
    assert find_fact("超过七国集团（G7）", "number") is not None  # 七国, in words
    assert find_fact("在南非推广5G网络", "number") is None


def test_a_concept_counts_once_however_many_of_its_forms_a_sentence_holds() -> None:
    text = "国际货币基金组织（IMF）发布报告。预计金砖国家增长较快。"
    concepts = [(1.0, ["国际货币基金组织", "IMF"]), (1.0, ["预计"]), (1.0, ["金砖"])]
    span = answer_span(text, concepts, "topic")
    assert span is not None
    assert text[slice(*span.sentence)].startswith("预计")


def test_a_which_question_prefers_an_enumeration() -> None:
    text = "美国积极拉拢新兴市场国家。其中包括印度、阿联酋、沙特阿拉伯等3个金砖国家。"
    span = answer_span(text, [(1.0, ["美国"]), (1.0, ["金砖国家"])], "list")
    assert span is not None
    assert span.fact is not None
    assert text[slice(*span.fact)].startswith("其中包括印度、阿联酋")


@pytest.mark.parametrize(
    ("query", "unit"),
    [
        ("金砖反恐工作组开过几次会了", "次"),
        ("金磚維和人數有多少？", "人"),
        ("扩员以后金砖人口占世界的比例是多少？", "%"),
        ("金砖扩员", None),
    ],
)
def test_the_unit_a_count_question_names(query: str, unit: str | None) -> None:
    assert asked_unit(query) == unit


async def test_a_long_sentence_of_statements_names_the_one_that_answers(
    library: Library,
) -> None:
    # 000 绿色金砖: one sentence of three projects joined by semicolons (南非；巴西；埃及).
    found = await library.passage("d0.p24")
    assert found is not None
    text = found.hit.text
    span = answer_span(text, [(3.0, ["巴西"]), (2.0, ["家庭"]), (2.0, ["项目"])], "number")
    assert span is not None
    sentence = text[slice(*span.sentence)]
    assert sentence.startswith("在南非")  # the sentence stays whole
    assert "在埃及" in sentence
    assert span.focus is not None
    assert text[slice(*span.focus)].startswith("在巴西")
    assert span.fact is not None
    assert span.focus[0] <= span.fact[0]
    assert span.fact[1] <= span.focus[1]
    # A sentence a snippet shows whole names no statement of its own.
    short = answer_span(text, [(1.0, ["新能源"])], "topic")
    assert short is not None
    assert short.focus is None
    # Nor does a long one without a semicolon outside its quotations.
    quoted = "习近平指出：“" + "金砖合作是开放的；" * 12 + "”各方积极响应。"
    long_quote = answer_span(quoted, [(1.0, ["金砖"])], "topic")
    assert long_quote is not None
    assert long_quote.focus is None
