"""The web-page pass on short invented pages: author notes, link lists, the site's header."""

from __future__ import annotations

from bot.lookup.ingest.page import clean_page

BODY = "各方同意加强合作，推动务实成果早日落地，让合作更好惠及各国人民。"


def test_author_notes_become_metadata_in_both_scripts() -> None:
    page = clean_page(["新题目", BODY, "（作者系某某研究院副研究员）", "（作者為某某協會會長）"])
    assert page.kept[2:] == [None, None]
    assert page.reasons[2] == "author-note"
    assert page.metadata["author_note"] == "（作者系某某研究院副研究员）；（作者為某某協會會長）"


def test_sentences_about_an_author_stay() -> None:
    lines = [
        "新题目",
        BODY,
        "作者为此走访了十多个国家，记录了大量一手材料。",
        "（作者系统梳理了二十年来的合作历程。）",
        "作者认为，合作已经进入新阶段。",
    ]
    page = clean_page(lines)
    assert page.kept[2:] == lines[2:]
    assert "author_note" not in page.metadata


def test_items_under_a_related_news_head_go() -> None:
    page = clean_page(
        [
            "新题目",
            BODY,
            "相关新闻：",
            "- 某某银行发行首笔本币债券 2025-02-27",
            "· 某某机制完成年度测试",
        ]
    )
    assert page.kept[2:] == [None, None, None]
    assert page.reasons[3] == "link-list"


def test_a_heading_or_a_sentence_ends_the_related_list() -> None:
    lines = [
        "新题目",
        BODY,
        "延伸阅读",
        "某某机制完成年度测试",
        "二、合作的新方向",
        BODY,
        "这是一段正文，不是链接。",
    ]
    page = clean_page(lines)
    assert page.kept[3] is None
    assert page.kept[4:] == lines[4:]


def test_the_site_name_above_the_trail_is_no_passage_and_no_title() -> None:
    page = clean_page(["某某部", "首页 > 新闻 > 正文", "某某部举行例行记者会", BODY])
    assert page.kept[0] is None
    assert page.metadata["site"] == "某某部"
    assert page.title == 2


def test_without_a_trail_the_first_line_is_the_title() -> None:
    page = clean_page(["某某部举行例行记者会", BODY, "短段落也是正文。"])
    assert page.title == 0
    assert "site" not in page.metadata
    assert page.kept[2] == "短段落也是正文。"
