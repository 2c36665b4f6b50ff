"""Corpus knowledge as data: the corpus folder catalog (``documents.toml``) and the alias and
synonym tables (``aliases.toml``, ``synonyms.toml``), loaded and validated in one place.

May import: bot.lookup.text, bot.lookup.errors.
"""
