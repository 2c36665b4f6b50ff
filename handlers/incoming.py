"""Every update first: text that is not valid Unicode is replaced before any handler sees it,
and an update another instance of the bot has handled already goes no further.

A broken client can send half of a UTF-16 pair (``"\\ud800"`` in the JSON), which no UTF-8
encoder accepts: SQLite, httpx and the error report would each fail on it. PTB's objects
are immutable, so an update holding one is rebuilt with U+FFFD in its place, processed as
if Telegram had sent that, and the original goes no further.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.app.context import Context
from bot.lookup.text.wellformed import replace_surrogates_in


async def replace_invalid_text(update: Update, context: Context) -> None:
    """Let a well-formed update through; process a repaired copy of any other instead."""
    data = update.to_dict()
    clean = replace_surrogates_in(data)
    if clean is data:
        return
    repaired = Update.de_json(clean, context.bot)
    await context.application.process_update(repaired)
    raise ApplicationHandlerStop


async def claim_update(update: Update, context: Context) -> None:
    """Stop here unless this process is the first to handle this update id.

    Instances sharing one state store (a rolling deploy, a webhook redelivery) may each
    receive the same update; whoever records its id first answers it.
    """
    if not await context.bot_data.store.claim_update(update.update_id):
        raise ApplicationHandlerStop
