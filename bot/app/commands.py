"""The one command registry: it feeds ``add_handler``, ``set_my_commands`` and ``/help``.

Each command has a name, a callback, a scope (private chats, groups or both) and an
admin-only flag (in groups only administrators may use it; checked on the server, since
menu scopes are not authorisation). Descriptions live in :mod:`bot.render.strings` under
``cmd.<name>``, in every interface language.
"""

from __future__ import annotations

from typing import Literal

from bot.app.context import Command
from bot.render.strings import Lang
from handlers import answers, cards, corpus, feedback, gaps, search, settings, start

# The menus Telegram shows: (scope name, chat kind, administrators' menu?).
MENUS: tuple[tuple[str, Literal["private", "group"], bool], ...] = (
    ("default", "private", False),
    ("all_private_chats", "private", False),
    ("all_group_chats", "group", False),
    ("all_chat_administrators", "group", True),
)
# Telegram menus take ISO 639-1 codes; None is the menu for every other language.
MENU_LANGUAGES: tuple[tuple[str | None, Lang], ...] = (
    (None, "zh-Hans"),
    ("zh", "zh-Hans"),
    ("en", "en"),
)


COMMANDS: tuple[Command, ...] = (
    Command("start", start.start_command, scope="private"),
    Command("search", search.search_command, aliases=("s",)),
    Command("summary", answers.summary_command),
    Command("timeline", answers.timeline_command),
    Command("quote", answers.quote_command),
    Command("verify", answers.verify_command),
    Command("source", corpus.source_command),
    Command("docs", corpus.docs_command),
    Command("about", corpus.about_command),
    Command("card", cards.card_command),
    Command("cards", cards.cards_command),
    Command("settings", settings.settings_command, admin_only=True),
    Command("gaps", gaps.gaps_command, moderators=True),
    Command("privacy", feedback.privacy_command),
    Command("forget", feedback.forget_command),
    Command("help", start.help_command),
)


def menu(kind: Literal["private", "group"], admins: bool, lang: Lang) -> list[tuple[str, str]]:
    """(command, description) pairs for one menu, in registry order."""
    return [(c.name, c.description(lang)) for c in COMMANDS if c.in_menu(kind, admins)]
