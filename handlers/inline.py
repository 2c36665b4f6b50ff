"""Inline mode: ``@bot <query>`` in any chat returns passages and quotations ready to send."""

from __future__ import annotations

from telegram import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode

from bot.app.context import Context
from bot.app.userinput import check_query
from bot.render import inline as render_inline
from bot.render.feedback import vote_row
from bot.render.inline import InlineArticle
from bot.render.replies import Keyboard, View
from bot.render.strings import t
from handlers.common import answer_state, markup, view_for
from handlers.feedback import INLINE_CHAT

# Results depend on the user's settings and language: cache them per user, for a while.
CACHE_TIME = 300
MAX_OFFSET = 40  # Telegram shows at most 50 results per query in total
QUOTES = 3


async def on_inline_query(update: Update, context: Context) -> None:
    """Up to ten results; an empty query gets a button into the private chat instead."""
    inline = update.inline_query
    if inline is None:
        return
    view = await view_for(update, context)
    offset = int(inline.offset) if inline.offset.isdigit() else 0
    if not inline.query.strip() or offset > MAX_OFFSET:
        await answer_hint(inline, view)
        return
    query = check_query(inline.query)
    articles, next_offset, pids = await _articles(context, view, query, offset)
    # Nothing found is not logged here: inline queries arrive while people are still typing.
    state = await answer_state(
        context,
        "search",
        query,
        INLINE_CHAT,
        render_inline.MAX_RESULTS,
        None,
        found=bool(pids),
        pids=pids,
    )
    await inline.answer(
        [_result(a, vote_row(view, state)) for a in articles],
        cache_time=CACHE_TIME,
        is_personal=True,
        next_offset=next_offset,
        button=_button(view),
    )


async def answer_hint(inline: InlineQuery, view: View) -> None:
    """No results, just the button into the private chat (empty or unusable queries)."""
    await inline.answer([], button=_button(view), cache_time=CACHE_TIME, is_personal=True)


def _button(view: View) -> InlineQueryResultsButton:
    return InlineQueryResultsButton(t("inline.button", view.lang), start_parameter="inline")


async def _articles(
    context: Context, view: View, query: str, offset: int
) -> tuple[list[InlineArticle], str | None, tuple[str, ...]]:
    """This page's results, the offset of the next page (None when there is none), and the
    passages they show."""
    library = context.bot_data.library
    # Quotations lead the first page only; the offset counts passages.
    quotes = await library.quotes(query, QUOTES) if offset == 0 else None
    wanted = render_inline.MAX_RESULTS - len(quotes.quotes if quotes else [])
    found = await library.search(query, wanted, offset)
    more = len(found.hits) == wanted and offset + wanted <= MAX_OFFSET
    shown = [q.passage_id for q in (quotes.quotes if quotes else [])]
    pids = tuple(dict.fromkeys([*shown, *(hit.passage_id for hit in found.hits)]))
    articles = render_inline.results(found, quotes, view)
    return articles, str(offset + wanted) if more else None, pids


def _result(article: InlineArticle, votes: Keyboard) -> InlineQueryResultArticle:
    content = InputTextMessageContent(
        article.text,
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    return InlineQueryResultArticle(
        article.id,
        article.title,
        content,
        description=article.description,
        reply_markup=markup((*article.keyboard, *votes)),
    )
