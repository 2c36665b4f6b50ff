"""A maintainer drops PDF and HTML files into corpus/raw: they are indexed like text files,
a scanned PDF is reported, and what a page says about itself fills the document row."""

from __future__ import annotations

import json
from pathlib import Path

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from tests.lookup.ingest.pdfmaker import make_pdf
from tests.lookup.ingest.test_formats import PAGE, PAGE_ONE, PAGE_TWO


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
