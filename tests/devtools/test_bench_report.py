"""The bench report's comparisons: the semantic layer off and on, the seed corpus with new pages."""

from __future__ import annotations

from typing import Any

from devtools.bench.report import (
    _answer_rows,
    _bot_layer_rows,
    _layer_rows,
    _new_document_rows,
    _shape_rows,
)


def _set(r1: float, r5: float, seen: float, abstained: int) -> dict[str, Any]:
    row = {
        "n": 10,
        "recall@1": r1,
        "recall@5": r5,
        "mrr@10": r1,
        "answers": 10,
        "visible_private": seen,
        "visible_group": seen,
    }
    return {
        "overall": row,
        "kinds": {"paraphrase": row},
        "unanswerable": {"n": 4, "abstained": abstained},
    }


def test_each_set_and_kind_shows_off_then_on() -> None:
    figures = {
        "answers": {"dev": _set(0.5, 0.9, 0.8, 1), "sealed": _set(0.4, 0.8, 0.7, 2)},
        "answers_lexical": {"dev": _set(0.4, 0.8, 0.7, 0), "sealed": _set(0.3, 0.7, 0.6, 0)},
    }
    text = "\n".join(_layer_rows(figures))
    assert "| dev | overall | 10 | 0.400 → 0.500 | 0.800 → 0.900 |" in text
    assert "| sealed | paraphrase | 10 | 0.300 → 0.400 | 0.700 → 0.800 |" in text
    assert "- sealed: unanswerable questions answered 'nothing found': 0 → 2 of 4" in text


def test_abstention_as_fitted_is_reported_beside_what_search_does() -> None:
    fitted = {"n": 4, "abstained": 3, "lost": 1, "overall": {"recall@5": 0.7}}
    sealed = _set(0.4, 0.8, 0.7, 0)
    for row in (sealed["overall"], sealed["kinds"]["paraphrase"]):
        row.update({"recall@3": 0.6, "precision@5": 0.3})
    sealed["overall"].update({"false_corrections": 0, "correctly_typed": 10})
    figures = {"answers": {"sealed": sealed}, "abstention_as_fitted": {"sealed": fitted}}
    text = "\n".join(_answer_rows(figures))
    assert (
        "- sealed, every sign of abstention as fitted on dev (the coverage floors are off by "
        "default): 'not in the documents' for 3 of 4 unanswerable questions; answerable "
        "questions lost 1; R@5 0.700"
    ) in text
    assert "unanswerable questions answered 'nothing found': 0 of 4" in text


def test_without_the_layer_there_is_nothing_to_compare() -> None:
    assert _layer_rows({"answers": {"dev": _set(0.5, 0.9, 0.8, 0)}, "answers_lexical": None}) == []


def test_bot_latency_with_and_without_the_layer_and_their_ratio() -> None:
    def bot(p50: float, p99: float) -> dict[str, Any]:
        lat = {"n": 5, "p50": p50, "p95": p99, "p99": p99, "max": p99}
        return {"latency_ms": {"search": lat}, "bot_updates_per_second": 100.0, "peak_rss_mb": 150}

    rows = _bot_layer_rows({"bot": bot(6.0, 24.0), "bot_lexical": bot(4.0, 20.0)})
    assert "| search | 4.00 | 6.00 | 1.50 | 20.00 | 24.00 | 1.20 |" in rows


def test_new_pages_show_all_results_and_seed_passages_only() -> None:
    def m(r5: float) -> dict[str, float]:
        return {"n": 10, "recall@1": 0.5, "recall@5": r5, "mrr@10": 0.6}

    figures = {
        "new_documents": {
            "pages": 5,
            "seed": m(0.9),
            "grown": m(0.8),
            "grown_seed_passages": m(0.9),
        }
    }
    text = "\n".join(_new_document_rows(figures))
    assert "| seed corpus | 0.500 | 0.900 | 0.600 |" in text
    assert "| + 5 new pages, all results | 0.500 | 0.800 | 0.600 |" in text
    assert "| + 5 new pages, seed passages only | 0.500 | 0.900 | 0.600 |" in text
    assert _new_document_rows({}) == []


def test_shapes_show_dev_fresh_and_sealed_and_a_dash_where_a_set_has_none() -> None:
    figures = {
        "features": {"dev": {"summary": {"fact_coverage": 0.6}, "quotes": {"recall_at_5": 0.9}}},
        "fresh_features": {"summary": {"fact_coverage": 0.4}},
        "sealed_features": {"summary": {"fact_coverage": 0.3}, "quotes": {"recall_at_5": 0.8}},
    }
    rows = _shape_rows(figures)
    assert "| feature | figure | dev | fresh | sealed |" in rows
    assert "| summary | fact_coverage | 0.600 | 0.400 | 0.300 |" in rows
    assert "| quotes | recall_at_5 | 0.900 | – | 0.800 |" in rows
    del figures["fresh_features"]
    assert "| summary | fact_coverage | 0.600 | 0.300 |" in _shape_rows(figures)


def test_shapes_show_the_second_fresh_folder_after_the_first() -> None:
    figures = {
        "features": {"dev": {"timeline": {"recall": 0.8}}},
        "fresh_features": {"timeline": {"recall": 0.7}},
        "fresh2_features": {"timeline": {"recall": 0.6}},
        "sealed_features": {"timeline": {"recall": 0.5}},
    }
    rows = _shape_rows(figures)
    assert "| feature | figure | dev | fresh | fresh2 | sealed |" in rows
    assert "| timeline | recall | 0.800 | 0.700 | 0.600 | 0.500 |" in rows
    figures["fresh2_features"] = None  # a checkout without the folder
    assert "| timeline | recall | 0.800 | 0.700 | 0.500 |" in _shape_rows(figures)
