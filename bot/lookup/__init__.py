"""The lookup core: ingest, normalise, index, search, summarise, timeline, quotes, cards.

Plain dataclasses in and out; this package never imports ``telegram``.
"""
