"""Text primitives shared by ingest and queries: script conversion and folding, the one
segmenter, sentence boundaries, pinyin keys, and the language's word lists (stop words,
question words, speech verbs, titles: data files in ``words/``, read by ``wordlists``).
Depends on nothing else in the project.
"""
