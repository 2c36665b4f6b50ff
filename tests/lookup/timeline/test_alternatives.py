"""Items a question lists with 、 or 或 are one topic: the events of any of them."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.search.query import Concept
from bot.lookup.text.script import fold
from bot.lookup.timeline.alternatives import listed_groups
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
