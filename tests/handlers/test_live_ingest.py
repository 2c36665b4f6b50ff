"""``bot ingest`` while the bot runs: the running Application never cites a wrong passage.

A maintainer edits a document (a paragraph inserted near its top, a cited passage reworded),
adds a new page, a file in another encoding and an empty file, and ingests them from another
connection, as ``python -m bot ingest`` does from another process. The bot, which answered
before, answers after: every citation it shows, old or new, opens the text it showed.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from pathlib import Path

import aiosqlite
import pytest

from bot.config import Settings
from bot.lookup.corpus.catalog import assign_key
from bot.lookup.index import db
from bot.lookup.index.indexer import ingest
from bot.lookup.text.script import fold
from tests.conftest import CORPUS, ROOT
from tests.handlers.conftest import Harness, reply, sent_message

WEB = "004_eab1bee5dfb038ec.txt"
NEW_PAGE = ROOT / "tests" / "data" / "new_documents" / "interview_brics_partner_countries.txt"
INSERTED = "编者按：本文回顾了今年三场线上会晤留下的两张合影，以及它们所记录的伙伴关系。"
_CITED = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>.*?<code>(d[\w.]+)</code>", re.S)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy, ignore=shutil.ignore_patterns("embeddings.npz"))
    return copy


@pytest.fixture
def settings(settings: Settings, corpus: Path) -> Settings:
    return dataclasses.replace(settings, corpus_dir=corpus)


def _cited(text: str) -> list[tuple[str, str]]:
    """(passage id, the text shown for it) of every quoted passage of a reply, in order
    (without the speaker line of an epigraph)."""
    return [
        (pid, html.unescape(re.sub(r"<[^>]+>", "", quoted)).split("\n— ")[0].strip("…"))
        for quoted, pid in _CITED.findall(text)
    ]


async def _texts(path: Path) -> dict[str, str]:
    """Every passage's text as the index on disk holds it now (a connection of its own)."""
    async with aiosqlite.connect(path) as conn:
        rows = await conn.execute_fetchall("SELECT pid, text FROM passages")
    return {str(pid): str(text) for pid, text in rows}


async def _line_of(path: Path, pid: str) -> int:
    async with aiosqlite.connect(path) as conn:
        rows = list(
            await conn.execute_fetchall("SELECT line_start FROM passages WHERE pid = ?", (pid,))
        )
    return int(rows[0][0])


def _shows(shown: str, text: str) -> bool:
    return len(fold(shown)) >= 8 and fold(shown) in fold(text)


def _maintainer_edits(corpus: Path, line_of_edited: int) -> None:
    raw = corpus / "raw"
    lines = (raw / WEB).read_text(encoding="utf-8").split("\n")
    lines[line_of_edited - 1] = "今年的三场金砖线上会晤中，“发展”与“合作”都是高频词。"
    lines.insert(3, INSERTED)
    (raw / WEB).write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(NEW_PAGE, raw / NEW_PAGE.name)
    (raw / "007_gbk.txt").write_bytes("金砖国家合作机制不断发展。".encode("gbk"))
    (raw / "empty.md").write_bytes(b"\n  \n")


async def _ingest_elsewhere(index: Path, corpus: Path, jieba_cache: Path) -> None:
    other = await db.connect(index)
    try:
        report = await ingest(other, corpus, cache_dir=jieba_cache)
    finally:
        await other.close()
    assert report.updated == [WEB]
    assert report.added == [NEW_PAGE.name]
    assert dict(report.skipped).keys() == {"007_gbk.txt", "empty.md"}


async def test_an_ingest_under_a_running_bot_never_shows_a_wrong_citation(
    tg: Harness, settings: Settings, corpus: Path, jieba_cache: Path
) -> None:
    calls = await tg.say("/search 云合影")
    first = sent_message(calls)
    before = _cited(reply(calls)["text"])
    assert len(before) == 5
    old = await _texts(settings.index_path)
    assert all(_shows(shown, old[pid]) for pid, shown in before)
    edited = next(pid for pid, shown in before if shown.startswith("今年的三场金砖"))
    line = await _line_of(settings.index_path, edited)

    _maintainer_edits(corpus, line)
    await _ingest_elsewhere(settings.index_path, corpus, jieba_cache)
    now = await _texts(settings.index_path)

    # The buttons of the answer given before the ingest open what that answer showed, or
    # say that the passage changed and show it as it reads now.
    for pid, shown in before:
        opened = reply(await tg.press(f"v1:src:{pid}", first))["text"]
        (current, quoted), *_ = _cited(opened.split("\n", 1)[1] if pid == edited else opened)
        assert _shows(quoted, now[current]), pid
        if pid == edited:
            assert "在重新收录时改动了" in opened.split("\n")[0]
            assert current != pid
            assert "合作" in now[current]
        else:
            assert (current, now[current]) == (pid, old[pid])
            assert _shows(shown, now[current])
    # A new answer cites the new generation of the index, every citation opening its text.
    for query in ("云合影", "金砖伙伴国机制", "金砖国家发展"):
        cited = _cited(reply(await tg.say(f"/search {query}"))["text"])
        assert cited, query
        for pid, shown in cited:
            assert _shows(shown, now[pid]), (query, pid)
            source = _cited(reply(await tg.say(f"/source {pid}"))["text"])
            assert source[0][0] == pid
            assert _shows(source[0][1], now[pid])
    # The new page is searchable (the interviewee's name is in no seed document).
    key = assign_key(NEW_PAGE.name, None, set())
    page = reply(await tg.say("/search 王立群"))["text"]
    assert any(pid.startswith(f"{key}.") for pid, _ in _cited(page))
    # The files left out are reported to moderators with why, and are not listed.
    about = reply(await tg.say("/about"))["text"]
    assert "<code>007_gbk.txt</code>: not valid UTF-8" in about
    assert "<code>empty.md</code>: empty file" in about
    docs = reply(await tg.say("/docs"))["text"]
    assert "empty.md" not in docs
    assert "gbk" not in docs
