"""The state's numbered migrations: ``migrations/state/<dialect>/NNNN_name.sql``.

Both backends have the same numbers and names (a test holds them to it); each file is the
dialect's spelling of the same change. A migration carries no ``BEGIN``/``COMMIT``: the
backend runs it in one transaction together with its row in ``schema_migrations``, so a
half-applied migration never sticks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bot.state.db import Dialect, StateError

STATE_MIGRATIONS = Path(str(resources.files("migrations"))) / "state"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

SCHEMA_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def discover(dialect: Dialect, root: Path = STATE_MIGRATIONS) -> list[Migration]:
    """The dialect's migrations in order.

    Raises:
        StateError: two files share a number, or a number is skipped.
    """
    found = []
    for path in sorted((root / dialect).glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StateError(
            f"state migrations must be numbered 0001, 0002, … without gaps: {versions}"
        )
    return found


def pending(migrations: list[Migration], applied: set[int], where: str) -> list[Migration]:
    """The migrations still to apply.

    Raises:
        StateError: the store has a migration this code does not know (it is newer).
    """
    known = {m.version for m in migrations}
    unknown = sorted(applied - known)
    if unknown:
        raise StateError(
            f"the state in {where} has schema version {unknown[-1]}, newer than this code "
            f"({max(known, default=0)}); run the newer release, or restore a backup"
        )
    return [m for m in migrations if m.version not in applied]
