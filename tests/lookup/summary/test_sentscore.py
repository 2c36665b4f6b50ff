"""Sentence judgements on real sentences of the corpus: coverage, facts, framing."""

from __future__ import annotations

import re

import pytest

from bot.lookup.search.query import Concept
from bot.lookup.summary.sentscore import (
    HEADING,
    LISTED,
    PART,
    ConceptMatcher,
    brings,
    defines,
    first_year,
    information,
    numeric,
    thesis,
)
from bot.lookup.text.script import fold

# d1.p116: training courses in thirteen fields, green economy one of them.
TRAINING = (
    "截至2022年底，金砖创新基地与46个国家合作，在工业创新、数字经济、绿色经济、生物制造、"
    "人工智能等13个领域举办34个培训项目，开设约680门科技创新课程，培训科技人才共约86.5万人次。"
)
# d0.p22: a sentence about the green economy itself.
GREEN = "并凭借在风能、太阳能、生物燃料及绿色金融领域的合作成果，共同构建高效的绿色经济生态系统。"
# d2.a7.p54: a poll on Japan's and China's partners, nothing to do with BRICS partners.
POLL = (
    "2022年日本外务省对南非、肯尼亚、科特迪瓦三国进行的民意调查结果显示，63% 的受访者认为中国是"
    "其所在国家目前的重要伙伴国，只有25% 的受访者选择日本。"
)
# d0.p66: BRICS and its partner countries.
PARTNERS = "扩员后的金砖国家与伙伴国通过“金砖+”机制，进一步整合经济资源与市场潜力。"
# d1.p111: the expansion of the bank, in a sentence that names BRICS elsewhere.
BANK = (
    "2022年6月，《金砖国家领导人第十四次会晤北京宣言》提到：“期待银行按照渐进、地域平衡原则"
    "持续推进扩员工作，吸纳发达国家和发展中国家。”"
)
# d0.p37: the expansion of BRICS.
EXPANSION = "扩员后，金砖国家人口超过全球人口的50%，以市场汇率换算的GDP占全球份额约30%。"


def _matcher(*concepts: Concept) -> ConceptMatcher:
    return ConceptMatcher(concepts)


def test_a_word_named_only_in_a_list_counts_less() -> None:
    green = _matcher(Concept("绿色经济", ["绿色经济"]))
    assert green.cover(fold(TRAINING)) == LISTED
    assert green.cover(fold(GREEN)) == 1.0


def test_a_generic_form_needs_what_the_query_adds_nearby() -> None:
    partners = _matcher(Concept("金砖国家伙伴国", ["金砖国家伙伴国", "伙伴国"]))
    assert partners.cover(fold(POLL)) == LISTED
    assert partners.cover(fold(PARTNERS)) == 1.0
    # A sentence that never names 金砖 takes its subject from its passage.
    assert partners.cover(fold("伙伴国覆盖亚非拉地区。"), lambda: "金砖机制") == 1.0
    expansion = _matcher(Concept("金砖扩员", ["金砖扩员", "扩员"]))
    assert expansion.cover(fold(BANK)) == LISTED
    assert expansion.cover(fold(EXPANSION)) == 1.0


def test_a_compound_said_in_other_words_earns_part_credit() -> None:
    # d2.a2.p38 never writes 经贸合作.
    trade = _matcher(Concept("经贸合作", ["经贸合作"], parts=["经贸", "合作"]))
    text = fold("同经贸、投资、能源、农业、互联互通等经济合作相比，人文交流合作相对滞后。")
    assert trade.cover(text) == pytest.approx(PART)
    assert trade.cover(fold("双方关系稳步发展。")) == 0.0


def test_headings_complete_a_sentence_but_cannot_make_it() -> None:
    matcher = _matcher(Concept("欧盟", ["欧盟"]), Concept("动因", ["动因"]))
    head = fold("二、欧盟太空安全战略变化的动因 > （一）应对日益加剧的太空技术军事化")
    named = fold("欧盟将太空视为新的战略竞争领域。")
    assert matcher.cover(named, head=head) == pytest.approx((1 + HEADING) / 2)
    assert matcher.cover(fold("太空正成为博弈的新战场。"), head=head) == 0.0


def test_a_title_is_devoted_to_a_topic_that_makes_up_much_of_it() -> None:
    expansion = _matcher(Concept("金砖扩员", ["金砖扩员", "扩员"]))
    assert expansion.names(fold("扩员背景下深化金砖国家科技创新合作的基础、挑战与对策")) < 0.2
    pan = _matcher(Concept("泛地缘政治化", ["泛地缘政治化"]))
    assert pan.names(fold("国际政治“泛地缘政治化”及其影响")) > 0.4


