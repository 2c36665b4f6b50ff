"""Telegram's failed answer: ``{"ok": false, "error_code": ..., "description": ...}``."""

from __future__ import annotations

from devtools.fakeapi.updates import JSON


def error_body(code: int, description: str) -> JSON:
    """The body Telegram sends, with ``code`` as the HTTP status too, for a failed call."""
    return {"ok": False, "error_code": code, "description": description}


class ApiError(Exception):
    """A call Telegram would refuse; the fake answers with :attr:`error`."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.error = error_body(code, description)
