"""Process logging never shows the token or the webhook secret, whoever logs them."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.logs import REDACTED, RedactingFormatter, configure_logging, secrets_of

TOKEN = "123456789:AAHfakeTokenForLogTests_0123456789"
SECRET = "hook-secret-for-logs"
SETTINGS = Settings(token=TOKEN, webhook_url="https://example.org/h", webhook_secret=SECRET)


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "tornado.access")}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, old in levels.items():
            logging.getLogger(name).setLevel(old)


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("httpx", logging.INFO, __file__, 1, msg, args, exc_info)


def test_secrets_of_settings() -> None:
    assert set(secrets_of(SETTINGS)) == {TOKEN, TOKEN.split(":")[1], SECRET}
    assert secrets_of(Settings()) == []


def test_formatter_redacts_arguments_and_tracebacks() -> None:
    formatter = RedactingFormatter(secrets_of(SETTINGS))
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    try:
        raise ConnectionError(f"cannot reach {url} (secret {SECRET})")
    except ConnectionError as exc:
        text = formatter.format(_record("HTTP Request: POST %s", url, exc=exc))
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    assert SECRET not in text
    assert f"https://api.telegram.org/bot{REDACTED}/getUpdates" in text
    assert "ConnectionError" in text


def test_formatter_leaves_other_text_alone() -> None:
    formatter = RedactingFormatter(["x" * 30])
    text = formatter.format(_record("搜索 %s in %d ms", "新开发银行", 12))
    assert text.endswith("搜索 新开发银行 in 12 ms")


@pytest.mark.usefixtures("root_logging")
def test_configure_logging_redacts_and_quiets_http_logs() -> None:
    stream = io.StringIO()
    configure_logging(SETTINGS, stream)
    logging.getLogger("httpx").info("HTTP Request: POST .../bot%s/getMe", TOKEN)
    logging.getLogger("httpx").warning("retrying .../bot%s/getMe", TOKEN)
    logging.getLogger("bot.test").info("secret is %s", SECRET)
    output = stream.getvalue()
    assert "HTTP Request" not in output
    assert f"retrying .../bot{REDACTED}/getMe" in output
    assert f"secret is {REDACTED}" in output
    assert TOKEN.split(":")[1] not in output
    assert SECRET not in output


@pytest.mark.usefixtures("root_logging")
def test_debug_level_shows_http_logs_still_redacted() -> None:
    stream = io.StringIO()
    configure_logging(Settings(token=TOKEN, log_level="DEBUG"), stream)
    logging.getLogger("httpx").info("HTTP Request: POST .../bot%s/getMe", TOKEN)
    output = stream.getvalue()
    assert f"HTTP Request: POST .../bot{REDACTED}/getMe" in output
    assert TOKEN.split(":")[1] not in output
