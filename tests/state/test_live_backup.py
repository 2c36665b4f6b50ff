"""Backups taken while the bot handles 200 updates a second stay whole and consistent."""

from __future__ import annotations

from pathlib import Path
from shutil import copyfile

import pytest

from devtools.bench.livebackup import backup_under_load
from tests.conftest import CORPUS


async def test_backups_under_200_updates_a_second_are_consistent_and_restore_equal(
    indexed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    index = tmp_path / "index.sqlite3"
    copyfile(indexed_db, index)

    report = await backup_under_load(index, CORPUS, tmp_path, rate=200, seconds=10.0, backups=5)

    assert len(report.backups) == 5
    for taken in report.backups:
        assert taken.check_ok  # integrity_check ok
        assert taken.held.contiguous  # no card with a missing or torn version
        # One committed state of the live store: what it held between the two readings.
        assert taken.before <= taken.held.versions <= taken.after
    # Later backups never hold less, and the load ran throughout: the last holds more than
    # the first. (Two in a row may hold the same when a loaded machine starves the load.)
    held = [t.held.versions for t in report.backups]
    assert held == sorted(held)
    assert held[-1] > held[0]
    assert report.final_live is not None
    assert report.final_live.versions > 600  # a third of 2,000 updates were edits
    assert report.final_backup == report.final_live
    assert report.restored == report.final_live
