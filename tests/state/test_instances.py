"""Two bot processes on one state store, as during a rolling deploy (SQLite and PostgreSQL).

Real processes (``python -m bot run`` in webhook mode), the fake Bot API over HTTP, and
2,000 mixed updates, a tenth of them posted to both instances at the same moment.
"""

from __future__ import annotations

from pathlib import Path

from devtools.bench.instances import card_history, drive, report, webhook_bots
from tests.conftest import CORPUS, StateTarget


async def test_two_instances_answer_each_update_once_and_keep_every_card_edit(
    state_target: StateTarget, indexed_db: Path, tmp_path: Path
) -> None:
    if state_target.url is not None:
        store = {"DATABASE_URL": state_target.url}
    else:
        store = {"DATABASE_PATH": str(state_target.path)}
    with webhook_bots(indexed_db, CORPUS, tmp_path, store, count=2) as (fake, ports, bots):
        driver, seconds = await drive(fake, ports, updates=2000)
        logs = [bot.output() for bot in bots]
    result = report(driver, fake, seconds, instances=2)
    db = await state_target.open()
    try:
        result.versions, result.edits_stored = await card_history(db)
    finally:
        await db.close()

    assert result.updates == 2000
    assert result.delivered_twice > 150  # the race really ran
    assert result.unanswered == 0, logs
    assert result.answered_twice == 0
    assert len(result.edits_sent) > 250
    assert result.lost_edits == 0
    assert result.doubled_edits == 0
    assert result.versions_contiguous
    assert result.edit_versions == len(result.edits_sent)
    assert [e for log in logs for e in _errors(log) if "NetworkError" not in e] == []


def _errors(log: str) -> list[str]:
    """Each logged error with the lines that follow it (its traceback)."""
    return ["ERROR" + block for block in log.split(" ERROR ")[1:]]
