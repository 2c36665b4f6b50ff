"""The bench's count of replies that mix scripts: what it counts and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

from bot.lookup.library import Library
from devtools.bench.features import sealed_figures
from devtools.bench.scripts import mixed_script_replies, mixes

WRITTEN = set("合作夥伴伙伴關係")  # as the corpus's traditional documents write them


def test_a_simplified_reply_with_a_traditional_character_mixes() -> None:
    assert mixes("金砖国家合作 · 金磚", "simplified", WRITTEN)
    assert not mixes("金砖国家合作不断深化。", "simplified", WRITTEN)


def test_a_traditional_reply_with_simplified_text_left_in_mixes() -> None:
    assert mixes("⚠️ 來源不一致：其他来源记为 2010年", "traditional", WRITTEN)
    assert not mixes("⚠️ 來源不一致：其他來源記爲 2010年", "traditional", WRITTEN)


def test_correct_traditional_that_opencc_would_convert_again_is_left_alone() -> None:
    # Converting it once more turns the 干 of 干擾 into 幹 and the 准 of 批准 into 準.
    assert not mixes("限制其與美國企業合作，干擾中國企業；銀行批准項目", "traditional", WRITTEN)
    # The corpus's own spelling of 伙伴 stays (OpenCC would write 夥伴).
    assert not mixes("建立全面戰略伙伴關係", "traditional", WRITTEN)


def test_a_japanese_title_is_in_neither_script() -> None:
    cited = "「第213回國會における岸田內閣総理大臣施政方針演説」，2024年1月"
    assert not mixes(cited, "traditional", WRITTEN)
    assert not mixes(cited.replace("國會", "国会"), "simplified", WRITTEN)
    assert mixes("「国会における演説」，金砖国家", "traditional", WRITTEN)  # the rest counts


async def test_every_dev_reply_is_in_one_script(library: Library, tmp_path: Path) -> None:
    (tmp_path / "timelines.jsonl").write_text(
        '{"query": "金砖扩员"}\n{"query": "中国—中亚合作"}\n', encoding="utf-8"
    )
    (tmp_path / "queries.jsonl").write_text('{"query": "金磚國家擴員"}\n', encoding="utf-8")
    found = await mixed_script_replies(library, tmp_path)
    assert found == {
        "replies_each": 3,
        "mixing_scripts_simplified": 0,
        "mixing_scripts_traditional": 0,
    }


async def test_a_folder_of_sets_is_measured_for_the_sets_it_holds(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "summaries.jsonl").write_text(
        '{"id": "f1", "kind": "topic", "query": "新开发银行", "must": ["新开发银行"]}\n',
        encoding="utf-8",
    )
    figures = await sealed_figures(library, tmp_path)
    assert set(figures) == {"replies", "summary"}
    assert figures["summary"]["fact_coverage"] > 0
