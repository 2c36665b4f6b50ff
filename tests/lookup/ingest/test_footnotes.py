"""Rules 10 and 12: footnote blocks and footnote bodies."""

from __future__ import annotations

from bot.lookup.ingest.footnotes import FOOTNOTE, build_footnote, mark_footnotes
from bot.lookup.ingest.layout import BODY, assign_pages
from bot.lookup.ingest.model import Footnote
from tests.lookup.ingest.parsed import parsed, snippet


def _footnote(prefix: str, line: int) -> Footnote:
    return next(f for f in parsed(prefix).footnotes if f.line_start <= line <= f.line_end)


def test_separator_marker_line_and_body_form_one_note() -> None:
    # 001 L86 (41 spaces) / L87 「①」 / L88 「 “十个坚持”，即…」 … L99.
    lines = snippet("001", 78, 101)
    assign_pages(lines)
    notes = mark_footnotes(lines)
    assert [n.marker for n in notes] == ["①"]
    assert notes[0].lines[0].no == 10
    assert notes[0].lines[-1].no == 23
    # The in-text marker L79 and the page start L101 stay in the body.
    assert lines[1].role == BODY
    assert lines[23].role == BODY
    text = build_footnote(notes[0])[0].text
    assert text.startswith("“十个坚持”，即坚持以维护党中央权威为统领")


def test_lone_marker_without_citation_is_not_a_footnote() -> None:
    # 001 L78–80: 「已经形成了“十个坚持”」 / 「①」 / 「 总体框架，…」 — an in-text marker.
    lines = snippet("001", 78, 84)
    assert mark_footnotes(lines) == []
    assert all(line.role != FOOTNOTE for line in lines)


def test_bracket_style_notes_and_url_repair() -> None:
    # 002 L75–78: 「[1]　《…》， 」 / 「中国政府网，… content_6909882.」 / 「htm。」.
    note = _footnote("002", 75)
    assert note.marker == "[1]"
    assert note.line_end == 78
    assert "https://www.gov.cn/yaowen/liebiao/202310/content_6909882.htm。" in note.text
    assert note.urls == ["https://www.gov.cn/yaowen/liebiao/202310/content_6909882.htm"]
    # 002 L233–234: a URL broken right after the scheme.
    assert any("https://www.fmprc.gov.cn/wjdt_674879" in u for u in _footnote("002", 233).urls)


def test_irregular_bracket_note_with_ascii_spaces() -> None:
    # 002 L1422 「[1]   “Была ли угроза?…」 opens a note although it lacks U+3000.
    note = _footnote("002", 1422)
    assert note.marker == "[1]"
    assert note.line_start == 1422
    assert note.text.startswith("“Была ли угроза? Что осталось")


def test_funding_note_inside_a_sentence() -> None:
    # 002 L2845–2847 sits between L2843 「自特朗普第一任」 and L2848 「 期以来，…」.
    note = _footnote("002", 2845)
    assert note.marker == "*"
    assert note.line_end == 2847
    body = next(
        b for a in parsed("002").articles for b in a.blocks if b.line_start <= 2843 <= b.line_end
    )
    assert "自特朗普第一任期以来" in body.text


def test_marker_plus_body_lines() -> None:
    # 001 L4308 「① Oliver Stuenkel, “The Financial Crisis, …」 and two more on that page.
    markers = [f.marker for f in parsed("001").footnotes if 4308 <= f.line_start <= 4314]
    assert markers == ["①", "②", "③"]
    assert _footnote("001", 4308).text.startswith("Oliver Stuenkel, “The Financial Crisis")


def test_duplicate_url_lines_dropped() -> None:
    # 001 L2874 repeats the link of L2872 (link-annotation text with junk glued on).
    removed = {r.line: r.reason for r in parsed("001").removed}
    assert removed[2874] == "duplicate-url"
    assert "上网时间" not in _footnote("001", 2870).text
    # 001 L8166–8167 repeat L8162–8164, whose URL was broken with a doubled slash.
    assert removed[8166] == removed[8167] == "duplicate-url"


def test_url_line_that_adds_a_link_is_kept() -> None:
    # 001 L2865–2867: the only URL of the note is on its own line; it must stay.
    note = _footnote("001", 2865)
    assert note.urls == ["http://www.news.cn/world/2022-06/23/c_1128770800.htm"]


def test_local_path_dropped_and_glued_access_date_split() -> None:
    note = _footnote("001", 8432)
    assert "file:" not in note.text
    assert "Users" not in note.text
    assert any(r.reason == "local-path" for r in parsed("001").removed)
    glued = _footnote("001", 8097)
    assert "content_30814712.htm. 2023-5-17" in glued.text
    assert glued.urls == ["http://xm.fjsen.com/2021-08/19/content_30814712.htm"]


def test_notes_keep_their_page() -> None:
    pages = [f.page for f in parsed("001").footnotes]
    assert pages == sorted(pages)
    assert len(parsed("001").footnotes) >= 175
    assert len(parsed("002").footnotes) == 304  # 302 [n] bodies + 2 funding notes
