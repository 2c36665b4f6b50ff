"""What does the corpus say about X: an extractive summary of two to four cited sentences.

Topic queries go through the search core for the best passages; their eligible sentences
(see :mod:`bot.lookup.summary.sentpool`) are scored by relevance (weighted coverage of the query's
concepts), TextRank centrality among themselves and the rank of their passage, then picked
for diversity within 300 characters (:mod:`bot.lookup.summary.textrank`) and put back in reading
order, document by document. A query that names a document or an article
(:mod:`bot.lookup.search.scope`) summarises that instead: a journal article by its own 〔提要〕
abstract, anything else by its most central sentences.

Sentences are copied verbatim from the display text, never cut or reworded. The relevance
threshold: at least one sentence among the best passages must mention concepts carrying
:data:`RELEVANT` of the query's weight (concepts are weighted by rarity, so a rare word the
corpus never uses outweighs a common one it always does). Below that the summary is empty:
summarising the nearest noise would be worse than saying nothing was found. One sentence is
returned when only one is relevant.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from cachetools import FIFOCache

from bot.lookup.handle import IndexHandle
from bot.lookup.results import Summary, SummarySentence
from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.search.scope import Catalog, Scope, load_catalog, resolve
from bot.lookup.summary.sentpool import Sentence, SentencePool, build_pool, index_token
from bot.lookup.summary.sentscore import ConceptMatcher, form_factor, gist_bonus, states_fact
from bot.lookup.summary.textrank import Graph, centroid_scores, pagerank, select
from bot.lookup.text import wordlists

RELEVANT = 0.7  # share of the query's concept weight one sentence must mention
KEEP = 0.5  # candidates covering less than this share are left out of the graph
CONTEXT_CREDIT = 0.6  # coverage credited to a sentence whose passage covers the query
TOP_PASSAGES = 20  # best-ranked passages whose sentences are considered
MAX_CANDIDATES = 50  # bounds the similarity graph (and the latency)
FACT_BONUS = 0.1  # a dated or counted fact is what a summary is for
FLOOR = 0.5  # after two sentences, stop below this share of the best score
# Words that ask for a summary rather than name its subject.
ASKING = wordlists.load("summary_requests")


@dataclass(slots=True)
class _State:
    """What one library needs for summaries of one index state."""

    token: str
    pool: SentencePool
    catalog: Catalog
    gists: dict[str, list[Sentence]] = field(default_factory=dict)


# The pool depends only on the indexed text, so libraries on the same index share it; the
# catalog also depends on each library's alias table, so it is kept per library. Pools are
# kept for the two index states built last; the one built first goes first.
_POOLS_KEPT = 2
_POOLS: FIFOCache[str, SentencePool] = FIFOCache(_POOLS_KEPT)
_STATES: weakref.WeakKeyDictionary[IndexHandle, _State] = weakref.WeakKeyDictionary()


async def summarize(library: IndexHandle, query: str) -> Summary:
    """Summarise what the corpus says about ``query`` in two to four cited sentences.

    Args:
        library: The open corpus.
        query: A topic, a question, or the title, author or id of a document or article.
            Any input is accepted; odd input yields an empty summary, never an error.

    Returns:
        The summary; ``sentences`` is empty when nothing in the corpus is relevant, and
        ``scope`` holds the title of the document or article the query named, if any.
    """
    parsed = library.searcher.parser.parse(query)
    concepts = [c for c in parsed.concepts if c.term not in ASKING]
    state = await _state(library)
    scope = resolve(parsed.cleaned, concepts, state.catalog)
    if scope is not None:
        picked = _scoped(state, scope)
    else:
        picked = await _topical(library, state.pool, parsed, concepts)
    sentences = [SummarySentence(s.text, s.pid, s.doc, s.title) for s in picked]
    return Summary(
        query=query,
        summary="".join(s.text for s in sentences),
        sentences=sentences,
        corrected=parsed.corrected,
        scope=scope.title if scope else None,
    )


async def warm(library: IndexHandle) -> None:
    """Build the sentence pool now (about a second), so the first summary is fast too."""
    await _state(library)


async def _state(library: IndexHandle) -> _State:
    token = await index_token(library.conn)
    state = _STATES.get(library)
    if state is not None and state.token == token:
        return state
    pool = _POOLS.get(token)
    if pool is None:
        # Two first calls at once may both build; the result is the same either way.
        pool = _POOLS[token] = await build_pool(library.conn, token)
    state = _State(token, pool, await load_catalog(library.conn, library.searcher.parser))
    _STATES[library] = state
    return state


async def _topical(
    library: IndexHandle, pool: SentencePool, parsed: ParsedQuery, concepts: list[Concept]
) -> list[Sentence]:
    if not concepts:
        return []
    query = ParsedQuery(parsed.original, parsed.cleaned, concepts, parsed.corrected)
    ranked = await library.searcher.rank(query)
    rank = {c.id: n for n, c in enumerate(c for c in ranked if c.id in pool.by_passage)}
    cands = pool.of_passages(p for p, n in rank.items() if n < TOP_PASSAGES)
    prior = [1.0 / (1.0 + rank[s.passage] / 4) for s in cands]
    return _relevant(pool, cands, concepts, prior)


def _relevant(
    pool: SentencePool, cands: list[Sentence], concepts: Sequence[Concept], prior: list[float]
) -> list[Sentence]:
    """The best diverse sentences among ``cands`` that are about ``concepts``, if any are."""
    matcher = ConceptMatcher(concepts)
    own = [matcher.cover(s.folded) for s in cands]
    if not cands or max(own) < RELEVANT:
        return []
    # The sentence right after one about the topic may go on about it without repeating its
    # name ("the bank", "it"): partial credit keeps it in the running.
    cover = list(own)
    for i in range(1, len(cands)):
        if cands[i].passage == cands[i - 1].passage and cands[i].index == cands[i - 1].index + 1:
            cover[i] = max(own[i], CONTEXT_CREDIT * own[i - 1])
    keep = sorted(
        (i for i, c in enumerate(cover) if c >= KEEP), key=lambda i: (-cover[i], -prior[i])
    )[:MAX_CANDIDATES]
    kept = [cands[i] for i in keep]
    graph = Graph.build(pool, kept)
    central = pagerank(graph)
    scores = [
        (
            0.4 * cover[i]
            + 0.3 * central[k]
            + 0.15 * prior[i]
            + 0.1 * matcher.leads(cands[i].folded)
            + 0.05 * (cands[i].kind == "abstract")
            + FACT_BONUS * states_fact(cands[i].text)
        )
        * form_factor(cands[i])
        for k, i in enumerate(keep)
    ]
    return _pick(kept, scores, graph)


def _scoped(state: _State, scope: Scope) -> list[Sentence]:
    sentences = [
        s
        for s in state.pool.sentences
        if s.doc_id == scope.doc_id and scope.article_id in (None, s.article_id)
    ]
    if scope.rest:
        # Something about the named document: earlier sentences win ties.
        prior = [1.0 - n / (len(sentences) + 1) for n in range(len(sentences))]
        return _relevant(state.pool, sentences, scope.rest, prior)
    if scope.key not in state.gists:
        state.gists[scope.key] = _gist(state.pool, sentences)
    return state.gists[scope.key]


def _gist(pool: SentencePool, sentences: list[Sentence]) -> list[Sentence]:
    """A document's or article's summary: its 提要 abstract, else its central sentences."""
    abstract = [s for s in sentences if s.kind == "abstract"]
    if abstract:
        firsts = {s.passage: s for s in reversed(abstract)}.values()
        graph = Graph.build(pool, abstract)
        central = pagerank(graph)
        scores = [0.6 * c + 0.4 * (s in firsts) for s, c in zip(abstract, central, strict=True)]
        # Every sentence of an abstract is summary material: fill the budget.
        return _pick(abstract, scores, graph, floor=0.0)
    if not sentences:
        return []
    # A whole document is too large for a similarity graph: the centroid stands in for it.
    central = centroid_scores(pool, sentences)
    opening = {s.passage for s in sentences[:3]}
    scores = [
        (c + gist_bonus(s, opening)) * form_factor(s)
        for s, c in zip(sentences, central, strict=True)
    ]
    top = sorted(range(len(sentences)), key=lambda i: -scores[i])[:MAX_CANDIDATES]
    kept = [sentences[i] for i in top]
    return _pick(kept, [scores[i] for i in top], Graph.build(pool, kept))


def _pick(
    kept: list[Sentence], scores: list[float], graph: Graph, floor: float = FLOOR
) -> list[Sentence]:
    top = max(scores, default=0.0)
    chosen = select(kept, scores, lambda i, j: graph.sims[i][j], floor=floor * top)
    return reading_order([kept[i] for i in chosen])


def reading_order(picked: list[Sentence]) -> list[Sentence]:
    """Group sentences by document (best document first), then in reading order."""
    first: dict[int, int] = {}
    for n, sentence in enumerate(picked):
        first.setdefault(sentence.doc_id, n)
    return sorted(picked, key=lambda s: (first[s.doc_id], s.order))
