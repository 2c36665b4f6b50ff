from __future__ import annotations

import pytest

from bot.lookup.errors import IngestError
from bot.lookup.ingest.chars import cjk_count, decode, is_cjk
from tests.lookup.ingest.rawtext import RAW, line, raw


def test_decode_reads_a_corpus_file_unchanged() -> None:
    path = next(RAW.glob("003_*.txt"))
    assert decode(path.read_bytes(), path.name) == raw("003")


def test_decode_strips_bom_and_normalises_line_endings() -> None:
    data = ("\ufeff" + line("004", 12) + "\r\n" + line("004", 14) + "\r").encode()
    assert decode(data, "x.txt") == line("004", 12) + "\n" + line("004", 14) + "\n"


def test_decode_applies_nfc_but_not_nfkc() -> None:
    decomposed = "Lu\u0301la，（金砖＋）"  # u + combining acute
    assert decode(decomposed.encode(), "x.txt") == "Lúla，（金砖＋）"


def test_decode_rejects_gbk_and_names_the_file() -> None:
    data = line("003", 1).encode("gbk", errors="replace")
    with pytest.raises(IngestError, match=r"003_x\.txt: not valid UTF-8") as info:
        decode(data, "003_x.txt")
    assert info.value.params == {"name": "003_x.txt"}


def test_decode_rejects_latin1_and_utf16() -> None:
    with pytest.raises(IngestError, match="not valid UTF-8"):
        decode("Lúla e Brasília: BRICS\n".encode("latin-1"), "x.txt")
    with pytest.raises(IngestError, match="not valid UTF-8"):
        decode(line("003", 1).encode("utf-16"), "x.txt")


def test_decode_replaces_a_character_cut_in_half_and_warns(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # An extraction tool that cut a line inside a character (the last of 003's title).
    title, body = line("003", 1), line("003", 3)
    data = title.encode()[:-1] + b"\n" + body.encode() + b"\xff\n"
    assert decode(data, "003_x.txt") == f"{title[:-1]}\ufffd\n{body}\ufffd\n"
    assert "003_x.txt: 2 invalid UTF-8 sequence(s) replaced with U+FFFD" in caplog.text


def test_decode_keeps_ideographic_space_and_nbsp() -> None:
    # Rule A1: U+3000 marks footnote bodies in 002, so decoding must not fold it.
    text = "[1]\u3000《习近平》\u00a0x"
    assert decode(text.encode(), "x.txt") == text


@pytest.mark.parametrize("ch", ["金", "磚", "㐀", "豈", "𠀀"])
def test_is_cjk_accepts_ideographs(ch: str) -> None:
    assert is_cjk(ch)


@pytest.mark.parametrize("ch", ["，", "。", "“", "a", "1", "\u3000", "ü", "ア"])
def test_is_cjk_rejects_other_characters(ch: str) -> None:
    assert not is_cjk(ch)


def test_cjk_count_matches_corpus_notes() -> None:
    assert cjk_count(raw("000")) == 13801
    assert cjk_count(raw("003")) == 7381
    assert cjk_count(raw("004")) == 1753
