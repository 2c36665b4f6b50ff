"""What a feature needs from an open index: the connection, the searcher, the alias and
summit tables.

Summary, timeline and quote features take an :class:`IndexHandle` rather than the
:class:`~bot.lookup.library.Library`, so the library can import the features without the
features importing it back. ``Library`` satisfies the protocol as it is.
"""

from __future__ import annotations

from typing import Protocol

import aiosqlite

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.corpus.summits import SummitTable
from bot.lookup.search.searcher import Searcher


class IndexHandle(Protocol):
    """An open index. ``searcher`` is replaced when the index is reloaded, so a value
    derived from the index is valid while ``searcher`` is the same object."""

    @property
    def conn(self) -> aiosqlite.Connection: ...

    @property
    def searcher(self) -> Searcher: ...

    @property
    def aliases(self) -> AliasTable: ...

    @property
    def summits(self) -> SummitTable: ...
