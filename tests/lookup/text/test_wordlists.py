"""Word lists: every shipped list loads, and a malformed file is refused with its line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.lookup.text import wordlists
from bot.lookup.text.wordlists import WordListError

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", wordlists.names())
def test_each_shipped_list_loads(name: str) -> None:
    words = wordlists.load(name)
    assert words
    assert all(w == w.strip() and "#" not in w for w in words)


@pytest.mark.parametrize("name", wordlists.names())
def test_each_list_says_what_it_is_for_and_who_uses_it(name: str) -> None:
    text = (wordlists.folder() / f"{name}.txt").read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    assert all(line.startswith("#") for line in header.splitlines())
    user = re.search(r"Used by (bot/lookup/[\w/]+\.py)", header)
    assert user, f"{name}: the header names no module using the list"
    source = (ROOT / user.group(1)).read_text(encoding="utf-8")
    assert f'"{name}"' in source or f"'{name}'" in source, f"{user.group(1)} does not use {name}"


def test_the_lists_the_code_relies_on_are_shipped() -> None:
    assert {"function_words", "question_words", "speech_verbs"} <= set(wordlists.names())
    assert "的" in wordlists.load("function_words")
    assert "什么" in wordlists.load("question_words")


def test_a_list_is_read_once() -> None:
    assert wordlists.load("pronouns") is wordlists.load("pronouns")


def test_comments_blank_lines_and_inner_spaces(tmp_path: Path) -> None:
    path = tmp_path / "sections.txt"
    path.write_text(
        "# Section headings.\n\n序言\n序 言   # with the space some documents put in\n"
        "  前言  \n\n# the end\n结语\n",
        encoding="utf-8",
    )
    assert wordlists.read(path) == {"序言", "序 言", "前言", "结语"}


def test_a_duplicate_names_the_file_and_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "dup.txt"
    path.write_text("# Demo.\n指出\n强调\n\n 指出 # again\n", encoding="utf-8")
    with pytest.raises(WordListError) as caught:
        wordlists.read(path)
    assert f"{path}:5:" in str(caught.value)
    assert "'指出' is already listed on line 2" in str(caught.value)


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "指\u200d出"])
def test_an_invisible_entry_is_refused(tmp_path: Path, invisible: str) -> None:
    path = tmp_path / "hidden.txt"
    path.write_text(f"# Demo.\n指出\n{invisible}\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"hidden\.txt:3: blank or invisible character"):
        wordlists.read(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    with pytest.raises(WordListError, match=re.escape(f"{path}: no such word list")):
        wordlists.read(path)
    with pytest.raises(WordListError, match=r"no_such_list\.txt: no such word list"):
        wordlists.load("no_such_list")


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("指出\n".encode("gbk"))
    with pytest.raises(WordListError, match=r"gbk\.txt: cannot be read"):
        wordlists.read(path)


def test_alternation_lets_the_longest_word_win() -> None:
    # 所指出 and 所指出的 are both speech verbs: the longer must be matched whole.
    found = re.match(wordlists.alternation("speech_verbs"), "所指出的那样")
    assert found is not None
    assert found.group() == "所指出的"


def test_alternation_joins_lists_and_escapes() -> None:
    pattern = re.compile(f"^(?:{wordlists.alternation('gist_sections', 'thesis_markers')})$")
    assert pattern.match("序 言")
    assert pattern.match("综上")
    assert not pattern.match("序")


def test_the_lists_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["bot.lookup.text"]
    shipped = {p.name for p in (ROOT / "bot/lookup/text/words").iterdir()}
    covered = {n for n in shipped for p in patterns if Path("words", n).match(p)}
    assert covered == shipped
