"""Candidate selection under a work budget: token counts, estimates, and the restricted MATCH.

bm25 scores every row a MATCH expression finds, so on a large index a query of common words
would be slow. Search estimates the rows from the per-token passage counts the index keeps
and, over the budget, lets only the rarest concepts select candidates.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.library import Library
from bot.lookup.search.ranking_config import RankingConfig
from bot.lookup.search.searcher import Searcher, candidate_phrases, match_expression, phrase_rows
from bot.lookup.text.segment import fts_tokens
from tests.conftest import CORPUS
from tests.lookup.search.test_search import ODD_INPUT, SAMPLE, _sample

# Queries of several concepts, one of them much rarer than the others.
MIXED = (
    "邓浩 中亚 政治关系 俄罗斯研究 2025",
    "Russia Global South diplomacy",
    "日本 外交蓝皮书 全球南方 首次",
)


def test_fts_tokens_split_text_as_the_fts5_tokenizer_does(indexed_db: Path) -> None:
    # The FTS columns of real passages, tokenized by SQLite itself (unicode61, no stemming).
    with sqlite3.connect(indexed_db) as conn:
        rows = conn.execute(
            "SELECT words, grams, title, section FROM passages_fts ORDER BY rowid LIMIT 400"
        ).fetchall()
    memory = sqlite3.connect(":memory:")
    memory.execute(
        "CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    memory.executemany("INSERT INTO t (body) VALUES (?)", [(" ".join(r),) for r in rows])
    memory.execute("CREATE VIRTUAL TABLE v USING fts5vocab (t, row)")
    sqlite_tokens = {term for (term,) in memory.execute("SELECT term FROM v")}
    ours = {token for r in rows for token in fts_tokens(" ".join(r))}
    assert any(token.isascii() for token in ours)
    assert any(len(t) == 2 for t in ours)
    assert ours == sqlite_tokens


def test_fts_tokens_drop_punctuation_operators_and_underscores() -> None:
    assert fts_tokens('"金砖+" OR china-central_asia, BRICS 2025年') == [
        *("金砖", "or", "china", "central", "asia", "brics", "2025年"),
    ]
    assert fts_tokens("。，！？ * ()") == []


def test_token_counts_equal_the_passages_fts5_finds(indexed_db: Path) -> None:
    with sqlite3.connect(indexed_db) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab (main, passages_fts, row)")
        fts = dict(conn.execute("SELECT term, doc FROM temp.v"))
        counts = dict(conn.execute("SELECT token, df FROM token_df"))
    # Porter stems Latin words in the index; Chinese tokens and numbers are left as they are.
    chinese = {t for t in fts if not t.isascii()}
    assert len(chinese) > 10_000
    assert {t: counts.get(t) for t in chinese} == {t: fts[t] for t in chinese}
    assert counts["金砖"] > counts["喀山"] > 0


def test_a_phrase_can_match_no_more_passages_than_its_rarest_token() -> None:
    counts = {"厦门": 40, "门金": 3, "金砖": 80, "global": 9}
    assert phrase_rows('"厦门 门金 金砖"', counts) == 3
    assert phrase_rows('"金砖"', counts) == 80
    assert phrase_rows('"global south"', counts) == 0  # a token the index never holds
    assert phrase_rows('"。"', counts) == 0


async def test_the_estimate_bounds_what_each_phrase_matches(library: Library) -> None:
    known = library.vocab.df.__contains__
    checked = 0
    for query in (*MIXED, "厦门会晤 喀山", "金砖国家新工业革命伙伴关系创新基地"):
        groups = candidate_phrases(library.searcher.parser.parse(query).concepts, known)
        estimate = await library.searcher.row_estimator(groups)
        for phrase in (p for phrases in groups for p in phrases):
            (row,) = await library.conn.execute_fetchall(
                "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (phrase,)
            )
            matched = int(row[0])
            # Latin words are stemmed by the index, so their counts are only approximate.
            if not phrase.isascii():
                # Exact for a Chinese word, an upper bound for a phrase of bigrams.
                assert estimate(phrase) >= matched, phrase
                if " " not in phrase:
                    assert estimate(phrase) == matched, phrase
                checked += 1
    assert checked >= 30


async def test_an_index_from_before_token_counts_gets_them_on_the_next_ingest(
    db_copy: Path, jieba_cache: Path
) -> None:
    conn = await db.connect(db_copy)
    try:
        expected = await conn.execute_fetchall("SELECT token, df FROM token_df ORDER BY token")
        await conn.execute("DELETE FROM token_df")
        await conn.commit()
        report = await ingest(conn, CORPUS, cache_dir=jieba_cache)
        assert not report.changed
        after = list(await conn.execute_fetchall("SELECT token, df FROM token_df ORDER BY token"))
    finally:
        await conn.close()
    assert after == expected
    assert len(after) > 10_000


async def test_an_index_smaller_than_the_budget_is_never_restricted(library: Library) -> None:
    parser, vocab = library.searcher.parser, library.vocab
    for query in MIXED:
        groups = candidate_phrases(parser.parse(query).concepts, vocab.df.__contains__)
        plain = match_expression(groups)
        estimate = await library.searcher.row_estimator(groups)
        budgeted = match_expression(groups, estimate, vocab.passages, budget=10_000)
        assert budgeted == plain
        assert " AND " not in plain


async def test_over_the_budget_the_rarest_concept_selects_and_all_still_score(
    library: Library,
) -> None:
    parser, vocab, conn = library.searcher.parser, library.vocab, library.conn

    async def count(expression: str) -> int:
        (row,) = await conn.execute_fetchall(
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (expression,)
        )
        return int(row[0])

    concepts = parser.parse("邓浩 中亚 政治关系 俄罗斯研究 2025").concepts
    groups = candidate_phrases(concepts, vocab.df.__contains__)
    plain = match_expression(groups)
    estimate = await library.searcher.row_estimator(groups)
    budgeted = match_expression(groups, estimate, vocab.passages, 100)
    rare, every = budgeted[1:-1].split(") AND (")
    assert every == plain
    assert rare == '"邓浩"'  # one author's name, far rarer than 中亚, 关系 or 研究
    assert 0 < await count(budgeted) == await count(rare) < await count(plain) / 5
    # Every candidate still names the author, and the best of them is his article.
    result = await library.search("邓浩 中亚 政治关系 俄罗斯研究 2025", 3)
    restricted = await Searcher(conn, parser, RankingConfig(match_budget=100)).search(
        "邓浩 中亚 政治关系 俄罗斯研究 2025", 3
    )
    assert restricted.hits[0].passage_id == result.hits[0].passage_id


async def test_a_small_budget_keeps_the_answers_and_never_raises(library: Library) -> None:
    from devtools.bench.quality import first_relevant, passage_texts

    # 300 rows is well under the corpus' 1,346 passages, so common words stop selecting.
    searcher = Searcher(library.conn, library.searcher.parser, RankingConfig(match_budget=300))
    vocab = library.vocab
    texts = await passage_texts(library)
    restricted = 0
    misses = []
    for q in _sample():
        concepts = searcher.parser.parse(str(q["query"])).concepts
        groups = candidate_phrases(concepts, vocab.df.__contains__)
        estimate = await searcher.row_estimator(groups)
        expression = match_expression(groups, estimate, vocab.passages, budget=300)
        restricted += " AND " in expression
        pids = [h.passage_id for h in (await searcher.search(str(q["query"]), 5)).hits]
        full = [h.passage_id for h in (await library.search(str(q["query"]), 5)).hits]
        evidence = list(q["evidence"])  # type: ignore[call-overload]
        # The budget may lose nothing that the unrestricted search finds.
        if first_relevant(full, evidence, texts) and not first_relevant(pids, evidence, texts):
            misses.append(q["id"])
    assert len(SAMPLE) == 19
    assert restricted >= 4
    assert misses == []
    for text in ODD_INPUT:
        assert len((await searcher.search(text, 5)).hits) <= 5
