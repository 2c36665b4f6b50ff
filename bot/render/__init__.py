"""Rendering: result dataclasses to Telegram HTML and button specs, as pure functions; the
callback-data codec the buttons carry; every user-visible string (i18n).

May import: bot.lookup.results, bot.lookup.text, bot.cards.model. Never imports telegram.
"""
