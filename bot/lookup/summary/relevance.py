"""Scoring the candidate sentences of a topic summary.

A good summary sentence is about the whole topic, comes from a text devoted to it, and
tells something: who, when, how much. Each candidate is scored on

* **coverage**: the share of the topic's concepts it names (see
  :class:`~bot.lookup.summary.sentscore.ConceptMatcher`: a list item, or a generic word
  used of something else, counts less; its section headings may complete it), with
  partial credit when the sentence before it or its heading names the topic (the
  sentence goes on about it without repeating the name);
* **centrality** among the candidates (TextRank), so an odd one out, where a query word
  is used in another context, does not lead;
* **the source**: how well its passage ranked, how far it stands out in meaning for the
  topic (with the semantic layer: a word used in another context does not), whether its
  article's title or its section heading names the topic, and how densely its article
  or document and its section return to the topic (a text devoted to one summit, not a
  report mentioning it once);
* **information**: dates, figures (any number stated), named documents, actions (成立,
  签署, 举行…), while a text's talk about itself (本文拟从…) or empty significance
  (具有重要现实意义) is ranked down; a long sentence is ranked down only a little, since
  the long ones are most often those listing dates and figures;
* **the intent**: a significance request wants the sentences saying what the topic brings,
  a question of how much or how many the figures. A progression (来龙去脉, 大事记) picks
  what the bare topic does, only told in date order: the topic's key facts are the same
  however the request frames them, and they are mostly dated already.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from bot.lookup.search.query import Concept
from bot.lookup.search.searcher import folded_forms
from bot.lookup.summary.intent import Intent
from bot.lookup.summary.sentpool import Sentence, SentencePool
from bot.lookup.summary.sentscore import (
    ConceptMatcher,
    brings,
    defines,
    figures,
    first_year,
    form_factor,
    information,
    numeric,
    thesis,
)
from bot.lookup.summary.textrank import Graph, pagerank

RELEVANT = 0.7  # share of the query's concept weight one sentence must mention
KEEP = 0.5  # candidates covering less than this share are left out of the graph
NAMES = 0.4  # share of the topic a sentence must name itself (headings aside) to be shown
# Below this share, a sentence of a text devoted to the topic that names some of it names only
# its common words (金砖 of 金砖国家科技创新合作): it speaks of them, not of the topic
SETTING = 0.2
MIN_NAMING = 2  # sentences naming the topic needed before the others are left out
CONTEXT_CREDIT = 0.6  # coverage credited to a sentence whose neighbour or heading names the topic
CHRONICLE = 0.9  # the same for the next dated sentence in a run of dated sentences
MAX_CANDIDATES = 40  # bounds the similarity graph (and the latency)
SECTION_FULL = 3  # passages on the topic that make a section devoted to it
DEVOTED_MAX = 64  # passages of an article short enough to read whole when its title names the topic
SCAN_PER_UNIT = 6  # passages naming the topic taken from each article beyond what search ranked
SECTION_READ = 12  # first passages read of a section whose headings name the topic
SECTIONS_MAX = 36  # passages read, in all, of sections whose headings name the topic
DENSE = 3  # passages among search's best that make their section one devoted to the topic
COMMON = 0.2  # share of passages above which a word is too common to scan for
PER_UNIT = 24  # candidates one article may hold, so that one long report cannot fill the graph
NAMED = 0.4  # share of a title the topic must make up for the text to be devoted to it
THESIS = 0.6  # factor for a sentence that frames rather than informs
# Weights of the score's parts (before the intent's bonus). Search's rank, closeness in
# meaning and a figure stated are what best tell the sentences holding a topic's key facts
# from commentary on it, on the development questions and on questions written later alike.
WEIGHTS = {
    "cover": 0.3,
    "central": 0.1,
    "rank": 0.15,
    "leads": 0.05,
    "info": 0.25,
    "head": 0.1,
    "density": 0.05,
    "section": 0.05,
    "abstract": 0.1,
    "similar": 0.25,
    "figure": 0.15,
}
# How much a sentence's form (length, a dangling opener) discounts its score: a long
# sentence here is most often one listing dates and figures, which a summary is for.
FORM = 0.3
MEANT = 3.0  # deviations of meaning that let a passage naming part of the topic be about it
SIMILAR_SCALE = 4.0  # standard deviations above the mean at which a passage is as close as can be
INTENT_BONUS = 0.15  # a consequence for a significance, a figure for a quantity, and so on


def relevant(
    pool: SentencePool,
    cands: list[Sentence],
    concepts: Sequence[Concept],
    prior: list[float],
    intent: Intent,
    similar: Mapping[int, float] | None = None,
    matcher: ConceptMatcher | None = None,
) -> tuple[list[Sentence], list[float], Graph]:
    """The candidates about ``concepts``, with their scores and similarity graph.

    Args:
        pool: The sentence pool the candidates come from.
        cands: Candidate sentences, in passage rank order.
        concepts: The topic.
        prior: Each candidate's passage rank prior (1 for the best passage).
        intent: What the request asks for beyond the topic.
        similar: How far each passage stands out in meaning for the topic, in standard
            deviations (see :meth:`~bot.lookup.search.semantic.index.SemanticIndex.deviations`);
            empty or None without the semantic layer.
        matcher: The matcher of ``concepts``, if one was made already (for
            :func:`more_passages`): what it learnt of the titles is reused.

    Returns:
        The kept candidates, their scores and their similarity graph; nothing at all when
        no candidate mentions enough of the topic to be about it.
    """
    matcher = matcher if matcher is not None else ConceptMatcher(concepts)
    # What each sentence names in its own words, and with its headings.
    plain, own = _covers(pool, cands, matcher)
    if not cands or not _on_the_topic(cands, own, similar):
        return [], [], Graph([])
    heads = _headings(pool, cands, matcher)
    cover = _with_context(cands, own, heads)
    eligible = [i for i, c in enumerate(cover) if c >= KEEP]
    eligible = _naming(pool, cands, matcher, plain, eligible)
    density, section = _support(pool, [cands[i] for i in eligible])
    significance = intent.kind == "significance"
    # What the topic is, or what it brings, is said in words more often than in figures.
    factual = intent.kind not in ("significance", "definition")
    base: dict[int, float] = {}
    factor: dict[int, float] = {}
    for n, i in enumerate(eligible):
        sentence = cands[i]
        parts = {
            "cover": cover[i],
            "rank": prior[i],
            "leads": matcher.leads(sentence.folded),
            "info": information(sentence.folded),
            "head": heads[i],
            "density": density[n],
            "section": section[n],
            "abstract": float(sentence.kind == "abstract"),
            "similar": _closeness(similar, sentence.passage),
            "figure": float(factual and numeric(sentence.folded)),
        }
        base[i] = sum(WEIGHTS[name] * value for name, value in parts.items())
        base[i] += INTENT_BONUS * cover[i] * _wanted(sentence, intent, matcher)
        factor[i] = (1.0 - FORM + FORM * form_factor(sentence)) * (
            THESIS if thesis(sentence.folded, significance=significance) else 1.0
        )
    # Everything but centrality first; the graph is built for the best candidates only.
    keep = _fair(cands, sorted(eligible, key=lambda i: -base[i] * factor[i]))
    kept = [cands[i] for i in keep]
    graph = Graph.build(pool, kept)
    central = pagerank(graph)
    scores = [(base[i] + WEIGHTS["central"] * central[k]) * factor[i] for k, i in enumerate(keep)]
    return kept, scores, graph


def _covers(
    pool: SentencePool, cands: list[Sentence], matcher: ConceptMatcher
) -> tuple[list[float], list[float]]:
    """Each candidate's cover without its headings, and with them."""
    plain, own = [], []
    for s in cands:
        alone, headed = matcher.covers(s.folded, partial(_around, pool, s), s.path)
        plain.append(alone)
        own.append(headed)
    return plain, own


