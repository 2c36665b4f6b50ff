"""``timeline(query)``: the dated events about a topic, in date order, each with its sources.

Relevance comes from the search core (:mod:`bot.lookup.timeline.relevance`): the query is
parsed into concepts and the passages are ranked as /search ranks them (with the semantic
layer when it is on); an event is kept when it is about the topic. Statements of one event
in several places become one event with all their citations
(:mod:`bot.lookup.timeline.grouping`); the most relevant ``limit`` events are kept, then
shown by date.
"""

from __future__ import annotations

from bot.lookup.handle import IndexHandle
from bot.lookup.results import Timeline
from bot.lookup.timeline.alternatives import merge_joined, merge_listed, query_text
from bot.lookup.timeline.chronology import corpus_events
from bot.lookup.timeline.grouping import group_entries
from bot.lookup.timeline.relevance import containing, entities, mentioned, select
from bot.lookup.timeline.topic import timeline_topic

# Statements grouped per event shown: grouping compares statements of a year pairwise, so a
# broad topic (金砖国家是怎么一步步发展起来的: 300 dated sentences) is cut to the most
# relevant ones first; the events below them could not be among the ``limit`` shown.
# 2 or 5 change no development figure; 3 keeps warm p99 near 23 ms (49 ms uncut).
STATEMENTS_PER_EVENT = 3


async def build_timeline(library: IndexHandle, query: str, limit: int = 50) -> Timeline:
    """The dated events about ``query``, oldest first.

    Args:
        library: An open library.
        query: Anything a user typed.
        limit: At most this many events (the most relevant ones, then sorted by date).

    Returns:
        The timeline; empty when nothing in the corpus dates the topic.
    """
    if limit <= 0:
        return Timeline(query=query, events=[])
    searcher = library.searcher
    # The topic without the words asking for its history (说说X的历史, X经历了哪些阶段).
    topic = timeline_topic(query, searcher.parser)
    relevance = await searcher.relevance(topic)
    parsed = relevance.parsed
    corrected = parsed.corrected
    if corrected is not None and topic != query:
        corrected = searcher.parser.parse(query).corrected  # offered as the request was typed
    if parsed.empty:
        return Timeline(query=query, events=[], corrected=corrected)
    chronology = await corpus_events(library.conn, library.summits)
    aliases = library.aliases
    concepts = merge_joined(merge_listed(parsed), aliases, query_text(parsed))
    scored = select(
        chronology,
        concepts,
        relevance.scores,
        entities(concepts, aliases),
        mentioned(concepts, aliases),
        containing(concepts, aliases),
        relevance.similarity,
    )
    scored.sort(key=lambda pair: -pair[1])
    events = group_entries(scored[: STATEMENTS_PER_EVENT * limit], limit, chronology)
    return Timeline(query=query, events=events, corrected=corrected)
