"""Search: parsing what a person typed into concepts, ranking passages (FTS5 candidates,
concept coverage), and resolving document or article scope.

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.results.
"""
