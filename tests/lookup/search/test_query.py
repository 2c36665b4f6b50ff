"""Query parsing against the real corpus vocabulary and alias table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.lookup.library import Library
from bot.lookup.search.query import MAX_QUERY, ParsedQuery, QueryParser, clean

DATA = Path(__file__).resolve().parents[2] / "data"


def _parser(library: Library) -> QueryParser:
    return library.searcher.parser


def _terms(parsed: ParsedQuery) -> list[str]:
    return [c.term for c in parsed.concepts]


def _forms(parsed: ParsedQuery) -> set[str]:
    return {f for c in parsed.concepts for f in c.forms}


def _dev_queries() -> list[tuple[str, str]]:
    """(kind, text) of every query in the development sets."""
    out = []
    for name, field in (
        ("queries", "query"),
        ("quotes", "query"),
        ("summaries", "query"),
        ("timelines", "query"),
        ("verify", "claim"),
    ):
        for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out.append((item.get("kind", name), item[field]))
    return out


def test_clean_accepts_anything_and_keeps_only_text() -> None:
    assert clean("  金砖\x00国家\t\n新开发银行\u200b ") == "金砖 国家 新开发银行"
    assert clean("<b>喀山宣言</b> <script>alert(1)</script>") == "喀山宣言 alert(1)"
    assert clean("\x01\x02\x7f") == ""
    assert clean("金砖" * 3000) == "金砖" * (MAX_QUERY // 2)
    assert clean("a < b > c") == "a < b > c"  # not a tag


async def test_question_words_and_particles_are_stripped(library: Library) -> None:
    parse = _parser(library).parse
    assert _terms(parse("金砖国家什么时候扩员的？")) == ["金砖国家", "扩员"]
    assert _terms(parse("新成员有哪些呢")) == ["新成员"]
    assert _terms(parse("请问金砖运动会有多少运动员参加")) == ["金砖", "运动会", "运动员", "参加"]
    assert _terms(parse("新开发银行借钱给别国会附加政治条件吗")) == _terms(
        parse("新开发银行借钱给别国会附加政治条件")
    )
    for empty in ("请问", "什么时候呢？", "吗", "。，、！？", "", "   "):
        assert parse(empty).empty, empty


async def test_traditional_input_is_understood_as_simplified(library: Library) -> None:
    parse = _parser(library).parse
    traditional = parse("金磚國家什麼時候擴員的？")
    simplified = parse("金砖国家什么时候扩员的？")
    assert traditional.cleaned == "金磚國家什麼時候擴員的？"  # what the user typed is kept
    assert _terms(traditional) == _terms(simplified)
    assert [c.forms for c in traditional.concepts] == [c.forms for c in simplified.concepts]
    assert traditional.asks == simplified.asks == "date"
    assert "喀山宣言" in _forms(parse("喀山宣言對數字經濟怎麼說"))


async def test_english_names_map_through_the_alias_table(library: Library) -> None:
    parse = _parser(library).parse
    bank = parse("New Development Bank")
    assert bank.english
    assert {"新开发银行", "金砖国家新开发银行", "ndb"} <= _forms(bank)
    kazan = parse("Kazan declaration")
    assert "喀山宣言" in _forms(kazan)
    assert "金砖国家领导人第十六次会晤喀山宣言" in _forms(kazan)
    mixed = parse("NDB 莱索托")
    assert not mixed.english
    assert "新开发银行" in _forms(mixed)


async def test_an_english_question_word_is_not_an_acronym(library: Library) -> None:
    parse = _parser(library).parse
    who = parse("Who said BRICS is not a closed club")
    assert "世界卫生组织" not in _forms(who)
    assert "金砖国家" in _forms(who)
    assert "世界卫生组织" in _forms(parse("WHO 金砖"))
    # Written right against Chinese characters, capitals still name it.
    assert "世界卫生组织" in _forms(parse("介绍一下WHO"))
    assert "世界卫生组织" in _forms(parse("WHO和金砖国家的合作"))
    assert "世界卫生组织" not in _forms(parse("介绍一下who"))


async def test_what_it_means_asks_rather_than_names(library: Library) -> None:
    # 意思 is no corpus word; it must not be "corrected" to the homophone 意识.
    parse = _parser(library).parse
    assert _terms(parse("人类命运共同体是什么意思")) == ["人类命运共同体"]


async def test_a_noun_glued_to_its_locative_is_no_slip(library: Library) -> None:
    # Segmentation cuts 500强里 as 500 + 强里, a pair the corpus never writes; it is 强 + 里,
    # not the homophone 强力.
    parse = _parser(library).parse
    assert parse("财富世界500强里中美日企业占多少").corrected is None
    assert parse("金砖外长会吾开过几次").corrected == "金砖外长会晤开过几次"


async def test_a_slip_is_not_sought_across_a_word_written_whole_or_a_verb_said_twice(
    library: Library,
) -> None:
    # 发展史 holds 发展, a corpus word: its pair 展史 is no slip for 展示. 讲一讲 is a verb
    # said twice, not 一件.
    parse = _parser(library).parse
    for meant in ("新开发银行发展史", "发展史", "讲一讲新开发银行", "看一看金砖扩员"):
        assert parse(meant).corrected is None, meant
    assert "展示" not in _terms(parse("新开发银行发展史"))
    assert "一件" not in _terms(parse("讲一讲新开发银行"))
    # Slips that cut no corpus word are still found inside a token.
    assert parse("金砖外长会吾开过几次").corrected == "金砖外长会晤开过几次"
    assert parse("两张云和影 背后的信心").corrected == "两张云合影 背后的信心"


async def test_two_single_characters_that_make_a_corpus_word_are_that_word(
    library: Library,
) -> None:
    # Segmentation cuts 西方七国峰会 as 西方 + 七 + 国 + 峰会, and lone characters say nothing;
    # 七国 is a word of the corpus (七国集团).
    parse = _parser(library).parse
    assert "七国" in _terms(parse("西方七国峰会有没有请发展中国家去参加"))
    # Characters that make no corpus word stay apart (and are dropped).
    assert _terms(parse("金砖 的 年")) == ["金砖"]


async def test_input_method_slips_are_corrected_and_reported(library: Library) -> None:
    for typed, corrected, wrong, right in (
        ("金钻国家 科技论文 专利数量", "金砖国家 科技论文 专利数量", "金钻", "金砖国家"),
        ("人工只能 金砖 合作中心", "人工智能 金砖 合作中心", "只能", "人工智能"),
        ("两张云和影 背后的信心", "两张云合影 背后的信心", "和影", "云合影"),
        ("金砖外长会吾开过几次", "金砖外长会晤开过几次", "会吾", "金砖外长会晤"),
    ):
        parsed = _parser(library).parse(typed)
        assert parsed.corrected == corrected
        assert right in _terms(parsed)
        assert not any(wrong in form for form in _forms(parsed)), typed


async def test_every_typo_of_the_dev_set_is_corrected_and_nothing_else(library: Library) -> None:
    parse = _parser(library).parse
    queries = _dev_queries()
    assert len(queries) > 250
    typos = [text for kind, text in queries if kind == "typo"]
    assert len(typos) >= 10
    assert [t for t in typos if not parse(t).corrected] == []
    # Corpus words, names included, are never "corrected".
    assert [(t, parse(t).corrected) for k, t in queries if k != "typo" and parse(t).corrected] == []
    for real in ("新成员", "汤中超 中国中亚命运共同体", "苏克拉尔", "岸田文雄", "云合影", "会晤"):
        assert parse(real).corrected is None, real


async def test_the_answer_type_is_detected(library: Library) -> None:
    parse = _parser(library).parse
    for query, asks in (
        ("金砖国家什么时候扩员的？", "date"),
        ("印尼是哪年成为金砖正式成员的？", "date"),
        ("中吉乌铁路协定何时签署", "date"),
        ("When did South Africa join BRICS", "date"),
        ("金砖反恐工作组开过几次会了", "count"),
        ("新开发银行给莱索托提供了多少贷款", "count"),
        ("How many projects has the NDB approved", "count"),
        ("喀山宣言", None),
        ("金砖国家在安全问题上怎么抵制单边制裁", None),
    ):
        assert parse(query).asks == asks, query


async def test_a_year_before_summit_names_the_numbered_summit(library: Library) -> None:
    parse = _parser(library).parse
    assert {"第十四次会晤", "北京会晤"} <= _forms(parse("2022年金砖峰会"))
    assert {"第九次会晤", "厦门会晤"} <= _forms(parse("2017年厦门会晤的成果"))
    assert {"第十六次会晤", "喀山会晤"} <= _forms(parse("the 2024 summit in Kazan"))
    assert "第十四次会晤" in _terms(parse("2022 BRICS summit"))
    # A year alone, or with another event, names no summit.
    assert not any("次会晤" in t for t in _terms(parse("2022年中国办了多少场金砖活动")))
    assert not any("次会晤" in t for t in _terms(parse("1990年金砖峰会")))


async def test_parsing_never_raises(library: Library) -> None:
    parse = _parser(library).parse
    for text in (
        *("", " ", "\x00", "\x00金砖\x00", "\ud800", "🇨🇳🚀", "\u202e金砖", "金" * 5000),
        *('" OR NEAR(* ', "AND OR NOT", '"', "*", "^", "{}", "<b>x</b>", "d1.p5"),
    ):
        parsed = parse(text)
        assert parsed.original == text
        assert len(parsed.cleaned) <= MAX_QUERY


@pytest.mark.parametrize(
    "framed",
    [
        "新开发银行大事记",
        "新开发银行时间线",
        "新开发银行的来龙去脉",
        "新开发银行是怎么一步步发展起来的",
        "新开发银行的发展历程",
        "新开发银行的演变",
        "新开发银行是怎么回事",
        "新开发银行 timeline",
        "历届新开发银行",
        "关于新开发银行，文献里说了什么",  # 文献: the documents asked, not a topic
    ],
)
async def test_framing_words_ask_for_a_shape_not_a_topic(library: Library, framed: str) -> None:
    parse = _parser(library).parse
    topic = _terms(parse("新开发银行"))
    assert _terms(parse(framed)) == topic


async def test_a_framing_word_inside_a_topic_word_is_left_alone(library: Library) -> None:
    # 里程碑 is framing; 经过 and 过程 are framing only as words of their own.
    parse = _parser(library).parse
    assert "全过程" in "".join(_terms(parse("全过程人民民主")))


async def test_a_year_and_summit_of_another_body_is_not_a_brics_summit(library: Library) -> None:
    parse = _parser(library).parse
    brics = [c.term for c in parse("2019年金砖峰会").concepts]
    assert "第十一次会晤" in brics
    assert "第十一次会晤" in [c.term for c in parse("2019年峰会").concepts]
    nato = [c.term for c in parse("北约2019年伦敦峰会").concepts]
    assert "第十一次会晤" not in nato
    assert "第十一次会晤" not in [c.term for c in parse("NATO 2019 summit").concepts]


async def test_a_year_and_summit_qualified_by_another_name_is_not_a_brics_summit(
    library: Library,
) -> None:
    # Between the year and 峰会 stands whose summit it is; the body's names, a host city of
    # corpus/summits.toml and filler (在…举行的) leave it the body's own.
    parse = _parser(library).parse

    def terms(query: str) -> list[str]:
        return [c.term for c in parse(query).concepts]

    for other in ("2022年中阿峰会", "2019年G20峰会", "2023年中国—中亚峰会"):
        assert "第十四次会晤" not in terms(other)
        assert "第十一次会晤" not in terms(other)
        assert "第十五次会晤" not in terms(other)
    for own in ("2017年厦门峰会", "2017年在厦门举行的峰会", "2017年金砖领导人峰会"):
        assert "第九次会晤" in terms(own)
    # A longer gap of names, host cities and filler only is still the body's summit ...
    for own in (
        "2017年金砖国家领导人峰会",
        "2017年在厦门举行的金砖峰会",
        "2017 BRICS leaders' summit",
    ):
        assert "第九次会晤" in terms(own), own
    # ... but across more words the year and 峰会 belong to different phrases, even when
    # the body is named: the question asks about summits since 2017, not the one of 2017.
    assert "第九次会晤" not in terms("2017年以来金砖举办了哪些峰会")
    assert "第九次会晤" not in terms("2017年中国和中亚各国之间举办了哪些峰会")
    # The body named elsewhere overrules the qualifier.
    assert "第十四次会晤" in terms("2022年线上峰会上金砖国家通过了什么")


async def test_a_brics_summit_past_the_last_the_table_lists_is_a_later_summit(
    library: Library,
) -> None:
    # corpus/summits.toml lists the summits up to Kazan, the sixteenth, in 2024.
    parse = _parser(library).parse
    assert parse("2026年金砖峰会在哪个国家举行？").later_summit == "2026年金砖峰会"
    assert parse("金砖国家第十七次领导人会晤通过了什么宣言").later_summit == "第十七次领导人会晤"
    assert parse("Where will the 2026 BRICS summit be held?").later_summit == "2026 brics summit"
    assert parse("What did the 17th BRICS summit adopt?").later_summit == "17th brics summit"
    for told in (
        "2024年金砖峰会在哪里举行",  # the last the documents tell of
        "第十六次金砖峰会在哪里举行",
        "2025年金砖外长会晤在哪里举行",  # a ministers' meeting, not a summit
        "2025年七国集团峰会在哪里举行",  # another body's summit
        "2026年中国和中亚的合作计划",  # a year with no summit
        "第二届中国—中亚峰会在哪里举行",  # another body's numbered summit
    ):
        assert parse(told).later_summit is None, told


async def test_an_outlet_reporting_a_brics_summit_keeps_the_summit(library: Library) -> None:
    concepts = _parser(library).parse("新华网刊发的习主席2022年金砖峰会讲话全文").concepts
    assert "第十四次会晤" in [c.term for c in concepts]


async def test_a_question_word_inside_a_longer_word_asks_nothing(library: Library) -> None:
    parse = _parser(library).parse
    for query, asks in (
        # Inside a name, across two words, or starting a longer word: no question.
        ("几内亚的铝土矿", None),
        ("中国与几内亚的合作", None),
        ("许多大国参与金砖合作", None),
        ("几十年来的南南合作", None),
        ("几乎所有发展中国家", None),
        ("任何时候都坚持多边主义", None),
        # A question word of its own, bound to a prefix or running into a measure word.
        ("金砖国家有哪几个成员", "count"),
        ("金砖峰会是第几次在中国举办", "count"),
        ("新开发银行的规模有多大", "count"),
        ("可再生能源占几成", "count"),
        ("金砖国家在多大程度上影响全球治理", "count"),
        ("几个国家申请加入金砖", "count"),
        ("几年举办一次峰会", "count"),
        ("几内亚有多少人口", "count"),  # the name asks nothing, 多少 still does
        ("印尼几月加入金砖", "date"),
    ):
        assert parse(query).asks == asks, query


async def test_an_english_word_the_aliases_lack_takes_the_dictionary_s_words(
    library: Library,
) -> None:
    parse = _parser(library).parse
    question = parse("Where did Russia host the second Russia-Africa summit?")
    host = next(c for c in question.concepts if c.term == "host")
    assert host.glossed
    assert {"主办", "host"} <= set(host.forms)
    # A dictionary's rarer senses never outweigh an English word of the question, nor
    # does the dictionary's word weigh as much as one the alias table names.
    ranking = library.searcher.ranking
    assert host.weight <= ranking.glossed_scale * ranking.latin_weight
    assert ranking.glossed_scale < 1.0
    russia = next(c for c in question.concepts if c.term == "russia")
    assert not russia.glossed
    assert russia.weight > host.weight
    phrase = parse("How many households can the wind power project supply?")
    assert "风电" in _forms(phrase)
    # Only in an English question: Latin letters among Chinese keep to themselves.
    assert not any(c.glossed for c in parse("host 金砖峰会").concepts)


async def test_an_english_phrase_of_question_words_is_no_concept(library: Library) -> None:
    # The dictionary glosses "how many" (几个), yet it only asks what the question wants.
    parsed = _parser(library).parse("How many foreign ministers' meetings had BRICS held?")
    assert not any("how" in c.term or "many" in c.term for c in parsed.concepts)
    assert parsed.asks == "count"
