"""The layout registry: each layout is one module with detect and parse, tried in order."""

from __future__ import annotations

from typing import get_args

from bot.lookup.ingest import layouts
from bot.lookup.ingest.layout import split_lines
from bot.lookup.ingest.model import Layout
from tests.lookup.ingest.rawtext import raw


def test_every_layout_is_registered_once_and_the_fallback_is_last() -> None:
    names = [kind.name for kind in layouts.LAYOUTS]
    assert sorted(names) == sorted(get_args(Layout))
    assert names[-1] == "web"
    assert layouts.LAYOUTS[-1].detect(split_lines("任何一行文字。"))


def test_the_seed_files_choose_their_layout() -> None:
    for prefix, name in (("000", "pdf"), ("002", "pdf"), ("003", "web"), ("004", "web")):
        assert layouts.choose(split_lines(raw(prefix))).name == name, prefix
