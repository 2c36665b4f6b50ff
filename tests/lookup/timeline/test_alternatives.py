"""Items a question lists with 、 or 或 are one topic: the events of any of them."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.search.query import Concept
from bot.lookup.text.script import fold
from bot.lookup.timeline.alternatives import listed_groups, merge_joined
from bot.lookup.timeline.build import build_timeline

INITIATIVES = ["全球发展倡议", "全球安全倡议", "全球文明倡议"]


def concepts(*terms: str) -> list[Concept]:
    return [Concept(t, [t]) for t in terms]


def test_items_listed_with_the_enumeration_comma_or_or_are_one_group() -> None:
    listed = concepts(*INITIATIVES)
    assert listed_groups(listed, "全球发展倡议、全球安全倡议、全球文明倡议的时间线") == [[0, 1, 2]]
    assert listed_groups(listed[:2], "全球发展倡议或全球安全倡议") == [[0, 1]]


def test_a_relation_or_words_apart_are_not_a_list() -> None:
    # 和 joins the two sides of a relation: both are the topic.
    assert listed_groups(concepts("中国", "哈萨克斯坦", "关系"), "中国和哈萨克斯坦关系") == [
        [0],
        [1],
        [2],
    ]
    assert listed_groups(concepts("俄罗斯", "全球南方"), "俄罗斯 全球南方") == [[0], [1]]
    # a word the query never writes (a correction, an English name) stands alone
    assert listed_groups(concepts("新开发银行", "扩员"), "nbd、扩员") == [[0], [1]]


async def test_an_event_naming_one_listed_initiative_is_about_the_list(
    library: Library,
) -> None:
    # Weighed as three concepts, an event naming one initiative covered a third of the
    # topic: only the sentence listing all three was left.
    timeline = await build_timeline(library, "、".join(INITIATIVES) + "的时间线", 50)
    for name in INITIATIVES:
        own = [
            e for e in timeline.events if sum(fold(n) in fold(e.event) for n in INITIATIVES) == 1
        ]
        assert any(fold(name) in fold(e.event) for e in own), name


def terms(library: Library, words: list[str], query: str) -> list[str]:
    return [c.term for c in merge_joined(concepts(*words), library.aliases, query)]


def test_two_words_that_spell_a_known_word_are_that_word(library: Library) -> None:
    # 成员 … 扩大 is 扩大成员, a synonym of 扩员 (corpus/synonyms.toml), even with the question's
    # words between them; 中国—中亚 is a name of the alias table.
    assert terms(library, ["金砖国家", "成员", "扩大"], "金砖国家成员是怎么一步步扩大的") == [
        "金砖国家",
        "扩大成员",
    ]
    merged = merge_joined(concepts("成员", "扩大"), library.aliases, "成员扩大")
    assert "扩员" in merged[0].forms
    assert terms(library, ["中国", "中亚", "合作"], "中国—中亚合作") == ["中国中亚", "合作"]


def test_words_apart_or_spelling_nothing_known_stay_apart(library: Library) -> None:
    # 和 joins the two sides of a relation; a concept between two words keeps them apart;
    # 扩大合作 is no word of the tables.
    assert terms(library, ["中国", "中亚"], "中国和中亚") == ["中国", "中亚"]
    assert terms(library, ["金砖", "科技创新", "合作"], "金砖科技创新合作") == [
        "金砖",
        "科技创新",
        "合作",
    ]
    assert terms(library, ["扩大", "合作"], "扩大合作") == ["扩大", "合作"]


async def test_a_membership_question_in_two_words_finds_the_countries_joining(
    library: Library,
) -> None:
    # Weighed apart, 扩大 was required and 成员 was not: 南非正式加入金砖国家 (naming neither)
    # was left out and 扩大油气合作 came in.
    asked = await build_timeline(library, "金砖国家成员是怎么一步步扩大的？", 50)
    named = await build_timeline(library, "金砖扩员", 50)
    shown = {(e.date, e.event) for e in asked.events}
    assert ("2011", "南非正式加入金砖国家") in shown
    assert ("2025-01", "印度尼西亚成为金砖国家正式成员") in shown
    assert {(e.date, e.event) for e in named.events} <= shown
    assert not any("油气" in e.event for e in asked.events)
