"""The five seed files parsed once per test session (parsing is pure, so caching is safe)."""

from __future__ import annotations

from functools import cache

from bot.lookup.ingest.layout import Line, split_lines
from bot.lookup.ingest.model import Block, ParsedDocument
from bot.lookup.ingest.pipeline import parse_document
from tests.lookup.ingest.rawtext import RAW, lines

PREFIXES = ("000", "001", "002", "003", "004")


@cache
def parsed(prefix: str) -> ParsedDocument:
    """The parse of the seed file whose name starts with ``prefix``."""
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return parse_document(path.name, path.read_bytes())


def blocks(prefix: str) -> list[Block]:
    """All blocks of a parsed seed file, in reading order."""
    return [block for article in parsed(prefix).articles for block in article.blocks]


def block_at(prefix: str, line: int) -> Block:
    """The block whose raw line range covers ``line``."""
    return next(b for b in blocks(prefix) if b.line_start <= line <= b.line_end)


def snippet(prefix: str, first: int, last: int) -> list[Line]:
    """Raw lines ``first..last`` as :class:`Line` records, renumbered from 1."""
    return split_lines("\n".join(lines(prefix, first, last)))