def _on_the_topic(
    cands: list[Sentence], own: list[float], similar: Mapping[int, float] | None
) -> bool:
    """Whether the candidates speak of the topic: one sentence names
    :data:`RELEVANT` of it, or names :data:`KEEP` of it in a passage that stands
    :data:`MEANT` deviations out in meaning (援助…洪灾 said as 洪涝灾害…资金支持)."""
    if max(own) >= RELEVANT:
        return True
    if not similar:
        return False
    return any(
        cover >= KEEP and similar.get(s.passage, 0.0) >= MEANT
        for s, cover in zip(cands, own, strict=True)
    )


def _closeness(similar: Mapping[int, float] | None, passage: int) -> float:
    if not similar:
        return 0.0
    return min(1.0, max(0.0, similar.get(passage, 0.0) / SIMILAR_SCALE))


def _headings(pool: SentencePool, cands: list[Sentence], matcher: ConceptMatcher) -> list[float]:
    """How well each candidate's headings name the topic (1 in a text devoted to it).

    The opening of a text devoted to the topic gets no credit of its own: it sets the
    scene (a page on science cooperation in an enlarged BRICS opens on the expansion, an
    article on Japan's strategy on what the Global South is), and the facts about the
    topic come after it. An abstract (提要) is another matter: it says what the text found.
    """
    named = {u: _named(unit.names, matcher) for u, unit in pool.units.items()}
    sections = {
        (u, head): matcher.cover(head, partial(" ".join, pool.units[u].names))
        for u, head in {(s.unit, s.head) for s in cands}
    }
    return [max(float(named[s.unit]), sections[(s.unit, s.head)]) for s in cands]


