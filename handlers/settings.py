"""/settings: the chat's script for corpus text and its interface language (inline buttons)."""

from __future__ import annotations

from telegram import Update

from bot.app.context import Context
from bot.render import callbacks as cb
from bot.render import replies as render
from bot.render.strings import t
from handlers.common import callback_message, edit, send, view_for
from handlers.permissions import is_admin


async def settings_command(update: Update, context: Context) -> None:
    """/settings: the current choices with buttons (registered admin-only for groups)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    view = await view_for(update, context)
    current = await context.bot_data.store.chat_settings(chat.id)
    await send(message, render.settings_panel(view, current.script, current.language))


async def apply_setting(update: Update, context: Context, option: cb.SetOption) -> None:
    """A settings button: re-check admin rights, save, redraw the panel."""
    query = update.callback_query
    message = callback_message(query) if query else None
    if query is None or message is None:
        return
    if not await is_admin(context, message.chat, query.from_user):
        view = await view_for(update, context)
        await query.answer(t("settings.admins_only", view.lang), show_alert=True)
        return
    store = context.bot_data.store
    if option.field == "sc":
        current = await store.set_script(
            message.chat.id, cb.SCRIPT_BY_CODE[option.value], query.from_user.id
        )
    else:
        current = await store.set_language(
            message.chat.id, cb.LANG_BY_CODE[option.value], query.from_user.id
        )
    view = await view_for(update, context)
    await edit(query, render.settings_panel(view, current.script, current.language))
    await query.answer(t("settings.saved", view.lang))
