"""Summaries: the corpus as a sentence pool, sentence judgements, and an extractive pick of
two to four cited sentences.

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.search,
bot.lookup.results. Takes an index handle, never the Library.
"""
