"""The index: the SQLite database and its migrations, ingest of the corpus into passages and
FTS5 rows, and reading passages back (row cache, in-memory snapshot, sources).

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.ingest, bot.lookup.errors,
bot.lookup.results.
"""
