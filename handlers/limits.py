"""Per-user rate limiting: a TypeHandler in group -1 that stops over-limit queries.

Only updates that would run a query count: commands, private messages, group messages
addressed to the bot, button presses (votes aside) and inline queries. Moderators are exempt.
The first refused query in a stretch gets one polite notice; the rest are dropped quietly
(button presses are still answered, or the client would spin).
"""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop

from bot.app.context import Context
from bot.app.ratelimit import Decision
from bot.render.callbacks import Vote, parse
from bot.render.strings import t
from handlers.common import view_for
from handlers.search import ADDRESSED


def is_query(update: Update) -> bool:
    """Whether the update asks for a lookup (and so counts against the limit)."""
    if update.inline_query is not None:
        return True
    if update.callback_query is not None:
        # A 👍/👎 is one idempotent row, not a lookup: voting never uses up the allowance.
        return not isinstance(parse(update.callback_query.data), Vote)
    message = update.message
    if message is None or not message.text or message.via_bot is not None:
        return False
    if message.chat.type == Chat.PRIVATE or message.text.startswith("/"):
        return True
    return bool(ADDRESSED.check_update(update))


async def rate_limit(update: Update, context: Context) -> None:
    """Let the update through, or stop it (with one notice per blocked stretch)."""
    user = update.effective_user
    if user is None or user.id in context.bot_data.settings.moderators or not is_query(update):
        return
    decision = await context.bot_data.limiter.check(user.id)
    if decision.allowed:
        return
    await _refuse(update, context, decision)
    raise ApplicationHandlerStop


async def _refuse(update: Update, context: Context, decision: Decision) -> None:
    limiter = context.bot_data.limiter
    view = await view_for(update, context)
    text = t(
        "ratelimit",
        view.lang,
        limit=limiter.limit,
        window=f"{limiter.window:g}",
        wait=decision.wait_seconds,
    )
    if update.callback_query is not None:
        await update.callback_query.answer(
            text if decision.notify else None, show_alert=decision.notify
        )
    elif decision.notify and update.message is not None:
        await update.message.reply_text(text)
