"""Changing a card's content: edit a part, cite or uncite a passage, restore a version.

Each change is a new version. An edit carries the version it was made against (named as
``12@3``, or the one shown on the card the command replies to); if the card has moved on,
the edit is refused with the current version and the moderator's text, so nothing is lost.
A pinned card's message is then edited in place.
"""

from __future__ import annotations

from bot.cards.errors import VersionConflict
from bot.cards.model import Card
from bot.cards.parse import CiteCard, EditCard, RestoreCard, edit_command
from bot.render import cardlists as render_cardlists
from bot.render.cards import card_panel, note, pin_again
from handlers.card_pins import sync_pinned
from handlers.card_turn import Turn


async def edit(turn: Turn, request: EditCard) -> None:
    """/card edit [<id>[@<version>]] <part> <text>, or as a reply to the card."""
    await turn.require("edit")
    card, shown = await turn.card(request.card)
    base = request.base if request.base is not None else shown
    try:
        updated = await turn.desk.edit(
            card, base, request.part, request.number, request.text, turn.actor
        )
    except VersionConflict as conflict:
        current = conflict.current
        again = edit_command(current.id, current.version, request)
        attempt = again.split(" ", 3)[-1]
        await turn.reply(
            render_cardlists.conflict(current, conflict.base, attempt, again, turn.view)
        )
        return
    await saved(turn, updated, "cards.note.saved")


async def cite(turn: Turn, request: CiteCard) -> None:
    """/card cite <id> <pid> (again: accept its new text) and /card uncite <id> <pid>."""
    await turn.require("edit")
    card, _ = await turn.card(request.card)
    if request.remove:
        updated = await turn.desk.uncite(card, request.pid, turn.actor)
        await saved(turn, updated, "cards.note.saved")
        return
    recited = request.pid in card.content.sources
    updated = await turn.desk.cite(card, request.pid, turn.actor)
    await saved(turn, updated, "cards.note.recited" if recited else "cards.note.saved", request.pid)


async def restore(turn: Turn, request: RestoreCard) -> None:
    """/card restore <id> <version>: the old content becomes the next version."""
    await turn.require("edit")
    card, _ = await turn.card(request.card)
    updated = await turn.desk.restore(card, request.version, turn.actor)
    await saved(turn, updated, "cards.note.restored", old=request.version)


async def saved(turn: Turn, card: Card, key: str, pid: str = "", old: int = 0) -> None:
    """After a change: bring the pinned message up to date, then show the card."""
    sync = await sync_pinned(turn.context, card, turn.actor, turn.view)
    if sync == "edited" and key == "cards.note.saved":
        key = "cards.note.pinned_edited"
    if sync == "lost":
        card = await turn.desk.store.get(card.chat_id, card.id)
    text = note(turn.view, key, version=card.version, pid=pid, old=old)
    await turn.reply(card_panel(card, turn.view, text))
    if sync == "lost":
        await turn.reply(pin_again(card, turn.view))
