"""Database URLs as they may be shown: in logs, messages and ``repr(settings)``."""

from __future__ import annotations

from urllib.parse import urlsplit

MASK = "***"


def redact(url: str) -> str:
    """``url`` without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:{MASK}@{host}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()
