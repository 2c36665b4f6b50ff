"""Block finishing: sentinels out, text rules in order, ref offsets carried through."""

from __future__ import annotations

from bot.lookup.ingest.assemble import Draft, align_deletions, clean_text, finish, lift_sentinels
from bot.lookup.ingest.layout import sentinel
from bot.lookup.ingest.markers import Marker
from tests.lookup.ingest.parsed import block_at


def test_lift_sentinels() -> None:
    text, found = lift_sentinels(f"践行真正的{sentinel(3)}多边主义")
    assert text == "践行真正的多边主义"
    assert found == [(5, 3)]


def test_align_deletions_maps_offsets() -> None:
    mapping = align_deletions("于 2014年 11 月", "于2014年11月")
    assert mapping is not None
    assert mapping[2] == 1  # 「2」 of 2014
    assert mapping[len("于 2014年 11 月")] == len("于2014年11月")
    assert align_deletions("abc", "xyz") is None


def test_ref_offset_survives_space_normalisation() -> None:
    # 002 L923 style: 「外交关系。[1] 建交 33年来，」 — the marker precedes deleted spaces.
    draft = Draft("paragraph", f"依次建立了外交关系。{sentinel(0)}建交 33年来，", 1, 1)
    block = finish(draft, [Marker(0, "[1]", 0, 1, footnote=7)], "simplified")
    assert block.block.text == "依次建立了外交关系。建交33年来，"
    (ref,) = block.block.refs
    assert block.block.text[ref.offset :].startswith("建交")
    assert ref.footnote == 7


def test_ref_offset_survives_mojibake_repair() -> None:
    # 003 L2: the repaired garbage 「??萍紕撔率墙鸫u」 comes before the marker position.
    garbage = "影響力持續增強??萍紕撔率墙鸫u國家領導人會晤框架下的重要合作內容。"
    text, offsets, flags, _ = clean_text(garbage, "traditional")
    assert flags
    end = len(garbage)
    assert offsets[end] == len(text)
    assert text.endswith("框架下的重要合作內容。")


def test_lead_is_split_before_cleaning() -> None:
    block = block_at("000", 855)
    assert block.lead == "——地缘代表性的新动能。"
    assert block.text.startswith("新成员国的加入显著拓展了金砖合作机制的地理覆盖范围")
