"""Process logging: one stderr handler whose formatter removes credentials from every line.

httpx logs each request URL at INFO, and Bot API URLs carry the token
(``.../bot<token>/getUpdates``); exceptions from the HTTP layer repeat it in tracebacks. So
the formatter redacts the token and the webhook secret from the final text, whatever logger
or traceback produced it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import urlsplit

from bot.config import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"
# Libraries that log every request or poll at INFO; their lines add nothing at INFO level.
_CHATTY = ("httpx", "httpcore", "tornado.access", "apscheduler")


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces each secret with ``[redacted]`` in the formatted record."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        # Longest first so a token is replaced whole before its secret half is.
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def secrets_of(settings: Settings) -> list[str]:
    """The strings that must never be logged: the token, its secret half, the webhook secret,
    the state database's password."""
    found = []
    if settings.token:
        found += [settings.token, settings.token.partition(":")[2]]
    if settings.webhook_secret:
        found.append(settings.webhook_secret)
    if settings.database_url:
        password = urlsplit(settings.database_url).password
        if password:
            found.append(password)
    return found


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Send all logging to ``stream`` (stderr) at ``settings.log_level``, redacted.

    Replaces any handler configured earlier (the CLI sets a plain one before it knows the
    settings).
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets_of(settings)))
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    quiet = logging.DEBUG if settings.log_level == "DEBUG" else logging.WARNING
    for name in _CHATTY:
        logging.getLogger(name).setLevel(quiet)
