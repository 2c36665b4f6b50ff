from __future__ import annotations

import pytest

from bot.render import callbacks as cb


@pytest.mark.parametrize(
    "callback",
    [
        cb.Page("AbC_-123", 0),
        cb.Page("AbC_-123", 999),
        cb.More("x1y2z3w4"),
        cb.OpenSource("d2.a6.p41"),
        cb.Navigate("d1.n7"),
        cb.SetOption("sc", "t"),
        cb.SetOption("lg", "auto"),
        cb.Vote("AbC_-123", up=True),
        cb.Vote("AbCdEfGhIjKlMnOp", up=False),
        cb.GapAction("card", 1),
        cb.GapAction("dis", 999_999_999_999),
    ],
)
def test_every_callback_round_trips_within_64_bytes(callback: cb.Callback) -> None:
    data = cb.encode(callback)
    assert data.startswith("v1:")
    assert len(data.encode()) <= cb.MAX_BYTES
    assert cb.parse(data) == callback


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "v1",
        "v2:pg:AbC_-123:1",  # another version
        "v1:pg:AbC_-123",  # no page
        "v1:pg:AbC_-123:-1",
        "v1:pg:AbC_-123:1:extra",
        "v1:pg:'; DROP TABLE callback_state;--:1",
        "v1:src:d2.a6.p41<script>",
        "v1:src:../../etc/passwd",
        "v1:nav:",
        "v1:fb:AbC_-123:x",  # neither up nor down
        "v1:fb:AbC_-123",
        "v1:fb:short:u",
        "v1:gp:card:0",
        "v1:gp:edit:12",
        "v1:gp:dis:-3",
        "v1:set:sc:x",  # not a script
        "v1:set:zz:t",
        "v1:xx:AbC_-123",
        "v1:pg:短短短短短短:1",
        "v1:mo:" + "a" * 60,
    ],
)
def test_forged_or_stale_data_parses_to_none(data: str | None) -> None:
    assert cb.parse(data) is None


def test_encode_refuses_data_over_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        cb.encode(cb.More("a" * 70))


@pytest.mark.parametrize("pid", ["d2.a6.p41", "d0.p12", "d1.n7"])
def test_passage_deep_link_payload_round_trips(pid: str) -> None:
    payload = cb.passage_payload(pid)
    assert "." not in payload
    assert len(payload) <= 64
    assert cb.parse_start(payload) == cb.StartPassage(pid)


def test_query_payload_and_unknown_payloads() -> None:
    assert cb.parse_start(cb.query_payload("AbC_-123")) == cb.StartQuery("AbC_-123")
    for payload in (None, "", "inline", "p_", "p_x-y", "q_", "p_d2-a6-p41-<b>", "zz_d0-p1"):
        assert cb.parse_start(payload) is None


def test_deep_link_points_at_the_bot() -> None:
    assert cb.deep_link("ZhikuBot", "p_d0-p1") == "https://t.me/ZhikuBot?start=p_d0-p1"


def test_a_passage_of_a_file_keyed_by_its_name_travels_in_buttons_and_links() -> None:
    pid = "dk3f9a.p12"
    assert cb.parse(cb.encode(cb.OpenSource(pid))) == cb.OpenSource(pid)
    assert cb.parse_start(cb.passage_payload(pid)) == cb.StartPassage(pid)
