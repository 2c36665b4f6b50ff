"""``timeline``: focused, dated, cited events from the real indexed corpus."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.lookup import library as library_module
from bot.lookup.library import Library
from bot.lookup.results import Timeline, TimelineEvent
from bot.lookup.text.script import fold
from bot.lookup.timeline.build import build_timeline
from bot.lookup.timeline.chronology import corpus_events
from bot.lookup.timeline.dates import extract_dates
from devtools.bench.timeline_eval import evaluate_timelines
from tests.conftest import CORPUS

GOLD = Path(__file__).resolve().parents[2] / "data" / "timelines.jsonl"
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
TOPICS = ["金砖扩员", "新开发银行", "厦门金砖创新基地", "欧盟太空安全"]


def statements(event: TimelineEvent) -> list[str]:
    return [fold(s) for s in [event.text, *event.sentences]]


def cited(event: TimelineEvent) -> set[str]:
    return {c.passage_id for c in event.citations}


def on(timeline: Timeline, date: str) -> list[TimelineEvent]:
    return [e for e in timeline.events if e.date == date]


def states(event: TimelineEvent, doc: str, words: str) -> bool:
    """True if a citation from document ``doc`` (``000``…) states ``words`` in its sentence."""
    return any(
        c.doc.startswith(doc) and fold(words) in fold(s)
        for c, s in zip(event.citations, event.sentences, strict=True)
    )


@pytest.mark.parametrize("query", TOPICS)
async def test_events_are_dated_cited_and_in_order(library: Library, query: str) -> None:
    timeline = await build_timeline(library, query, 200)
    assert timeline.events
    assert [e.date for e in timeline.events] == sorted(e.date for e in timeline.events)
    for event in timeline.events:
        assert DATE.fullmatch(event.date)
        assert event.kind in ("past", "planned")
        assert event.event
        assert len(event.event) <= 60
        assert event.event.rstrip("…") in event.text  # taken from the sentence, not made up
        assert event.citations[0].passage_id == event.passage_id
        assert len(event.sentences) == len(event.citations)
        assert event.text in event.sentences[0]
    payload = json.loads(json.dumps(timeline.to_dict(), ensure_ascii=False))
    assert payload["query"] == query
    assert len(payload["results"]) == len(timeline.events)


async def test_eu_space_security_stays_in_its_article(library: Library) -> None:
    timeline = await build_timeline(library, "欧盟太空安全", 200)
    assert len(timeline.events) >= 40
    assert all(pid.startswith("d2.a6.") for e in timeline.events for pid in cited(e))
    first = on(timeline, "2023-11")
    assert any("首个太空安全战略" in e.text for e in first)


async def test_new_development_bank_timeline(library: Library) -> None:
    timeline = await build_timeline(library, "新开发银行", 200)
    assert len(timeline.events) <= 25
    for event in timeline.events:  # each event stands in a passage about the bank
        view = await library.passage(event.passage_id)
        assert view is not None
        assert re.search("新开发银行|新開發銀行", view.hit.text), event
    assert any("成立" in e.event for e in on(timeline, "2015"))
    enlargement = [
        e
        for e in on(timeline, "2021")
        if states(e, "001", "相继成为新开发银行正式会员") and states(e, "004", "兩次擴容")
    ]
    assert enlargement, "001 and 004 state the 2021 enlargement: one event, both citations"
    assert [e.kind for e in on(timeline, "2025-04")] == ["past"]  # 截至2025年4月: as of


async def test_brics_expansion_timeline(library: Library) -> None:
    timeline = await build_timeline(library, "金砖扩员", 200)
    assert len(timeline.events) <= 20
    assert any("扩员的决定" in e.text for e in on(timeline, "2023-08"))
    assert any("沙特阿拉伯" in e.text for e in on(timeline, "2024-01"))
    assert any("印度尼西亚" in e.text for e in on(timeline, "2025-01"))
    assert not [
        e for e in timeline.events if any(p.startswith(("d2.a6", "d2.a2")) for p in cited(e))
    ]


async def test_xiamen_innovation_base_timeline(library: Library) -> None:
    timeline = await build_timeline(library, "厦门金砖创新基地", 200)
    docs = Counter(c.doc[:3] for e in timeline.events for c in e.citations)
    assert docs["001"] > 0.8 * sum(docs.values())
    assert "002" not in docs
    assert "003" not in docs
    announced = on(timeline, "2020-11-17")
    assert announced
    assert states(announced[0], "000", "宣布中方将在厦门建立")
    assert states(announced[0], "001", "2020年11月17日")
    launched = [e for e in on(timeline, "2020-12-08") if states(e, "004", "2020年末正式啟動")]
    assert launched, "004's 2020年末正式啟動 joins 001's 2020年12月8日 launch"
    assert any(c.doc.startswith("001") for c in launched[0].citations)
    assert any("揭牌" in e.text for e in on(timeline, "2021-09-07"))
    # 截至2021年底: the year's last month, after the September unveiling
    year_end = [e for e in timeline.events if states(e, "001", "截至2021年底")]
    assert year_end
    assert {e.date for e in year_end} == {"2021-12"}


async def test_south_africa_joining_shows_both_years(library: Library) -> None:
    timeline = await build_timeline(library, "南非加入金砖", 50)
    in_2010 = [e for e in on(timeline, "2010") if "南非正式加入" in e.text]
    in_2011 = [e for e in on(timeline, "2011") if "南非正式加入" in e.text]
    assert in_2010
    assert in_2011
    assert in_2010[0].doc.startswith("001")
    assert in_2011[0].doc.startswith("000")
    assert in_2010[0].conflict
    assert "2011年" in in_2010[0].conflict
    assert "d0." in in_2010[0].conflict
    assert in_2011[0].conflict
    assert "2010年" in in_2011[0].conflict
    assert "d1." in in_2011[0].conflict


async def test_xiamen_summit_numbering_conflict(library: Library) -> None:
    timeline = await build_timeline(library, "金砖国家领导人会晤", 200)
    xiamen = on(timeline, "2017-09-04")
    assert xiamen
    assert "第九次会晤" in xiamen[0].text
    assert xiamen[0].conflict
    assert "第十次会晤" in xiamen[0].conflict
    assert states(xiamen[0], "000", "第九次会务期间")  # 000's typo for 会晤, merged with 001
    assert states(xiamen[0], "001", "2017年9月4日，金砖国家领导人第九次会晤在厦门举行")
    assert not [e for e in timeline.events if e.date.startswith("2018") and "厦门" in e.event]


async def test_summits_merge_across_documents(library: Library) -> None:
    timeline = await build_timeline(library, "金砖科技创新合作", 200)
    ministerial = [
        e
        for e in on(timeline, "2014")
        if states(e, "000", "科技创新部长级会议") and states(e, "003", "科技創新部長級會議")
    ]
    assert ministerial
    assert len({c.doc for c in ministerial[0].citations}) == 2


async def test_planned_events_are_marked(library: Library) -> None:
    timeline = await build_timeline(library, "中国—中亚合作", 200)
    ahead = on(timeline, "2027")
    assert [e.kind for e in ahead] == ["planned"]
    assert "第三届中国—中亚峰会" in ahead[0].text
    for event in timeline.events:
        written = event.citations[0].date or "9999"
        if event.date[:7] > written[:7]:
            assert event.kind == "planned", event


async def test_no_footnotes_access_dates_or_timestamps(library: Library) -> None:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    for line in gold:
        timeline = await build_timeline(library, line["query"], 200)
        texts = [s for e in timeline.events for s in statements(e)]
        assert not [c for e in timeline.events for c in e.citations if ".n" in c.passage_id]
        for span in map(fold, line["excluded"]):
            assert not [t for t in texts if span in t], (line["query"], span)
        assert not [t for t in texts if "访问时间" in t or re.search(r"\d{2}:\d{2}:\d{2}", t)]


async def test_limit_keeps_the_most_relevant_in_date_order(library: Library) -> None:
    full = await build_timeline(library, "新开发银行", 200)
    top = await build_timeline(library, "新开发银行", 5)
    assert len(top.events) == 5
    assert [e.date for e in top.events] == sorted(e.date for e in top.events)
    assert {e.text for e in top.events} <= {e.text for e in full.events}


async def test_queries_without_dated_matches(library: Library) -> None:
    assert (await build_timeline(library, "", 50)).events == []
    assert (await build_timeline(library, "？？？", 50)).events == []
    assert (await build_timeline(library, "新开发银行", 0)).events == []


async def test_summit_table_agrees_with_the_corpus(library: Library) -> None:
    """Every sentence that gives one year and one summit number agrees with the table, except
    001's 2017年9月…第十次会晤…厦门 (the Xiamen summit was the ninth); every host city
    in the table appears with its year."""
    rows = await library.conn.execute_fetchall(
        "SELECT pid, fold FROM passages WHERE kind = 'body' ORDER BY doc_id, seq"
    )
    pairs: set[tuple[str, int, int]] = set()
    for pid, text in rows:
        # Clauses, and whole sentences outside quoted speech (which may recall other summits).
        pieces = re.split(r"[,;:。“”]", str(text))
        pieces += [s for s in re.split(r"[。!?]", str(text)) if "“" not in s]
        for piece in pieces:
            exprs = extract_dates(piece, library.summits)
            years = {e.year for e in exprs if e.kind == "absolute"}
            numbers = {e.ordinal for e in exprs if e.kind == "ordinal"}
            if len(years) == 1 and len(numbers) == 1:
                pairs.add((str(pid), numbers.pop() or 0, years.pop() or 0))
    odd = sorted((pid, n, y) for pid, n, y in pairs if library.summits.numbered[n][0] != y)
    assert [(n, y) for _, n, y in odd] == [(10, 2017)]
    assert {n for _, n, _ in pairs} >= {1, 9, 10, 11, 12, 13, 14, 15}
    corpus = "".join(str(text) for _, text in rows)
    for year, place in library.summits.hosts.items():
        assert re.search(rf"{year}年[^。]*{place}", corpus), (year, place)


async def test_extraction_is_cached_per_corpus_version(library: Library) -> None:
    first = await corpus_events(library.conn, library.summits)
    assert await corpus_events(library.conn, library.summits) is first
    assert all(".n" not in e.passage.pid for e in first.entries)


async def test_gold_set_meets_the_targets(library: Library) -> None:
    # Extraction: nearly every gold event is found when nothing caps the list ...
    assert (await evaluate_timelines(library, GOLD, runs=0, limit=200))["recall"] >= 0.85
    # ... and what users see (the 50 most relevant) keeps most of them.
    report = await evaluate_timelines(library, GOLD, runs=0)
    assert report["recall"] >= 0.78
    assert report["date_accuracy"] >= 0.95
    assert report["excluded_events"] == 0
    assert report["footnote_citations"] == 0
    assert report["conflicts_shown"] == 1.0


async def test_a_reindex_refreshes_the_extracted_events(
    db_copy: Path, jieba_cache: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    first = corpus / "raw" / "000_d4b0f48c579fd5d3.txt"
    kept = first.read_bytes()
    lib = await Library.open(db_copy, corpus, update_index=False, cache_dir=jieba_cache)
    try:
        await corpus_events(lib.conn, lib.summits)
        first.unlink()
        await lib.reindex()  # 000 leaves the index ...
        first.write_bytes(kept)
        await lib.reindex()  # ... and comes back, unchanged, under new row ids
        rows = await lib.conn.execute_fetchall("SELECT id, pid FROM passages")
        ids = {int(i): str(p) for i, p in rows}
        after = await corpus_events(lib.conn, lib.summits)
        assert all(ids.get(e.passage.id) == e.passage.pid for e in after.entries)
        timeline = await build_timeline(lib, "新开发银行", 50)
        assert any("莱索托" in e.text for e in on(timeline, "2023"))  # a 000 event
    finally:
        await lib.close()


@pytest.mark.parametrize("framing", ["大事记", "的来龙去脉"])
async def test_a_word_no_dated_passage_holds_does_not_empty_the_timeline(
    library: Library, framing: str
) -> None:
    bare = await library.timeline("新开发银行", 50)
    framed = await library.timeline("新开发银行" + framing, 50)
    assert bare.events
    assert [e.text for e in framed.events] == [e.text for e in bare.events]


async def test_an_item_of_a_listed_sentence_is_about_what_it_names(library: Library) -> None:
    # 001: 2021年，…提出“全球发展倡议”；2022年…提出“全球安全倡议”；2023年…“全球文明倡议”。
    timeline = await build_timeline(library, "全球安全倡议时间线", 50)
    listed = [e for e in timeline.events if e.passage_id == "d1.p125"]
    assert [e.date for e in listed] == ["2022"]
    # ... while what leads a list is said of every item (在太空防务领域，…：…；英国于2018年…).
    defence = await build_timeline(library, "欧洲防务", 50)
    assert any(e.date == "2018" and "英国" in e.event for e in defence.events)


async def test_a_place_inside_a_longer_place_name_is_not_named(library: Library) -> None:
    # 撒哈拉以南非洲 holds 南非 and 印度尼西亚 holds 印度; neither names them.
    south_africa = await build_timeline(library, "South Africa BRICS timeline", 50)
    assert not any("以南非洲" in e.event for e in south_africa.events)
    assert any("南非正式加入" in e.event for e in south_africa.events)
    india = await build_timeline(library, "印度 金砖", 50)
    assert india.events
    for event in india.events:  # 中印 speaks of India too (a mention in the alias table)
        texts = [fold(s).replace("印度尼西亚", "") for s in [event.event, *event.sentences]]
        assert any("印度" in t or "中印" in t for t in texts)


async def test_a_bilateral_short_form_names_the_country(library: Library) -> None:
    # 002: 中哈2011年率先建立全面战略伙伴关系; 2023年11月，中哈互免签证协定正式生效。
    timeline = await build_timeline(library, "中国和哈萨克斯坦关系发展历程", 50)
    assert any(e.date == "2023-11" and "中哈互免签证" in e.event for e in timeline.events)
    # 后来呢 asks for what followed; it names nothing.
    parsed = library.searcher.parser.parse("伊朗什么时候申请加入金砖的，后来呢")
    assert all("后来" not in c.forms for c in parsed.concepts)


async def test_a_fund_is_not_the_cooperation_it_is_named_after(library: Library) -> None:
    # 001: 2015年…宣布中国出资设立“南南合作援助基金”，2022年…升级为“全球发展和南南合作基金”.
    # The section around it is about South-South cooperation at large, which is another topic.
    timeline = await build_timeline(library, "南南合作援助基金的来龙去脉", 50)
    assert [e.date for e in timeline.events] == ["2015", "2022"]
    assert all("基金" in e.event for e in timeline.events)


async def test_a_compound_the_dated_text_never_writes_is_sought_by_its_parts(
    library: Library,
) -> None:
    # 001 writes 2017年的洞朗对峙和2020年的加勒万河谷冲突使中印双边关系经历严峻考验; no dated
    # sentence writes 中印关系 (002 does, in an undated one).
    timeline = await build_timeline(library, "中印关系有哪些重要节点", 50)
    assert any(e.date == "2017" and "洞朗" in e.event for e in timeline.events)


async def test_a_page_turns_the_timeline_built_last_until_the_index_changes(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []

    async def counted(lib: Library, query: str, limit: int = 50) -> Timeline:
        built.append(query)
        return await build_timeline(lib, query, limit)

    monkeypatch.setattr(library_module, "build_timeline", counted)
    first = await library.timeline("金砖扩员")
    page = await library.timeline("金砖扩员", reuse=True)
    assert page.events == first.events
    assert page.events is not first.events
    assert built == ["金砖扩员"]
    await library.timeline("金砖扩员")  # a new /timeline is built anew
    await library.timeline("新开发银行", reuse=True)  # nothing built for it yet
    assert built == ["金砖扩员", "金砖扩员", "新开发银行"]
    await library.load()  # a new index generation: its own searcher
    again = await library.timeline("金砖扩员", reuse=True)
    assert built[-1] == "金砖扩员"
    assert len(built) == 4
    assert again.events == first.events
