"""The sealed sets are frozen, well formed, and hold only spans from the documents."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

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


def _outside_documents(spans: list[object]) -> list[object]:
    """The spans that no single line of a raw document holds."""
    lines = _raw_lines()
    return [s for s in spans if not (isinstance(s, str) and any(s in line for line in lines))]


def test_search_questions_cite_spans_from_one_line_of_a_document() -> None:
    rows = _rows("queries.jsonl")
    assert len(rows) >= 300
    spans: list[object] = []
    for row in rows:
        evidence = row["evidence"]
        assert isinstance(evidence, list)
        assert (row["kind"] == "unanswerable") == (evidence == []), row["id"]
        spans += evidence
        answer = row["answer"]
        assert isinstance(answer, str)
        assert not answer or any(answer in span for span in evidence), row["id"]
    assert _outside_documents(spans) == []


def test_quote_spans_come_from_the_documents() -> None:
    assert _outside_documents([row["quote_evidence"] for row in _rows("quotes.jsonl")]) == []


def test_summary_facts_come_from_the_documents() -> None:
    rows = _rows("summaries.jsonl")
    assert len(rows) >= 30
    facts = [row["must"] for row in rows]
    assert all(isinstance(f, list) and 3 <= len(f) <= 5 for f in facts)
    assert _outside_documents([span for f in facts if isinstance(f, list) for span in f]) == []


def test_timeline_events_come_from_the_documents() -> None:
    rows = _rows("timelines.jsonl")
    assert len(rows) >= 25
    events = [event for row in rows if isinstance(row["events"], list) for event in row["events"]]
    assert all(len(row["events"]) >= 4 for row in rows)  # type: ignore[arg-type]
    assert {event["kind"] for event in events} <= {"past", "planned"}
    assert _outside_documents([event["evidence"] for event in events]) == []


def test_new_document_questions_cite_spans_from_their_page() -> None:
    pages = SEALED.parent / "new_documents"
    rows = _rows("new_documents.jsonl")
    assert len(rows) >= 40
    for row in rows:
        text = (pages / str(row["file"])).read_text(encoding="utf-8")
        evidence = row["evidence"]
        assert isinstance(evidence, list)
        assert evidence
        assert all(isinstance(span, str) and span in text for span in evidence), row["id"]
