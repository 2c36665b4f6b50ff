"""One scan over many short texts: each hit is credited to the part it falls in."""

from __future__ import annotations

from bot.lookup.text.joined import Joined


def test_a_form_is_found_in_each_part_that_holds_it_and_never_across_two() -> None:
    # Headings as the corpus writes them; without a separator 相通 + 三 would read 通三.
    joined = Joined.of(["五、人文金砖：文化交流与民心相通", "三、绿色金砖", "人文交流"])
    assert joined.holding(["人文"]) == {0, 2}
    assert joined.holding(["金砖"]) == {0, 1}
    assert joined.holding(["通三", "砖人"]) == set()
    assert joined.holding(["", "相通"]) == {0}


def test_an_offset_names_its_part() -> None:
    joined = Joined.of(["ab", "", "cde"])
    assert [joined.part_at(i) for i in range(len(joined.text))] == [0, 0, 0, 1, 2, 2, 2]
    assert Joined.of([]).holding(["a"]) == set()
