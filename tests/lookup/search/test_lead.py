"""The one-line answer: a clause of a top passage that states the fact, in its own words."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.results import Hit
from bot.lookup.search.lead import clause, lead


async def test_a_count_question_opens_with_the_clause_that_counts(library: Library) -> None:
    result = await library.search("金砖反恐工作组开过几次会了", 5)
    assert result.lead is not None
    assert result.lead.text == "金砖国家反恐工作组已召开十次会议"
    assert result.lead.fact == "十次"
    passage = await library.passage(result.lead.passage_id)
    assert passage is not None
    assert result.lead.text in passage.hit.text  # every character from the corpus


async def test_a_figure_the_question_states_is_not_its_answer(library: Library) -> None:
    result = await library.search("How much GDP growth does a 10% increase in data flows bring?", 5)
    assert result.lead is not None
    assert result.lead.fact == "0.2%"


async def test_no_lead_for_a_topic_or_on_a_later_page(library: Library) -> None:
    assert (await library.search("金砖扩员", 5)).lead is None
    assert (await library.search("金砖反恐工作组开过几次会了", 5, 5)).lead is None


def test_a_date_alone_leads_the_clause_it_dates() -> None:
    text = "南非加入金砖国家意义重大。2011年，南非正式加入金砖国家，金砖更名。"
    sentence = (13, len(text))
    start, end = clause(text, sentence, (13, 18), ["南非", "加入"])
    assert text[start:end] == "2011年，南非正式加入金砖国家"


def test_a_clause_naming_nothing_asked_keeps_the_one_before() -> None:
    text = "截至2025年6月，反恐工作组共召开，十次会议。"
    start, end = clause(text, (0, len(text)), (17, 19), ["反恐工作组"])
    assert text[start:end] == "反恐工作组共召开，十次会议"


def test_only_a_sure_fact_in_a_sentence_covering_the_question_leads() -> None:
    hit = Hit("d0.p1", "000.txt", "T", None, None, "共有五个分工作组。", 1.0, ["工作组"])
    hit.answer, hit.fact = (0, 9), (2, 4)
    assert lead([hit], [(1.0, 0.5)]) is None  # a number in words only describes
    assert lead([hit], [(0.3, 1.0)]) is None  # the sentence says too little of the question
    found = lead([hit], [(0.8, 1.0)])
    assert found is not None
    assert (found.text, found.fact) == ("共有五个分工作组", "五个")
