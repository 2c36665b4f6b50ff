"""Questions asking where a statement comes from, or who wrote a text."""

from __future__ import annotations

import re

from bot.lookup.library import Library
from bot.lookup.search.cited import asks_author, asks_origin, cited_note, wants_sources


def test_a_question_asking_where_a_statement_comes_from_is_told_apart() -> None:
    for query in (
        "这个数据出自哪篇报道？",
        "这句话引自哪份报告",
        "這個說法的出處是哪裡",
        "参考了哪篇论文",
        "这个数据是从哪来的",
        "Which source is this figure quoted from?",
    ):
        assert asks_origin(query), query
        assert wants_sources(query), query
    # Where the thing itself comes from is a question about it, not about a citation.
    assert not asks_origin("中国式现代化的动力从哪里来")
    # A cited work asked for by name lifts footnotes, without placing them by a claim.
    assert wants_sources("金砖国家合作发展报告是哪个出版社出的")
    assert not asks_origin("金砖国家合作发展报告是哪个出版社出的")
    assert not wants_sources("新开发银行给莱索托提供了多少贷款")


def test_a_question_asking_who_wrote_a_text_is_told_apart() -> None:
    for query in ("这篇文章的作者是谁", "是谁写的", "這篇報告是誰寫的", "Who wrote this article?"):
        assert asks_author(query), query
    assert not asks_author("金砖国家是谁提出的概念")


def test_the_note_cited_for_the_part_holding_the_question_is_chosen() -> None:
    text = "甲国出口增长了一倍。乙国进口汽车占总量的九成。丙国"
    refs = [(10, "d9.n1"), (24, "d9.n2"), (27, None)]
    concepts = [(2.0, re.compile("进口")), (1.0, re.compile("汽车")), (1.0, None)]
    assert cited_note(text, refs, concepts) == "d9.n2"
    # Nothing of the question in any stretch: the first note cited.
    assert cited_note(text, refs, [(1.0, re.compile("石油"))]) == "d9.n1"
    assert cited_note(text, [(3, None)], concepts) is None


async def test_a_source_question_gets_the_footnote_above_the_passage_citing_it(
    library: Library,
) -> None:
    hits = (await library.search("乌兹别克斯坦从中国进口的汽车占99.53%，出自哪里", 5)).hits
    note, claim = hits[0], hits[1]
    assert ".n" in note.passage_id
    assert "乌兹别克斯坦电动汽车主要供应国" in note.text
    assert "99.53%" in claim.text
    anchor = list(
        await library.conn.execute_fetchall(
            "SELECT anchor FROM passages WHERE pid = ?", (note.passage_id,)
        )
    )
    assert anchor[0][0] == claim.passage_id
    # Asked about the figure itself, the text answers and no footnote stands above it.
    plain = (await library.search("乌兹别克斯坦从中国进口的汽车占多少", 5)).hits
    assert ".n" not in plain[0].passage_id


async def test_a_question_for_the_author_opens_the_article_with_its_byline(
    library: Library,
) -> None:
    parsed = library.searcher.parser.parse("讲欧盟太空安全战略新特点的那篇文章是谁写的")
    assert [c.term for c in parsed.concepts] == ["欧盟太空安全战略", "特点"]
    top = (await library.search("讲欧盟太空安全战略新特点的那篇文章是谁写的", 3)).hits[0]
    assert top.passage_id.startswith("d2.a6.")
    assert top.authors == ["LIU Ying"]