def test_information_counts_dates_figures_actions_and_documents() -> None:
    assert information(fold(EXPANSION)) >= 0.3
    dated = fold("2023年8月，金砖国家领导人第十五次会晤在南非约翰内斯堡举行，作出金砖扩员的决定。")
    assert information(dated) >= 0.6
    assert information(fold("金砖国家对加强科技创新合作具有广泛共识和强烈意愿。")) == 0.0


def test_numeric_tells_a_stated_number_from_commentary() -> None:
    # d4.p23 and d3.p6 (traditional script, folded), then d3.p6's commentary.
    assert numeric(fold("全球發展倡議自提出以來，已有100多國表示支持。"))
    assert numeric(
        fold("預計到2030年，金磚國家在生成式人工智能領域經濟影響力將達到3500億—6000億美元。")
    )
    assert not numeric(fold("在國際合作上，金磚國家積極推動人工智能國際合作交流。"))


@pytest.mark.parametrize(
    ("text", "framing"),
    [
        # d2.a5.p2: the article announcing itself.
        (
            "本文拟从俄罗斯对“全球南方”战略认知和目标变化入手，剖析俄积极争取“全球南方”的种种策略。",
            True,
        ),
        # d3.p3: significance asserted, not said.
        ("深化金磚國家科技創新合作，對于賦能“全球南方”共同發展具有重要現實意義。", True),
        (EXPANSION, False),
    ],
)
def test_thesis_sentences_are_recognised(text: str, framing: bool) -> None:
    assert thesis(fold(text)) is framing


def test_asserted_significance_is_what_a_significance_request_allows() -> None:
    text = fold("深化金磚國家科技創新合作，對于賦能“全球南方”共同發展具有重要現實意義。")
    assert not thesis(text, significance=True)
    assert brings(text)
    assert not brings(fold("2024年，首届金砖国家旅游论坛在俄罗斯莫斯科召开。"))


def test_first_year_reads_years_and_ranges() -> None:
    assert first_year(fold("在该行第二个五年战略（2022年—2026年）中提出")) == 2022
    assert first_year(fold("2021—2023年，非洲和亚洲在俄罗斯农产品出口中的份额上升")) == 2021
    assert first_year(fold("截至2025年4月，新开发银行批准项目120个")) == 2025
    assert first_year(fold("新开发银行批准项目120个")) is None


def test_a_definition_has_the_topic_as_the_subject_of_is() -> None:
    topic = re.compile("欧空局")
    # 002 (the EU space article).
    assert defines("欧空局是致力于太空探索项目的政府间组织,现有22个成员国。", topic, "组织") == 1.0
    assert defines("而欧空局是独立于欧盟委员会的机构。", topic, "组织") == 0.5
    assert defines("欧空局已批准2025年77亿欧元的初步预算。", topic) == 0.0


def test_covers_gives_the_cover_without_and_with_the_headings() -> None:
    matcher = _matcher(Concept("欧盟", ["欧盟"]), Concept("动因", ["动因"]))
    head = fold("二、欧盟太空安全战略变化的动因 > （一）应对日益加剧的太空技术军事化")
    named = fold("欧盟将太空视为新的战略竞争领域。")
    plain, headed = matcher.covers(named, head=head)
    assert plain == 0.5
    assert headed == pytest.approx((1 + HEADING) / 2)
    # The heading's credit is remembered, and the same whatever sentence asks first.
    assert matcher.covers(named, head=head) == matcher.covers(named, head=head)
    assert matcher.covers(fold("太空正成为博弈的新战场。"), head=head) == (0.0, 0.0)


def test_a_remembered_heading_credit_never_stands_for_a_qualified_form() -> None:
    # 伙伴国 in a heading stands for 金砖国家伙伴国 only where 金砖 is around: what the
    # heading earned for one sentence must not be given to another with other surroundings.
    partners = _matcher(Concept("金砖国家伙伴国", ["金砖国家伙伴国", "伙伴国"]))
    head = fold("伙伴国的构成")
    listed = fold("日本、伙伴国、欧盟等各方均有表态。")
    assert partners.covers(listed, lambda: "金砖机制", head) == (LISTED, HEADING)
    assert partners.covers(listed, lambda: "亚太地区", head) == (LISTED, LISTED)
