from __future__ import annotations

import string

import pytest

from bot.lookup.library import Library
from bot.render.strings import EXAMPLES, LANGS, STRINGS, Html, pick_language, t
from tests.lint_telegram import lint_html


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    variants = STRINGS[key]
    assert len(variants) == len(LANGS)
    assert all(v.strip() for v in variants)
    assert len({frozenset(_placeholders(v)) for v in variants}) == 1, variants
    for lang in LANGS:
        filled = t(key, lang, **dict.fromkeys(_placeholders(variants[0]), "x"))
        assert lint_html(filled) == [], (key, lang)


def test_parameters_are_escaped_unless_marked_as_html() -> None:
    assert t("search.header", "en", query="<b>&") == "🔎 <b>&lt;b&gt;&amp;</b>"
    assert t("search.header", "en", query=Html("<i>x</i>")) == "🔎 <b><i>x</i></b>"


def test_a_missing_placeholder_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        t("search.header", "en", other="x")


@pytest.mark.parametrize(
    ("setting", "code", "expected"),
    [
        ("en", "zh-hans", "en"),  # the chat's setting wins
        (None, "zh-hant", "zh-Hant"),
        (None, "zh-TW", "zh-Hant"),
        (None, "zh_HK", "zh-Hant"),
        (None, "zh-hans", "zh-Hans"),
        (None, "zh", "zh-Hans"),
        (None, "en-GB", "en"),
        (None, "ru", "zh-Hans"),
        (None, None, "zh-Hans"),
        ("klingon", "en", "en"),
    ],
)
def test_language_choice(setting: str | None, code: str | None, expected: str) -> None:
    assert pick_language(setting, code) == expected


async def test_example_queries_find_something(library: Library) -> None:
    for lang in LANGS:
        for query in EXAMPLES[lang]:
            assert (await library.search(query, 1)).hits, query
