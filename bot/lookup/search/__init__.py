"""Search: parsing what a person typed into concepts, ranking passages (FTS5 candidates,
concept coverage; every number of it in ``ranking_config.RankingConfig``), and resolving
document or article scope.

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.results.
"""
