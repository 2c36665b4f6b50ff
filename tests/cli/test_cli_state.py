"""The state file on the command line: ``--state`` is honoured, and a state that cannot be
written (read-only file or folder, the index's own file) stops the start with one clear line,
never a traceback, and the file is left as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runs import AS_A_USER, CORPUS, ROOT

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
OPEN_FOLDER = READ_ONLY | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH


def _start(
    index: Path, state: Path, cwd: Path, *extra: str, as_user: bool = False
) -> tuple[int, str]:
    """``python -m bot --index INDEX --state STATE run …`` without a token (the console),
    asked one search and then to quit; returns the exit code and stderr."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("DATABASE_PATH", "INDEX_PATH", "CORPUS_DIR", "DATABASE_URL", "TELEGRAM_BOT_TOKEN")
    }
    env.update(PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    args = ["-m", "bot", "--index", str(index), "--state", str(state), "--corpus", str(CORPUS)]
    args += ["run", *extra]
    if as_user and os.geteuid() == 0:
        args = ["-c", AS_A_USER, *args]
    done = subprocess.run(
        [sys.executable, *args],
        input="/search 新开发银行\n:q\n".encode(),
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stderr.decode("utf-8", errors="replace")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def index(indexed_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index" / "index.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(indexed_db, copy)
    return copy


@pytest.fixture
def state(index: Path, tmp_path: Path) -> Path:
    """A state file made by a first start, in a folder of its own."""
    path = tmp_path / "state" / "cards.sqlite3"
    path.parent.mkdir()
    code, err = _start(index, path, tmp_path, "--allow-new-state")
    assert code == 0, err
    return path


def test_the_state_flag_names_the_file_the_bot_keeps(index: Path, state: Path) -> None:
    assert state.exists()
    assert not index.with_name(index.stem + ".state.sqlite3").exists()
    assert not (index.parent.parent / "data").exists()


def test_a_read_only_state_file_stops_the_start_with_one_clear_line(
    index: Path, state: Path, tmp_path: Path
) -> None:
    before = _digest(state)
    state.chmod(READ_ONLY)
    try:
        code, err = _start(index, state, tmp_path, as_user=True)
    finally:
        state.chmod(READ_ONLY | stat.S_IWUSR)
    assert code != 0
    assert "Traceback" not in err
    assert f"cannot write to {state}" in err
    assert _digest(state) == before


def test_a_read_only_state_folder_stops_the_start_with_one_clear_line(
    index: Path, state: Path, tmp_path: Path
) -> None:
    before = _digest(state)
    state.parent.chmod(OPEN_FOLDER)
    try:
        code, err = _start(index, state, tmp_path, as_user=True)
    finally:
        state.parent.chmod(OPEN_FOLDER | stat.S_IWUSR)
    assert code != 0
    assert "Traceback" not in err
    assert "cannot write to" in err
    assert str(state.parent) in err
    assert _digest(state) == before


def test_the_index_as_the_state_is_refused(index: Path, tmp_path: Path) -> None:
    before = _digest(index)
    code, err = _start(index, index, tmp_path, "--allow-new-state")
    assert code != 0
    assert "Traceback" not in err
    assert "the index and the state name the same file" in err
    assert _digest(index) == before
