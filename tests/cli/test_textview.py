"""Plain-text views for the terminal: every answer readable and every line cited by id."""

from __future__ import annotations

from bot.cli.textview import format_result
from bot.lookup.library import Library
from bot.lookup.results import (
    Citation,
    Quote,
    Quotes,
    SearchResult,
    Summary,
    SummarySentence,
    Timeline,
    TimelineEvent,
    Verification,
)

D0 = "000_d4b0f48c579fd5d3.txt"
D0_TITLE = "“金砖合作”推动全球南方携手共进"
D1 = "001_19b36100fef2d0c3.txt"
D1_TITLE = "习近平外交思想引领下的厦门金砖合作实践创新"


async def test_search_results_are_numbered_with_title_and_passage_id(library: Library) -> None:
    result = await library.search("金钻国家 科技论文", 3)
    text = format_result(result)
    lines = text.splitlines()
    assert lines[0] == "(did you mean: 金砖国家 科技论文)"
    numbered = [line for line in lines if line[:2] in ("1.", "2.", "3.")]
    assert len(numbered) == len(result.hits) == 3
    for line, hit in zip(numbered, result.hits, strict=True):
        assert line.endswith(f"{hit.passage_id}]")
        assert hit.title in line
    body = [line for line in lines if line.startswith("   ")]
    assert body
    assert all(len(line) <= 100 for line in body)  # passage text is wrapped


def test_nothing_found_says_what_to_try() -> None:
    text = format_result(SearchResult(query="量子引力", corrected=None, hits=[]))
    assert "nothing found" in text
    assert "docs" in text


async def test_a_passage_view_shows_context_footnotes_and_lines(library: Library) -> None:
    view = await library.passage("d1.p5")
    assert view is not None
    text = format_result(view)
    first = text.splitlines()[0]
    assert first.startswith(f"[{D1_TITLE} · ")
    assert "d1.p5]" in first
    assert f"lines {view.lines[0]}–{view.lines[1]}" in first
    assert ">> 习近平外交思想，即新时代" in text
    assert "① “十个坚持”" in text
    assert "[d1.n1]" in text.replace("\n", "").replace(" ", "")


async def test_documents_list_their_articles(library: Library) -> None:
    docs = await library.documents()
    d2 = format_result(docs[2]).splitlines()
    assert d2[0].startswith("d2  《国际问题研究》2025年第3期  (2025-06; ")
    assert d2[0].endswith("002_829ffcec4b120d0b.txt)")
    assert len(d2) == 8
    assert d2[6].strip().startswith("d2.a6  欧盟太空安全战略新特点及走向")
    assert len(format_result(docs[0]).splitlines()) == 1


def test_summary_sentences_carry_their_ids() -> None:
    sentences = [
        SummarySentence("2015年金砖国家新开发银行成立。", "d1.p107", D1, D1_TITLE),
        SummarySentence("新开发银行批准项目120个，投资额达400亿美元。", "d0.p30", D0, D0_TITLE),
    ]
    text = format_result(Summary("新开发银行", "", sentences))
    assert "2015年金砖国家新开发银行成立。 [d1.p107]" in text
    assert "[d0.p30]" in text
    scoped = format_result(Summary("汤中超", "", sentences, scope="中国—中亚命运共同体"))
    assert scoped.splitlines()[0] == "summary of: 中国—中亚命运共同体"
    assert format_result(Summary("量子引力", "", [])) == "nothing relevant found in the corpus"


def test_timeline_lines_show_date_event_plan_conflict_and_citations() -> None:
    cite = Citation("d0.p1", D0, D0_TITLE)
    other = Citation("d1.p140", D1, D1_TITLE)
    events = [
        TimelineEvent(
            "2010",
            "南非正式加入金砖国家",
            "到2010年南非正式加入。",
            "d1.p140",
            D1,
            D1_TITLE,
            [other, cite],
            conflict="000 says 2011",
        ),
        TimelineEvent(
            "2025-07", "金砖峰会在里约热内卢举行", "…", "d0.p2", D0, D0_TITLE, [], kind="planned"
        ),
    ]
    lines = format_result(Timeline("南非", events)).splitlines()
    assert lines[0].startswith("2010       南非正式加入金砖国家  [d1.p140, d0.p1]")
    assert lines[1].strip() == "! 000 says 2011"
    assert lines[2].startswith("2025-07    金砖峰会在里约热内卢举行 (planned)  [d0.p2]")
    assert format_result(Timeline("量子引力", [])) == "no dated events found"


def test_quotes_and_verdicts_cite_their_passage() -> None:
    quote = Quote(
        "习近平",
        "金砖国家不是封闭的俱乐部",
        "习近平主席明确指出“金砖国家不是封闭的俱乐部”。",
        "d1.p85",
        D1,
        D1_TITLE,
    )
    assert format_result(Quotes("习近平", [quote])) == (
        f"习近平: “金砖国家不是封闭的俱乐部”  [{D1_TITLE} · d1.p85]"
    )
    assert format_result(Quotes("x", [])) == "no quotations found"
    reported = Quote(
        "普京",
        "同伊朗关系是俄当前优先事项",
        "普京指出，同伊朗关系是俄当前优先事项。",
        "d2.a5.p17",
        "002.txt",
        "国际问题研究",
        "reported",
    )
    assert format_result(Quotes("普京", [reported])) == (
        "普京: (reported) 同伊朗关系是俄当前优先事项  [国际问题研究 · d2.a5.p17]"
    )
    verdict = Verification(
        "金砖国家不是封闭的俱乐部",
        "close",
        {"text": quote.text, "passage_id": "d1.p85"},
        "[封闭→开放]",
        [{"text": "金砖国家是塑造国际格局的重要力量。", "passage_id": "d0.p5"}],
    )
    text = format_result(verdict)
    assert text.splitlines()[0] == "verdict: close"
    assert "[d1.p85]" in text
    assert "differences: [封闭→开放]" in text
    assert "nearest: 金砖国家是塑造国际格局的重要力量。 [d0.p5]" in text


def test_anything_else_is_shown_as_text() -> None:
    assert format_result(42) == "42"
