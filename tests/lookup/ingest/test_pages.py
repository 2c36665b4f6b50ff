"""Pages the seed corpus never showed, end to end: clean passages and metadata from text.

The pages in ``pages/`` imitate the layouts of Chinese news, speech and journal pages (an
information bar glued to a dateline, breadcrumbs, a spam line or English boilerplate above
the title, 【摘要】 and footnotes); they were written for these tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.lookup.index.passages import build_passages
from bot.lookup.ingest.model import ParsedDocument
from bot.lookup.ingest.pipeline import parse_document

PAGES = Path(__file__).parent / "pages"
# What no passage of a cleaned page may hold: furniture, labels and note markers.
FURNITURE = re.compile(
    r"发布时间|發佈時間|时间[:：]|時間[:：]|浏览|瀏覽|责编|责任编辑|責任編輯|来源[:：]|作者[:：]"
    r"|首[页頁]\s*>|进入专题|全文[:：]|摄[)）]|\[\d+\]|\[[①-⑳]\]|【|日期时间|Copyright|\|"
)


def parse(name: str) -> ParsedDocument:
    return parse_document(name, (PAGES / name).read_bytes())


EXPECTED = {
    "news_wire.txt": ("金砖国家经贸部长会议在开普敦举行", "2023-09-26", "", "新华网"),
    "speech_traditional.txt": ("攜手開創金磚合作新未來", "2023-08-31", "", None),
    "journal_article.txt": ("全球南方崛起与金砖合作的新使命", None, "赵明远、孙晓青", None),
    "english_top.txt": ("南南合作助力共同发展", "2023-12-27", "", None),
    "spam_top.txt": ("新开发银行批准新一批本币贷款项目", None, "王海、陈静", "经济日报"),
    "journal_traditional.txt": ("金磚合作機制與全球發展治理", "2024-03-18", "孫某某", "某某學刊"),
    "speech_simplified.txt": ("在金砖国家领导人第十五次会晤上的讲话", "2023-08-23", "习近平", None),
    "site_header.txt": ("金砖扩员与全球治理的新格局", "2024-05-06", "刘某某", None),
    "window_title.txt": ("南南合作的新机遇", None, "陈某某、蒋某某", None),
    "speech_wire.txt": ("携手同行 共创未来", "2023-08-23", "王某某", "某某网"),
    "gov_notice.txt": ("我省与东盟国家经贸合作对接会在南宁举行", "2024-07-02", "", "某某省商务厅"),
    "column_traditional.txt": ("全球南方的債務困境與出路", "2024-10-05", "林某某", "某某評論網"),
    "wire_photo_news.txt": ("新开发银行在非洲设立区域办事处", "2024-11-12", "周某某", "某某日报"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_date_authors_outlet(name: str) -> None:
    doc = parse(name)
    title, date, authors, outlet = EXPECTED[name]
    assert doc.title == title
    assert doc.metadata.get("date") == date
    assert doc.metadata.get("date_kind") == ("explicit" if date else None)
    assert doc.metadata.get("authors", "") == authors
    assert doc.metadata.get("outlet") == outlet


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_in_passages_and_every_character_accounted(name: str) -> None:
    doc = parse(name)
    records = build_passages("dx", doc)
    assert records
    for record in records:
        assert not FURNITURE.search(record.text), record.text
        assert not FURNITURE.search(record.section or ""), record.section
    assert doc.report["cjk_raw"] == doc.report["cjk_parsed"]


def test_glued_information_bar_leaves_the_dateline_sentence() -> None:
    first = build_passages("dx", parse("news_wire.txt"))[0]
    assert first.text.startswith("新华社开普敦9月25日电 金砖国家经贸部长第十三次会议")
    # Text that merely mentions a source stays.
    assert any("声明的来源文本" in r.text for r in build_passages("dx", parse("news_wire.txt")))
    assert any("信息来源方面" in r.text for r in build_passages("dx", parse("spam_top.txt")))


def test_speech_salutations_and_dateline_open_the_first_paragraph() -> None:
    doc = parse("speech_traditional.txt")
    records = build_passages("dx", doc)
    assert records[0].text.startswith("（2023年8月22日，約翰內斯堡）尊敬的拉馬福薩總統，女士們")
    assert all(len(r.text) > 20 for r in records)
    assert records[-1].text.endswith("惠及各國人民。謝謝大家!")
    assert doc.metadata["subtitle"] == "在金磚國家工商論壇閉幕式上的致辭"
    assert all(r.section is None for r in records)


def test_journal_abstract_stays_searchable_and_notes_are_footnotes() -> None:
    doc = parse("journal_article.txt")
    records = build_passages("dx", doc)
    abstract = records[0]
    assert (abstract.kind, abstract.section) == ("abstract", "摘要")
    assert abstract.text.startswith("全球南方的群体性崛起")
    assert doc.metadata["keywords"] == "全球南方；金砖合作；全球治理"
    assert doc.metadata["classification"] == "D815"
    sections = [r.section for r in records if r.kind == "body"]
    assert sections == ["一、问题的提出", "二、金砖合作的新使命"]
    notes = [r for r in records if r.kind == "footnote"]
    assert [n.text[:6] for n in notes] == ["《世界经济展", "《金砖国家联", "本文系国家社"]
    body = records[1]
    assert [(marker, target) for _, marker, target in body.refs] == [
        ("[1]", "dx.n1"),
        ("[2]", "dx.n2"),
    ]
    assert notes[0].anchor == body.pid


def test_traditional_journal_page() -> None:
    doc = parse("journal_traditional.txt")
    assert doc.metadata["journal"] == "某某學刊2024年第2期"
    assert doc.metadata["en_title"].startswith("BRICS Cooperation")
    assert doc.metadata["keywords"] == "金磚國家；全球南方；發展治理"
    records = build_passages("dx", doc)
    assert records[0].kind == "abstract"
    assert records[0].text.startswith("金磚合作機制的發展演進")
    body = [r for r in records if r.kind == "body"]
    assert [r.section for r in body] == ["一、引言", "二、協同的基礎"]
    assert body[1].text.endswith("帶來了戰略機遇。")
    assert [target for _, _, target in body[1].refs] == ["dx.n3"]
    assert sum(r.kind == "footnote" for r in records) == 3


def test_speech_page_dated_by_its_dateline() -> None:
    doc = parse("speech_simplified.txt")
    assert doc.metadata["date_label"] == "dateline"
    records = build_passages("dx", doc)
    assert records[0].text.startswith("（2023年8月23日，约翰内斯堡）尊敬的拉马福萨总统，各位同事：")
    assert all(r.section is None for r in records)
    assert records[-1].text.endswith("践行真正的多边主义。谢谢大家。")


def test_the_site_header_above_the_trail_is_no_title() -> None:
    doc = parse("site_header.txt")
    assert doc.layout == "web"  # blank lines between paragraphs do not make it a PDF
    assert doc.metadata["journal"] == "某某学刊 2024年5期"
    records = build_passages("dx", doc)
    assert [(r.kind, r.section) for r in records] == [("abstract", "摘要"), ("body", None)]
    reasons = {r.text.strip()[:4]: r.reason for r in doc.removed}
    assert reasons["在线影视"] == "above-title"
    assert reasons["某某理论"] == "above-title"


def test_wire_speech_page() -> None:
    doc = parse("speech_wire.txt")
    assert doc.metadata["dateline"] == "新华社约翰内斯堡8月23日电"
    assert doc.metadata["subtitle"] == "在金砖国家工商论坛上的致辞"
    records = build_passages("dx", doc)
    assert records[0].text.startswith(
        "（2023年8月22日，约翰内斯堡）各位嘉宾，女士们，先生们，下午好！很高兴"
    )
    # A note in parentheses is text, not the heading of what follows it.
    assert all(r.section is None for r in records)
    assert records[-1].text.endswith("产业链供应链稳定。谢谢!")


def test_an_author_note_is_no_title() -> None:
    text = (
        "www.example.cn 某某網 作者:王某某\n"
        "王某某 某某研究院發展中國家研究部主任、副研究員,研究領域:全球治理\n"
        "金磚國家峰會召開后,成員國建立更加緊密的伙伴關系的戰略目標進一步明晰,合作架構日趨完善。\n"
    )
    doc = parse_document("note.txt", text.encode())
    assert doc.title is None
    assert doc.metadata["authors"] == "王某某"
    assert doc.metadata["author_note"].startswith("王某某 某某研究院")
    assert [b.text[:4] for a in doc.articles for b in a.blocks] == ["金磚國家"]


def test_english_and_spam_lines_above_the_title_go() -> None:
    for name in ("english_top.txt", "spam_top.txt"):
        reasons = {r.reason for r in parse(name).removed}
        assert reasons & {"latin-boilerplate", "nav", "above-title", "punct"}, name


def test_english_text_below_the_title_stays() -> None:
    text = (
        "金砖合作的新阶段\n正文第一段，讨论全球南方的崛起与合作前景。\n"
        "The Global South is rising, and BRICS is its platform.\n"
    )
    doc = parse_document("mixed.txt", text.encode())
    assert any("Global South" in b.text for a in doc.articles for b in a.blocks)


def test_end_matter_goes_and_body_text_like_it_stays() -> None:
    """Tool bars, end marks, editor lines, link lists, credits and author notes go; text stays."""
    texts = {
        name: [r.text for r in build_passages("dx", parse(name))]
        for name in ("gov_notice.txt", "column_traditional.txt", "wire_photo_news.txt")
    }
    wire = texts["wire_photo_news.txt"]
    assert wire[-1].endswith("首批本币贷款将投向电力和供水设施。")  # （完） cut, sentence kept
    assert any(t.startswith("注释：这里所说的项目") for t in wire)  # 注释 in running text
    assert any("（完全取决于各方的准备程度）" in t for t in wire)
    assert not any("揭牌仪式现场" in t or "熊猫债" in t for t in wire)
    gov = texts["gov_notice.txt"]
    assert "会议强调，要抓好落实。" in gov  # a short body paragraph is text
    assert any("这些数据的来源是海关统计，作者单位" in t for t in gov)
    assert not any("扫一扫" in t or "稳外贸十条" in t or t == "某某省商务厅" for t in gov)
    column = parse("column_traditional.txt")
    assert column.metadata["author_note"] == "作者為某某大學政治學系教授"
    assert [n.text for n in column.footnotes] == ["數據出自某國際機構2024年發布的債務報告。"]
    assert any(t.startswith("作者認為，解決債務問題") for t in texts["column_traditional.txt"])
    assert not any("收聽" in t or "延伸" in t for t in texts["column_traditional.txt"])
