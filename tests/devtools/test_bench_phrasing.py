"""The phrasing bench: which requests it asks, and how it counts a timeline that moved."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.results import TimelineEvent
from devtools.bench.phrasing import CHINESE, ENGLISH, TRADITIONAL, change, english_name, phrasings


def event(date: str, text: str) -> TimelineEvent:
    return TimelineEvent(date, text, text, "d0.p1", "000.txt", "t", sentences=[text])


def test_every_template_asks_about_the_topic_in_its_script() -> None:
    asked = phrasings("新开发银行", "new development bank")
    assert len(asked) == len(CHINESE) + len(TRADITIONAL) + len(ENGLISH)
    requests = [request for _, request, _ in asked]
    assert "说说新开发银行的历史" in requests
    assert "說說新開發銀行的歷史" in requests
    assert "How did new development bank evolve?" in requests
    assert all(english == ("new development bank" in r) for _, r, english in asked)
    assert len(phrasings("新开发银行", None)) == len(CHINESE) + len(TRADITIONAL)


def test_a_timeline_moves_by_the_events_added_and_lost() -> None:
    bare = [event("2015", "新开发银行成立"), event("2021", "新开发银行扩员")]
    assert change(bare, bare) == 0.0
    assert change(bare, bare[:1]) == 0.5
    assert change(bare, [*bare, event("2023", "新开发银行发行绿色债券")]) == 0.5
    assert change([], bare) == 2.0


async def test_a_topic_is_asked_in_english_by_the_alias_tables_name(library: Library) -> None:
    assert english_name(library, "新开发银行") == "new development bank"
    assert english_name(library, "欧盟太空安全") is None
