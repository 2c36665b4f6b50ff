"""The benchmark figures as a Markdown report (what the README quotes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from devtools.bench.feedback import feedback_rows


def _quality_rows(figures: dict[str, Any]) -> list[str]:
    zhiku, base = figures["zhiku"], figures["baseline"]
    rows = [
        "| set | n | Zhiku R@1 | Zhiku R@5 | Zhiku MRR@10 | baseline R@1 | baseline R@5 "
        "| baseline MRR@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    sets = [("overall", zhiku["overall"], base["overall"])]
    sets += [(k, v, base["kinds"][k]) for k, v in zhiku["kinds"].items()]
    for name, z, b in sets:
        rows.append(
            f"| {name} | {int(z['n'])} | {z['recall@1']:.3f} | {z['recall@5']:.3f} "
            f"| {z['mrr@10']:.3f} | {b['recall@1']:.3f} | {b['recall@5']:.3f} "
            f"| {b['mrr@10']:.3f} |"
        )
    return rows


_ANSWER_COLUMNS = (
    ("R@1", "recall@1"),
    ("R@3", "recall@3"),
    ("R@5", "recall@5"),
    ("MRR@10", "mrr@10"),
    ("P@5≥", "precision@5"),
    ("seen, private", "visible_private"),
    ("seen, group", "visible_group"),
)


def _answer_rows(figures: dict[str, Any]) -> list[str]:
    """Dev and sealed side by side, per kind: retrieval at the shown limit and the reply."""
    sets = figures.get("answers")
    if not sets:
        return []
    names = list(sets)
    head = "| kind | " + " | ".join(
        f"{name} n | " + " | ".join(f"{name} {label}" for label, _ in _ANSWER_COLUMNS)
        for name in names
    )
    rows = [head + " |", "|" + "---|" * (1 + len(names) * (1 + len(_ANSWER_COLUMNS)))]
    kinds = sorted({k for s in sets.values() for k in s["kinds"]})
    for kind in ["overall", *kinds]:
        cells = []
        for name in names:
            data = sets[name]["overall"] if kind == "overall" else sets[name]["kinds"].get(kind)
            if data is None:
                cells.append(" | ".join(["–"] * (1 + len(_ANSWER_COLUMNS))))
                continue
            values = [
                "–" if key.startswith("visible") and not data["answers"] else f"{data[key]:.3f}"
                for _, key in _ANSWER_COLUMNS
            ]
            cells.append(f"{int(data['n'])} | " + " | ".join(values))
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows.append("")
    for name, fit in figures.get("abstention_as_fitted", {}).items():
        rows.append(
            f"- {name}, every sign of abstention as fitted on dev (the coverage floors are off "
            f"by default): 'not in the documents' for {fit['abstained']} of {fit['n']} "
            f"unanswerable questions; answerable questions lost {fit['lost']}; "
            f"R@5 {fit['overall']['recall@5']:.3f}"
        )
    for name in names:
        s = sets[name]
        o, u = s["overall"], s["unanswerable"]
        rows.append(
            f"- {name}: false 'did you mean' {o['false_corrections']} of "
            f"{o['correctly_typed']} correctly typed questions; unanswerable questions "
            f"answered 'nothing found': {u['abstained']} of {u['n']}; answerable questions "
            f"answered so (lost): {u.get('lost', 0)}"
        )
    return rows


_LAYER_COLUMNS = (
    ("R@1", "recall@1"),
    ("R@5", "recall@5"),
    ("MRR@10", "mrr@10"),
    ("seen, private", "visible_private"),
    ("seen, group", "visible_group"),
)


def _layer_rows(figures: dict[str, Any]) -> list[str]:
    """Each set's figures per kind with the semantic layer off -> on, from the same run."""
    on, off = figures.get("answers"), figures.get("answers_lexical")
    if not on or not off:
        return []
    head = " | ".join(f"{label} off → on" for label, _ in _LAYER_COLUMNS)
    rows = [
        "## The semantic layer: the same sets with it off → on (same run)",
        "",
        f"| set | kind | n | {head} |",
        "|" + "---|" * (3 + len(_LAYER_COLUMNS)),
    ]
    for name, with_layer in on.items():
        without = off[name]
        for kind in ["overall", *with_layer["kinds"]]:
            after = with_layer["overall"] if kind == "overall" else with_layer["kinds"][kind]
            before = without["overall"] if kind == "overall" else without["kinds"][kind]
            cells = []
            for _, key in _LAYER_COLUMNS:
                if key.startswith("visible") and not after["answers"]:
                    cells.append("–")
                else:
                    cells.append(f"{before[key]:.3f} → {after[key]:.3f}")
            rows.append(f"| {name} | {kind} | {int(after['n'])} | " + " | ".join(cells) + " |")
    rows.append("")
    for name, with_layer in on.items():
        u, v = off[name]["unanswerable"], with_layer["unanswerable"]
        rows.append(
            f"- {name}: unanswerable questions answered 'nothing found': "
            f"{u['abstained']} → {v['abstained']} of {v['n']}"
        )
    return [*rows, ""]


