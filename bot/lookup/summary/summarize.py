"""What does the corpus say about X: an extractive summary of two to four cited sentences.

Framing words are taken out of the topic first and kept as the request's intent
(:mod:`bot.lookup.summary.intent`): "金砖扩员的来龙去脉" is the summary of 金砖扩员 (the
same sentences) told as a dated progression. Topic queries go through the search core for
the best passages; their eligible sentences (see :mod:`bot.lookup.summary.sentpool`) are
scored for coverage of the topic, the source they come from (with the semantic layer, how
close their passage stands to the topic in meaning) and the facts they state
(:mod:`bot.lookup.summary.relevance`), then picked for diversity within 400 characters
(:mod:`bot.lookup.summary.textrank`) and put back in reading order, document by document
(a progression in date order). A query that names a document or an article
(:mod:`bot.lookup.search.scope`) summarises that instead: a journal article by its own 〔提要〕
abstract, anything else by its most central sentences.

Sentences are copied verbatim from the display text, never cut or reworded. The relevance
threshold: at least one sentence among the best passages must mention concepts carrying
:data:`~bot.lookup.summary.relevance.RELEVANT` of the query's weight (concepts are weighted
by rarity, so a rare word the corpus never uses outweighs a common one it always does).
Below that the summary is empty: summarising the nearest noise would be worse than saying
nothing was found. One sentence is returned when only one is relevant.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import takewhile

from cachetools import FIFOCache

from bot.lookup.handle import IndexHandle
from bot.lookup.results import Summary, SummarySentence
from bot.lookup.search.query import Concept, ParsedQuery
from bot.lookup.search.scope import Catalog, Scope, load_catalog, resolve
from bot.lookup.search.searcher import Searcher
from bot.lookup.search.semantic.index import topic_text
from bot.lookup.summary.intent import (
    ASKING,
    Intent,
    conjuncts,
    lighten,
    read_intent,
    read_request,
    unglue,
)
from bot.lookup.summary.relevance import (
    MAX_CANDIDATES,
    THESIS,
    dense_sections,
    more_passages,
    relevant,
)
from bot.lookup.summary.sentpool import Sentence, SentencePool, build_pool, index_token
from bot.lookup.summary.sentscore import (
    ConceptMatcher,
    first_year,
    form_factor,
    gist_bonus,
    information,
    thesis,
)
from bot.lookup.summary.textrank import Graph, centroid_scores, pagerank, select
from bot.lookup.text.script import to_simplified

TOP_PASSAGES = 20  # best-ranked passages whose sentences are considered
FLOOR = 0.5  # after two sentences, stop below this share of the best score
GIST_INFO = 0.15  # a document's summary states its facts, not only its central claims
ONE_SIDE = 0.9  # a sentence on one of two joined topics, beside one on both
MIN_INTRODUCTION = 2  # sentences an introduction needs to stand for an abstract


@dataclass(slots=True)
class _State:
    """What one library needs for summaries of one index state."""

    token: str
    pool: SentencePool
    catalog: Catalog
    predicates: frozenset[str] = frozenset()
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
        typed = library.searcher.parser.segmenter.cut(parsed.cleaned)
        intent, topic = read_request(concepts, typed, parsed.asks)
        # Framing words alone ("意义") are the topic after all.
        topic = unglue(topic or concepts)
        picked = await _topical(library, state.pool, parsed, topic, intent)
        light = lighten(topic, state.predicates)
        if not picked and light != topic:
            # No sentence says both the subject and the question's verb: the subject then.
            picked = await _topical(library, state.pool, parsed, light, intent)
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
    parser = library.searcher.parser
    predicates = await asyncio.to_thread(parser.segmenter.predicates)
    state = _State(token, pool, await load_catalog(library.conn, parser), predicates)
    _STATES[library] = state
    return state


async def _topical(
    library: IndexHandle,
    pool: SentencePool,
    parsed: ParsedQuery,
    concepts: list[Concept],
    intent: Intent,
) -> list[Sentence]:
    if not concepts:
        return []
    names = library.searcher.parser.segmenter.names()
    # The whole request, and each topic it joins (sentences naming both stay first).
    sides = [concepts, *(conjuncts(concepts, to_simplified(parsed.cleaned), names) or [])]
    found = await asyncio.gather(*(_scored(library, pool, parsed, side, intent) for side in sides))
    if len(found) == 1:
        return _chosen(*found[0], intent)
    # Each joined topic has its say: scores relative to each topic's best, one graph for all.
    best: dict[int, tuple[Sentence, float]] = {}
    for n, (kept, scores, _) in enumerate(found):
        top = (max(scores, default=0.0) or 1.0) / (1.0 if n == 0 else ONE_SIDE)
        for sentence, score in zip(kept, scores, strict=True):
            if sentence.index not in best or best[sentence.index][1] < score / top:
                best[sentence.index] = (sentence, score / top)
    union = sorted(best.values(), key=lambda pair: -pair[1])[:MAX_CANDIDATES]
    kept = [sentence for sentence, _ in union]
    return _chosen(kept, [score for _, score in union], Graph.build(pool, kept), intent)


async def _scored(
    library: IndexHandle,
    pool: SentencePool,
    parsed: ParsedQuery,
    concepts: list[Concept],
    intent: Intent,
) -> tuple[list[Sentence], list[float], Graph]:
    """The candidate sentences about ``concepts``, their scores and similarity graph."""
    query = ParsedQuery(parsed.original, parsed.cleaned, concepts, parsed.corrected)
    ranked, meaning = await asyncio.gather(
        library.searcher.rank(query), _meaning(library.searcher, query)
    )
    rank = {c.id: n for n, c in enumerate(c for c in ranked if c.id in pool.by_passage)}
    best = [p for p, n in rank.items() if n < TOP_PASSAGES]
    # The rest of a section search ranked densely stands just after what it ranked best.
    dense = [p for p in dense_sections(pool, best) if rank.get(p, TOP_PASSAGES) >= TOP_PASSAGES]
    for p in dict.fromkeys(dense):
        rank[p] = TOP_PASSAGES
        best.append(p)
    # What search ranked lower or missed comes after what it ranked best.
    # One matcher for both: what it learns of titles and headings serves twice.
    matcher = ConceptMatcher(concepts)
    for p in more_passages(pool, concepts, set(best), matcher):
        rank[p] = max(rank.get(p, TOP_PASSAGES), TOP_PASSAGES)
        best.append(p)
    cands = pool.of_passages(best)
    prior = [1.0 / (1.0 + rank[s.passage] / 4) for s in cands]
    similar = meaning(best) if meaning is not None else None
    return relevant(pool, cands, concepts, prior, intent, similar, matcher)


async def _meaning(
    searcher: Searcher, topic: ParsedQuery
) -> Callable[[list[int]], dict[int, float]] | None:
    """How far passages stand out in meaning for the topic (in standard deviations; None
    without the semantic layer). The topic is read without its framing words, so 新开发银行
    and 新开发银行发展历程 weigh passages alike."""
    semantic = searcher.semantic
    if semantic is None:
        return None
    vector = await semantic.queries.vector(topic_text(topic))
    return partial(semantic.deviations, vector)


def _chosen(
    kept: list[Sentence], scores: list[float], graph: Graph, intent: Intent
) -> list[Sentence]:
    picked = _pick(kept, scores, graph)
    if intent.kind == "progression":
        # A progression reads in date order; undated sentences keep their place after.
        return sorted(picked, key=lambda s: (first_year(s.folded) or 9999, s.order))
    return picked


def _scoped(state: _State, scope: Scope) -> list[Sentence]:
    sentences = [
        s
        for s in state.pool.sentences
        if s.doc_id == scope.doc_id and scope.article_id in (None, s.article_id)
    ]
    intent, rest = read_intent(scope.rest)
    if rest:
        # Something about the named document: earlier sentences win ties.
        prior = [1.0 - n / (len(sentences) + 1) for n in range(len(sentences))]
        return _chosen(*relevant(state.pool, sentences, rest, prior, intent), intent)
    if scope.key not in state.gists:
        state.gists[scope.key] = _gist(state.pool, sentences)
    return state.gists[scope.key]


def _gist(pool: SentencePool, sentences: list[Sentence]) -> list[Sentence]:
    """A document's or article's summary: its 提要 abstract, else its introduction, else its
    central sentences, the ones stating facts first."""
    abstract = [s for s in sentences if s.kind == "abstract"] or _introduction(sentences)
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
        (c + gist_bonus(s, opening) + GIST_INFO * information(s.folded))
        * form_factor(s)
        * (THESIS if thesis(s.folded) else 1.0)
        for s, c in zip(sentences, central, strict=True)
    ]
    top = sorted(range(len(sentences)), key=lambda i: -scores[i])[:MAX_CANDIDATES]
    kept = [sentences[i] for i in top]
    return _pick(kept, [scores[i] for i in top], Graph.build(pool, kept))


def _introduction(sentences: list[Sentence]) -> list[Sentence]:
    """The text before the first heading, where an article without an abstract says what it
    is about and what it argues; nothing when the text has no headings at all (a web page)
    or opens with one (a report's 序言)."""
    opening = list(takewhile(lambda s: not s.section, sentences))
    if len(opening) == len(sentences):
        return []
    # What it says, not its announcement of itself (本文拟从…入手).
    said = [s for s in opening if not thesis(s.folded)]
    return said if len(said) >= MIN_INTRODUCTION else []


def _pick(
    kept: list[Sentence], scores: list[float], graph: Graph, floor: float = FLOOR
) -> list[Sentence]:
    if not kept:
        return []
    top = max(scores, default=0.0)
    chosen = select(kept, scores, lambda i, j: graph.sims[i][j], floor=floor * top)
    return reading_order([kept[i] for i in chosen])


def reading_order(picked: list[Sentence]) -> list[Sentence]:
    """Group sentences by document (best document first), then in reading order."""
    first: dict[int, int] = {}
    for n, sentence in enumerate(picked):
        first.setdefault(sentence.doc_id, n)
    return sorted(picked, key=lambda s: (first[s.doc_id], s.order))
