"""Whether the documents answer a question at all.

Search always finds *something*: a question about the Asian Development Bank still matches
passages on 银行 and 总部. When the best passages hold too little of the question, search
answers that the documents do not cover it, rather than showing confident noise. Two signs
decide, both read off the first page (:attr:`RankingConfig.abstain_depth` passages):

1. **A name the documents never mention.** The question holds a word the corpus never
   writes that the general dictionary knows as the name of a place or organisation
   (:mod:`bot.lookup.text.names`: 土耳其, 亚洲开发银行, 旧金山), and no candidate passage
   holds it. What the documents never name, they say nothing about. An ordinary word the
   corpus lacks (为啥, 档次) is only the asker's wording and decides nothing.
2. **Too little of the question, in words and in meaning.** ``cover`` is the largest share of
   the question's concept weight one passage holds (as ranking counts it, 0 to 1);
   ``standing`` is how far the most similar passage stands above the corpus in cosine
   similarity, in standard deviations (:meth:`SemanticIndex.standing`). The question is
   not covered when ``cover + abstain_similarity_weight * standing < abstain_floor``; with
   the semantic layer off, when ``cover < abstain_lexical_floor``.

The constants were fitted on the development questions (``tests/data/queries.jsonl``: those
the documents answer and 38 of kind ``unanswerable``), never on the sealed set: each floor
lies a margin (0.1) below the lowest score of any question the documents answer, so that none
of them is lost (``python -m devtools.bench.abstention`` prints the scores and the fit). On
the development set the fitted rule answers 10 of the 38 "not in the documents" (6 by a
name, 4 by the score) and loses none. On the sealed set it answered 1 of 16 so and lost 8 of
345 questions the documents answer (names alone: 1 of 16, and lost 2): the development
questions, tuned on, score higher than new ones do, and a sealed paraphrase may name a thing
by a name the text never uses. So every sign is off in :class:`RankingConfig` until a
signal that tells a question the documents do not answer from one they answer in other words
holds on new questions; ``bench`` keeps measuring the rule as fitted
(``devtools.bench.answers``), and turning it on is one line of configuration.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.lookup.search.ranking_config import RankingConfig


@dataclass(frozen=True, slots=True)
class Support:
    """What the first page of a question's ranking holds of it (see the module docstring)."""

    cover: float  # the largest share of the question's concept weight one passage holds
    standing: float | None  # the most similar passage's cosine, in SDs above the corpus mean
    unheld_name: str | None  # a name the question holds and no passage does

    def score(self, ranking: RankingConfig) -> float:
        """Coverage, with the semantic standing added when the layer is on."""
        if self.standing is None:
            return self.cover
        return self.cover + ranking.abstain_similarity_weight * self.standing

    def covered(self, ranking: RankingConfig) -> bool:
        """Whether the passages found answer the question, as far as search can tell."""
        if ranking.abstain_names and self.unheld_name is not None:
            return False
        floor = ranking.abstain_lexical_floor if self.standing is None else ranking.abstain_floor
        return floor <= 0.0 or self.score(ranking) >= floor  # a floor of 0: the sign is off
