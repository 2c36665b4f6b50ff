"""Why a card request is refused: typed errors whose key names the user-facing string."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.lookup.errors import ZhikuError

if TYPE_CHECKING:
    from bot.cards.model import Card


class CardError(ZhikuError):
    """A card request that cannot be done as asked; ``key`` says why."""

    key = "cards.refused"

    def __init__(self, key: str, detail: str = "", **params: object) -> None:
        super().__init__(detail or key, **params)
        self.key = key


class CardNotFound(CardError):
    """No card with that number in this chat."""

    def __init__(self, card_id: int) -> None:
        super().__init__("cards.not_found", card_id=card_id)


class VersionConflict(CardError):
    """An edit based on a version that is no longer the current one; nothing was changed."""

    def __init__(self, current: Card, base: int) -> None:
        super().__init__("cards.conflict", card_id=current.id, base=base, current=current.version)
        self.current = current
        self.base = base
