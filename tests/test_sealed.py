"""The sealed sets are frozen, well formed, and hold only spans from the documents."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS

SEALED = Path(__file__).resolve().parent / "data" / "sealed"
SUMS = SEALED / "SHA256SUMS"


def _sums() -> dict[str, str]:
    pairs = (line.split() for line in SUMS.read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for digest, name in pairs}


def _rows(name: str) -> list[dict[str, object]]:
    lines = (SEALED / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _raw_lines() -> set[str]:
    return {
        line for path in (CORPUS / "raw").glob("*.txt") for line in path.read_text().splitlines()
    }


def test_every_sealed_file_matches_its_checksum() -> None:
    files = sorted(p.name for p in SEALED.glob("*.jsonl"))
    assert files == sorted(_sums())
    for name, digest in _sums().items():
        assert hashlib.sha256((SEALED / name).read_bytes()).hexdigest() == digest, name


def test_search_questions_cite_spans_from_one_line_of_a_document() -> None:
    lines = _raw_lines()
    rows = _rows("queries.jsonl")
    assert len(rows) >= 300
    for row in rows:
        evidence = row["evidence"]
        assert isinstance(evidence, list)
        if row["kind"] == "unanswerable":
            assert evidence == []
            continue
        assert evidence, row["id"]
        for span in evidence:
            assert any(span in line for line in lines), (row["id"], span)
        answer = row["answer"]
        assert isinstance(answer, str)
        assert not answer or any(answer in span for span in evidence), row["id"]


@pytest.mark.parametrize(("name", "field"), [("quotes.jsonl", "quote_evidence")])
def test_quote_spans_come_from_the_documents(name: str, field: str) -> None:
    lines = _raw_lines()
    for row in _rows(name):
        span = row[field]
        assert isinstance(span, str)
        assert any(span in line for line in lines), row


def test_summary_facts_come_from_the_documents() -> None:
    lines = _raw_lines()
    rows = _rows("summaries.jsonl")
    assert len(rows) >= 30
    for row in rows:
        must = row["must"]
        assert isinstance(must, list)
        assert 3 <= len(must) <= 5
        for span in must:
            assert any(span in line for line in lines), (row["id"], span)


def test_timeline_events_come_from_the_documents() -> None:
    lines = _raw_lines()
    rows = _rows("timelines.jsonl")
    assert len(rows) >= 25
    for row in rows:
        events = row["events"]
        assert isinstance(events, list)
        assert len(events) >= 4, row["id"]
        for event in events:
            assert event["kind"] in {"past", "planned"}
            assert any(event["evidence"] in line for line in lines), (row["id"], event)
