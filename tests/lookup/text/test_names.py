"""Names of places and organisations, from jieba's dictionary."""

from __future__ import annotations

from pathlib import Path

from bot.lookup.text.names import parse, parse_predicates, predicates, proper_names

DICTIONARY = """土耳其 1180 ns
亚洲开发银行 18 nt
维尔纽斯 15 nrt
奥运会 100 nz
熊猫 286 nr
档次 419 n
京 1000 ns
开工 874 v
合作 13478 vn
期间 14656 f
难以实现 3 l
是 796991 v
"""


def test_places_organisations_and_named_things_count_and_people_and_words_do_not() -> None:
    assert parse(DICTIONARY) == {"土耳其", "亚洲开发银行", "维尔纽斯", "奥运会"}


def test_the_dictionary_the_segmenter_loads_is_read_and_kept(tmp_path: Path) -> None:
    names = proper_names(tmp_path)
    assert {"土耳其", "巴拿马", "亚洲开发银行"} <= names
    assert not {"档次", "为啥", "帮忙"} & names
    kept = list(tmp_path.glob("proper_names.*.txt"))
    assert len(kept) == 1
    assert set(kept[0].read_text(encoding="utf-8").split("\n")) == names


def test_predicates_are_verbs_positions_and_set_phrases_not_verbal_nouns() -> None:
    assert parse_predicates(DICTIONARY) == {"开工", "期间", "难以实现"}


def test_the_predicates_are_kept_beside_the_names(tmp_path: Path) -> None:
    words = predicates(tmp_path)
    assert {"讨论", "达成", "开工", "期间"} <= words
    assert not {"合作", "扩员", "铁路", "态度"} & words
    assert len(list(tmp_path.glob("predicates.*.txt"))) == 1
