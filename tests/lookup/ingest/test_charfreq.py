from __future__ import annotations

from bot.lookup.ingest.charfreq import char_frequency, is_simplified_only, is_word


def test_garbage_characters_are_rarer_than_ordinary_ones() -> None:
    # Garbage from 003 L2/L25 against the text it replaced, 「科技創新是金磚」.
    assert max(char_frequency(ch) for ch in "撔鸫獙") < 300
    assert min(char_frequency(ch) for ch in "科技創新是金磚") > 1000


def test_traditional_characters_use_their_simplified_frequency() -> None:
    assert char_frequency("磚") == char_frequency("砖") > 0
    assert char_frequency("\u0398") == 0  # Greek Θ is not in the dictionary


def test_simplified_only_characters() -> None:
    assert is_simplified_only("鸫")
    assert is_simplified_only("后")
    assert not is_simplified_only("鶇")
    assert not is_simplified_only("率")


def test_is_word_knows_words_of_rare_characters_in_either_script() -> None:
    assert is_word("桎梏")
    assert is_word("蹊蹺")  # traditional form of 蹊跷
    assert not is_word("紕撔")
