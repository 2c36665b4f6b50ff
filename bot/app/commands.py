"""The one command registry: it feeds ``add_handler``, ``set_my_commands`` and ``/help``.

Each command has a name, a callback, a scope (private chats, groups or both) and an
admin-only flag (in groups only administrators may use it; checked on the server, since
menu scopes are not authorisation). Descriptions live in :mod:`bot.render.strings` under
``cmd.<name>``, in every interface language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.app.context import HandlerCallback
from bot.render.strings import Lang, t
from handlers import answers, cards, corpus, search, settings, start

Scope = Literal["private", "group", "all"]
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


@dataclass(frozen=True, slots=True)
class Command:
    """One bot command."""

    name: str
    callback: HandlerCallback
    scope: Scope = "all"
    admin_only: bool = False
    aliases: tuple[str, ...] = ()

    def description(self, lang: Lang) -> str:
        return t(f"cmd.{self.name}", lang)

    def visible_in(self, kind: Literal["private", "group"]) -> bool:
        """Whether the command works in that kind of chat."""
        return self.scope in ("all", kind)

    def in_menu(self, kind: Literal["private", "group"], admins: bool) -> bool:
        """Whether the command belongs in that menu (admin-only ones only for admins)."""
        if not self.visible_in(kind):
            return False
        return admins or kind == "private" or not self.admin_only


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
    Command("help", start.help_command),
)


def menu(kind: Literal["private", "group"], admins: bool, lang: Lang) -> list[tuple[str, str]]:
    """(command, description) pairs for one menu, in registry order."""
    return [(c.name, c.description(lang)) for c in COMMANDS if c.in_menu(kind, admins)]
