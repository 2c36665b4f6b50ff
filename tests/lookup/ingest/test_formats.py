"""PDF and HTML files go through the same pipeline as text files.

The PDFs are written by ``pdfmaker`` (a text layer, no embedded font); the HTML page is
written for this test in the shape of a news page (site header, navigation, breadcrumb,
information bar, article, footer).
"""

from __future__ import annotations

import pytest

from bot.lookup.errors import IngestError
from bot.lookup.index.passages import build_passages
from bot.lookup.ingest.formats import extract, html_text, pdf_text
from bot.lookup.ingest.pipeline import parse_document
from tests.lookup.ingest.pdfmaker import make_pdf

# A report typeset at 20 characters a line; page 2 opens with its number and running head.
PAGE_ONE = [
    "金砖合作与全球南方",
    "一、合作的成就",
    "金砖国家合作机制成立以来，成员国在经贸、",
    "金融、科技和人文等领域的合作不断深化，已",
    "成为新兴市场国家和发展中国家团结合作的重",
    "要平台。",
    "扩员后的金砖合作覆盖面更广、代表性更强，",
    "为全球南方国家提供了更多发展机遇和合作空",
]
PAGE_TWO = [
    "2",
    "金砖合作与全球南方",
    "间。各方表示，将继续推动新开发银行扩大本",
    "币融资，完善应急储备安排。",
]


def test_pdf_text_is_shaped_like_a_pdf_extraction() -> None:
    text = pdf_text(make_pdf([PAGE_ONE, PAGE_TWO]), "r.pdf")
    lines = text.split("\n")
    assert lines[0] == " 金砖合作与全球南方"
    assert lines[1] == ""
    assert " 2" in lines[2:]  # the second page starts with one space


def test_pdf_parses_into_unwrapped_paragraphs() -> None:
    doc = parse_document("r.pdf", make_pdf([PAGE_ONE, PAGE_TWO]))
    assert doc.layout == "pdf"
    assert doc.title == "金砖合作与全球南方"
    records = build_passages("dx", doc)
    assert {r.section for r in records} == {"一、合作的成就"}
    assert [r.text for r in records] == [
        "金砖国家合作机制成立以来，成员国在经贸、金融、科技和人文等领域的合作不断深化，"
        "已成为新兴市场国家和发展中国家团结合作的重要平台。",
        "扩员后的金砖合作覆盖面更广、代表性更强，为全球南方国家提供了更多发展机遇和合作空间。"
        "各方表示，将继续推动新开发银行扩大本币融资，完善应急储备安排。",
    ]
    assert doc.report["cjk_raw"] == doc.report["cjk_parsed"]


def test_a_scanned_pdf_gets_a_clear_message() -> None:
    with pytest.raises(IngestError, match="no text layer"):
        extract("scan.pdf", make_pdf([PAGE_ONE], text_layer=False))


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(IngestError, match="not a readable PDF"):
        extract("bad.pdf", b"%PDF-1.4\nthis is not a PDF body")


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>南南合作助力共同发展_某某网</title>
<script>var tracker = "首页";</script><style>p { color: red }</style></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/n">新闻</a> <a href="/p">评论</a>
<a href="/t">图片</a> <a href="/v">视频</a></div>
<nav><ul><li>国际</li><li>国内</li></ul></nav>
<div class="crumb">首页 &gt; 国际 &gt; 正文</div>
<article>
<h1>南南合作助力共同发展</h1>
<div class="info">发布时间：2023-12-27 09:15 | 来源：经济日报 | 作者：王海</div>
<p>2023年，南南合作在农业、<b>卫生</b>、教育等领域取得一系列新成果。</p>
<!-- 广告位 -->
<p>多位专家指出，南南合作强调平等互利，尊重各国自主选择的发展道路。</p>
<p>这是在某地拍摄的项目现场。新华社发（某某 摄）</p>
</article>
<aside>相关新闻：南南合作论坛举行</aside>
<footer>版权所有 © 某某网</footer>
</body></html>
"""


def test_html_text_starts_at_the_headline_and_drops_scripts_and_regions() -> None:
    text = html_text(PAGE.encode("utf-8"))
    assert text.split("\n")[0] == "南南合作助力共同发展"
    for gone in ("tracker", "color", "广告位", "版权所有", "相关新闻", "国内"):
        assert gone not in text


def test_html_parses_through_the_web_rules() -> None:
    doc = parse_document("page.html", PAGE.encode("utf-8"))
    assert doc.layout == "web"
    assert doc.title == "南南合作助力共同发展"
    assert doc.metadata["date"] == "2023-12-27"
    assert doc.metadata["outlet"] == "经济日报"
    assert doc.metadata["authors"] == "王海"
    texts = [r.text for r in build_passages("dx", doc)]
    assert texts == [
        "2023年，南南合作在农业、卫生、教育等领域取得一系列新成果。",
        "多位专家指出，南南合作强调平等互利，尊重各国自主选择的发展道路。",
    ]


def test_html_in_another_encoding_is_read_by_its_declared_charset() -> None:
    page = (
        '<html><head><meta charset="gbk"></head>'
        "<body><h1>金砖合作</h1><p>正文一段。</p></body></html>"
    )
    assert html_text(page.encode("gbk")) == "金砖合作\n正文一段。\n"


def test_html_head_fills_what_the_text_does_not_say() -> None:
    page = (
        '<html><head><title>标签页标题</title><meta property="og:title" content="南南合作新成果">'
        '<meta property="article:published_time" content="2023-12-27T09:15:00+08:00">'
        '<meta name="author" content="王海, 陈静"><meta property="og:site_name" content="某某网">'
        "</head><body><p>2023年，南南合作在农业、卫生、教育等领域取得一系列新成果，"
        "中国通过南南合作援助基金支持了数百个发展项目。</p></body></html>"
    )
    doc = parse_document("p.html", page.encode("utf-8"))
    assert doc.title == "南南合作新成果"
    assert (doc.metadata["date"], doc.metadata["date_kind"]) == ("2023-12-27", "explicit")
    assert doc.metadata["authors"] == "王海、陈静"
    assert doc.metadata["outlet"] == "某某网"


def test_the_text_wins_over_the_head() -> None:
    page = PAGE.replace("</title>", '</title><meta name="author" content="别人">')
    doc = parse_document("page.html", page.encode("utf-8"))
    assert doc.title == "南南合作助力共同发展"
    assert doc.metadata["authors"] == "王海"


def test_markup_saved_as_text_is_read_as_a_page() -> None:
    text = (
        '<p class="block">金砖合作的新阶段</p><p class="block">扩员后的金砖合作覆盖面更广，'
        "代表性更强，为全球南方国家提供了更多发展机遇。</p><p>各方表示将继续深化合作。</p>"
        "<p>新开发银行将扩大本币融资。</p><p>会议通过了联合声明。</p>"
    )
    assert extract("saved.txt", text.encode()) == (
        "金砖合作的新阶段\n扩员后的金砖合作覆盖面更广，代表性更强，为全球南方国家提供了更多发展机遇。\n"
        "各方表示将继续深化合作。\n新开发银行将扩大本币融资。\n会议通过了联合声明。\n"
    )
    # A stray tag left at a line end (a damaged extraction) is no page.
    damaged = "“心合意同，谋无不成。”/p>\n正文。</p>\n"
    assert extract("old.txt", damaged.encode()) == damaged
