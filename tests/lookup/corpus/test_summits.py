"""The summit table is corpus data (corpus/summits.toml), read and checked by one loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.lookup.corpus import summits
from bot.lookup.corpus.summits import SummitTableError, load_table
from tests.conftest import CORPUS


def test_the_module_reads_the_corpus_table() -> None:
    body, table, hosts = load_table(CORPUS / "summits.toml")
    assert (body, table, hosts) == (summits.BODY, summits.SUMMITS, summits.HOSTS_UNNUMBERED)
    assert table[15] == (2023, 8, "约翰内斯堡")
    assert table[1] == (2009, None, "俄罗斯")  # the corpus gives no month
    assert summits.HOSTS[2013] == "德班"  # a summit the corpus does not number
    assert summits.BY_YEAR[2024] == 16


def test_a_corpus_without_the_file_has_no_summits(tmp_path: Path) -> None:
    assert load_table(tmp_path / "summits.toml") == ("", {}, {})


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("summits = [ { number = 3, year = 2011 } ]", "host"),
        (
            'summits = [ { number = 3, year = 2011, host = "三亚" },'
            ' { number = 3, year = 2012, host = "新德里" } ]',
            "summit 3",
        ),
        ('summits = [ { number = 3, year = 2011, month = 13, host = "三亚" } ]', "summit 3"),
        ("summits = [", "summits.toml"),
    ],
)
def test_a_malformed_table_is_refused_with_its_file_named(
    tmp_path: Path, text: str, says: str
) -> None:
    path = tmp_path / "summits.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SummitTableError, match=says) as raised:
        load_table(path)
    assert str(path) in str(raised.value)
