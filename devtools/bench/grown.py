"""The seed corpus's answers once new documents are added: the dev search set before and after.

The pages of ``tests/data/new_documents`` are ingested into a copy of the index, and the
development questions are asked of both. New pages on the same topics may rightly answer a
question (and then take a place among the results), so the figures are given twice: over all
results, as users see them, and over the seed corpus's passages only, which shows whether
the added text disturbed how the seed corpus itself is ranked. The sealed questions about the
pages themselves (``tests/data/sealed/new_documents.jsonl``) are asked of the grown copy.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.library import Library
from devtools.bench.quality import Query, Ranker, evaluate, passage_texts, zhiku_ranker

DEPTH = 30  # results read to find the ten best seed passages


def _seed_only(library: Library, keys: tuple[str, ...]) -> Ranker:
    async def rank(query: str) -> list[str]:
        hits = (await library.searcher.search(query, DEPTH)).hits
        return [h.passage_id for h in hits if h.passage_id.startswith(keys)][:10]

    return rank


async def grown_figures(
    library: Library,
    corpus: Path,
    pages: list[Path],
    queries: list[Query],
    about_pages: list[Query] | None = None,
) -> dict[str, Any]:
    """Dev search on ``library`` and on a copy with ``pages`` added (same encoder), and the
    questions ``about_pages`` (written blind from the pages) asked of that copy."""
    keys = tuple(f"{d.key}." for d in await library.documents())
    before = await evaluate(queries, zhiku_ranker(library), await passage_texts(library))
    with tempfile.TemporaryDirectory() as tmp:
        grown = Path(tmp) / "corpus"
        shutil.copytree(corpus, grown)
        for page in pages:
            shutil.copy(page, grown / "raw" / page.name)
        path = Path(tmp) / "grown.sqlite3"
        shutil.copyfile(library.db_path, path)
        conn = await db.connect(path)
        try:
            report = await ingest(conn, grown)
        finally:
            await conn.close()
        bigger = await Library.open(path, grown, update_index=False, encoder=library.encoder)
        try:
            await bigger.embedding_done()
            texts = await passage_texts(bigger)
            after = await evaluate(queries, zhiku_ranker(bigger), texts)
            seed = await evaluate(queries, _seed_only(bigger, keys), texts)
            asked = await evaluate(about_pages or [], zhiku_ranker(bigger), texts)
        finally:
            await bigger.close()
    figures: dict[str, Any] = {
        "pages": len(report.added),
        "seed": before["overall"],
        "grown": after["overall"],
        "grown_seed_passages": seed["overall"],
    }
    if about_pages:
        figures["about_pages"] = {"overall": asked["overall"], "kinds": asked["kinds"]}
    return figures
