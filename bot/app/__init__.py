"""The Telegram side: building the Application, its typed context, the command registry,
chat state, rate limits, input checks, and running it (polling or webhook).

May import: telegram, bot.lookup (through ``Library``), bot.cards, bot.render, bot.config,
bot.logs, handlers. Never imported by bot.lookup, bot.cards or bot.render.
"""
