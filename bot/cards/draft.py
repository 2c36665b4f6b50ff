"""A card drafted from the lookup core: summary sentences as facts, the strongest quote.

A draft is only a proposal: a moderator reads it, edits it if needed and pins it. So it is
built from what the core already answers — :meth:`Library.summary` for the facts (falling
back to the first sentence of the best passages), :meth:`Library.quotes` for a verbatim
quotation that does not repeat a fact — and cites every passage it took something from.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.cards.model import CardContent
from bot.cards.rules import MAX_FACT, MAX_FACTS, MAX_QUOTE, MAX_TITLE, one_line
from bot.cards.sources import first_sentence, passage_sources
from bot.lookup.library import Library
from bot.lookup.results import Hit, Quote

# Quotes are looked for among this many; the first that adds something wins.
QUOTE_CANDIDATES = 5
# A fact is one line on a phone: a long sentence is only taken when nothing shorter is.
FACT_CHARS = 100
QUOTE_CHARS = 160


def _answer_sentence(hit: Hit) -> str:
    """The sentence of a hit that answers the query, else its first."""
    if hit.answer is not None:
        return hit.text[slice(*hit.answer)].strip()
    return first_sentence(hit.text)


async def draft_from_query(library: Library, query: str) -> CardContent | None:
    """A draft card about ``query``, or None if the corpus says nothing about it."""
    summary = await library.summary(query)
    facts = pick_facts([(s.text, s.passage_id) for s in summary.sentences])
    if not facts:
        hits = (await library.search(query, MAX_FACTS)).hits
        facts = pick_facts([(_answer_sentence(h), h.passage_id) for h in hits])
    if not facts:
        return None
    quotes = await library.quotes(query, QUOTE_CANDIDATES)
    quote = pick_quote(quotes.quotes, [text for text, _ in facts])
    title = title_of(summary.corrected or query)
    return _content(title, facts, quote)


async def draft_from_passages(
    library: Library, pids: Sequence[str], title: str | None
) -> CardContent | None:
    """A draft from passages an answer cited: the first sentence of each, in order."""
    sources = await passage_sources(library.conn, pids)
    found = [sources[pid] for pid in dict.fromkeys(pids) if pid in sources]
    facts = pick_facts([(first_sentence(s.text), s.pid) for s in found])
    if not facts:
        return None
    return _content(title_of(title or found[0].title), facts, None)


def pick_facts(candidates: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Up to three (sentence, passage id) facts, preferring sentences that fit one line."""
    clean = [(one_line(text), pid) for text, pid in candidates if text.strip()]
    short = [(text, pid) for text, pid in clean if len(text) <= FACT_CHARS]
    chosen = short[:MAX_FACTS] or [(_cut(text, MAX_FACT), pid) for text, pid in clean[:1]]
    return list(dict.fromkeys(chosen))


def pick_quote(quotes: Sequence[Quote], facts: Sequence[str]) -> Quote | None:
    """The best-ranked quotation of someone's own words (not reported speech) that is short
    enough and does not repeat a fact."""
    for quote in quotes:
        if quote.kind not in ("direct", "epigraph"):
            continue
        words = one_line(quote.quote)
        if len(words) > QUOTE_CHARS or not words:
            continue
        if any(words in fact or fact in words for fact in facts):
            continue
        return quote
    return None


def title_of(text: str) -> str:
    return _cut(one_line(text), MAX_TITLE)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _content(title: str, facts: list[tuple[str, str]], quote: Quote | None) -> CardContent:
    pids = [pid for _, pid in facts]
    if quote is not None:
        pids.append(quote.passage_id)
    return CardContent(
        title=title,
        facts=tuple(text for text, _ in facts),
        quote=_cut(one_line(quote.quote), MAX_QUOTE) if quote else None,
        speaker=quote.speaker if quote else None,
        quote_pid=quote.passage_id if quote else None,
        sources=tuple(dict.fromkeys(pids)),
    )
