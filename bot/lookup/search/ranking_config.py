"""The numbers search ranks by, in one place.

Every weight, bonus, threshold and budget of the ranking (the candidate query and final
score in :mod:`bot.lookup.search.searcher`, the concept weights of
:mod:`bot.lookup.search.query`) is a field of :class:`RankingConfig`; the defaults are the
tuned values. A bench varies one at a time::

    Searcher(conn, parser, RankingConfig(answer_bonus=0.0))

A passage's final score is ``coverage_weight * coverage² + bm25 / best bm25 + priors +
bonuses``, where coverage is the share of the query's concept weight the passage holds
(0 to 1); "points" below are units of that score. With semantic search on, that order is then
fused with the passages' cosine similarity to the question
(:mod:`bot.lookup.search.semantic.fusion`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class RankingConfig:
    """Weights, bonuses, thresholds and budgets of passage ranking; see the module docstring."""

    # Candidates: what bm25 hands to the final score.
    #: Passages bm25 selects for the final score to order (count).
    candidates: int = 100
    #: bm25 weights of the words, grams, title and section columns (multipliers).
    bm25_weights: tuple[float, float, float, float] = (1.0, 0.7, 0.6, 0.8)
    #: Concepts in at least this share of passages select no candidates when rarer ones do (0-1).
    common_share: float = 0.2
    #: Matching rows bm25 may score per query before only rare concepts select (passages).
    match_budget: int = 10_000

    # The final score.
    #: Weight of the squared concept coverage (points at full coverage).
    coverage_weight: float = 2.0
    #: Credit of a concept named only by the passage's title or headings (share of a body match).
    head_credit: float = 0.5
    #: Credit of a concept whose sub-words all stand in the body (share of a full match).
    part_credit: float = 0.6
    #: Added to a footnote's score unless the query asks for a source (points).
    footnote_prior: float = -0.5
    #: Text passages from the first whose cited footnote joins the ranking just above them,
    #: for a question asking where a statement comes from (count; 0: none).
    cited_note_depth: int = 3
    #: Added to an abstract in the query's language (points).
    abstract_prior: float = 0.15
    #: Added to a document's first passage, falling to 0 at ``opening_passages`` (points).
    opening_prior: float = 0.08
    #: Passages from the start of a document that earn part of ``opening_prior`` (count).
    opening_passages: int = 10
    #: Multiplies the abstract and opening priors when the query names an author (factor).
    author_scale: float = 10.0
    #: Added to English text for an English query, taken from text without CJK otherwise (points).
    english_preference: float = 0.3
    #: Added when a date or count the question asks for stands near the weightiest concept of
    #: the question that the passage holds (points).
    answer_bonus: float = 0.3
    #: How near the answer must stand, on either side of the concept (characters).
    answer_window: int = 40

    # Semantic search (when an encoder is loaded): min-max fusion with the cosine similarity.
    #: Share of the cosine in the fused score of a question's passages; the lexical score
    #: has the rest (0-1). The encoder reads a question's meaning, which its words may not
    #: share with the passage that answers (paraphrases, English questions).
    semantic_weight: float = 0.55
    #: The same share for a topic: passages ranked for one (:meth:`Searcher.relevance`,
    #: which timelines read, where more meaning costs precision), or a query of at most
    #: ``topic_concepts`` concepts, a name or two whose words are all it says (0-1).
    topic_semantic_weight: float = 0.35
    #: Concepts up to which a query only names a topic (count).
    topic_concepts: int = 2
    #: Passages most similar to the question that join the lexical candidates, for an answer
    #: that shares no word with the question (count).
    semantic_neighbours: int = 10

    # Abstention (:mod:`bot.lookup.search.abstain`): "not in the documents" when the first page
    # holds too little of the question. On: a name the documents never write, while no passage
    # comes close in meaning (fitted on the development set, ``python -m
    # devtools.bench.abstention``; it loses no answerable question of any set). Off: the
    # coverage floors, which lost questions of the sealed set the documents do answer and
    # caught few new ones they do not (the module docstring has the figures). With every sign
    # on as fitted: :func:`with_abstention`.
    #: Passages from the first that must hold the question (count: a first page).
    abstain_depth: int = 5
    #: Weight of the best passage's semantic standing, in standard deviations (points per SD).
    abstain_similarity_weight: float = 0.4
    #: Coverage plus weighted standing under which a question is not covered; 0: off (points).
    abstain_floor: float = 0.0
    #: Coverage under which a question is not covered, semantic layer off; 0: off (0-1).
    abstain_lexical_floor: float = 0.0
    #: Whether a place or organisation the question names and no passage holds abstains (flag).
    abstain_names: bool = True
    #: Semantic standing of the most similar passage from which such a name is taken for the
    #: asker's wording rather than a thing the documents lack: the passage says what the
    #: question asks, by another name (SDs; without the semantic layer the sign is off).
    abstain_name_standing: float = 2.42
    #: Characters within which a passage must write a post beside the name of what it is a
    #: post of (亚投行首任行长) to say who holds it (:mod:`bot.lookup.search.posts`; count).
    abstain_post_window: int = 8

    # Concept weights given by the query parser (a Chinese word weighs its idf, about 1 to 7).
    #: Weight of a word in Latin letters (concept weight).
    latin_weight: float = 2.0
    #: Weight of an English word known only from the dictionary, times the weight its
    #: translations have (at most ``latin_weight``); an alias-named word keeps it all (factor).
    glossed_scale: float = 0.75
    #: Weight of a bare number, mostly a year: it narrows the topic, rarely is it (concept weight).
    number_weight: float = 1.0
    #: Weight of a Chinese word the corpus lacks, times the idf of an unseen word (factor).
    unknown_weight: float = 0.8
    #: Weight of a numbered summit named by its year, as specific as a name (concept weight).
    summit_weight: float = 6.0
    #: Share of passages a summit concept is taken to match, so that it selects (0-1).
    summit_share: float = 0.01
    #: Length from which a word's sub-words earn ``part_credit`` (characters).
    compound_length: int = 3

    @property
    def abstains(self) -> bool:
        """Whether any sign of abstention is on."""
        return self.abstain_names or self.abstain_floor > 0 or self.abstain_lexical_floor > 0

    def __post_init__(self) -> None:
        counts = (
            "candidates",
            "match_budget",
            "opening_passages",
            "compound_length",
            "abstain_depth",
            "abstain_post_window",
        )
        for name in counts:
            if getattr(self, name) < 1:
                raise ValueError(f"RankingConfig.{name} must be at least 1")
        positive = (
            "answer_window",
            "abstain_similarity_weight",
            "abstain_name_standing",
            "topic_concepts",
            "cited_note_depth",
            "semantic_neighbours",
        )
        for name in positive:
            if getattr(self, name) < 0:
                raise ValueError(f"RankingConfig.{name} must not be negative")
        shares = (
            "common_share",
            "summit_share",
            "head_credit",
            "part_credit",
            "semantic_weight",
            "topic_semantic_weight",
            "abstain_lexical_floor",
        )
        for name in shares:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"RankingConfig.{name} must be between 0 and 1")
        if len(self.bm25_weights) != 4:
            raise ValueError("RankingConfig.bm25_weights needs one weight per indexed column (4)")


DEFAULT_RANKING = RankingConfig()


def with_abstention(ranking: RankingConfig) -> RankingConfig:
    """``ranking`` with every sign of abstention on, as fitted on the development set
    (:mod:`bot.lookup.search.abstain`), for the bench and for turning it on."""
    return replace(ranking, abstain_floor=1.07, abstain_lexical_floor=0.23, abstain_names=True)
