"""The user-side search figures: relevance by what a result shows, answers read in the reply."""

from __future__ import annotations

import subprocess
import sys

from bot.lookup.library import Library
from bot.lookup.results import Hit, SearchResult
from bot.render.replies import View
from devtools.bench.answers import Case, evaluate_set, holds, rendered_text, shown_text
from devtools.bench.quality import strip

LESOTHO = "新开发银行给莱索托提供了多少贷款"


def _hit(text: str, pid: str = "d0.p1", section: str | None = None) -> Hit:
    return Hit(pid, "000.txt", "金砖合作报告", None, section, text, 1.0)


def test_shown_text_holds_the_passage_and_its_citation_headings() -> None:
    shown = shown_text(_hit("正文一句。", section="第一章 > 创新金砖"))
    assert strip("创新金砖") in shown
    assert strip("金砖合作报告") in shown
    assert strip("正文一句") in shown


def test_a_byline_in_pinyin_is_found_where_the_citation_writes_the_name() -> None:
    # A question's gold may name the author as the PDF's English byline does; the citation
    # shows the Chinese name.
    hit = Hit(
        "d2.a2.p1", "002.txt", "中国—中亚命运共同体", None, None, "正文。", 1.0, authors=["汤中超"]
    )
    assert holds(shown_text(hit), strip("TANG Zhongchao"))
    assert holds(shown_text(hit), strip("Zhongchao"))
    # Only whole syllables, and only spans long enough to be a name, are read in pinyin.
    assert not holds(strip("上航中"), strip("anghang"))
    assert not holds(strip("汤中超"), strip("Tang"))
    assert not holds(shown_text(hit), strip("WANG Zhongchao"))
    # Chinese spans are matched as written, never through pinyin.
    assert not holds(strip("汤中超"), strip("唐中超"))


def test_a_fact_past_the_group_snippet_is_seen_in_private_only() -> None:
    filler = "金砖国家合作不断深化，" * 20
    result = SearchResult("问题", None, [_hit(filler + "贷款总额为三十二亿兰特。")])
    assert strip("三十二亿兰特") not in rendered_text(result, View("zh-Hans", group=True))
    assert strip("金砖国家合作") in rendered_text(result, View("zh-Hans", group=True))


def test_a_result_beyond_the_page_is_not_seen() -> None:
    hits = [_hit(f"第{i}段。", pid=f"d0.p{i}") for i in range(6)]
    hits.append(_hit("答案在这里。", pid="d0.p9"))
    result = SearchResult("问题", None, hits)
    assert strip("答案在这里") not in rendered_text(result, View("zh-Hans", group=False))


async def test_the_set_figures_on_the_real_corpus(library: Library) -> None:
    cases = [
        Case("a", LESOTHO, "question", ("提供32亿兰特贷款",), "32亿兰特"),
        Case("b", "火星殖民地的人口有多少", "unanswerable", (), ""),
        Case("c", "金砖", "keywords", ("根本不存在的证据片段",), ""),
    ]
    figures = await evaluate_set(library, cases)
    overall = figures["overall"]
    assert overall["n"] == 2
    assert overall["recall@5"] == 0.5
    assert overall["answers"] == 2
    assert overall["visible_private"] == 0.5  # the made-up span is shown nowhere
    assert figures["unanswerable"]["n"] == 1
    assert [m["id"] for m in figures["misses"]] == ["c"]


def test_the_benches_load_pypinyin_only_when_a_span_is_read_in_pinyin() -> None:
    # Its phrase dictionaries weigh some 55 MB: the bot-path bench, which imports this
    # module, would report them as the bot's peak memory.
    probe = "import sys, devtools.bench.botrun; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