def more_passages(
    pool: SentencePool,
    concepts: Sequence[Concept],
    known: set[int],
    matcher: ConceptMatcher | None = None,
) -> list[int]:
    """Passages beyond those search ranked: every text has its say.

    Search ranks a long report's hundred mentions of a topic above a short text devoted to
    it. So every passage of a short article or page whose title or topic names the topic
    is read (a web page devoted to one summit says most of what matters without repeating
    the summit's name), and from every article, the :data:`SCAN_PER_UNIT` passages with the
    most sentences naming the topic. A ``matcher`` of ``concepts`` made already is used.
    """
    matcher = matcher if matcher is not None else ConceptMatcher(concepts)
    out = [
        p
        for unit in pool.units.values()
        if len(unit.passages) <= DEVOTED_MAX and _named(unit.names, matcher)
        for p in unit.passages
        if p not in known
    ]
    # A section whose headings name the topic is devoted to it, in any text: a report's
    # chapter on one field, a journal article whose title is only in English.
    out.extend(p for p in _devoted_sections(pool, concepts, matcher) if p not in known)
    # The sentences naming enough of the topic, the most of them per article.
    per_unit: dict[tuple[int, int | None], Counter[int]] = {}
    for i in _scanned(concepts, pool.mentioning):
        sentence = pool.sentences[i]
        if sentence.passage not in known:
            per_unit.setdefault(sentence.unit, Counter())[sentence.passage] += 1
    for counts in per_unit.values():
        out.extend(p for p, _ in counts.most_common(SCAN_PER_UNIT))
    return list(dict.fromkeys(out))


def dense_sections(pool: SentencePool, best: Sequence[int]) -> list[int]:
    """The first passages of every section holding :data:`DENSE` of search's ``best``
    passages, the densest first (at most :data:`SECTIONS_MAX` in all).

    A section several of the best passages come from is devoted to the topic even when its
    heading does not name it (a report's "五、人文金砖：文化交流与民心相通" for 人文交流),
    and its other passages go on about the topic without repeating its name: who joined
    the university alliance, when the games were held. Search ranks them low or not at all.
    """
    counts = Counter(pool.section_of[p] for p in best if p in pool.section_of)
    dense = [n for n, found in counts.most_common() if found >= DENSE]
    out = [p for n in dense for p in pool.sections[n][1][:SECTION_READ]]
    return out[:SECTIONS_MAX]


def _devoted_sections(
    pool: SentencePool, concepts: Sequence[Concept], matcher: ConceptMatcher
) -> list[int]:
    """The first passages of every section whose headings name :data:`RELEVANT` of the
    topic (a scan of the headings narrows them to those that may, first).

    Only a word few passages name (:data:`COMMON`) makes a heading devoted to the topic:
    headings name 金砖国家 or 中国 across a whole report, and reading every such section
    for them would only make the summary slower (a topic of common words alone is left to
    search's ranking, as in :func:`more_passages`)."""
    named = [
        i
        for i in sorted(_scanned(concepts, pool.sections_mentioning))
        if matcher.cover(pool.sections[i][0]) >= RELEVANT
    ]
    # The headings the topic makes up most of first (a chapter titled by it before the
    # subsections of a text that merely names it), up to :data:`SECTIONS_MAX` passages.
    named.sort(key=lambda i: -matcher.names(pool.sections[i][0]))
    out = [p for i in named for p in pool.sections[i][1][:SECTION_READ]]
    return out[:SECTIONS_MAX]


def _scanned(concepts: Sequence[Concept], scan: Callable[[list[str]], set[int]]) -> list[int]:
    """What ``scan`` finds naming :data:`RELEVANT` of the topic, by a weight sum over one scan
    per concept (the exact coverage is worked out later, for these only). Words in most
    passages (金砖国家, 合作; :data:`COMMON`) are taken as present: scanning for them costs
    more than it tells, and when every word is that common nothing is found this way (search's
    own ranking is all there is)."""
    rare = [c for c in concepts if c.share <= COMMON]
    if not rare:
        return []
    total = sum(c.weight for c in concepts) or 1.0
    weight: dict[int, float] = {}
    for concept in rare:
        for i in scan(folded_forms(concept)):
            weight[i] = weight.get(i, 0.0) + concept.weight
    assumed = total - sum(c.weight for c in rare)
    return [i for i, found in weight.items() if found + assumed >= RELEVANT * total]


