"""The summits the corpus numbers and places: ``corpus/summits.toml``, read once.

Texts date summits by number (第十四次会晤, 第12次金砖峰会) or by host city (厦门会晤,
喀山金砖峰会) as often as by year; the table turns either into a date. It is knowledge of
this corpus, so it is data in the corpus folder (``CORPUS_DIR``, else the repository's
``corpus/``), read when this module is first imported. A corpus without the file has no
summits: numbered and city-named summits are then left undated rather than guessed.
``tests/lookup/test_dates.py`` checks that the corpus's own year-and-number statements agree
with the table.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

FILE_NAME = "summits.toml"
_REPOSITORY_CORPUS = Path(__file__).resolve().parents[3] / "corpus"


class SummitTableError(ValueError):
    """``summits.toml`` is malformed; the message names what is wrong."""


def load_table(
    path: Path,
) -> tuple[str, dict[int, tuple[int, int | None, str]], dict[int, str]]:
    """``(body, summits, hosts)`` from ``path``: number -> (year, month or None, host), and
    year -> host city for summits the corpus does not number. A missing file is no summits.

    Raises:
        SummitTableError: the file is not valid TOML or an entry is malformed.
    """
    if not path.is_file():
        return "", {}, {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = [
            (int(e["number"]), int(e["year"]), int(e["month"]) if "month" in e else None,
             str(e["host"]))
            for e in data.get("summits", [])
        ]  # fmt: skip
        hosts = {int(year): str(place) for year, place in data.get("hosts", {}).items()}
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SummitTableError(f"{path}: {exc}") from exc
    summits: dict[int, tuple[int, int | None, str]] = {}
    for number, year, month, host in entries:
        if number in summits or (month is not None and not 1 <= month <= 12):
            raise SummitTableError(f"{path}: summit {number} is listed twice or has a bad month")
        summits[number] = (year, month, host)
    return str(data.get("body", "")), summits, hosts


def _table_path() -> Path:
    folder = os.environ.get("CORPUS_DIR")
    return (Path(folder) if folder else _REPOSITORY_CORPUS) / FILE_NAME


# Whose summits these are (the alias table's canonical name of the body that holds them),
# number -> (year, month or None, host city), and year -> host city.
BODY, SUMMITS, HOSTS_UNNUMBERED = load_table(_table_path())
HOSTS: dict[int, str] = HOSTS_UNNUMBERED | {year: place for year, _, place in SUMMITS.values()}

BY_YEAR = {year: number for number, (year, _, _) in SUMMITS.items()}
_BY_PLACE = {(place, year): number for number, (year, _, place) in SUMMITS.items()}
# A host city followed closely by 会晤/峰会: 厦门会晤, 金砖厦门会晤, 喀山举行的金砖峰会.
_PLACE = re.compile(
    "(" + ("|".join(sorted(set(HOSTS.values()), key=len, reverse=True)) or "(?!)") + ")"
    r"[^,;:。]{0,8}?(?:会晤|峰会)"
)
_DIGITS = "零一二三四五六七八九"


def summits_named(folded: str, start: int, end: int, year: int) -> list[int]:
    """Numbers of the summits named by host city in ``folded[start:end]`` for ``year``."""
    found = []
    for match in _PLACE.finditer(folded, start, end):
        number = _BY_PLACE.get((match.group(1), year))
        if number is not None and number not in found:
            found.append(number)
    return found


def hosts_summit(folded: str, start: int, end: int, year: int) -> bool:
    """True if ``folded[start:end]`` names the summit of ``year`` by its host city."""
    return any(HOSTS.get(year) == m.group(1) for m in _PLACE.finditer(folded, start, end))


def summit_name(number: int) -> str:
    """``第十四次会晤`` for 14."""
    tens, ones = divmod(number, 10)
    words = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    words += _DIGITS[ones] if ones else ""
    return f"第{words}次会晤"
