"""The five pages of ``tests/data/new_documents``: metadata read from the page, no furniture.

They carry the furniture of news, interview, briefing, think-tank and speech pages
(information bars, tool bars, end marks, editor lines, related-news lists, a site's name,
notes and author notes, a photo credit); none of it may become a passage or a section.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.lookup.index.passages import build_passages
from bot.lookup.ingest.model import ParsedDocument
from bot.lookup.ingest.pipeline import parse_document

NEW = Path(__file__).resolve().parents[2] / "data" / "new_documents"
FURNITURE = re.compile(
    r"发布时间|發佈時間|来源[:：]|來源[:：]|作者[:：]|责编|責編|责任编辑|責任編輯|【|】|字号|打印"
    r"|^[（(]完[)）]$|^注释[:：]?$|^[（(]?作者[系为為]|[摄攝]$|相关新闻|^点击|分享到|扫一扫|>"
    r"|^中华人民共和国外交部$"
)
EXPECTED = {
    "xinhua_brics_finance_ministers.txt": (
        "金砖国家财长和央行行长会议聚焦本币结算与基础设施融资",
        "2025-03-14",
        "林一帆、马克·范德韦尔",
        "新华网",
    ),
    "interview_brics_partner_countries.txt": (
        "金砖“伙伴国”机制意味着什么？——访外交学院国际关系研究所教授王立群",
        "2025-01-06",
        "张晓雯",
        "人民网－人民日报",
    ),
    "mfa_briefing_global_south.txt": (
        "2025年5月13日外交部发言人主持例行记者会",
        "2025-05-13",
        "",
        None,
    ),
    "thinktank_global_south_commentary.txt": (
        "“全球南方”的集体崛起与国际秩序的再平衡",
        "2024-11-08",
        "陈思远",
        None,
    ),
    "hk_forum_speech_traditional.txt": (
        "攜手全球南方\u3000共拓發展新空間",
        "2024-09-20",
        "梁家俊",
        "香港商報網",
    ),
}


def parse(name: str) -> ParsedDocument:
    return parse_document(name, (NEW / name).read_bytes())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_date_authors_outlet(name: str) -> None:
    doc = parse(name)
    assert (
        doc.title,
        doc.metadata.get("date"),
        doc.metadata.get("authors", ""),
        doc.metadata.get("outlet"),
    ) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_in_passages_or_sections(name: str) -> None:
    records = build_passages("dx", parse(name))
    assert records
    for record in records:
        assert not FURNITURE.search(record.text), record.text
        assert not FURNITURE.search(record.section or ""), record.section


def test_what_the_end_matter_said_is_kept_as_metadata() -> None:
    assert parse("xinhua_brics_finance_ministers.txt").metadata["editor"] == "周婉清"
    assert parse("interview_brics_partner_countries.txt").metadata["editor"] == "刘晨、杨光"
    think = parse("thinktank_global_south_commentary.txt")
    assert think.metadata["author_note"].startswith("（作者系南方发展研究院")
    assert len(think.footnotes) == 2
    assert parse("mfa_briefing_global_south.txt").metadata["site"] == "中华人民共和国外交部"
