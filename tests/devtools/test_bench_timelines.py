"""How the timeline bench judges precision: by the event's own clauses, not its sentence."""

from __future__ import annotations

from bot.lookup.results import TimelineEvent
from devtools.bench.timeline_eval import _Tally, score_topic

SENTENCE = "2011年，南非正式加入金砖国家；2024年，沙特阿拉伯、埃及、伊朗成为金砖国家正式成员。"

IRAN = {"date": "2024", "evidence": "2024年，沙特阿拉伯、埃及、伊朗成为", "kind": "past"}
SPEECH = {"date": "2016", "evidence": "习近平主持会晤并发表重要讲话", "kind": "past"}


def event(date: str, text: str, sentence: str = SENTENCE) -> TimelineEvent:
    return TimelineEvent(date, text, sentence, "d0.p1", "000.txt", "t", sentences=[sentence])


def test_an_event_is_on_topic_by_its_own_clauses() -> None:
    line = {
        "query": "伊朗",
        "events": [IRAN],
    }
    tally = _Tally()
    iran = event("2024", "沙特阿拉伯、埃及、伊朗成为金砖国家正式成员")
    south_africa = event("2011", "南非正式加入金砖国家")
    score_topic(line, [south_africa, iran], tally)
    assert (tally.found, tally.events, tally.on_topic) == (1, 2, 1)


def test_a_shown_text_cut_short_still_owns_its_later_clauses() -> None:
    sentence = "2017年9月4日，金砖国家领导人第九次会晤在厦门举行，习近平主持会晤并发表重要讲话。"
    line = {"query": "x", "events": [SPEECH]}
    tally = _Tally()
    score_topic(line, [event("2017-09-04", "金砖国家领导人第九次会晤在厦门举行", sentence)], tally)
    assert (tally.found, tally.on_topic) == (0, 1)
