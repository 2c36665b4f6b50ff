"""The fake's pending updates, kept and confirmed the way Telegram keeps them for getUpdates.

An update stays queued until a getUpdates call asks for an ``offset`` above its ``update_id``:
a poll that fails on the way back loses nothing, and the next one sees the same updates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devtools.fakeapi.updates import JSON

_LIMIT = 100  # Telegram's default and largest batch


@dataclass
class UpdateQueue:
    """Updates waiting for getUpdates, oldest first."""

    pending: list[JSON] = field(default_factory=list)

    def push(self, update: JSON) -> None:
        self.pending.append(update)

    def ready(self, params: JSON) -> list[JSON]:
        """What getUpdates with ``params`` answers, after forgetting what its offset confirms.

        A positive offset confirms every update below it; a negative one keeps only the last
        ``-offset`` updates, as on Telegram.
        """
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]
        limit = int(params.get("limit") or _LIMIT)
        return self.pending[: min(limit, _LIMIT)]

    def drop(self) -> None:
        """``deleteWebhook(drop_pending_updates=True)``: forget everything queued."""
        self.pending.clear()