def _latency_rows(figures: dict[str, Any]) -> list[str]:
    rows = ["| what | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|"]
    for name, lat in figures["latency"].items():
        rows.append(f"| {name} | {lat['p50']:.2f} | {lat['p95']:.2f} | {lat['p99']:.2f} |")
    for name, lat in figures.get("features", {}).get("latency", {}).items():
        rows.append(f"| {name} | {lat['p50']:.2f} | {lat['p95']:.2f} | {lat['p99']:.2f} |")
    return rows


def _lexical_note(figures: dict[str, Any], key: str, shown: Callable[[Any], str]) -> str:
    other = figures.get(f"{key}_lexical")
    return "" if other is None else f" (without the semantic layer: {shown(other)})"


def _scale_rows(figures: dict[str, Any]) -> list[str]:
    if not figures.get("scale"):
        return []
    base = figures["scale"][0]
    rows = [
        "",
        "| corpus | ingest s | × ingest | search p50 ms | search p99 ms | × p99 |",
        "|---|---|---|---|---|---|",
    ]
    for s in figures["scale"]:
        rows.append(
            f"| ×{s['copies']} | {s['ingest_s']:.1f} | {s['ingest_s'] / base['ingest_s']:.1f} "
            f"| {s['p50']:.2f} | {s['p99']:.2f} | {s['p99'] / base['p99']:.1f} |"
        )
    return rows


def _feature_rows(figures: dict[str, Any]) -> list[str]:
    feats = figures.get("features", {})
    rows = []
    for name, values in feats.items():
        if name == "latency" or not isinstance(values, dict):
            continue
        shown = ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
            for k, v in values.items()
            if isinstance(v, int | float)
        )
        rows.append(f"- {name}: {shown}")
    return rows


def _bot_rows(figures: dict[str, Any]) -> list[str]:
    bot = figures.get("bot")
    if not bot:
        return []
    cold = bot.get("cold_start_to_polling", {})
    rows = [
        "",
        "## Telegram bot, end to end (real Application, fake Bot API in process)",
        "",
        f"- {bot['updates']} updates: {bot['updates_per_second']:.0f} updates/s end to end, "
        f"{bot['bot_updates_per_second']:.0f} updates/s without the fake server's own work",
        f"- peak RSS {bot['peak_rss_mb']:.0f} MB; cold start to polling "
        f"{cold.get('median_s', float('nan')):.2f} s median",
        "",
        "| update | n | p50 ms | p99 ms |",
        "|---|---|---|---|",
    ]
    for label, lat in bot["latency_ms"].items():
        rows.append(f"| {label} | {lat['n']} | {lat['p50']:.2f} | {lat['p99']:.2f} |")
    return rows + _bot_layer_rows(figures)


