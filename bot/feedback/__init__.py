"""Learning from the group: votes on answers, the questions the bot could not answer, and
the gaps report moderators and maintainers read.

Owns the ``feedback`` and ``unanswered`` tables of the state store (:mod:`.store`), the
grouping of near-duplicate questions (:mod:`.gaps`), the report with each gap's best
current passage (:mod:`.report`) and the weekly digest's schedule (:mod:`.digest`).

May import: bot.state (the store's interface), bot.lookup (folding, search). Never imports
telegram, bot.app, bot.render or handlers; the Telegram side calls in here.
"""
