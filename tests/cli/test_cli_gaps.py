"""``python -m bot gaps``: the report as JSON for maintainers, and the 👎 export."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.app.state import Store
from bot.cli.main import main
from bot.feedback.store import AnswerRef, FeedbackStore
from bot.state.sqlite import SqliteState
from tests.conftest import CORPUS

SAME = ("金砖扩员什么时候", "金磚擴員是何時", "金砖扩圆什么时候")


async def _feedback(path: Path) -> None:
    state = await SqliteState.open(path)
    try:
        store = FeedbackStore(state)
        for n, query in enumerate(SAME):
            saved = await Store(state).save_query("search", query, -100, 3, ("d0.p5",))
            answer = AnswerRef(saved.id, "search", query, -100, saved.pids)
            await store.vote(answer, 500 + n, -1)
        await store.record_empty("search", "qzxwvkjh", -100, 500)
    finally:
        await state.close()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "state.sqlite3"
    asyncio.run(_feedback(path))
    return path


def _run(db_copy: Path, state: Path, *args: str) -> list[str]:
    return ["--db", str(db_copy), "--corpus", str(CORPUS), "--state", str(state), *args]


def test_gaps_json_groups_and_finds_the_best_passage(
    db_copy: Path, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_run(db_copy, state, "gaps", "--json")) == 0
    gaps = json.loads(capsys.readouterr().out)["gaps"]
    assert [(g["count"], sorted(g["wordings"])) for g in gaps] == [
        (3, sorted(SAME)),
        (1, ["qzxwvkjh"]),
    ]
    assert gaps[0]["reasons"] == {"disliked": 3}
    assert gaps[0]["best"]["pid"].startswith("d")
    assert gaps[1]["best"] is None


def test_the_dislikes_export_as_dev_lines_never_into_the_sealed_sets(
    db_copy: Path, state: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "candidates.jsonl"
    assert main(_run(db_copy, state, "gaps", "--export", str(out))) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["query"] for line in lines} == set(SAME)
    assert all(line["evidence"] == [] and line["kind"] == "feedback" for line in lines)
    sealed = tmp_path / "tests" / "data" / "sealed" / "queries.jsonl"
    sealed.parent.mkdir(parents=True)
    assert main(_run(db_copy, state, "gaps", "--export", str(sealed), "--json")) == 2
    assert not sealed.exists()
    assert "sealed" in json.loads(capsys.readouterr().out.splitlines()[-1])["error"]["message"]


def test_no_state_store_is_not_created(db_copy: Path, tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(_run(db_copy, missing, "gaps")) == 1
    assert not missing.exists()
