"""The summits the corpus numbers and places: ``corpus/summits.toml``, read with the corpus.

Texts date summits by number (第十四次会晤, 第12次金砖峰会) or by host city (厦门会晤,
喀山金砖峰会) as often as by year; the table turns either into a date. It is knowledge of
this corpus, so it is data in the corpus folder, read with the corpus (the library holds a
:class:`SummitTable` and passes it where dates and queries are read). A corpus without the
file has no summits: numbered and city-named summits are then left undated rather than
guessed.
``tests/lookup/test_dates.py`` checks that the corpus's own year-and-number statements agree
with the table.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

FILE_NAME = "summits.toml"


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


class SummitTable:
    """The summits of one corpus folder: whose they are, number -> (year, month or None,
    host city), and year -> host city (numbered or not)."""

    def __init__(
        self,
        body: str = "",
        numbered: dict[int, tuple[int, int | None, str]] | None = None,
        unnumbered_hosts: dict[int, str] | None = None,
    ) -> None:
        self.body = body
        self.numbered: dict[int, tuple[int, int | None, str]] = dict(numbered or {})
        self.hosts: dict[int, str] = dict(unnumbered_hosts or {}) | {
            year: place for year, _, place in self.numbered.values()
        }
        self.by_year = {year: number for number, (year, _, _) in self.numbered.items()}
        self._by_place = {(place, year): n for n, (year, _, place) in self.numbered.items()}
        # A host city followed closely by 会晤/峰会: 厦门会晤, 金砖厦门会晤, 喀山举行的金砖峰会.
        self._place = re.compile(
            "("
            + ("|".join(sorted(set(self.hosts.values()), key=len, reverse=True)) or "(?!)")
            + ")"
            r"[^,;:。]{0,8}?(?:会晤|峰会)"
        )

    @classmethod
    def load(cls, corpus_dir: Path | None) -> SummitTable:
        """The table of ``corpus_dir`` (none without a folder or without the file).

        Raises:
            SummitTableError: the file is not valid TOML or an entry is malformed.
        """
        if corpus_dir is None:
            return cls()
        return cls(*load_table(corpus_dir / FILE_NAME))

    def summits_named(self, folded: str, start: int, end: int, year: int) -> list[int]:
        """Numbers of the summits named by host city in ``folded[start:end]`` for ``year``."""
        found = []
        for match in self._place.finditer(folded, start, end):
            number = self._by_place.get((match.group(1), year))
            if number is not None and number not in found:
                found.append(number)
        return found

    def hosts_summit(self, folded: str, start: int, end: int, year: int) -> bool:
        """True if ``folded[start:end]`` names the summit of ``year`` by its host city."""
        host = self.hosts.get(year)
        return any(host == m.group(1) for m in self._place.finditer(folded, start, end))


# No summits: numbered and city-named summits are left undated rather than guessed.
NO_SUMMITS = SummitTable()
_DIGITS = "零一二三四五六七八九"


def summit_name(number: int) -> str:
    """``第十四次会晤`` for 14."""
    tens, ones = divmod(number, 10)
    words = ("" if tens <= 1 else _DIGITS[tens]) + ("十" if tens else "")
    words += _DIGITS[ones] if ones else ""
    return f"第{words}次会晤"
