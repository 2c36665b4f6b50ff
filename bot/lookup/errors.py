"""Typed domain errors. Each carries a message key the interface can show to users."""

from __future__ import annotations


class ZhikuError(Exception):
    """Base class: ``key`` names a user-facing string, ``params`` fill its placeholders."""

    key = "error.generic"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.key)
        self.detail = detail
        self.params = params


class IngestError(ZhikuError):
    """A corpus file cannot be ingested (not UTF-8, empty, unreadable)."""

    key = "error.ingest"


class ConfigError(ZhikuError):
    """The environment is missing or has an invalid setting."""

    key = "error.config"


class DatabaseError(ZhikuError):
    """The database file is unusable (corrupt, locked, or from a newer version)."""

    key = "error.database"


class QueryError(ZhikuError):
    """A query the core cannot answer as asked (empty after cleaning, unknown id, ...)."""

    key = "error.query"
