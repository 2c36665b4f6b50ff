"""The card desk's lifecycle, and telling moderators when a re-ingest made a card untrue.

``post_init`` opens the desk on a connection of its own (card writes are transactions, and
must not interleave with other handlers' statements on the library's connection), then
checks every card against the index it just brought up to date. While running, the first
card command after the corpus version changes (an ingest by another process, or
:meth:`Library.reindex`) checks again. Each change is told once: in the card's chat, or,
if the bot can no longer write there, to the moderator who made the card.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.app.context import BotData, Context, ZhikuApplication
from bot.cards.desk import CardDesk
from bot.cards.model import Actor, StaleCard
from bot.render.cards import stale_notice
from bot.render.replies import View
from bot.render.strings import DEFAULT_LANG

log = logging.getLogger(__name__)


async def open_cards(application: ZhikuApplication) -> None:
    """Open the card desk on the state store and the library, and tell about cards gone stale
    meanwhile."""
    data = application.bot_data
    data.attach_cards(CardDesk.open(data.store.db, data.library))
    try:
        await notify_stale(application.bot_data, application.bot)
    except TelegramError as error:
        # Telling can wait for the next card command; answering questions cannot.
        log.warning("could not tell about stale cards at startup: %s", error.message)


async def close_cards(application: ZhikuApplication) -> None:
    """Let go of the desk (the store and the library are closed by their owner)."""
    application.bot_data.attach_cards(None)


async def notify_if_reindexed(context: Context) -> None:
    """Check the cards again if the corpus changed since the last check."""
    await notify_stale(context.bot_data, context.bot)


async def notify_stale(data: BotData, bot: Bot) -> int:
    """Tell the moderators about every stale card not told yet; returns how many."""
    desk = data.cards
    async with desk.checking:
        version = await desk.index_version()
        if version and version == desk.checked_version:
            return 0
        stale = await desk.stale_cards()
        for item in stale:
            await _tell(data, bot, item)
        desk.checked_version = version
    if stale:
        log.info("told the moderators about %d stale card(s)", len(stale))
    return len(stale)


async def _tell(data: BotData, bot: Bot, item: StaleCard) -> None:
    card = item.card
    view = await _chat_view(data, bot, card.chat_id)
    notice = stale_notice(card, item.sources, view)
    delivered = await _deliver(bot, card.chat_id, notice.text)
    if not delivered and card.created_by is not None and card.created_by > 0:
        delivered = await _deliver(bot, card.created_by, notice.text)
    if not delivered:
        log.warning("nobody could be told that card %s is stale", card.id)
    # Told (or undeliverable): either way this change is not announced again.
    seen = [(source.pid, source.new_sha) for source in item.sources]
    await data.cards.store.told(card, seen, Actor(bot.id, bot.username or ""))


async def _chat_view(data: BotData, bot: Bot, chat_id: int) -> View:
    settings = await data.store.chat_settings(chat_id)
    return View(settings.language or DEFAULT_LANG, settings.script, chat_id < 0, bot.username)


async def _deliver(bot: Bot, chat_id: int, text: str) -> bool:
    try:
        await bot.send_message(chat_id, text)
    except (Forbidden, BadRequest) as error:
        log.warning("could not write to chat %s: %s", chat_id, error.message)
        return False
    return True
