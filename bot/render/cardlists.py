"""A chat's cards, a card's versions, the audit trail, a refused edit -> chat HTML (pure)."""

from __future__ import annotations

from bot.cards.model import Actor, AuditEntry, Card, Version
from bot.render.cards import card_text, message_link
from bot.render.chathtml import attr, esc, fit, shorten
from bot.render.replies import Reply, View
from bot.render.strings import STRINGS, Html, t

LIST_TITLE_CHARS = 30
LOG_LINES = 20
ATTEMPT_CHARS = 300


def card_list(cards: list[Card], view: View, *, moderator: bool) -> Reply:
    """/cards: every card with its state; pinned ones link to their message."""
    if not cards:
        return Reply(t("cards.list.empty", view.lang))
    head = [t("cards.list.header", view.lang, count=len(cards))]
    blocks = [_list_line(card, view) for card in cards]
    key = "cards.list.footer_mod" if moderator else "cards.list.footer"
    tail = [t(key, view.lang, card_id=cards[0].id)]
    return Reply(fit(head, blocks, tail, sep="\n"))


def _list_line(card: Card, view: View) -> str:
    title = esc(view.corpus(shorten(card.content.title, LIST_TITLE_CHARS)))
    state = t(f"cards.state.{card.state}", view.lang)
    link = message_link(card.pin.chat_id, card.pin.message_id) if card.pin else None
    parts = [f'<a href="{attr(link)}">{state}</a>' if link else state]
    if card.locked:
        parts.append(t("cards.state.locked", view.lang))
    if card.stale:
        parts.append(t("cards.state.stale", view.lang, pids=", ".join(card.stale)))
    return f"<b>#{card.id}</b> {title} · " + " · ".join(parts)


def history(card: Card, versions: list[Version], view: View) -> Reply:
    """/card history: every version, newest first, with who made it and how."""
    head = [t("cards.history.header", view.lang, card_id=card.id, version=card.version)]
    blocks = [_version_line(version, view) for version in versions]
    tail = [t("cards.history.footer", view.lang, card_id=card.id)]
    return Reply(fit(head, blocks, tail, sep="\n"))


def _version_line(version: Version, view: View) -> str:
    title = esc(view.corpus(shorten(version.content.title, LIST_TITLE_CHARS)))
    change = _action(version.change, view)
    who = esc(actor_name(version.author, view))
    return f"<b>v{version.version}</b> · {when(version.created_at)} · {who} · {change} · {title}"


def audit_log(entries: list[AuditEntry], view: View) -> Reply:
    """/cards log: the latest actions on the chat's cards, newest first."""
    if not entries:
        return Reply(t("cards.log.empty", view.lang))
    head = [t("cards.log.header", view.lang)]
    lines = [_log_line(entry, view) for entry in entries[:LOG_LINES]]
    return Reply(fit(head, lines, sep="\n"))


def _log_line(entry: AuditEntry, view: View) -> str:
    card = f" #{entry.card_id}" if entry.card_id is not None else ""
    version = f" v{entry.version}" if entry.version is not None else ""
    detail = f" <code>{esc(shorten(entry.detail, 40))}</code>" if entry.detail else ""
    who = esc(actor_name(entry.actor, view))
    return f"{when(entry.at)} · {who} · {_action(entry.action, view)}{card}{version}{detail}"


def _action(action: str, view: View) -> str:
    key = f"cards.action.{action}"
    return t(key, view.lang) if key in STRINGS else esc(action)


def actor_name(actor: Actor, view: View) -> str:
    """A person's name as recorded (anonymous administrators as such)."""
    if actor.anonymous:
        return t("cards.anonymous", view.lang)
    name = shorten(actor.name, 20) if actor.name else str(actor.id or "?")
    return name


def when(iso: str) -> str:
    """``2025-06-01T12:30:00+00:00`` -> ``06-01 12:30`` (UTC, as stored)."""
    return iso[5:16].replace("T", " ") if len(iso) >= 16 else iso


def conflict(current: Card, base: int, attempt: str, again: str, view: View) -> Reply:
    """An edit against an outdated version: the card as it is now, and the edit kept."""
    head = [
        t(
            "cards.conflict.head",
            view.lang,
            card_id=current.id,
            base=base,
            current=current.version,
        )
    ]
    body = [card_text(current, view)]
    tail = [
        t("cards.conflict.yours", view.lang, attempt=shorten(attempt, ATTEMPT_CHARS)),
        t("cards.conflict.again", view.lang, command=Html(f"<code>{esc(again)}</code>")),
    ]
    return Reply(fit(head, body, tail))
