"""The state: what the bot must never lose and cannot rebuild from the corpus.

Chat settings, the queries behind buttons, memberships, handled updates and the fact cards
with their history. One interface (:class:`bot.state.db.StateDB`) over two backends: an
SQLite file (the default; nothing to install) and PostgreSQL (``DATABASE_URL``), with the
same numbered migrations (``migrations/state/``). The index, derived from ``corpus/``, lives
apart (:mod:`bot.lookup.index`) and may be rebuilt at any time.
"""