def _fair(cands: list[Sentence], order: list[int]) -> list[int]:
    """The first :data:`MAX_CANDIDATES` of ``order``, at most :data:`PER_UNIT` per article."""
    taken: Counter[tuple[int, int | None]] = Counter()
    out = []
    for i in order:
        unit = cands[i].unit
        if taken[unit] < PER_UNIT:
            taken[unit] += 1
            out.append(i)
            if len(out) == MAX_CANDIDATES:
                break
    return out


def _around(pool: SentencePool, sentence: Sentence) -> str:
    """What surrounds a sentence: its passage's other sentences, its headings and title."""
    unit = pool.units[sentence.unit]
    passage = "".join(pool.sentences[i].folded for i in pool.by_passage[sentence.passage])
    return " ".join((passage, sentence.head, *unit.names))


def _named(names: tuple[str, ...], matcher: ConceptMatcher) -> bool:
    """Whether a title (or a page's topic) is mostly the topic's name."""
    return any(matcher.names(name) >= NAMED for name in names)


def _with_context(cands: list[Sentence], own: list[float], heads: list[float]) -> list[float]:
    """Coverage with credit for context.

    The sentence right after one about the topic may go on about it without repeating its
    name ("the bank", "it"), and so may a sentence under a heading that names it. A run of
    dated sentences is a chronicle of one subject (2023年…作出扩员的决定。2024年1月，…成为
    正式成员。): there the credit carries on almost whole.
    """
    cover = list(own)
    for i, sentence in enumerate(cands):
        context = CONTEXT_CREDIT * heads[i]
        previous = cands[i - 1] if i else None
        if previous and (previous.passage, previous.index + 1) == (
            sentence.passage,
            sentence.index,
        ):
            context = max(context, CONTEXT_CREDIT * own[i - 1])
            if _dated(sentence) and _dated(previous):
                context = max(context, CHRONICLE * cover[i - 1])
        cover[i] = max(own[i], context)
    return cover


def _dated(sentence: Sentence) -> bool:
    return first_year(sentence.folded) is not None


def _support(pool: SentencePool, kept: list[Sentence]) -> tuple[list[float], list[float]]:
    """How densely each sentence's article or document, and its section, hold the topic.

    Density is the share of the unit's passages among the candidates, scaled so the
    densest unit is 1; a section is devoted to the topic when :data:`SECTION_FULL` of its
    passages are candidates.
    """
    passages = {(s.unit, s.passage) for s in kept}
    units = Counter(unit for unit, _ in passages)
    sections = Counter((s.unit, s.section) for s in {s.passage: s for s in kept}.values())
    share = {u: n / max(len(pool.units[u].passages), 1) for u, n in units.items()}
    top = max(share.values(), default=0.0) or 1.0
    density = [share[s.unit] / top for s in kept]
    section = [min(1.0, sections[(s.unit, s.section)] / SECTION_FULL) for s in kept]
    return density, section


def _wanted(sentence: Sentence, intent: Intent, matcher: ConceptMatcher) -> float:
    if intent.kind == "definition":
        return defines(sentence.folded, matcher.any, intent.asked)
    if intent.kind == "significance":
        return float(brings(sentence.folded))
    if intent.kind == "record":
        return information(sentence.folded)
    if intent.kind == "quantity":
        return figures(sentence.folded)
    return 0.0


def _naming(
    pool: SentencePool,
    cands: list[Sentence],
    matcher: ConceptMatcher,
    plain: list[float],
    eligible: list[int],
) -> list[int]:
    """The eligible candidates that name the topic themselves, when there are enough.

    Context credit finds the sentences that go on about the topic, but shown alone, a
    sentence under a heading that names the topic, or after one that does, reads as being
    about something else (a member's trade figures in a chapter on the bank). A summary
    shows sentences naming :data:`NAMES` of the topic in their own words, and the sentences
    of a text whose title or page topic names it (a page on one summit goes on about the
    summit without naming it), but for those naming some of the topic's words, less than
    :data:`SETTING` of its weight: a page on science cooperation in an enlarged BRICS that
    names 金砖 alone (金磚機制已涵蓋10個正式成員國…) speaks of BRICS, not of its science
    cooperation. The next dated sentence of a chronicle (2023年…作出扩员的决定。2024年1月，
    …成为正式成员。) keeps its context credit but is shown only as a context sentence is: a
    summary has room for four sentences, and one naming the topic tells more of it than one
    that goes on about it.
    With fewer than :data:`MIN_NAMING` such sentences, the context ones stay. ``plain`` is
    each candidate's cover in its own words (its headings aside).
    """
    devoted = {u for u in {cands[i].unit for i in eligible} if _named(pool.units[u].names, matcher)}
    naming = [
        i
        for i in eligible
        if plain[i] >= NAMES or (cands[i].unit in devoted and not 0 < plain[i] < SETTING)
    ]
    return naming if len(naming) >= MIN_NAMING else eligible
