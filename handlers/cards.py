"""/card and /cards: fact cards that moderators draft, pin and keep true.

Every sub-command re-checks the sender's rights on the server (moderators: the chat's
administrators and ``BOT_MODERATORS``); refusals are typed errors the error handler turns
into a short reply. Reading (``/cards``, ``/card show``, ``/card history``) is for everyone.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from telegram import Message, Update

from bot.app.context import Context
from bot.app.userinput import check_query
from bot.cards.parse import (
    CardVerb,
    CiteCard,
    Draft,
    EditCard,
    NewCard,
    Request,
    RestoreCard,
    Usage,
    answer_title,
    cited_pids,
    parse_card,
)
from bot.cards.rules import require
from bot.render import callbacks as cb
from bot.render import cardlists as render_cardlists
from bot.render import replies as render
from bot.render.cards import card_panel, note
from handlers.card_edits import cite, edit, restore
from handlers.card_notify import notify_if_reindexed
from handlers.card_states import change_state
from handlers.card_turn import Turn
from handlers.common import command_argument


async def card_command(update: Update, context: Context) -> None:
    """/card <query | sub-command>: see :mod:`bot.cards.parse` for the forms."""
    turn = await Turn.of(update, context)
    if turn is None:
        return
    await notify_if_reindexed(context)
    await dispatch(turn, parse_card(command_argument(turn.message)))


async def dispatch(turn: Turn, request: Request) -> None:
    match request:
        case Draft():
            await draft(turn, request)
        case NewCard(title, facts):
            await turn.require("create")
            card = await turn.desk.new(turn.chat.id, turn.actor, title, list(facts))
            await turn.reply(card_panel(card, turn.view, _drafted(turn, card.id)))
        case EditCard():
            await edit(turn, request)
        case CiteCard():
            await cite(turn, request)
        case RestoreCard():
            await restore(turn, request)
        case CardVerb(verb="show" | "history"):
            await read(turn, request)
        case CardVerb():
            await change_state(turn, request)
        case Usage(topic):
            await turn.reply(render.message(turn.view, f"cards.usage.{topic}"))


async def draft(turn: Turn, request: Draft) -> None:
    """A draft from a query, or from the answer the command replies to."""
    if not request.query:
        await _from_reply(turn)
        return
    await turn.require("create")
    query = check_query(request.query)
    card = await turn.desk.draft(turn.chat.id, turn.actor, query)
    if card is None:
        await turn.reply(render.nothing_found(turn.view, query))
        return
    await turn.reply(card_panel(card, turn.view, _drafted(turn, card.id)))


async def _from_reply(turn: Turn) -> None:
    replied = turn.replied_from_bot()
    if replied is None:
        await turn.reply(render.message(turn.view, "cards.usage.card"))
        return
    if turn.replied_card() is not None:
        await read(turn, CardVerb("show", None))
        return
    await turn.require("create")
    query = await _stored_query(turn, replied)
    text = replied.text or replied.caption or ""
    if query is not None:
        card = await turn.desk.draft(turn.chat.id, turn.actor, query)
    else:
        pids = cited_pids(text)
        card = await turn.desk.draft_from_answer(turn.chat.id, turn.actor, pids, answer_title(text))
    if card is None:
        await turn.reply(render.message(turn.view, "cards.no_answer"))
        return
    await turn.reply(card_panel(card, turn.view, _drafted(turn, card.id)))


async def _stored_query(turn: Turn, replied: Message) -> str | None:
    """The query behind an answer's buttons (◀ ▶, 🔎 more, read in private), if stored."""
    markup = replied.reply_markup
    buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
    for button in buttons:
        state = _state_of(button.callback_data, button.url)
        stored = await turn.context.bot_data.store.load_query(state) if state else None
        # A quote check's claim is not a topic: that answer is drafted from what it cites.
        if stored is not None and stored.chat_id == turn.chat.id and stored.kind != "verify":
            return stored.query
    return None


def _state_of(data: object, url: str | None) -> str | None:
    parsed = cb.parse(data) if isinstance(data, str) else None
    if isinstance(parsed, cb.Page | cb.More | cb.Vote):
        return parsed.state
    payload = parse_qs(urlsplit(url).query).get("start", [""])[0] if url else ""
    start = cb.parse_start(payload)
    return start.state if isinstance(start, cb.StartQuery) else None


def _drafted(turn: Turn, card_id: int) -> str:
    return note(turn.view, "cards.note.drafted", card_id=card_id)


async def read(turn: Turn, request: CardVerb) -> None:
    """/card show and /card history: for everyone (deleted cards only for moderators)."""
    card, _ = await turn.card(request.card)
    if request.verb == "show":
        await turn.reply(card_panel(card, turn.view))
        return
    versions = await turn.desk.store.history(card.id)
    await turn.reply(render_cardlists.history(card, versions, turn.view))


async def cards_command(update: Update, context: Context) -> None:
    """/cards: the chat's cards with their state; /cards log: the audit trail (moderators)."""
    turn = await Turn.of(update, context)
    if turn is None:
        return
    await notify_if_reindexed(context)
    moderator = await turn.moderator()
    store = turn.desk.store
    if command_argument(turn.message).lower() == "log":
        require("log", moderator=moderator)
        await turn.reply(render_cardlists.audit_log(await store.log(turn.chat.id), turn.view))
        return
    cards = await store.cards(turn.chat.id, deleted=moderator)
    await turn.reply(render_cardlists.card_list(cards, turn.view, moderator=moderator))
