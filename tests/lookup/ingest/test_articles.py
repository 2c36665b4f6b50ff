"""Rule 15: the journal issue 002 splits into seven articles plus English abstracts."""

from __future__ import annotations

from bot.lookup.ingest.articles import split_articles
from bot.lookup.ingest.layout import split_lines
from tests.lookup.ingest.parsed import blocks, parsed

RANGES = [
    (1, 897),
    (898, 1882),
    (1883, 2819),
    (2820, 3815),
    (3816, 4565),
    (4566, 5782),
    (5783, 6812),
]
EN_AUTHORS = [
    ["ZHU Xu", "HAN Wenchao"],
    ["TANG Zhongchao"],
    ["XU Xiujun", "JIN Qixuan"],
    ["XU Ruojie"],
    ["HAN Lu"],
    ["LIU Ying"],
    ["ZHU Haiyan"],
]


def test_seven_articles_with_their_line_ranges() -> None:
    articles = parsed("002").articles
    assert [(a.line_start, a.line_end) for a in articles] == RANGES


def test_english_abstracts_mapped_by_order() -> None:
    articles = parsed("002").articles
    assert [a.en_authors for a in articles] == EN_AUTHORS
    assert all(a.en_title and a.en_abstract for a in articles)
    assert articles[0].en_title == (
        "Chinese Modernization and Its Contribution to World Modernization: "
        "Realistic Foundation, Policy Logic, and Contemporary Practices"
    )
    assert articles[4].en_title == (
        "Russia’s Global South Diplomacy: Perceptions, Practices, and Prospects"
    )
    # The page number and running head inside abstract 5 are not abstract text.
    assert "141" not in (articles[4].en_abstract or "")
    assert "Abstracts" not in (articles[4].en_abstract or "")


def test_chinese_titles_and_authors_where_present() -> None:
    articles = parsed("002").articles
    assert articles[0].title == "中国式现代化助力世界现代化：现实基础、行动逻辑与当代实践"
    assert articles[0].authors == ["朱旭", "韩文超"]
    assert articles[1].authors == ["汤中超"]
    assert articles[3].title == "国际政治“泛地缘政治化”及其影响"  # from the odd-page head
    assert articles[5].title == "欧盟太空安全战略新特点及走向"
    # Missing Chinese titles/authors fall back to the English abstract's.
    assert articles[2].title == articles[2].en_title
    assert articles[4].authors == ["HAN Lu"]


def test_abstract_is_not_a_body_block() -> None:
    articles = parsed("002").articles
    assert [bool(a.abstract) for a in articles] == [True, True, False, True, False, True, False]
    assert (articles[0].abstract or "").startswith("中国式现代化是世界现代化的重要组成与主要动力")
    assert (articles[0].abstract or "").endswith("在实践中积极参与并助力世界现代化进程。")
    assert not any("〔提" in b.text for b in blocks("002"))
    assert articles[0].blocks[0].text.startswith("2023年10月，习近平主席在第三届")


def test_editor_lines_end_articles_but_names_do_not() -> None:
    assert not any("【责任编辑" in b.text for b in blocks("002"))
    # 汤中超 authors article 2 and edits articles 5 and 6: still exactly seven articles.
    assert parsed("002").report["articles"] == 7


def test_footnotes_after_editor_line_stay_with_the_article() -> None:
    # 002 L1877–1882 follow 【责任编辑：肖子璇】 (L1875) and belong to article 2.
    article = parsed("002").articles[1]
    notes = [f for f in parsed("002").footnotes if 1877 <= f.line_start <= 1882]
    assert len(notes) == 2
    assert all(article.line_start <= f.line_start <= article.line_end for f in notes)


def test_single_article_files() -> None:
    for prefix in ("000", "001", "003", "004"):
        assert len(parsed(prefix).articles) == 1
    spans = split_articles(split_lines("标题\n\n正文第一段。\n\n正文第二段。"), 21)
    assert len(spans) == 1
