"""The command line when things go wrong: every error is one short line, or one JSON object
with ``--json``; a reader that goes away ends it quietly; text that is not UTF-8 is replaced.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.cli.runs import CORPUS, JUNK, Done, Run, run_all

NOT_UTF8 = os.fsdecode(b"\xff")  # an argument byte that is not UTF-8, as Python passes it on
GBK_NAME = "009_gbk.txt"


def _gbk_corpus(base: Path) -> Path:
    """The corpus with one more file, in GBK."""
    corpus = base / "gbk-corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "raw" / GBK_NAME).write_bytes("金砖国家合作\n".encode("gbk"))
    return corpus


def _runs(gbk: Path) -> dict[str, Run]:
    return {
        # Errors, plain and as JSON.
        "no_passage": Run(("source", "d9.p999")),
        "no_passage_json": Run(("source", "d9.p999", "--json")),
        "corrupt_json": Run(("docs", "--json"), db="corrupt"),
        "corrupt_batch": Run(("quote", "-"), "习近平\n", db="corrupt"),
        "usage": Run(("search", "--limit", "x", "金砖")),
        "usage_json": Run(("search", "--json", "--limit", "x", "金砖")),
        "under_a_file": Run(("search", "金砖"), db="under_a_file"),
        "under_a_file_json": Run(("summary", "金砖", "--json"), db="under_a_file"),
        "read_only_file": Run(("ingest", "--force"), db="read_only_file"),
        "read_only_file_json": Run(("ingest", "--force", "--json"), db="read_only_file"),
        "read_only_file_current": Run(("search", "莱索托", "--limit", "1"), db="read_only_file"),
        "read_only_folder": Run(("search", "金砖"), db="read_only_folder"),
        "read_only_folder_json": Run(("timeline", "-", "--json"), "金砖\n", db="read_only_folder"),
        "gbk": Run(("search", "金砖"), corpus=gbk),
        "gbk_json": Run(("verify", "金砖", "--json"), corpus=gbk),
        # Nobody reads the output.
        "closed_search": Run(("search", "金砖"), stdout_closed=True),
        "closed_batch": Run(("search", "-", "--json"), "金砖\n" * 20, stdout_closed=True),
        "closed_ingest": Run(("ingest",), stdout_closed=True),
        "closed_console": Run(("console",), "/search 金砖\n", stdout_closed=True),
        "closed_error_json": Run(("source", "d9.p999", "--json"), stdout_closed=True),
        # Text that is not UTF-8.
        "invalid_stdin": Run(
            ("search", "-", "--limit", "1"),
            b"\xff\xfe\n\xed\xa0\x80\xe8\x8e\xb1\xe7\xb4\xa2\xe6\x89\x98\n",  # 莱索托 after
        ),
        "invalid_argument": Run(("search", f"莱索托{NOT_UTF8}", "--json", "--limit", "1")),
        "invalid_passage_id": Run(("source", f"d0.p1{NOT_UTF8}", "--json")),
    }


@pytest.fixture(scope="module")
def cli(indexed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Done]:
    base = tmp_path_factory.mktemp("cli-errors")
    return run_all(_runs(_gbk_corpus(base)), indexed_db, base)


def _plain_error(done: Done, code: int, *fragments: str) -> None:
    """One line on stderr, nothing on stdout."""
    assert done.code == code, done.err
    assert done.out == ""
    assert done.err.startswith("zhiku: ")
    assert len(done.err.splitlines()) == 1, done.err
    for fragment in fragments:
        assert fragment in done.err


def _json_error(done: Done, code: int, kind: str, *fragments: str) -> None:
    """One JSON object on stdout, nothing on stderr."""
    assert done.code == code, done.err
    assert done.err == ""
    error = done.json()["error"]
    assert set(error) == {"kind", "message"}
    assert error["kind"] == kind
    for fragment in fragments:
        assert fragment in error["message"]


def test_an_unknown_passage_id(cli: dict[str, Done]) -> None:
    _plain_error(cli["no_passage"], 1, "no passage 'd9.p999'", "d0.p12")
    _json_error(cli["no_passage_json"], 1, "not_found", "no passage 'd9.p999'")


def test_a_corrupt_database_as_json(cli: dict[str, Done]) -> None:
    _json_error(cli["corrupt_json"], 2, "database", "not a usable SQLite database")
    assert cli["corrupt_json"].db.read_bytes() == JUNK


def test_batch_mode_reports_errors_as_json_too(cli: dict[str, Done]) -> None:
    _json_error(cli["corrupt_batch"], 2, "database", "not a usable SQLite database")


def test_a_usage_mistake(cli: dict[str, Done]) -> None:
    done = cli["usage"]
    assert done.code == 2
    assert done.err.startswith("usage: python -m bot search ")
    assert done.err.endswith("error: argument --limit: invalid int value: 'x'\n")
    _json_error(cli["usage_json"], 2, "usage", "argument --limit: invalid int value: 'x'")


def test_a_database_folder_that_cannot_be_created(cli: dict[str, Done]) -> None:
    _plain_error(cli["under_a_file"], 2, "cannot create the folder", "a file is in the way")
    _json_error(cli["under_a_file_json"], 2, "database", "cannot create the folder")


def test_a_read_only_database_file(cli: dict[str, Done]) -> None:
    _plain_error(cli["read_only_file"], 2, "cannot write to", "must be writable")
    _json_error(cli["read_only_file_json"], 2, "database", "readonly database")
    # An index that is up to date needs no writing: it still answers.
    done = cli["read_only_file_current"]
    assert done.code == 0, done.err
    assert "莱索托" in done.out


def test_a_read_only_database_folder(cli: dict[str, Done]) -> None:
    _plain_error(cli["read_only_folder"], 2, "cannot write to", "must be writable")
    _json_error(cli["read_only_folder_json"], 2, "database", "readonly database")


def test_a_corpus_file_that_is_not_utf8_is_skipped_and_named(cli: dict[str, Done]) -> None:
    # The rest of the corpus answers; the warning names the file and why.
    for name in ("gbk", "gbk_json"):
        done = cli[name]
        assert done.code == 0, done.err
        assert "金砖" in done.out or "金磚" in done.out
        assert f"skipped {GBK_NAME}: not valid UTF-8" in done.err
        assert "Traceback" not in done.err
    assert cli["gbk_json"].lines()


@pytest.mark.parametrize(
    "name",
    ["closed_search", "closed_batch", "closed_ingest", "closed_console", "closed_error_json"],
)
def test_a_closed_stdout_ends_quietly(cli: dict[str, Done], name: str) -> None:
    done = cli[name]
    assert done.code == 141, done.err
    assert done.err == ""


def test_invalid_utf8_on_stdin_is_replaced(cli: dict[str, Done]) -> None:
    done = cli["invalid_stdin"]
    assert done.code == 0, done.err
    assert done.utf8
    first, second = done.lines()
    assert first == {"query": "\ufffd\ufffd", "corrected": None, "results": []}
    assert second["query"] == "\ufffd\ufffd\ufffd莱索托"
    assert "莱索托" in second["results"][0]["text"]


def test_an_argument_that_is_not_utf8_is_replaced(cli: dict[str, Done]) -> None:
    done = cli["invalid_argument"]
    assert done.code == 0, done.err
    assert done.utf8
    answer = done.json()
    assert answer["query"] == "莱索托\ufffd"
    assert "莱索托" in answer["results"][0]["text"]
    _json_error(cli["invalid_passage_id"], 1, "not_found", "no passage 'd0.p1\ufffd'")
