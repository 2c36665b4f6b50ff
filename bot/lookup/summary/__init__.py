"""Summaries: the corpus as a sentence pool, the request's framing as intent, sentence
judgements and relevance to a topic, and an extractive pick of two to four cited sentences.

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.search,
bot.lookup.results. Takes an index handle, never the Library.
"""
