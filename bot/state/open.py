"""Opening the state store the settings name, and refusing to start empty by accident.

A store has an identity (a random id made when it was created). The index remembers the
identity of the state it last ran with, so a bot that finds no state where it had one (a
deleted file, a wrong ``DATABASE_PATH``, a volume that is not mounted, an emptied
PostgreSQL database) refuses to start rather than quietly starting over with no cards.
``--allow-new-state`` says "yes, start fresh".
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from bot.state.db import StateDB, StateError, StateMissing
from bot.state.postgres import PostgresState
from bot.state.sqlite import SqliteState

log = logging.getLogger(__name__)

RESTORE_HINT = (
    "restore a backup with `python -m bot restore BACKUP`, or start with an empty state "
    "with `python -m bot run --allow-new-state`"
)


@dataclass(frozen=True, slots=True)
class StateConfig:
    """Where the state lives: PostgreSQL when ``url`` is set, else the SQLite file ``path``."""

    path: Path
    url: str | None = None
    default_path: bool = False  # the path is the built-in default (its folder may be made)


async def open_state(
    config: StateConfig, *, known: str | None, allow_new: bool = False
) -> tuple[StateDB, str]:
    """Open the state store; return it with its identity.

    Args:
        config: Which store.
        known: The identity of the state this bot last ran with (kept in the index), or
            None if it never ran.
        allow_new: Start with a new, empty store even though one was expected.

    Raises:
        StateMissing: there is no state where the bot had one, or its folder is missing.
        StateCorrupt: the store fails its integrity check.
        StateError: it cannot be opened, reached or written.
    """
    if config.url:
        state: StateDB = await PostgresState.open(config.url)
    else:
        _check_folder(config, known=known, allow_new=allow_new)
        state = await SqliteState.open(config.path)
    try:
        identity = await _identity(state, known=known, allow_new=allow_new)
    except BaseException:
        await state.close()
        raise
    return state, identity


def _check_folder(config: StateConfig, *, known: str | None, allow_new: bool) -> None:
    path = config.path
    if path.exists():
        return
    folder = path.parent
    if not folder.is_dir():
        if not (config.default_path or allow_new):
            raise StateMissing(
                f"the folder {folder} of the state database does not exist: is the volume "
                f"mounted, and is DATABASE_PATH right? To create it, start with "
                f"`python -m bot run --allow-new-state`"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create the folder {folder}: {exc.strerror}") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StateError(f"cannot create {path}: the folder {folder} is not writable")
    if known and not allow_new:
        raise StateMissing(
            f"the bot has run with a state database before, but {path} does not exist "
            f"(deleted, a wrong DATABASE_PATH, or a volume that is not mounted); {RESTORE_HINT}"
        )


async def _identity(state: StateDB, *, known: str | None, allow_new: bool) -> str:
    row = await state.fetchone("SELECT value FROM state_meta WHERE key = 'identity'")
    if row is not None:
        return str(row[0])
    empty = await state.fetchone("SELECT count(*) FROM cards")
    if known and not allow_new and empty is not None and int(empty[0]) == 0:
        raise StateMissing(
            f"the bot has run with a state store before, but {state.describe()} is empty; "
            f"{RESTORE_HINT}"
        )
    identity = secrets.token_hex(8)
    await state.execute(
        "INSERT INTO state_meta (key, value) VALUES ('identity', ?) ON CONFLICT (key) DO NOTHING",
        (identity,),
    )
    row = await state.fetchone("SELECT value FROM state_meta WHERE key = 'identity'")
    found = str(row[0]) if row is not None else identity
    log.info("state store %s has identity %s", state.describe(), found)
    return found
