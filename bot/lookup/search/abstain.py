"""Whether the documents answer a question at all.

Search always finds *something*: a question about the Asian Development Bank still matches
passages on 银行 and 总部. When the best passages hold too little of the question, search
answers that the documents do not cover it, rather than showing confident noise. Two signs
decide, both read off the first page (:attr:`RankingConfig.abstain_depth` passages):

1. **A name the documents never mention (on).** The question holds a word the corpus never
   writes that the general dictionary knows as the name of a place or organisation
   (:mod:`bot.lookup.text.names`: 土耳其, 亚洲开发银行, 旧金山), no candidate passage holds
   it, and no passage comes close to the question in meaning: the most similar one stands
   less than :attr:`RankingConfig.abstain_name_standing` standard deviations above the
   corpus (:meth:`SemanticIndex.standing`). What the documents never name, they say nothing
   about; but a question may name what they discuss by another name (a city for its
   country's government, a nickname), and then a passage says what it asks in other words
   and stands out. An ordinary word the corpus lacks (为啥, 档次) is only the asker's wording
   and decides nothing. A summit of the body ``corpus/summits.toml`` numbers, named by a
   year or number past the last it lists (2026年金砖峰会, 第十七次领导人会晤), is such a
   thing too: the table tells the summits up to the last before the documents were written.
   So is the holder of a post a who-question asks for (亚投行现任行长是谁) when no passage
   writes the post beside what it is a post of (:mod:`bot.lookup.search.posts`).
   Without the semantic layer the sign is off: names alone lost two questions of the sealed
   set the documents answer.
2. **Too little of the question, in words and in meaning (off).** ``cover`` is the largest
   share of the question's concept weight one passage holds (as ranking counts it, 0 to 1);
   ``standing`` is the best passage's standing as above. The question is not covered when
   ``cover + abstain_similarity_weight * standing < abstain_floor``; with the semantic layer
   off, when ``cover < abstain_lexical_floor``.

The constants were fitted on the development questions (``tests/data/queries.jsonl``: those
the documents answer and 38 of kind ``unanswerable``), never on the sealed set
(``python -m devtools.bench.abstention`` prints the scores and the fit). The standing under
which a name abstains lies a margin (0.1) above the highest of the unanswerable questions
that name something unheld: a question naming such a thing whose meaning a passage holds
better than any of those is taken for a paraphrase. Each coverage floor lies the margin
below the lowest score of any question the documents answer.

As shipped (sign 1), "not in the documents" answers 15 of the 38 development questions of
that kind (6 by a name, 3 by a later summit, 6 by a post), 11 of 40 of the second fresh set
and 4 of 16 of the sealed set, and loses no question the documents answer on any set (248
development, 60 and 60 fresh, 345 sealed).
Sign 2 as fitted adds 2 development questions, none of the fresh or sealed ones, and loses 2
sealed questions the documents answer: the development questions, tuned on, score higher
than new ones do. The rest of the questions the documents cannot answer name things they do
hold and ask what they never say of them (阿根廷's refusal, the theme of a conference but
not its place): telling those apart needs more than which words the first page holds.
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

    def names_the_unheld(self, ranking: RankingConfig) -> bool:
        """Whether the question names a thing the documents never do and no passage comes
        close to it in meaning (sign 1 of the module docstring)."""
        return (
            ranking.abstain_names
            and self.unheld_name is not None
            and self.standing is not None
            and self.standing < ranking.abstain_name_standing
        )

    def covered(self, ranking: RankingConfig) -> bool:
        """Whether the passages found answer the question, as far as search can tell."""
        if self.names_the_unheld(ranking):
            return False
        floor = ranking.abstain_lexical_floor if self.standing is None else ranking.abstain_floor
        return floor <= 0.0 or self.score(ranking) >= floor  # a floor of 0: the sign is off
