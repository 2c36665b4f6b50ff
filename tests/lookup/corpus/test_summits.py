"""The summit table is corpus data (corpus/summits.toml), read and checked by one loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.lookup.corpus.summits import SummitTable, SummitTableError, load_table, summit_name
from tests.conftest import CORPUS


def test_the_corpus_table_is_read_with_the_corpus() -> None:
    summits = SummitTable.load(CORPUS)
    body, table, hosts = load_table(CORPUS / "summits.toml")
    assert (summits.body, summits.numbered) == (body, table)
    assert table[15] == (2023, 8, "约翰内斯堡")
    assert table[1] == (2009, None, "俄罗斯")  # the corpus gives no month
    assert hosts[2013] == summits.hosts[2013] == "德班"  # a summit the corpus does not number
    assert summits.by_year[2024] == 16
    assert summit_name(14) == "第十四次会晤"


def test_summits_are_named_by_their_host_city_and_year() -> None:
    summits = SummitTable.load(CORPUS)
    text = "2017年9月，金砖国家领导人厦门会晤举行"
    assert summits.summits_named(text, 0, len(text), 2017) == [9]
    assert summits.hosts_summit(text, 0, len(text), 2017)
    assert summits.summits_named(text, 0, len(text), 2018) == []
    assert not summits.hosts_summit(text, 0, len(text), 2018)


def test_no_corpus_folder_means_no_summits(tmp_path: Path) -> None:
    for none in (SummitTable.load(None), SummitTable.load(tmp_path)):
        assert (none.body, none.numbered, none.hosts) == ("", {}, {})
        assert none.summits_named("厦门会晤", 0, 4, 2017) == []


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
