"""What every layout does last: add finished blocks, count, and account for characters."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

from bot.lookup.ingest.assemble import Finished
from bot.lookup.ingest.chars import cjk_count
from bot.lookup.ingest.markers import Marker
from bot.lookup.ingest.model import Article, ParsedDocument


def deleted(old: str, new: str) -> str:
    """The characters of ``old`` that ``new`` no longer has."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return "".join(old[a:b] for op, a, b, _, _ in matcher.get_opcodes() if op != "equal")


def add_blocks(doc: ParsedDocument, article: Article, finished: list[Finished]) -> None:
    """Append finished blocks to an article, counting what mojibake repair changed."""
    for item in finished:
        article.blocks.append(item.block)
        doc.report["cjk_repair_delta"] = doc.report.get("cjk_repair_delta", 0) + item.repair_delta


def report(doc: ParsedDocument, markers: Sequence[Marker]) -> None:
    """Fill the document's ingest report: block kinds, notes and markers, flags, characters."""
    blocks = [b for a in doc.articles for b in a.blocks]
    kinds = Counter(b.kind for b in blocks)
    refs = [r for b in blocks for r in b.refs]
    counts = doc.report
    counts.update(
        {f"{kind}s": kinds.get(kind, 0) for kind in ("paragraph", "heading", "epigraph", "caption")}
    )
    counts["table_blocks"] = kinds.get("table", 0)
    counts["articles"] = len(doc.articles)
    counts["footnotes"] = len(doc.footnotes)
    counts["markers"] = len(markers)
    counts["markers_matched"] = sum(m.footnote is not None for m in markers)
    counts["markers_unmatched"] = len(markers) - counts["markers_matched"]
    counts["refs"] = len(refs)
    counts["refs_matched"] = sum(r.footnote is not None for r in refs)
    counts["refs_unmatched"] = len(refs) - counts["refs_matched"]
    counts["footnotes_unreferenced"] = len(doc.footnotes) - len({r.footnote for r in refs} - {None})
    counts["flagged_spans"] = sum(len(b.flags) for b in blocks)
    counts["repaired_spans"] = sum(f.reason == "repaired" for b in blocks for f in b.flags)
    counts["removed"] = len(doc.removed)
    counts["cjk_parsed"] = character_total(doc)


def character_total(doc: ParsedDocument) -> int:
    """CJK characters the parse accounts for, repairs excluded (rule F accounting).

    Every raw ideograph must end up in exactly one place: a block (its text, lead-in or
    epigraph speaker), a footnote, or a removed piece (furniture, headers, abstracts,
    boilerplate). Mojibake repair replaces garbage ideographs, so its delta is subtracted.

    Args:
        doc: A parsed document.

    Returns:
        The count to compare with ``cjk_count`` of the decoded raw text.
    """
    total = sum(
        cjk_count(b.text) + cjk_count(b.lead or "") + cjk_count(b.speaker or "")
        for a in doc.articles
        for b in a.blocks
    )
    total += sum(cjk_count(f.text) for f in doc.footnotes)
    total += sum(cjk_count(r.text) for r in doc.removed)
    return total - doc.report.get("cjk_repair_delta", 0)
