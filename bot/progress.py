"""A progress bar on the terminal for long work: embedding the corpus at its first ingest.

It is drawn on stderr only when stderr is a terminal; a pipe, a log file or a host's log
viewer gets nothing, so their output stays free of carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30


class TerminalProgress:
    """Redraws ``label [#####.....] done/total, about N s left`` on one terminal line."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self._started: float | None = None  # the first call: work before it is no part of it
        self._shown = -1
        self._length = 0  # of the last line drawn: a shorter one must cover it

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        now = time.monotonic()
        if self._started is None:
            self._started = now
        # Redraw once per hundredth, not for every small step of a large corpus.
        step = 100 * done // total
        if step == self._shown and done < total:
            return
        self._shown = step
        filled = _WIDTH * done // total
        elapsed = now - self._started
        bar = "#" * filled + "." * (_WIDTH - filled)
        if done >= total:
            tail = f" in {elapsed:.0f} s"
        elif done and elapsed:
            tail = f", about {elapsed / done * (total - done):.0f} s left"
        else:
            tail = ""
        line = f"{self.label} [{bar}] {done}/{total}{tail}"
        self.stream.write("\r" + line.ljust(self._length) + ("\n" if done >= total else ""))
        self.stream.flush()
        self._length = len(line)


def terminal_progress(label: str, stream: TextIO | None = None) -> TerminalProgress | None:
    """A progress bar on ``stream`` (stderr by default), or None when it is no terminal."""
    target = sys.stderr if stream is None else stream
    try:
        tty = target.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        tty = False
    return TerminalProgress(label, target) if tty else None
