"""The corpus folder: which files count as documents, what documents.toml says, citation keys."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.corpus.catalog import assign_key, load_catalog, scan
from bot.lookup.errors import IngestError

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
WEB = "004_eab1bee5dfb038ec.txt"


def test_scan_lists_document_files_by_name_with_their_hash(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CORPUS / "raw" / WEB, raw / WEB)
    (raw / "a_note.MD").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    (raw / ".hidden.txt").write_text("x", encoding="utf-8")
    (raw / "scan.pdf").write_bytes(b"%PDF-1.4")
    (raw / "page.HTM").write_text("<h1>标题</h1>", encoding="utf-8")
    (raw / "letter.docx").write_bytes(b"PK")
    (raw / "folder.txt").mkdir()
    files = scan(tmp_path)
    assert [f.name for f in files] == [WEB, "a_note.MD", "page.HTM", "scan.pdf"]
    assert files[0].sha256 == hashlib.sha256((raw / WEB).read_bytes()).hexdigest()
    assert files[0].path == raw / WEB


def test_scan_without_a_raw_folder_names_the_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no corpus folder") as info:
        scan(tmp_path)
    assert str(tmp_path / "raw") in str(info.value)


def test_the_real_catalog_describes_all_five_documents() -> None:
    catalog = load_catalog(CORPUS)
    assert sorted(catalog) == sorted(p.name for p in (CORPUS / "raw").glob("*.txt"))
    web = catalog[WEB]
    assert web.id == "d4"
    assert web.script == "traditional"
    assert web.date == "2022-06"
    assert catalog["003_4f62d0ff6928acda.txt"].authors == ["楊修", "陳海濤", "方慈", "蔣自然"]


def test_unknown_catalog_fields_are_ignored_and_a_missing_catalog_is_empty(tmp_path: Path) -> None:
    assert load_catalog(tmp_path) == {}
    (tmp_path / "documents.toml").write_text(
        '["x.txt"]\nid = "d7"\ndate_note = "only for people"\nreviewed_by = "someone"\n',
        encoding="utf-8",
    )
    meta = load_catalog(tmp_path)["x.txt"]
    assert meta.id == "d7"
    assert meta.title is None
    assert meta.date_kind == "unknown"


def test_an_invalid_catalog_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "documents.toml").write_text('["x.txt"\nid = "d7"\n', encoding="utf-8")
    with pytest.raises(IngestError, match="is not valid TOML") as info:
        load_catalog(tmp_path)
    assert str(tmp_path / "documents.toml") in str(info.value)


def test_a_catalog_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "documents.toml").write_bytes('["x.txt"]\ntitle = "金砖"\n'.encode("gbk"))
    with pytest.raises(IngestError, match="not valid UTF-8") as info:
        load_catalog(tmp_path)
    assert str(tmp_path / "documents.toml") in str(info.value)


@pytest.mark.parametrize("table", ["aliases.toml", "synonyms.toml"])
def test_alias_and_synonym_tables_that_cannot_be_read_are_named(tmp_path: Path, table: str) -> None:
    (tmp_path / table).write_bytes('[[group]]\nwords = ["金砖"]\n'.encode("gbk"))
    with pytest.raises(IngestError, match="not valid UTF-8"):
        AliasTable.load(tmp_path)
    (tmp_path / table).write_text("[[group]\n", encoding="utf-8")
    with pytest.raises(IngestError, match=f"{table} is not valid TOML"):
        AliasTable.load(tmp_path)


def test_a_file_name_that_is_not_utf8_is_kept_readable(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    path = raw / os.fsdecode("报告".encode() + b"\xff.txt")
    path.write_text("正文。\n", encoding="utf-8")
    (found,) = scan(tmp_path)
    assert found.name == "报告\ufffd.txt"
    assert found.path == path
    assert found.path.read_text(encoding="utf-8") == "正文。\n"


NOTES = "dk" + hashlib.sha256(b"notes.md").hexdigest()[:4]


@pytest.mark.parametrize(
    ("name", "wanted", "taken", "key"),
    [
        ("003_4f62d0ff6928acda.txt", "d3", set(), "d3"),  # the catalog's id
        ("007_report.txt", None, {"d0", "d1"}, "d7"),  # the file's number
        ("notes.md", None, {"d0", "d1", "d3"}, NOTES),  # no number: from the name
        ("notes.md", None, set(), NOTES),  # whatever was ingested before
        ("notes.md", "d9", set(), "d9"),
    ],
)
def test_assign_key_prefers_catalog_id_then_file_number_then_the_name(
    name: str, wanted: str | None, taken: set[str], key: str
) -> None:
    assert assign_key(name, wanted, taken) == key


def test_a_taken_key_is_lengthened_not_renumbered() -> None:
    taken = {"d3", NOTES}
    assert assign_key("003_4f62d0ff6928acda.txt", "d3", taken).startswith("dk")
    assert (
        assign_key("notes.md", None, taken)
        == NOTES[:2] + hashlib.sha256(b"notes.md").hexdigest()[:5]
    )
