"""Reading the corpus back: one passage in context, the document list and corpus figures."""

from __future__ import annotations

from bot.lookup.index.sources import looks_like_pid
from bot.lookup.library import Library

RAW = {
    "d0": "000_d4b0f48c579fd5d3.txt",
    "d1": "001_19b36100fef2d0c3.txt",
    "d2": "002_829ffcec4b120d0b.txt",
    "d3": "003_4f62d0ff6928acda.txt",
    "d4": "004_eab1bee5dfb038ec.txt",
}


async def test_a_passage_comes_with_neighbours_footnotes_and_document(library: Library) -> None:
    view = await library.passage("d1.p5")
    assert view is not None
    assert view.hit.passage_id == "d1.p5"
    assert view.kind == "body"
    assert view.hit.text.startswith("习近平外交思想，即新时代中国特色社会主义外交思想")
    assert view.hit.doc == RAW["d1"]
    assert view.hit.title == "习近平外交思想引领下的厦门金砖合作实践创新"
    assert view.hit.section is not None
    assert view.hit.section.startswith("一、习近平外交思想对金砖合作的影响 > ")
    assert (view.before_id, view.after_id) == ("d1.p4", "d1.p6")
    before, after = await library.passage("d1.p4"), await library.passage("d1.p6")
    assert before is not None
    assert after is not None
    assert (view.before, view.after) == (before.hit.text, after.hit.text)
    marker, note_id, note = view.footnotes[0]
    assert (marker, note_id) == ("①", "d1.n1")
    assert note.startswith("“十个坚持”，即坚持以维护党中央权威为统领")
    assert view.document.key == "d1"
    assert view.document.date == "2023-07"
    assert view.lines[0] <= view.lines[1]


async def test_a_footnote_reads_among_footnotes_and_points_to_its_passage(
    library: Library,
) -> None:
    view = await library.passage("d1.n1")
    assert view is not None
    assert view.kind == "footnote"
    assert view.before_id is None
    assert view.after_id == "d1.n2"
    assert view.footnotes == []


async def test_an_article_passage_names_its_article(library: Library) -> None:
    view = await library.passage("d2.a6.p41")
    assert view is not None
    assert view.hit.article == "欧盟太空安全战略新特点及走向"
    assert view.hit.title == view.hit.article
    assert "博雷利" in view.hit.text
    assert view.document.key == "d2"


async def test_ids_are_read_case_and_space_blind(library: Library) -> None:
    view = await library.passage("  D1.P5 ")
    assert view is not None
    assert view.hit.passage_id == "d1.p5"


async def test_unknown_or_malformed_ids_give_none(library: Library) -> None:
    for pid in (
        *("d1.p9999", "d9.p1", "d2.p1", "d0.a1.p1", "d1.n0", "d1.n9999"),  # well formed, unknown
        *("", "   ", "d1", "d1.p", "d1.x5", "p5", "d1.p5.", "金砖", "d１.p5"),
        *("d1.p5; DROP TABLE passages", "d1.p5%", "d1.p_", "d1.p5' OR '1'='1"),
    ):
        assert await library.passage(pid) is None, pid


def test_the_id_shape_check() -> None:
    assert all(looks_like_pid(p) for p in ("d0.p12", "d2.a6.p41", "d1.n7", " D3.P1 "))
    assert not any(looks_like_pid(p) for p in ("d0", "d0.p", "d2.a6", "x1.p1", "d0.p1.p2"))


async def test_documents_lists_five_documents_and_the_seven_articles_of_d2(
    library: Library,
) -> None:
    docs = await library.documents()
    assert [d.key for d in docs] == ["d0", "d1", "d2", "d3", "d4"]
    assert {d.key: d.name for d in docs} == RAW
    assert [d.key for d in docs if d.articles] == ["d2"]
    d2 = docs[2]
    assert [key for key, _ in d2.articles] == [f"d2.a{i}" for i in range(1, 8)]
    assert all(title for _, title in d2.articles)
    assert dict(d2.articles)["d2.a6"] == "欧盟太空安全战略新特点及走向"
    assert docs[3].script == "traditional"
    assert docs[3].authors == ["楊修", "陳海濤", "方慈", "蔣自然"]
    assert all(d.passages > 20 for d in docs)


async def test_about_counts_what_the_index_holds(library: Library) -> None:
    info = await library.about()
    docs = await library.documents()
    rows = await library.conn.execute_fetchall("SELECT kind, count(*) FROM passages GROUP BY kind")
    kinds = {kind: n for kind, n in rows}
    assert info.documents == len(docs) == 5
    assert info.articles == sum(len(d.articles) for d in docs) == 7
    assert info.passages == sum(d.passages for d in docs) == sum(kinds.values()) - kinds["footnote"]
    assert info.footnotes == kinds["footnote"] > 400
    assert info.date_range == ("2022-06", "2025-06")
    assert len(info.version) == 12
    assert info.last_ingest is not None
    assert info.to_dict()["documents"] == 5