def _bot_layer_rows(figures: dict[str, Any]) -> list[str]:
    """Each update's latency with the semantic layer and without it, from the same run."""
    on, off = figures.get("bot"), figures.get("bot_lexical")
    if not on or not off:
        return []
    rows = [
        "",
        "Without the semantic layer (same run), and the ratio with / without:",
        "",
        "| update | p50 ms off | p50 ms on | × p50 | p99 ms off | p99 ms on | × p99 |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, lat in on["latency_ms"].items():
        base = off["latency_ms"].get(label)
        if base is None:
            continue
        rows.append(
            f"| {label} | {base['p50']:.2f} | {lat['p50']:.2f} | {_ratio(lat['p50'], base['p50'])} "
            f"| {base['p99']:.2f} | {lat['p99']:.2f} | {_ratio(lat['p99'], base['p99'])} |"
        )
    rows.append(
        f"- updates/s without the fake server's work: {off['bot_updates_per_second']:.0f} off, "
        f"{on['bot_updates_per_second']:.0f} on; peak RSS {off['peak_rss_mb']:.0f} MB off, "
        f"{on['peak_rss_mb']:.0f} MB on"
    )
    return rows


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base else "–"


_ANSWERS_TITLE = "## Search as users see it: dev set and sealed set (tests/data, tests/data/sealed)"


def _shape_rows(figures: dict[str, Any]) -> list[str]:
    """Summary, timeline and quote figures: dev, the fresh folders (those there are) and sealed
    side by side."""
    dev = figures.get("features", {})
    dev = dev.get("dev", dev)
    sealed = figures.get("sealed_features")
    if not sealed:
        return []
    fresh = [(name, figures.get(f"{name}_features")) for name in ("fresh", "fresh2")]
    columns = [("dev", dev), *[(n, data) for n, data in fresh if data], ("sealed", sealed)]
    names = " | ".join(name for name, _ in columns)
    rows = [
        "",
        "## Summary, timeline, quotes: " + ", ".join(name for name, _ in columns),
        "",
        f"| feature | figure | {names} |",
        "|---|---|" + "---|" * len(columns),
    ]
    for feature, values in sealed.items():
        for key in values:
            cells = []
            for _, data in columns:
                value = data.get(feature, {}).get(key)
                cells.append("–" if value is None else _number(value))
            rows.append(f"| {feature} | {key} | " + " | ".join(cells) + " |")
    return rows


def _number(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _new_document_rows(figures: dict[str, Any]) -> list[str]:
    """Dev search on the seed corpus and with the new pages added, in the same run."""
    grown = figures.get("new_documents")
    if not grown:
        return []
    n = grown["pages"]
    rows = ["", "## The seed corpus's answers with new pages added (dev set)", ""]
    rows += ["| corpus | R@1 | R@5 | MRR@10 |", "|---|---|---|---|"]
    for name, key in (
        ("seed corpus", "seed"),
        (f"+ {n} new pages, all results", "grown"),
        (f"+ {n} new pages, seed passages only", "grown_seed_passages"),
    ):
        m = grown[key]
        rows.append(f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} |")
    asked = grown.get("about_pages")
    if asked:
        rows += ["", f"Questions about the {n} new pages (sealed, written blind from the pages):"]
        rows += ["", "| kind | n | R@1 | R@5 | MRR@10 |", "|---|---|---|---|---|"]
        for kind, m in [("all", asked["overall"]), *asked["kinds"].items()]:
            rows.append(
                f"| {kind} | {int(m['n'])} | {m['recall@1']:.3f} | {m['recall@5']:.3f} "
                f"| {m['mrr@10']:.3f} |"
            )
    return rows


def _one_new(ingest: dict[str, Any]) -> str:
    if "one_new_s" not in ingest:
        return ""
    chars = int(ingest["one_new_chars"])
    embed = ingest.get("one_new_embed_s")
    more = f" (+{embed:.2f} s embedding its passages)" if embed is not None else ""
    return f"; one new {chars}-character document: {ingest['one_new_s']:.2f} s median{more}"


def render(figures: dict[str, Any]) -> str:
    if "ingest" not in figures:  # bench --quality
        lines = [_ANSWERS_TITLE, "", *_answer_rows(figures), "", *_layer_rows(figures)]
        lines += _shape_rows(figures)
        lines += _new_document_rows(figures)
        lines += feedback_rows(figures)
        return "\n".join([*lines, *_answer_misses(figures)])
    ingest, cold = figures["ingest"], figures["cold_start"]
    lines = [_ANSWERS_TITLE, "", *_answer_rows(figures), "", *_layer_rows(figures)]
    lines += ["## Search quality against bm25s (tests/data/queries.jsonl)", ""]
    lines += _quality_rows(figures)
    lines += ["", "## Latency (warm)", "", *_latency_rows(figures)]
    lines += [
        "",
        "## Start, ingest, memory",
        "",
        f"- cold start to first answer (existing index): {cold['median_s']:.2f} s median"
        + _lexical_note(figures, "cold_start", lambda c: f"{c['median_s']:.2f} s"),
        f"- full ingest: {ingest['full_s']:.2f} s median ({int(ingest['passages'])} passages); "
        f"nothing changed: {ingest['unchanged_s']:.3f} s" + _one_new(ingest),
        f"- peak RSS: answering all queries {figures['serving_peak_rss_mb']} MB"
        + _lexical_note(figures, "serving_peak_rss_mb", lambda m: f"{m} MB")
        + f"; full ingest {ingest['peak_rss_mb']} MB",
        *_scale_rows(figures),
    ]
    lines += _shape_rows(figures)
    lines += _new_document_rows(figures)
    feature_rows = _feature_rows(figures)
    if feature_rows:
        lines += ["", "## Summary, timeline, quotes, quote check (tests/data)", "", *feature_rows]
    lines += _bot_rows(figures)
    lines += feedback_rows(figures)
    misses = figures["zhiku"]["misses"]
    if misses:
        lines += ["", f"Queries missed at 5 ({len(misses)}):"]
        lines += [f"- {m['id']} [{m['kind']}] {m['query']} (rank {m['rank']})" for m in misses]
    return "\n".join(lines)


def _answer_misses(figures: dict[str, Any]) -> list[str]:
    """The development set's misses. The sealed set's stay unprinted: reading its questions
    would be tuning on it (its aggregate rows above are what may be compared)."""
    lines = []
    for name, data in figures.get("answers", {}).items():
        if name == "sealed":
            continue
        misses = data["misses"]
        lines += ["", f"{name}: missed at 5, or the answer not seen in a group ({len(misses)}):"]
        for m in misses:
            where = f"rank {m.get('rank')}" if "rank" in m else "ranked"
            seen = "" if "hidden_in_group" not in m else f", seen in private: {m['private']}"
            lines.append(f"- {m['id']} [{m['kind']}] {m['query']} ({where}{seen})")
    return lines
