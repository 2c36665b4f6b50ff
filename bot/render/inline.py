"""Inline-mode answers (``@bot query`` in any chat) as plain specs: id, title, snippet, message.

An inline query carries no chat, so results are rendered for the asking user (their private
chat's settings) and answered with ``is_personal``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.lookup.results import Hit, Quote, Quotes, SearchResult
from bot.render import callbacks as cb
from bot.render.answers import attribution
from bot.render.chathtml import blockquote, clip, clip_around, esc, shorten
from bot.render.replies import Button, Keyboard, View, citation, hit_block
from bot.render.strings import t

MAX_RESULTS = 10
DESCRIPTION = 100
FULL_PASSAGE = 400


@dataclass(frozen=True, slots=True)
class InlineArticle:
    """One inline result: ``text`` is the Telegram HTML sent when the user picks it."""

    id: str
    title: str
    description: str
    text: str
    keyboard: Keyboard = ()


def results(found: SearchResult, quotes: Quotes | None, view: View) -> list[InlineArticle]:
    """Quotations first (they are what people paste), then passages; at most ten."""
    articles = [_quote(view, quote, i) for i, quote in enumerate(quotes.quotes if quotes else [])]
    articles += [_passage(view, hit) for hit in found.hits]
    return articles[:MAX_RESULTS]


def _open(view: View, pid: str) -> Keyboard:
    label = t("button.source", view.lang, n=pid)
    return ((Button(label, url=view.link(cb.passage_payload(pid))),),)


def _passage(view: View, hit: Hit) -> InlineArticle:
    title = shorten(view.corpus(hit.title), 60)
    if hit.section:
        title = shorten(f"{title} · {view.corpus(hit.section.split(' > ')[-1])}", 80)
    if hit.answer is not None:
        # The line under the title is where the answer is, as in a chat's snippet.
        description = view.corpus(
            clip_around(hit.text, DESCRIPTION, hit.answer, hit.fact, hit.focus)
        )
    else:
        terms = [view.corpus(term) for term in hit.terms]
        description = clip(view.corpus(hit.text), DESCRIPTION, terms)
    text = hit_block(view, hit, budget=FULL_PASSAGE)
    return InlineArticle(
        f"p:{hit.passage_id}", title, description, text, _open(view, hit.passage_id)
    )


def _quote(view: View, quote: Quote, index: int) -> InlineArticle:
    speaker = view.corpus(quote.speaker) if quote.speaker else t("quote.unattributed", view.lang)
    words = view.corpus(quote.quote)
    inner = f"{esc(words)}\n{attribution(quote, view)}"
    text = blockquote(inner) + citation(view, quote.passage_id, quote.title, None, None)
    title = t("inline.quote", view.lang, speaker=shorten(speaker, 40))
    return InlineArticle(
        f"q:{quote.passage_id}:{index}",
        title,
        shorten(words, DESCRIPTION),
        text,
        _open(view, quote.passage_id),
    )
