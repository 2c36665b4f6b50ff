"""The terminal progress bar: drawn only on a terminal, one line redrawn in place."""

from __future__ import annotations

import io
from itertools import pairwise

from bot.progress import terminal_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_on_a_pipe_or_a_file() -> None:
    assert terminal_progress("embedding", io.StringIO()) is None


def test_a_closed_stream_draws_nothing() -> None:
    closed = io.StringIO()
    closed.close()
    assert terminal_progress("embedding", closed) is None


def test_the_bar_fills_on_one_line_and_ends_it() -> None:
    screen = Terminal()
    bar = terminal_progress("embedding passages", screen)
    assert bar is not None
    for done in range(5):
        bar(done, 4)
    frames = screen.getvalue().split("\r")[1:]
    assert frames[0] == "embedding passages [..............................] 0/4"
    assert all(len(a) <= len(b) for a, b in pairwise(frames))  # each covers the one before
    assert frames[1].startswith("embedding passages [#######.......................] 1/4")
    assert frames[-1].startswith("embedding passages [##############################] 4/4 in ")
    assert frames[-1].rstrip(" \n").endswith(" s")  # spaces cover the longer line before it
    assert frames[-1].endswith("\n")
    assert all("\n" not in frame for frame in frames[:-1])


def test_small_steps_are_not_redrawn() -> None:
    screen = Terminal()
    bar = terminal_progress("embedding", screen)
    assert bar is not None
    for done in range(1, 10_001):
        bar(done, 10_000)
    assert screen.getvalue().count("\r") == 101  # the first step, then one per hundredth
