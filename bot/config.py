"""One frozen :class:`Settings` object, read from the environment and validated once.

Every process entry point (``python -m bot run``, the console, the bench) builds its settings
with ``Settings.from_env(os.environ)`` after :func:`load_dotenv`; nothing else reads
``os.environ``. Errors name the variable and what it expects and never echo the token or the
webhook secret, since startup errors end up in a host's log viewer.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from dotenv import dotenv_values

from bot.lookup.errors import ConfigError
from bot.state.urls import redact as redact_url

T = TypeVar("T")

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATABASE_PATH = Path("data/zhiku.sqlite3")
DEFAULT_INDEX_PATH = Path("data/index.sqlite3")
# Telegram's token shape, bot id and secret; checked so that a stray quote or space copied
# from BotFather fails here rather than as an opaque 404 from the API.
_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
# Bot API setWebhook: secret_token is 1-256 characters of A-Z a-z 0-9 _ -.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_HOSTNAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_MASK = "***"


@dataclass(frozen=True, repr=False)
class Settings:
    """Validated configuration; every field has a default so tests can build one directly."""

    token: str | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    database_path: Path = DEFAULT_DATABASE_PATH  # the state (SQLite), unless database_url
    database_url: str | None = None  # the state in PostgreSQL
    index_path: Path = DEFAULT_INDEX_PATH  # the index: derived from the corpus, rebuildable
    allow_new_state: bool = False  # start with an empty state even where one is expected
    corpus_dir: Path = Path("corpus")
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8443
    listen: str = "0.0.0.0"
    moderators: frozenset[int] = field(default_factory=frozenset)
    error_chat_id: int | None = None
    #: The moderators' chat: the weekly gaps digest goes there, and /gaps there covers
    #: every chat. Unset: no digest.
    gaps_chat_id: int | None = None
    rate_limit: int = 10
    rate_window: float = 30.0
    log_level: str = "INFO"
    drop_pending_updates: bool = False
    #: Semantic search (an embedding model fused with the lexical ranking); SEMANTIC=off
    #: leaves search lexical and skips embedding at ingest.
    semantic: bool = True

    def check_stores(self, names: str) -> None:
        """Refuse an index and a state file that are one file (``names`` says which settings).

        Raises:
            ConfigError: they are the same file.
        """
        if self.database_url is None and _same_file(self.index_path, self.database_path):
            raise ConfigError(
                f"{names} name the same file: the index is rebuilt from the corpus at will, "
                "the state (cards, settings) never is; give them two files"
            )

    @property
    def webhook_mode(self) -> bool:
        """True when updates arrive by webhook rather than long polling."""
        return self.webhook_url is not None

    def require_token(self) -> str:
        """The bot token, or a ConfigError saying how to provide one."""
        if self.token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in the "
                "environment or in .env (without a token, `make run` opens the console)"
            )
        return self.token

    def __repr__(self) -> str:
        parts = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in ("token", "webhook_secret") and value is not None:
                value = _MASK
            elif f.name == "database_url" and value is not None:
                value = redact_url(value)
            parts.append(f"{f.name}={value!r}")
        return "Settings(" + ", ".join(parts) + ")"

    __str__ = __repr__

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read and validate every setting from ``env`` (usually ``os.environ``).

        Empty values count as unset, so ``WEBHOOK_URL=`` in a .env file or a Procfile line
        switches webhook mode off.

        Raises:
            ConfigError: a variable is malformed; the message names it and what it expects.
        """
        get = _Reader(env)
        webhook_url = get("WEBHOOK_URL", _webhook_url, None)
        settings = cls(
            token=get("TELEGRAM_BOT_TOKEN", _token, None),
            api_base_url=get("TELEGRAM_API_BASE_URL", _http_url, DEFAULT_API_BASE_URL),
            database_path=get("DATABASE_PATH", Path, DEFAULT_DATABASE_PATH),
            database_url=get("DATABASE_URL", _postgres_url, None),
            index_path=get("INDEX_PATH", Path, DEFAULT_INDEX_PATH),
            corpus_dir=get("CORPUS_DIR", Path, Path("corpus")),
            webhook_url=webhook_url,
            webhook_secret=get("WEBHOOK_SECRET", _secret, None),
            port=get("PORT", _port, 8443),
            listen=get("LISTEN", _listen, "0.0.0.0"),
            moderators=get("BOT_MODERATORS", _user_ids, frozenset()),
            error_chat_id=get("ERROR_CHAT_ID", _chat_id, None),
            gaps_chat_id=get("GAPS_CHAT_ID", _chat_id, None),
            log_level=get("LOG_LEVEL", _log_level, "INFO"),
            drop_pending_updates=get("DROP_PENDING_UPDATES", _flag, False),
            semantic=get("SEMANTIC", _flag, True),
        )
        limit, window = get("RATE_LIMIT", _rate, (10, 30.0))
        settings = dataclasses.replace(settings, rate_limit=limit, rate_window=window)
        settings.check_stores("INDEX_PATH and DATABASE_PATH")
        if settings.webhook_url is not None and settings.webhook_secret is None:
            raise ConfigError(
                "WEBHOOK_SECRET is required when WEBHOOK_URL is set: 1-256 characters of "
                "A-Z a-z 0-9 _ - (Telegram sends it back in every webhook request)"
            )
        return settings


