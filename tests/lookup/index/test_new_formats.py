"""A maintainer drops PDF and HTML files into corpus/raw: they are indexed like text files,
a scanned PDF is reported, and what a page says about itself fills the document row."""

from __future__ import annotations

import json
from pathlib import Path

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from tests.lookup.ingest.pdfmaker import make_pdf
from tests.lookup.ingest.test_formats import PAGE, PAGE_ONE, PAGE_TWO

PAGES = Path(__file__).resolve().parents[1] / "ingest" / "pages"


async def test_pdf_and_html_are_indexed_and_a_scan_is_skipped(
    tmp_path: Path, jieba_cache: Path
) -> None:
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    (raw / "report.pdf").write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    (raw / "page.html").write_text(PAGE, encoding="utf-8")
    (raw / "scan.pdf").write_bytes(make_pdf([PAGE_ONE], text_layer=False))
    conn = await db.connect(tmp_path / "z.sqlite3")
    try:
        report = await ingest(conn, tmp_path / "corpus", cache_dir=jieba_cache)
        assert sorted(report.added) == ["page.html", "report.pdf"]
        assert [name for name, _ in report.skipped] == ["scan.pdf"]
        assert "no text layer" in report.skipped[0][1]
        rows = await conn.execute_fetchall(
            "SELECT name, title, date, date_kind, outlet, authors, layout FROM documents"
            " ORDER BY name"
        )
        page, pdf = (tuple(r) for r in rows)
        assert page == (
            "page.html",
            "南南合作助力共同发展",
            "2023-12-27",
            "explicit",
            "经济日报",
            json.dumps(["王海"], ensure_ascii=False),
            "web",
        )
        assert pdf[:4] == ("report.pdf", "金砖合作与全球南方", None, "unknown")
        hits = list(
            await conn.execute_fetchall(
                "SELECT count(*) FROM passages p JOIN documents d ON d.id = p.doc_id"
                " WHERE d.name = 'report.pdf' AND p.text LIKE '%应急储备安排%'"
            )
        )
        assert hits[0][0] == 1
    finally:
        await conn.close()


async def test_a_journal_page_abstract_is_an_indexed_passage(
    tmp_path: Path, jieba_cache: Path
) -> None:
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    (raw / "journal.txt").write_bytes((PAGES / "journal_article.txt").read_bytes())
    conn = await db.connect(tmp_path / "z.sqlite3")
    try:
        await ingest(conn, tmp_path / "corpus", cache_dir=jieba_cache)
        rows = list(
            await conn.execute_fetchall(
                "SELECT p.pid, p.section, f.words FROM passages p"
                " JOIN passages_fts f ON f.rowid = p.id WHERE p.kind = 'abstract'"
            )
        )
        assert len(rows) == 1
        pid, section, words = rows[0]
        assert pid.endswith(".p1")  # the abstract is the document's first passage
        assert section == "摘要"
        assert "崛起" in words.split()
        ((title, authors),) = await conn.execute_fetchall("SELECT title, authors FROM documents")
        assert title == "全球南方崛起与金砖合作的新使命"
        assert authors == '["赵明远", "孙晓青"]'
    finally:
        await conn.close()
