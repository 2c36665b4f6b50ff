"""A card's state: pin, unpin, delete (soft), undelete, lock and unlock."""

from __future__ import annotations

from bot.cards.model import Card
from bot.cards.parse import CardVerb
from bot.cards.rules import Action, require
from bot.render.cards import note, pinned_note
from bot.render.replies import Reply
from handlers.card_pins import pin_card, unpin_card
from handlers.card_turn import Turn

_ACTIONS: dict[str, Action] = {
    "pin": "pin",
    "unpin": "unpin",
    "delete": "delete",
    "undelete": "undelete",
    "lock": "lock",
    "unlock": "unlock",
}
_NOTES = {
    "unpin": "cards.note.unpinned",
    "delete": "cards.note.deleted",
    "undelete": "cards.note.undeleted",
    "lock": "cards.note.locked",
    "unlock": "cards.note.unlocked",
}


async def change_state(turn: Turn, request: CardVerb) -> None:
    """/card pin|unpin|delete|undelete|lock|unlock [<id>] (or as a reply to the card)."""
    verb = _ACTIONS[request.verb]
    await turn.require(verb)
    card, _ = await turn.card(request.card)
    require(verb, moderator=True, card=card)
    updated = await _apply(turn, card, verb)
    if verb == "pin":
        await turn.reply(Reply(pinned_note(updated, turn.view)))
        return
    await turn.reply(Reply(note(turn.view, _NOTES[verb], card_id=card.id)))


async def _apply(turn: Turn, card: Card, verb: Action) -> Card:
    store = turn.desk.store
    if verb == "pin":
        return await pin_card(turn.context, turn.chat, card, turn.actor, turn.view, turn.thread)
    if verb == "unpin":
        return await unpin_card(turn.context, card, turn.actor)
    if verb == "delete" and card.pin is not None:
        card = await unpin_card(turn.context, card, turn.actor, "delete")
    value = verb in ("lock", "delete")
    if verb in ("lock", "unlock"):
        return await store.set_flag(card.id, "locked", value, turn.actor)
    return await store.set_flag(card.id, "deleted", value, turn.actor)
