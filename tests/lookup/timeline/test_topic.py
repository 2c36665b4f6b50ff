"""A request for a timeline asks in words of history; its topic is what they frame."""

from __future__ import annotations

import pytest

from bot.lookup.library import Library
from bot.lookup.timeline.build import build_timeline
from bot.lookup.timeline.topic import timeline_topic

# How people ask for a history, around a topic X: words of history after it (with 的, 了,
# 有哪些 between), verbs of going through time, stretches of time, requests before it, in
# both scripts and in English.
ASKS = [
    "{}经历了哪些阶段",
    "说说{}的历史",
    "{}都发生过什么",
    "{}是什么时候开始的，后来怎样",
    "{}的重要事件有哪些？",
    "回顾一下{}",
    "{}有哪些进展",
    "列出{}相关的重要时间点",
    "{}近年来的动态",
    "给我讲讲{}的来历和发展",
    "能不能按年份讲讲{}",
    "{}經歷了哪些階段",
    "{}发展史上有哪些大事",
    "想看{}的时间线",
    "{}历年来的主要事件",
    "简述{}的演变",
    "{}的变迁",
]
TOPICS = ["新开发银行", "金砖扩员", "欧盟太空安全", "中国和哈萨克斯坦关系", "中哈关系"]


def terms(library: Library, query: str) -> list[str]:
    parser = library.searcher.parser
    return [c.term for c in parser.parse(timeline_topic(query, parser)).concepts]


@pytest.mark.parametrize("ask", ASKS)
async def test_words_asking_for_a_history_are_not_the_topic(library: Library, ask: str) -> None:
    for topic in TOPICS:
        assert terms(library, ask.format(topic)) == terms(library, topic), ask.format(topic)


async def test_english_words_asking_for_a_history_are_not_the_topic(library: Library) -> None:
    bare = terms(library, "New Development Bank")
    for query in (
        "How did the New Development Bank evolve?",
        "key events of the New Development Bank",
        "What happened with the New Development Bank over the years?",
        "How has the New Development Bank changed over time?",
        "When did the New Development Bank start and what happened next?",
        "When did the New Development Bank start?",
    ):
        assert terms(library, query) == bare, query
    # "development" frames the request before "of"; inside the name it is the name.
    assert terms(library, "the development of the Global Development Initiative") == terms(
        library, "Global Development Initiative"
    )


async def test_a_history_word_written_against_the_topic_is_the_topic(library: Library) -> None:
    # 绿色发展 and 现代化进程 are the corpus's own topics: with nothing between the topic and
    # 发展 or 进程, they are part of it; after 的 they frame it.
    parser = library.searcher.parser
    for topic in ("绿色发展", "现代化进程", "金砖扩员进程"):
        assert timeline_topic(topic, parser) == topic
    assert "发展" in terms(library, "绿色发展的历史")
    assert "发展" not in terms(library, "新开发银行的发展")
    assert terms(library, "金砖扩员的进程") == terms(library, "金砖扩员")


async def test_history_words_inside_the_request_or_alone_are_left_alone(library: Library) -> None:
    parser = library.searcher.parser
    # Only the edges of a request frame it: 历史 between two words of the topic stays.
    assert "历史" in terms(library, "中国历史问题的进展")
    # A request made of framing only is the topic after all.
    for query in ("历史", "重要事件", "发展", "演变"):
        assert timeline_topic(query, parser) == query


async def test_asking_when_at_the_edge_frames_the_request(library: Library) -> None:
    # A timeline tells when: 是什么时候开始的 asks nothing a bare topic does not, and the
    # search under the timeline must not favour dated passages for it alone.
    parser = library.searcher.parser
    asked = parser.parse(timeline_topic("新开发银行是什么时候开始的", parser))
    assert asked.asks is None
    assert [c.term for c in asked.concepts] == ["新开发银行"]
    # Inside the request, before the verb it asks about, it is left to the parser.
    for query in ("三大倡议是什么时候提出的", "伊朗什么时候申请加入金砖的，后来呢"):
        assert timeline_topic(query, parser) == query
        assert parser.parse(query).asks == "date"


async def test_a_request_is_taken_off_the_characters_the_request_opens_with(
    library: Library,
) -> None:
    # The segmenter cuts 想看中哈关系 as 想 | 看中 | 哈 | 关系: by its words, the request and
    # the topic would lose a character each.
    parser = library.searcher.parser
    assert timeline_topic("想看中哈关系", parser) == "  中哈关系"
    # A Latin request is a word of its own: "showcase" is not "show".
    assert timeline_topic("show me the BRICS timeline", parser).split() == [
        "me",
        "the",
        "BRICS",
        "timeline",
    ]
    assert timeline_topic("Showcase of BRICS", parser) == "Showcase of BRICS"


async def test_what_is_taken_out_is_blanked_in_the_request_as_typed(library: Library) -> None:
    parser = library.searcher.parser
    assert timeline_topic("说说新開發銀行的歷史", parser) == "说说新開發銀行的  "
    assert timeline_topic("回顾一下NDB", parser) == "  一下NDB"


@pytest.mark.parametrize("topic", TOPICS[:2])
async def test_asking_for_a_history_shows_the_topics_events(library: Library, topic: str) -> None:
    bare = [(e.date, e.event) for e in (await build_timeline(library, topic, 50)).events]
    assert bare
    for ask in ASKS:
        asked = (await build_timeline(library, ask.format(topic), 50)).events
        assert [(e.date, e.event) for e in asked] == bare, ask.format(topic)


async def test_a_correction_is_offered_for_the_request_as_typed(library: Library) -> None:
    # 会吾 is a slip for 会晤: the suggestion keeps the words that asked for the history.
    timeline = await build_timeline(library, "金砖国家外长会吾的历史", 50)
    assert timeline.corrected is not None
    assert timeline.corrected.endswith("的历史")


async def test_a_light_verb_before_its_object_is_not_the_topic(library: Library) -> None:
    # 开展 and 进行 take the action as their object: as a concept, 开展 brought in every
    # event of BRICS cooperation that was 开展ed (24 instead of the 3 about counter-terrorism).
    for asked, bare in (
        ("金砖国家是怎么开展反恐合作的", "金砖国家反恐合作"),
        ("金砖国家开展了哪些反恐合作", "金砖国家反恐合作"),
        ("金砖国家是如何进行科技创新合作的", "金砖国家科技创新合作"),
    ):
        assert terms(library, asked) == terms(library, bare), asked
    events = (await build_timeline(library, "金砖国家如何开展人文交流", 50)).events
    bare_events = (await build_timeline(library, "金砖国家人文交流", 50)).events
    assert [(e.date, e.event) for e in events] == [(e.date, e.event) for e in bare_events]
    # With no object after it, it is what the request names.
    parser = library.searcher.parser
    for query in ("开展", "金砖国家反恐合作的开展"):
        assert timeline_topic(query, parser) == query
