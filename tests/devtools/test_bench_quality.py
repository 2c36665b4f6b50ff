"""The retrieval bench reads the questions the documents answer, and leaves the others to the
answer bench's abstention count."""

from __future__ import annotations

import json
from pathlib import Path

from devtools.bench.quality import load_queries


def test_questions_the_documents_cannot_answer_are_not_retrieval_misses(tmp_path: Path) -> None:
    rows = [
        {"id": "q1", "query": "金砖国家什么时候扩员的", "kind": "question", "evidence": ["扩员"]},
        {"id": "u1", "query": "亚投行现任行长是谁", "kind": "unanswerable", "evidence": []},
    ]
    path = tmp_path / "queries.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    assert [q.id for q in load_queries(path)] == ["q1"]
