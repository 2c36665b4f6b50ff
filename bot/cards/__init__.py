"""Fact cards: short, cited summaries that a chat's moderators draft, pin and keep true.

Plain dataclasses in and out, no Telegram: :mod:`bot.cards.model` (what a card is),
:mod:`bot.cards.rules` (who may do what, what a valid card looks like),
:mod:`bot.cards.draft` (a draft from the lookup core's answers), :mod:`bot.cards.store`
(versions, pins and the audit log in SQLite), :mod:`bot.cards.stale` (which cards a
re-ingest has made untrue) and :mod:`bot.cards.parse` (the ``/card`` sub-commands).
"""
