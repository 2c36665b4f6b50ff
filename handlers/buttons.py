"""Every inline-keyboard button: one parser, one router; every callback query is answered."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update

from bot.app.context import Context
from bot.app.state import QueryState
from bot.render import callbacks as cb
from bot.render import replies as render
from bot.render.replies import Reply, View
from bot.render.strings import t
from handlers.answers import quote_page, timeline_page
from handlers.card_buttons import on_card_button
from handlers.common import Pager, callback_message, edit, send, view_for
from handlers.corpus import source_reply
from handlers.feedback import on_vote, paged
from handlers.gaps import on_gap_button
from handlers.search import search_page
from handlers.settings import apply_setting


async def on_button(update: Update, context: Context) -> None:
    """Route a button press by its parsed callback data; forged or stale data gets an alert."""
    query = update.callback_query
    if query is None:
        return
    view = await view_for(update, context)
    message = callback_message(query)
    parsed = cb.parse(query.data)
    if isinstance(parsed, cb.Vote):  # also on messages sent from inline results
        await on_vote(query, context, view, parsed)
        return
    if parsed is None or message is None:
        key = "callback.invalid" if parsed is None else "callback.expired"
        await query.answer(t(key, view.lang), show_alert=True)
        return
    if isinstance(parsed, cb.SetOption):
        await apply_setting(update, context, parsed)
    elif isinstance(parsed, cb.CardAction):
        await on_card_button(update, context, query, message, parsed)
    elif isinstance(parsed, cb.GapAction):
        await on_gap_button(update, context, query, message, parsed)
    elif isinstance(parsed, cb.OpenSource):
        await send(message, await source_reply(context, view, parsed.pid))
        await query.answer()
    elif isinstance(parsed, cb.Navigate):
        await edit(query, await source_reply(context, view, parsed.pid))
        await query.answer()
    else:
        await _stored(query, message, context, view, parsed)


async def _stored(
    query: CallbackQuery, message: Message, context: Context, view: View, parsed: cb.Page | cb.More
) -> None:
    """◀ ▶ and "more": buttons that point at a query stored in SQLite."""
    state = await context.bot_data.store.load_query(parsed.state)
    if state is None or state.chat_id != message.chat_id:
        await query.answer(t("callback.expired", view.lang), show_alert=True)
        return
    if isinstance(parsed, cb.More):
        await send(message, await search_page(context, view, state.query, message.chat_id))
    else:
        await edit(query, await _page(context, view, state, parsed.page))
        await paged(query, context, state)
    await query.answer()


_PAGERS: dict[str, Pager] = {
    "search": search_page,
    "quote": quote_page,
    "timeline": timeline_page,
}


async def _page(context: Context, view: View, state: QueryState, page: int) -> Reply:
    pager = _PAGERS.get(state.kind)
    if pager is None:
        return render.message(view, "callback.expired")
    return await pager(
        context,
        view,
        state.query,
        state.chat_id,
        page=page,
        size=state.page_size,
        state=state.id,
    )
