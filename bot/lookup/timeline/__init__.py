"""Timelines: date expressions, dated events per sentence, past or planned, the corpus
chronology, which events are about a topic, grouping statements into events, and the
timeline answer.

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.search,
bot.lookup.results. Takes an index handle, never the Library.
"""
