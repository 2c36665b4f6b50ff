"""Running ``python -m bot`` as users do: in a subprocess, many side by side.

Every command loads the segmenter, which takes a few seconds, so a test module describes its
command lines as :class:`Run` values and starts them together once; each test then reads the
output of its own.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
JUNK = random.Random(11).randbytes(4096)

Database = Literal["copy", "corrupt", "under_a_file", "read_only_file", "read_only_folder"]

# Root ignores file permissions. The command then starts through this launcher, which gives
# up that power (drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set) before
# it execs Python, so that a read-only file is read-only for it as for anyone else.
AS_A_USER = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2):
    if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
        sys.exit(f"cannot drop capability {capability}: {os.strerror(ctypes.get_errno())}")
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


@dataclass(frozen=True)
class Run:
    """One command line with its standard input and what it runs on."""

    args: tuple[str, ...]
    stdin: str | bytes = ""
    db: Database = "copy"
    corpus: Path = CORPUS
    stdout_closed: bool = False  # nobody reads the output (``| head`` after it has quit)


@dataclass(frozen=True)
class Done:
    code: int
    out: str
    err: str
    db: Path
    utf8: bool = True  # whether stdout was valid UTF-8 (``out`` has U+FFFD where it was not)

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines()]

    def json(self) -> Any:
        return json.loads(self.out)


def run_all(runs: Mapping[str, Run], indexed_db: Path, base: Path) -> dict[str, Done]:
    """Every run side by side in ``base``, each on its own database; their results by name."""
    jobs = [(name, run, _database(run.db, indexed_db, base / name)) for name, run in runs.items()]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = {name: pool.submit(_run, run, db, base) for name, run, db in jobs}
        return {name: future.result() for name, future in futures.items()}


def _database(kind: Database, indexed_db: Path, folder: Path) -> Path:
    folder.mkdir()
    db = folder / "zhiku.sqlite3"
    if kind == "corrupt":
        db.write_bytes(JUNK)
    elif kind == "under_a_file":
        (folder / "file").write_text("not a folder", encoding="utf-8")
        db = folder / "file" / "zhiku.sqlite3"
    else:
        shutil.copyfile(indexed_db, db)
    read_only = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
    if kind == "read_only_file":
        db.chmod(read_only)
    if kind == "read_only_folder":
        folder.chmod(read_only | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return db


def _run(run: Run, db: Path, cwd: Path) -> Done:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_PATH", "INDEX_PATH", "CORPUS_DIR", "DATABASE_URL")
    }
    env["PYTHONPATH"] = str(ROOT)
    env["LOG_LEVEL"] = "WARNING"
    args = ["-m", "bot", "--db", str(db), "--corpus", str(run.corpus), *run.args]
    if run.db.startswith("read_only") and os.geteuid() == 0:
        args = ["-c", AS_A_USER, *args]
    stdin = run.stdin.encode() if isinstance(run.stdin, str) else run.stdin
    stdout = subprocess.PIPE
    if run.stdout_closed:
        read_end, stdout = os.pipe()
        os.close(read_end)  # the child's first write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, *args],
            input=stdin,
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=cwd,  # away from the repository's .env
            env=env,
            timeout=180,
            check=False,
        )
    finally:
        if run.stdout_closed:
            os.close(stdout)
    raw = done.stdout or b""
    out = raw.decode("utf-8", errors="replace")
    utf8 = out.encode("utf-8") == raw
    return Done(done.returncode, out, done.stderr.decode("utf-8", errors="replace"), db, utf8)
