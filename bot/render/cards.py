"""Fact cards -> chat HTML and button specs. Pure functions; no Telegram objects.

A card is short by construction (a title, up to three one-line facts, an optional quote,
its citations) and the renderer clips each part again, so a card always fits one phone
screen. Citations link to the passage in the private chat (``/start p_<id>``). The footer
``🗂 #id · vN`` names the card and the version shown; replies to the card rely on it.
"""

from __future__ import annotations

from bot.cards.model import Card, StaleSource
from bot.cards.parse import MARK
from bot.render import callbacks as cb
from bot.render.chathtml import attr, blockquote, esc, fit, shorten
from bot.render.replies import Button, Keyboard, Reply, View
from bot.render.strings import t

# Budgets that keep the largest possible card (3 facts, a quote, 5 citations) near 600
# characters: one phone screen. Drafts are shorter; these only bound hand-made cards.
TITLE_CHARS = 40
FACT_CHARS = 90
QUOTE_CHARS = 100
SPEAKER_CHARS = 20
SOURCE_TITLE_CHARS = 16


def card_text(card: Card, view: View) -> str:
    """The card itself, as pinned: title, facts, quote, citations and its footer."""
    content = card.content
    lines = [f"🗂 <b>{esc(view.corpus(shorten(content.title, TITLE_CHARS)))}</b>"]
    lines += [f"• {esc(view.corpus(shorten(fact, FACT_CHARS)))}" for fact in content.facts]
    text = "\n".join(lines)
    if content.quote:
        inner = esc(view.corpus(shorten(content.quote, QUOTE_CHARS)))
        if content.speaker:
            inner += "\n— " + esc(view.corpus(shorten(content.speaker, SPEAKER_CHARS)))
        text += "\n" + blockquote(inner)
    else:
        text += "\n"
    cites = [source_line(view, source.pid, source.title) for source in card.sources]
    if cites:
        text += "\n".join(cites) + "\n"
    return text + f"<i>{esc(MARK.format(id=card.id, version=card.version))}</i>"


def source_line(view: View, pid: str, title: str) -> str:
    """📎 the passage id (a link to /source in the private chat) and its document's title."""
    link = attr(view.link(cb.passage_payload(pid)))
    name = esc(view.corpus(shorten(title, SOURCE_TITLE_CHARS)))
    return f'📎 <a href="{link}">{esc(pid)}</a> {name}'


def status_line(card: Card, view: View) -> str:
    """What state the card is in: draft or pinned (or deleted), locked, stale."""
    parts = [t(f"cards.state.{card.state}", view.lang)]
    if card.locked:
        parts.append(t("cards.state.locked", view.lang))
    if card.stale:
        parts.append(t("cards.state.stale", view.lang, pids=", ".join(card.stale)))
    if not card.content.sources:
        parts.append(t("cards.state.uncited", view.lang))
    return " · ".join(parts)


def card_panel(card: Card, view: View, note: str | None = None) -> Reply:
    """The card with its state and the moderators' buttons (re-checked on every press)."""
    head = [note] if note else []
    head.append(status_line(card, view))
    return Reply(fit(head, [card_text(card, view)]), card_buttons(card, view))


def card_buttons(card: Card, view: View) -> Keyboard:
    """[📌 Pin] [✏️ Edit] [🗑 Discard] on a draft; [✏️ Edit] [📍 Unpin] once pinned."""
    if card.deleted:
        return ()
    verbs: list[cb.CardVerbCode] = ["pin"] if card.pin is None else []
    if not card.locked:
        verbs.append("edit")
    verbs.append("unpin" if card.pin is not None else "disc")
    if card.locked and card.pin is None:
        verbs.remove("disc")
    row = tuple(
        Button(t(f"cards.button.{verb}", view.lang), cb.encode(cb.CardAction(verb, card.id)))
        for verb in verbs
    )
    return (row,)


def pin_again(card: Card, view: View) -> Reply:
    """The pinned message is gone: say so, and offer to pin the card again."""
    text = t("cards.pin_lost", view.lang, card_id=card.id, title=shorten(card.content.title, 40))
    button = Button(t("cards.button.repin", view.lang), cb.encode(cb.CardAction("pin", card.id)))
    return Reply(text, ((button,),))


def edit_help(card: Card, view: View) -> Reply:
    """How to edit this card: the exact commands, carrying the version the moderator saw."""
    ref = f"{card.id}@{card.version}"
    return Reply(t("cards.edit_help", view.lang, card_id=card.id, version=card.version, ref=ref))


def message_link(chat_id: int, message_id: int) -> str | None:
    """``https://t.me/c/<id>/<message>`` for supergroups (None elsewhere: no such link)."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"


def pinned_note(card: Card, view: View) -> str:
    """📌 card #n is pinned (with a link to the pinned message where one exists)."""
    link = message_link(card.pin.chat_id, card.pin.message_id) if card.pin else None
    label = t("cards.note.pinned", view.lang, card_id=card.id)
    return f'<a href="{attr(link)}">{label}</a>' if link else label


def stale_notice(card: Card, sources: tuple[StaleSource, ...], view: View) -> Reply:
    """A card's sources changed: the old and new wording, and how to bring the card up to date."""
    head = [
        t("cards.stale.head", view.lang, card_id=card.id, title=shorten(card.content.title, 40))
    ]
    blocks = [_stale_source(source, view) for source in sources]
    tail = [t("cards.stale.fix", view.lang, card_id=card.id, pid=sources[0].pid)]
    return Reply(fit(head, blocks, tail))


def _stale_source(source: StaleSource, view: View) -> str:
    label = source_line(view, source.pid, source.title)
    if source.new_text is None:
        return f"{label}\n{t('cards.stale.gone', view.lang)}"
    old, new = changed_window(source.old_text, source.new_text)
    was = t("cards.stale.old", view.lang)
    now = t("cards.stale.new", view.lang)
    return f"{label}\n{was}{blockquote(old)}{now}{blockquote(new)}"


def changed_window(old: str, new: str, context: int = 40) -> tuple[str, str]:
    """Escaped HTML of both texts around where they differ: removed <s>, added <u>."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return (
        _marked(old, prefix, len(old) - suffix, context, "s"),
        _marked(new, prefix, len(new) - suffix, context, "u"),
    )


def _marked(text: str, start: int, end: int, context: int, tag: str) -> str:
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    lead = "…" if start > context else ""
    trail = "…" if end + context < len(text) else ""
    changed = esc(text[start:end])
    middle = f"<{tag}>{changed}</{tag}>" if changed else ""
    return f"{lead}{esc(before)}{middle}{esc(after)}{trail}"


def note(view: View, key: str, **params: object) -> str:
    """A one-line note above a card (saved, restored, cited...)."""
    return t(key, view.lang, **params)
