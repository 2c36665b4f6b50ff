"""Adding documents to the seed corpus leaves the seed corpus's own answers where they were.

The pages of ``tests/data/new_documents`` (news, think-tank, speech, interview and briefing
pages on the same topics, written for the project) are ingested into a copy of the seed
index, and every question of the development set is asked of both. New pages may rightly
answer a question too, and then stand among the results; what must not happen is that the
seed passage answering a question drops out of the five best seed passages, which would mean
the added text disturbed how the seed corpus itself is ranked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.library import Library
from devtools.bench.quality import Query, first_relevant, load_queries, passage_texts

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"
SEED_KEYS = ("d0.", "d1.", "d2.", "d3.", "d4.")


async def _seed_ranks(library: Library, queries: list[Query]) -> dict[str, int | None]:
    """Per question, the rank of its evidence among the seed passages of the results."""
    texts = await passage_texts(library)
    ranks = {}
    for q in queries:
        pids = [h.passage_id for h in (await library.search(q.query, 30)).hits]
        seed = [pid for pid in pids if pid.startswith(SEED_KEYS)]
        ranks[q.id] = first_relevant(seed[:5], q.evidence, texts)
    return ranks


async def test_new_documents_leave_every_seed_answer_in_the_seed_top_five(
    library: Library, db_copy: Path, tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("embeddings.npz"))
    pages = sorted((DATA / "new_documents").glob("*.txt"))
    for page in pages:
        shutil.copy(page, corpus / "raw" / page.name)
    conn = await db.connect(db_copy)
    try:
        assert len((await ingest(conn, corpus, cache_dir=jieba_cache)).added) == len(pages)
    finally:
        await conn.close()
    queries = load_queries(DATA / "queries.jsonl")
    before = await _seed_ranks(library, queries)
    grown = await Library.open(db_copy, corpus, update_index=False, cache_dir=jieba_cache)
    try:
        assert (await grown.about()).documents == 5 + len(pages)
        outlets = {d.name: d.outlet for d in await grown.documents()}
        # The briefing names no outlet: the site's name above its breadcrumbs stands for it.
        assert outlets["mfa_briefing_global_south.txt"] == "中华人民共和国外交部"
        assert outlets["xinhua_brics_finance_ministers.txt"] == "新华网"  # stated, kept
        assert outlets["thinktank_global_south_commentary.txt"] == ""  # neither: none made up
        after = await _seed_ranks(grown, queries)
    finally:
        await grown.close()
    lost = [q.id for q in queries if before[q.id] is not None and after[q.id] is None]
    assert lost == []
    assert sum(r is not None for r in after.values()) >= sum(r is not None for r in before.values())
