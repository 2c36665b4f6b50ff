"""How the command line ends: its errors, plain or as JSON, and a reader that went away.

An error is one short line on stderr (``zhiku: <message>``), or with ``--json`` (and in
batch mode, whose output is JSON) one object on stdout::

    {"error": {"kind": "database", "message": "..."}}

Never a traceback: an unexpected error says so, and ``LOG_LEVEL=DEBUG`` logs its traceback.
Exit codes: 1 for "not found" and unexpected errors, 2 for everything the user can fix (a
usage mistake, a damaged or read-only database, a corpus file that cannot be read), 141
when stdout was closed early, as for a program ended by SIGPIPE.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from bot.lookup.errors import ZhikuError

log = logging.getLogger("bot")

EXIT_NOT_FOUND = 1
EXIT_INTERNAL = 1
EXIT_ERROR = 2
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell reports for ``... | head -1``


class NotFound(ZhikuError):
    """What was asked for by id does not exist."""

    key = "error.not_found"


class UsageError(ZhikuError):
    """The command line itself is wrong (argparse's errors)."""

    key = "error.usage"

    def __init__(self, message: str, *, prog: str, usage: str) -> None:
        super().__init__(message)
        self.prog = prog
        self.usage = usage


def error_kind(exc: Exception) -> str:
    """The error's ``kind`` in JSON: database, ingest, config, query, usage, not_found, io,
    or internal."""
    if isinstance(exc, ZhikuError):
        return exc.key.removeprefix("error.")
    if isinstance(exc, OSError):
        return "io"
    return "internal"


def report_error(exc: Exception, *, as_json: bool) -> int:
    """Tell about ``exc`` and return the exit code."""
    kind = error_kind(exc)
    if kind == "internal":
        log.debug("unexpected error", exc_info=exc)
        message = f"unexpected error ({type(exc).__name__}: {exc}); LOG_LEVEL=DEBUG logs it"
    elif isinstance(exc, OSError) and exc.strerror:
        message = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    else:
        message = str(exc)
    try:
        if as_json:
            error = {"kind": kind, "message": message}
            print(json.dumps({"error": error}, ensure_ascii=False), flush=True)
        elif isinstance(exc, UsageError):
            print(f"{exc.usage}{exc.prog}: error: {message}", file=sys.stderr)
        else:
            print(f"zhiku: {message}", file=sys.stderr)
    except BrokenPipeError:
        return stdout_closed()
    return _exit_code(kind)


def _exit_code(kind: str) -> int:
    if kind == "not_found":
        return EXIT_NOT_FOUND
    return EXIT_INTERNAL if kind == "internal" else EXIT_ERROR


def stdout_closed() -> int:
    """The reader of stdout went away (``| head -1``): end quietly.

    Python flushes stdout once more at exit, which would fail again and print "Exception
    ignored"; pointing stdout at devnull first is the handling the Python docs recommend
    (signal module, "Note on SIGPIPE").
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE
