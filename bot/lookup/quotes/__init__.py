"""Quotes: extracting attributed quotations (direct, reported, indirect, epigraphs), finding
them by speaker or words, and checking a claimed quotation against the corpus (verify).

May import: bot.lookup.text, bot.lookup.corpus, bot.lookup.index, bot.lookup.search,
bot.lookup.results, and bot.lookup.ingest.mojibake for the placeholder of lost words. Takes
an index handle (:class:`bot.lookup.handle.IndexHandle`), never the Library.
"""
