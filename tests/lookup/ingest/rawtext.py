"""Read the seed corpus files by prefix and 1-based line number, as CORPUS_NOTES cites them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

RAW = Path(__file__).resolve().parents[3] / "corpus" / "raw"


@cache
def raw(prefix: str) -> str:
    """The whole text of the raw file whose name starts with ``prefix`` ("000" ... "004")."""
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def line(prefix: str, number: int) -> str:
    """One physical line (1-based, like ``sed -n Np``) of a raw file, without its newline."""
    return raw(prefix).split("\n")[number - 1]


def lines(prefix: str, first: int, last: int) -> list[str]:
    """Physical lines ``first..last`` inclusive (1-based)."""
    return raw(prefix).split("\n")[first - 1 : last]
