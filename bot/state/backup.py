"""Backups of the SQLite state: consistent copies of a live file, and restoring one.

``backup`` uses SQLite's online backup API in one step: a single read transaction over the
WAL file, so the copy is one committed state of the database, never a torn one, while
other connections go on reading and writing. ``restore`` checks the
backup's integrity first and then copies it over the state file the same way; the running
bot notices the replaced file at its next write (:meth:`SqliteState.check_file`), so stop it
first and start it after.

PostgreSQL deployments back up with the server's own tools (``pg_dump``; see docs/DEPLOY.md).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.state.db import StateCorrupt, StateError

# The whole file in one step: one read transaction, so the copy is the snapshot WAL gives that
# reader, and writers go on meanwhile. In several steps, a write between two of them restarts
# the copy, and a bot writing more often than a step's pause could keep it from ever ending.
PAGES_PER_STEP = -1


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    cards: int
    bytes: int


def backup(source: Path, target: Path) -> BackupReport:
    """Copy the live state file ``source`` to ``target`` (a new file), consistently.

    Raises:
        StateError: the source is missing or damaged, or the target exists or cannot be written.
    """
    if not source.exists():
        raise StateError(f"there is no state database at {source}")
    if target.exists():
        raise StateError(f"{target} exists already; choose a new file name for the backup")
    partial = target.with_name(target.name + ".partial")
    try:
        with _open(source, readonly=True) as src, _open(partial) as dst:
            src.backup(dst, pages=PAGES_PER_STEP)
        report = check(partial)
        partial.replace(target)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise StateError(f"the backup of {source} failed: {exc}") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StateError(f"cannot write the backup {target}: {exc.strerror}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(target, report.cards, target.stat().st_size)


def check(path: Path) -> BackupReport:
    """Check that ``path`` is a whole, readable state database.

    Raises:
        StateCorrupt: it fails ``PRAGMA integrity_check`` or holds no state tables.
    """
    try:
        with _open(path, readonly=True) as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            if problems:
                raise StateCorrupt(f"{path} fails its integrity check: {'; '.join(problems[:3])}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "cards" not in tables or "chat_settings" not in tables:
                raise StateCorrupt(f"{path} is an SQLite file but not a Zhiku state database")
            cards = int(conn.execute("SELECT count(*) FROM cards").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise StateCorrupt(f"{path} is not a usable SQLite database: {exc}") from exc
    return BackupReport(path, cards, path.stat().st_size)


def restore(backup_path: Path, target: Path) -> BackupReport:
    """Replace the state file ``target`` with the checked backup ``backup_path``.

    The file ``target`` had (if any) is kept beside it as ``NAME.before-restore``.

    Raises:
        StateCorrupt: the backup fails its check (nothing is changed).
        StateError: the target cannot be written.
    """
    if not backup_path.exists():
        raise StateError(f"there is no backup at {backup_path}")
    report = check(backup_path)
    staged = target.with_name(target.name + ".restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _open(backup_path, readonly=True) as src, _open(staged) as dst:
            src.backup(dst, pages=PAGES_PER_STEP)
        check(staged)
        if target.exists():
            with _open(target, readonly=True) as old, _open(_kept(target)) as keep:
                old.backup(keep)
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        staged.replace(target)
    except (sqlite3.DatabaseError, OSError) as exc:
        staged.unlink(missing_ok=True)
        raise StateError(f"cannot restore into {target}: {exc}") from exc
    return BackupReport(target, report.cards, target.stat().st_size)


def _kept(target: Path) -> Path:
    kept = target.with_name(target.name + ".before-restore")
    kept.unlink(missing_ok=True)
    return kept


def _open(path: Path, *, readonly: bool = False) -> closing[sqlite3.Connection]:
    """An sqlite3 connection closed (not just committed) at the end of a ``with`` block."""
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    return closing(sqlite3.connect(uri, uri=True))
