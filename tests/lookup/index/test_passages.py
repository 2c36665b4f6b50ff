"""Passages of the indexed corpus: short, cut at sentence ends, with stable ids and footnotes."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.lookup.index.passages import MAX_PASSAGE, build_passages, chunk, reads_as_prose
from bot.lookup.ingest.pipeline import parse_document
from bot.lookup.text.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
_CLOSERS = "”’」』）)】》\"' \u3000"
_MARKERS = re.compile(r"[①-⑳]|\[\d{1,3}\]")
_BODY_ID = re.compile(r"^d\d+\.p[1-9]\d*$")
_ARTICLE_ID = re.compile(r"^d\d+\.a[1-9]\d*\.p[1-9]\d*$")
_NOTE_ID = re.compile(r"^d\d+\.n[1-9]\d*$")


@dataclass(frozen=True)
class Row:
    pid: str
    doc: str
    articles: int  # how many articles the document has
    para: int
    kind: str
    text: str
    refs: list[list[object]]
    anchor: str | None
    sentences: list[list[object]]


@pytest.fixture(scope="module")
def rows(indexed_db: Path) -> list[Row]:
    """Every passage of the indexed corpus, in reading order."""
    conn = sqlite3.connect(indexed_db)
    try:
        found = conn.execute(
            "SELECT p.pid, d.key, (SELECT count(*) FROM articles a WHERE a.doc_id = d.id),"
            " p.para, p.kind, p.text, p.refs, p.anchor, p.sentences"
            " FROM passages p JOIN documents d ON d.id = p.doc_id ORDER BY d.key, p.seq"
        ).fetchall()
    finally:
        conn.close()
    return [
        Row(pid, doc, n, para, kind, text, json.loads(refs), anchor, json.loads(sentences))
        for pid, doc, n, para, kind, text, refs, anchor, sentences in found
    ]


def _body(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.kind != "footnote"]


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in ("。", "！", "？", "!", "?", ".")


def _pieces_of_one_paragraph(rows: list[Row]) -> Iterator[tuple[Row, Row]]:
    body = _body(rows)
    for before, after in itertools.pairwise(body):
        if (before.doc, before.para) == (after.doc, after.para):
            yield before, after


def test_every_passage_is_at_most_400_characters_and_not_empty(rows: list[Row]) -> None:
    body = _body(rows)
    assert len(body) > 800
    assert all(0 < len(r.text) <= MAX_PASSAGE for r in body), [
        r.pid for r in body if not 0 < len(r.text) <= MAX_PASSAGE
    ]


def test_a_long_paragraph_is_cut_only_where_a_sentence_ends(rows: list[Row]) -> None:
    cuts = list(_pieces_of_one_paragraph(rows))
    assert len(cuts) > 100
    for before, after in cuts:
        if _ends_sentence(before.text):
            continue
        # Only a sentence too long to fit a passage may be cut inside.
        last = split_sentences(before.text)[-1]
        first = split_sentences(after.text)[0]
        assert (last[1] - last[0]) + (first[1] - first[0]) > MAX_PASSAGE, (before.pid, after.pid)


def test_ids_are_unique_and_have_the_documented_shapes(rows: list[Row]) -> None:
    assert len({r.pid for r in rows}) == len(rows)
    for r in rows:
        assert r.pid.startswith(r.doc + ".")
        if r.kind == "footnote":
            assert _NOTE_ID.match(r.pid), r.pid
        elif r.articles > 1:
            assert _ARTICLE_ID.match(r.pid), r.pid
        else:
            assert _BODY_ID.match(r.pid), r.pid
    shapes = {re.sub(r"\d+", "N", r.pid) for r in rows}
    assert shapes == {"dN.pN", "dN.aN.pN", "dN.nN"}


def test_passages_are_numbered_from_one_without_gaps_in_reading_order(rows: list[Row]) -> None:
    numbers: dict[str, list[int]] = {}
    for r in rows:
        prefix, number = re.match(r"^(.*\.[pn])(\d+)$", r.pid).groups()  # type: ignore[union-attr]
        numbers.setdefault(prefix, []).append(int(number))
    assert {"d0.p", "d1.n", "d2.a7.p", "d2.n", "d4.p"} <= numbers.keys()
    for prefix, seen in numbers.items():
        assert seen == list(range(1, len(seen) + 1)), prefix


def test_footnote_markers_never_stay_in_body_text(rows: list[Row]) -> None:
    body = _body(rows)
    assert not [r.pid for r in body if _MARKERS.search(r.text)]
    refs = [(r, ref) for r in body for ref in r.refs]
    assert len(refs) > 400
    for row, (offset, marker, _target) in refs:
        assert 0 <= int(str(offset)) <= len(row.text)
        assert _MARKERS.fullmatch(str(marker)) or marker == "*", marker


def test_a_marker_where_a_paragraph_is_cut_stays_with_what_it_cites(rows: list[Row]) -> None:
    # 001: "…货物贸易占18%…重要力量。②" is cut after 。; the marker cites that sentence
    # (a trade ministry speech), not the opening of the next passage (IMF figures).
    by_pid = {r.pid: r for r in rows}
    claim = next(r for r in _body(rows) if "货物贸易占18%" in r.text)
    after = by_pid[f"{claim.pid.rsplit('.p', 1)[0]}.p{int(claim.pid.rsplit('.p', 1)[1]) + 1}"]
    assert [len(claim.text), "②"] == claim.refs[-1][:2]
    assert all(ref[1] != "②" for ref in after.refs)
    # A marker opens a passage only where nothing before it could be what it cites.
    assert not [r.pid for r in _body(rows) if any(ref[0] == 0 for ref in r.refs)]


def test_footnotes_point_back_to_the_first_body_passage_that_cites_them(rows: list[Row]) -> None:
    kinds = {r.pid: r.kind for r in rows}
    citing: dict[str, list[str]] = {}
    for r in _body(rows):
        for _offset, _marker, target in r.refs:
            if target:
                assert kinds.get(str(target)) == "footnote", (r.pid, target)
                citing.setdefault(str(target), []).append(r.pid)
    notes = [r for r in rows if r.kind == "footnote"]
    assert len(notes) > 400
    for note in notes:
        if note.pid in citing:
            assert note.anchor == citing[note.pid][0], note.pid
        else:
            assert note.anchor is None, note.pid
    # Almost every footnote is cited from the text it belongs to.
    assert sum(n.anchor is None for n in notes) <= len(notes) // 50


def test_sentence_offsets_cover_each_passage_without_gaps(rows: list[Row]) -> None:
    for r in _body(rows):
        spans = [(int(str(a)), int(str(b))) for a, b, _flag in r.sentences]
        assert spans[0][0] == 0, r.pid
        assert spans[-1][1] == len(r.text), r.pid
        assert all(b == c for (_, b), (c, _) in itertools.pairwise(spans)), r.pid


def test_chunk_packs_whole_sentences_of_a_real_paragraph() -> None:
    # 003 line 32: one web paragraph of about 490 characters.
    raw = (CORPUS / "raw" / "003_4f62d0ff6928acda.txt").read_text(encoding="utf-8")
    paragraph = raw.split("\n")[31]
    pieces = chunk(paragraph)
    assert len(pieces) >= 2
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(paragraph)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(pieces))
    assert all(b - a <= MAX_PASSAGE for a, b in pieces)
    assert all(_ends_sentence(paragraph[a:b]) for a, b in pieces)
    # Greedy: no piece could have taken the next sentence as well.
    ends = dict(split_sentences(paragraph))
    assert all(ends[b] - a > MAX_PASSAGE for a, b in pieces[:-1])


def test_chunk_cuts_an_over_long_sentence_at_a_clause_boundary(rows: list[Row]) -> None:
    first, second = next(
        (a, b) for a, b in _pieces_of_one_paragraph(rows) if not _ends_sentence(a.text)
    )
    sentence = first.text + second.text
    pieces = chunk(sentence)
    assert len(pieces) >= 2
    assert all(b - a <= MAX_PASSAGE for a, b in pieces)
    assert sentence[pieces[0][1] - 1] in "；;，,、 "


def test_building_twice_gives_the_same_ids_and_hashes() -> None:
    raw = (CORPUS / "raw" / "004_eab1bee5dfb038ec.txt").read_bytes()
    once = build_passages("d4", parse_document("004.txt", raw))
    again = build_passages("d4", parse_document("004.txt", raw))
    assert [(r.pid, r.sha) for r in once] == [(r.pid, r.sha) for r in again]
    elsewhere = build_passages("d7", parse_document("004.txt", raw))
    assert [r.pid for r in elsewhere] == [r.pid.replace("d4.", "d7.", 1) for r in once]


def test_a_table_of_prose_is_read_like_paragraphs() -> None:
    # 001 sets Xi's yearly BRICS speeches out as a two-column table whose right-hand cells
    # are whole paragraphs; a table of figures stays out of passages.
    raw = (CORPUS / "raw" / "001_19b36100fef2d0c3.txt").read_bytes()
    parsed = parse_document("001_19b36100fef2d0c3.txt", raw)
    records = build_passages("d1", parsed)
    assert any("五点倡议" in r.text for r in records)
    assert reads_as_prose("金砖国家合作不断深化，各国携手应对挑战。" * 4)
    figures = "年份 金额 2013 12.5 2014 13.1 2015 14.0 合计 39.6 。"
    assert not reads_as_prose(figures)
    assert not reads_as_prose("项目一。项目二。项目三。项目四。")
