"""How the abstention constants were fitted: ``python -m devtools.bench.abstention``.

For every development question (``tests/data/queries.jsonl``; never the sealed set) this
reads what search's first page holds of it (:meth:`Searcher.support`) and prints, with the
semantic layer on and off:

- each question's score (coverage plus weighted semantic standing; coverage alone without
  the layer), lowest first, marked ``U`` when the documents cannot answer it;
- the lowest score of a question the documents answer, and the floor that leaves
  :data:`MARGIN` below it (the value to give ``RankingConfig.abstain_floor`` or
  ``abstain_lexical_floor``);
- the highest semantic standing of an unanswerable question that names something no passage
  holds, and the standing :data:`MARGIN` above it under which such a name abstains (the
  value to give ``RankingConfig.abstain_name_standing``);
- how many unanswerable questions each sign catches at the floors as fitted
  (:func:`~bot.lookup.search.ranking_config.with_abstention`; the name sign is on by
  default, the floors off), and how many questions the documents answer it loses (must be 0).

The similarity weight was chosen the same way: among 0.2 to 0.5 the weight that, at its own
floor, catches the most unanswerable questions.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.lookup.library import Library
from bot.lookup.search.abstain import Support
from bot.lookup.search.ranking_config import RankingConfig, with_abstention
from devtools.bench.answers import UNANSWERABLE, Case, load_cases

DEV = Path(__file__).resolve().parents[2] / "tests" / "data" / "queries.jsonl"
MARGIN = 0.1  # below the lowest answerable score, for questions the dev set does not hold


@dataclass(frozen=True, slots=True)
class Fit:
    lowest_answerable: float  # the lowest score of a question the documents answer
    floor: float  # that less the margin
    name_standing: float | None  # the highest standing of an unanswerable unheld name + margin
    caught_by_name: int  # unanswerable questions that name something the documents never do
    caught_by_score: int  # unanswerable questions scoring below the floor as fitted
    caught: int  # by either sign
    unanswerable: int
    lost: int  # answerable questions the fitted rule abstains on (must be 0)


def fit(cases: list[Case], supports: list[Support], ranking: RankingConfig, floor: float) -> Fit:
    """The fit of one mode (semantic on or off), and the rule at the fitted ``floor``."""
    pairs = zip(cases, supports, strict=True)
    scores = [(c.kind == UNANSWERABLE, s, s.score(ranking)) for c, s in pairs]
    lowest = min(score for unanswerable, _, score in scores if not unanswerable)
    named = [s.names_the_unheld(ranking) for u, s, _ in scores if u]
    low = [score < floor for u, _, score in scores if u]
    standings = [s.standing for u, s, _ in scores if u and s.unheld_name and s.standing]
    return Fit(
        lowest,
        lowest - MARGIN,
        max(standings) + MARGIN if standings else None,
        sum(named),
        sum(low),
        sum(a or b for a, b in zip(named, low, strict=True)),
        len(named),
        sum(not s.covered(ranking) for u, s, _ in scores if not u),
    )


async def supports(library: Library, cases: list[Case]) -> list[Support]:
    return [await library.searcher.support(case.query) for case in cases]


async def main(db_path: Path, corpus: Path) -> None:
    from bot.lookup.search.semantic.encoder import load_encoder

    library = await Library.open(db_path, corpus, encoder=load_encoder())
    try:
        await library.embedding_done()
        cases = load_cases(DEV)
        ranking = with_abstention(library.searcher.ranking)
        modes = [("semantic", ranking.abstain_floor)] if library.semantic else []
        modes.append(("lexical", ranking.abstain_lexical_floor))
        for mode, floor in modes:
            if mode == "lexical":
                library.searcher.use_semantic(None)
            found = await supports(library, cases)
            result = fit(cases, found, ranking, floor)
            print(f"## {mode}: {result}")
            rows = sorted(zip(cases, found, strict=True), key=lambda pair: pair[1].score(ranking))
            for case, support in rows[:60]:
                mark = "U" if case.kind == UNANSWERABLE else "."
                name = f" name={support.unheld_name}" if support.unheld_name else ""
                if support.standing is not None:
                    name += f" standing={support.standing:.2f}"
                print(f"{mark} {support.score(ranking):.3f} {case.id} {case.query}{name}")
    finally:
        await library.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    db = Path(args[0]) if args else Path("data/index.sqlite3")
    asyncio.run(main(db, Path("corpus")))
