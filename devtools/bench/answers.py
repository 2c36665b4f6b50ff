"""Search as users meet it: the ranked list at the limit the bot shows, and the rendered reply.

For each query set (the development set, and the sealed set written blind from the documents)
this measures, per kind of question:

- retrieval: Recall@1, Recall@3 (a group's page), Recall@5 (a private chat's page), MRR@10.
  A result is relevant when its *shown* text holds an evidence span: the passage, or the
  article title, authors and section its citation shows (folded, punctuation and spaces ignored,
  and pinyin too: a span in Latin letters alone, such as the byline TANG Zhongchao, is found in
  the shown text read in toneless pinyin, where the citation writes 汤中超);
- precision@k: the share of shown results that hold an evidence span. The gold names only a
  few spans per question, so this is a lower bound;
- the answer on the screen: whether the question's ``answer`` span can be read in the reply
  as Telegram shows it (the real renderer, HTML removed), in a private chat and in a group.
  The development set names no answer, so there a whole evidence span must show;
- false corrections: questions typed correctly (every kind but ``typo``) that got a
  "did you mean";
- abstention: for ``unanswerable`` questions, the share answered with "nothing found" (search
  says the documents do not cover them); and how many questions the documents *do* answer
  got that reply all the same (``lost``), which must stay 0.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.lookup.library import Library
from bot.lookup.results import Hit, SearchResult
from bot.render.replies import View, search_page
from devtools.bench.quality import strip

_TAG = re.compile(r"<[^>]+>")
UNANSWERABLE = "unanswerable"


@dataclass(slots=True, frozen=True)
class Case:
    id: str
    query: str
    kind: str
    evidence: tuple[str, ...]
    answer: str


def load_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            answer = d.get("answer") or ""
            cases.append(Case(d["id"], d["query"], d["kind"], tuple(d["evidence"]), answer))
    return cases


def shown_text(hit: Hit) -> str:
    """What a result shows a user, folded: the passage and its citation (title, authors,
    section)."""
    parts = [hit.text, hit.title, hit.article or "", hit.section or "", *hit.authors]
    return strip(" ".join(parts))


def rendered_text(result: SearchResult, view: View) -> str:
    """The reply as Telegram displays it: HTML tags removed, entities unescaped, folded."""
    hits = result.hits[: view.page_size]
    # The bot asks for one hit more than it shows (to know whether there is a next page):
    # the one-line answer may come from that one too, and from no other.
    fetched = {h.passage_id for h in result.hits[: view.page_size + 1]}
    lead = result.lead if result.lead and result.lead.passage_id in fetched else None
    shown = SearchResult(result.query, result.corrected, hits, lead)
    reply = search_page(shown, view, has_next=len(result.hits) > view.page_size)
    return strip(html.unescape(_TAG.sub("", reply.text)))


@dataclass(slots=True)
class _Tally:
    n: int = 0
    r1: int = 0
    r3: int = 0
    r5: int = 0
    rr: float = 0.0
    p3: float = 0.0
    p5: float = 0.0
    with_answer: int = 0
    visible_private: int = 0
    visible_group: int = 0
    correct_typed: int = 0
    false_corrections: int = 0

    def as_dict(self) -> dict[str, float]:
        n = self.n or 1
        answered = self.with_answer or 1
        return {
            "n": self.n,
            "recall@1": self.r1 / n,
            "recall@3": self.r3 / n,
            "recall@5": self.r5 / n,
            "mrr@10": self.rr / n,
            "precision@3": self.p3 / n,
            "precision@5": self.p5 / n,
            "answers": self.with_answer,
            "visible_private": self.visible_private / answered,
            "visible_group": self.visible_group / answered,
            "false_corrections": self.false_corrections,
            "correctly_typed": self.correct_typed,
        }


# A span in Latin letters of at least this length may stand for a name read in pinyin.
_LATIN_SPAN = re.compile(r"[a-z]{6,}")


def holds(shown: str, span: str) -> bool:
    """Whether ``shown`` (stripped, see :func:`strip`) holds ``span`` (stripped): as written,
    or, for a span of Latin letters alone, as whole syllables of ``shown`` read in toneless
    pinyin (TANG Zhongchao in 汤中超, never "angzh" across two syllables)."""
    if not span:
        return False
    if span in shown:
        return True
    if not _LATIN_SPAN.fullmatch(span):
        return False
    syllables = _syllables(shown)
    for start in range(len(syllables)):
        read = ""
        for syllable in syllables[start:]:
            read += syllable
            if not span.startswith(read):
                break
            if read == span:
                return True
    return False


@lru_cache(maxsize=4096)
def _syllables(shown: str) -> tuple[str, ...]:
    # Imported here: the pypinyin package loads its phrase dictionaries on import (some 55
    # MB), and every bench imports this module, the bot-path one measuring peak memory too.
    from pypinyin import lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(shown))


def _relevant(hits: list[Hit], spans: list[str]) -> list[bool]:
    return [any(holds(shown_text(h), s) for s in spans) for h in hits]


def _count(tally: _Tally, case: Case, result: SearchResult) -> dict[str, Any] | None:
    spans = [strip(e) for e in case.evidence]
    flags = _relevant(result.hits[:10], spans)
    first = next((i + 1 for i, f in enumerate(flags) if f), None)
    tally.n += 1
    tally.r1 += first == 1
    tally.r3 += first is not None and first <= 3
    tally.r5 += first is not None and first <= 5
    tally.rr += 1 / first if first else 0.0
    tally.p3 += sum(flags[:3]) / 3
    tally.p5 += sum(flags[:5]) / 5
    if case.kind != "typo":
        tally.correct_typed += 1
        tally.false_corrections += result.corrected is not None
    miss = None if first is not None and first <= 5 else {"rank": first}
    # The sealed set names the fact; the dev set only its evidence, which must show whole.
    answers = [strip(case.answer)] if case.answer else spans
    if answers:
        tally.with_answer += 1
        private_text = rendered_text(result, View("zh-Hans", group=False))
        group_text = rendered_text(result, View("zh-Hans", group=True))
        private = any(holds(private_text, a) for a in answers)
        group = any(holds(group_text, a) for a in answers)
        tally.visible_private += private
        tally.visible_group += group
        if not group:
            miss = {**(miss or {}), "hidden_in_group": True, "private": private}
    if miss is None:
        return None
    return {"id": case.id, "kind": case.kind, "query": case.query, **miss}


async def evaluate_set(library: Library, cases: list[Case]) -> dict[str, Any]:
    """The figures above, overall and per kind, plus the questions that missed."""
    overall = _Tally()
    by_kind: defaultdict[str, _Tally] = defaultdict(_Tally)
    misses: list[dict[str, Any]] = []
    abstained = unanswerable = lost = 0
    for case in cases:
        result = await library.search(case.query, 10)
        if case.kind == UNANSWERABLE:
            unanswerable += 1
            abstained += not result.hits
            continue
        lost += result.uncovered
        for tally in (overall, by_kind[case.kind]):
            miss = _count(tally, case, result)
        if miss:
            misses.append(miss)
    return {
        "overall": overall.as_dict(),
        "kinds": {k: v.as_dict() for k, v in sorted(by_kind.items())},
        "unanswerable": {"n": unanswerable, "abstained": abstained, "lost": lost},
        "misses": misses,
    }