def semantic_from_env(env: Mapping[str, str]) -> bool:
    """Whether SEMANTIC in ``env`` leaves semantic search on (the default).

    The command line reads this one setting without the bot's (the token is not its business).

    Raises:
        ConfigError: SEMANTIC is not a yes/no value.
    """
    return Settings.from_env({"SEMANTIC": env.get("SEMANTIC", "")}).semantic


class _Reader:
    """Looks up one variable, parses it, and wraps parse failures in a ConfigError."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def __call__(self, name: str, parse: Callable[[str], T], default: T) -> T:
        raw = self.env.get(name, "").strip()
        if not raw:
            return default
        try:
            return parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{name} is invalid: {exc}") from None


def _same_file(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()


def _postgres_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("postgres", "postgresql") or not (parts.hostname or parts.query):
        raise ValueError("expected a PostgreSQL URL such as postgresql://user:pass@host:5432/db")
    return raw


def _token(raw: str) -> str:
    if not _TOKEN.fullmatch(raw):
        # Never include the value: it is a credential.
        raise ValueError("expected the token from @BotFather, like 123456789:AAE...")
    return raw


def _secret(raw: str) -> str:
    if not _SECRET.fullmatch(raw):
        raise ValueError("expected 1-256 characters of A-Z a-z 0-9 _ -")
    return raw


def _http_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http(s) URL such as {DEFAULT_API_BASE_URL}, got {raw!r}")
    return raw


def _webhook_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"expected an https:// URL (Telegram only calls HTTPS), got {raw!r}")
    return raw


def _port(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ValueError(f"expected a port number 1-65535, got {raw!r}")
    return int(raw)


def _listen(raw: str) -> str:
    try:
        ipaddress.ip_address(raw)
    except ValueError:
        if not _HOSTNAME.fullmatch(raw):
            raise ValueError(f"expected an IP address or host name, got {raw!r}") from None
    return raw


def _user_ids(raw: str) -> frozenset[int]:
    ids = set()
    for item in re.split(r"[,\s]+", raw):
        if not item:
            continue
        if not item.isdigit() or int(item) == 0:
            raise ValueError(
                f"expected numeric Telegram user ids separated by commas, got {item!r}"
            )
        ids.add(int(item))
    return frozenset(ids)


def _chat_id(raw: str) -> int:
    if not re.fullmatch(r"-?\d+", raw) or int(raw) == 0:
        raise ValueError(f"expected a numeric chat id such as -1001234567890, got {raw!r}")
    return int(raw)


def _rate(raw: str) -> tuple[int, float]:
    match = re.fullmatch(r"(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?", raw)
    if not match or int(match[1]) < 1 or float(match[2]) <= 0:
        raise ValueError(f"expected QUERIES/SECONDS such as 10/30, got {raw!r}")
    return int(match[1]), float(match[2])


def _log_level(raw: str) -> str:
    name = raw.upper()
    name = "WARNING" if name == "WARN" else name
    if name not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ValueError(f"expected DEBUG, INFO, WARNING, ERROR or CRITICAL, got {raw!r}")
    return name


def _flag(raw: str) -> bool:
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ValueError(f"expected 1/0, true/false, yes/no or on/off, got {raw!r}")


def read_dotenv(path: Path) -> dict[str, str]:
    """The variables a .env file sets, read with python-dotenv (no ``${VAR}`` expansion).

    python-dotenv's syntax: ``KEY=VALUE`` lines, ``#`` comments, an ``export`` prefix;
    single-quoted values are literal, double-quoted ones take escapes (``\\n``, ``\\"``)
    and may span lines; an unquoted value ends at `` #``. A bare ``KEY`` has no value and is
    left out. A missing file reads as empty.

    Raises:
        ConfigError: python-dotenv could not parse a statement. It would log the line and skip
            it, but a skipped line (an unclosed quote around the token, say) should stop the
            start rather than quietly change the settings.
    """
    errors = _DotenvErrors()
    logger = logging.getLogger("dotenv")
    logger.addHandler(errors)
    try:
        # Without interpolation a value means what it says: "$" is literal, and nothing in
        # the file is filled in from the real environment, which only ever wins outright.
        values = dotenv_values(path, interpolate=False, encoding="utf-8-sig")
    finally:
        logger.removeHandler(errors)
    if errors.messages:
        raise ConfigError(f"{path}: {errors.messages[0]} (expected KEY=VALUE)")
    return {key: value for key, value in values.items() if value is not None}


class _DotenvErrors(logging.Handler):
    """Collects the warnings python-dotenv logs for statements it cannot parse."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_dotenv(
    path: Path | str = ".env", environ: MutableMapping[str, str] | None = None
) -> dict[str, str]:
    """Read ``path`` into ``environ`` (default ``os.environ``) without overriding it.

    Values already in the real environment win, as a host's config vars should.

    Returns:
        The variables the file defines (as written in the file).
    """
    target = os.environ if environ is None else environ
    values = read_dotenv(Path(path))
    for key, value in values.items():
        target.setdefault(key, value)
    return values
