"""Settings from the environment: every variable valid and invalid, .env files, token masking."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

import pytest

from bot.config import (
    DEFAULT_API_BASE_URL,
    Settings,
    load_dotenv,
    read_dotenv,
    semantic_from_env,
)
from bot.lookup.errors import ConfigError

TOKEN = "123456789:AAHfakeTokenForTests_0123456789-abc"
SECRET = "hook-secret_0123456789"
ROOT = Path(__file__).resolve().parents[1]


def test_defaults_from_an_empty_environment() -> None:
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.token is None
    assert settings.api_base_url == DEFAULT_API_BASE_URL
    assert settings.database_path == Path("data/zhiku.sqlite3")
    assert settings.corpus_dir == Path("corpus")
    assert (settings.port, settings.listen) == (8443, "0.0.0.0")
    assert (settings.rate_limit, settings.rate_window) == (10, 30.0)
    assert settings.moderators == frozenset()
    assert settings.error_chat_id is None
    assert settings.log_level == "INFO"
    assert not settings.webhook_mode
    assert not settings.drop_pending_updates
    assert settings.semantic


def test_every_variable_read() -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "DATABASE_PATH": "/data/zhiku.sqlite3",
            "CORPUS_DIR": "/srv/corpus",
            "WEBHOOK_URL": "https://zhiku.example.org/telegram",
            "WEBHOOK_SECRET": SECRET,
            "PORT": "443",
            "LISTEN": "::",
            "BOT_MODERATORS": "111, 222 333,,",
            "ERROR_CHAT_ID": "-1001234567890",
            "RATE_LIMIT": "5/60",
            "LOG_LEVEL": "debug",
            "DROP_PENDING_UPDATES": "yes",
            "SEMANTIC": "off",
        }
    )
    assert settings.token == TOKEN
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.database_path == Path("/data/zhiku.sqlite3")
    assert settings.corpus_dir == Path("/srv/corpus")
    assert settings.webhook_url == "https://zhiku.example.org/telegram"
    assert settings.webhook_secret == SECRET
    assert (settings.port, settings.listen) == (443, "::")
    assert settings.moderators == frozenset({111, 222, 333})
    assert settings.error_chat_id == -1001234567890
    assert (settings.rate_limit, settings.rate_window) == (5, 60.0)
    assert settings.log_level == "DEBUG"
    assert settings.webhook_mode
    assert settings.drop_pending_updates
    assert not settings.semantic


def test_settings_are_frozen() -> None:
    settings = Settings.from_env({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.port = 1  # type: ignore[misc]


def test_empty_values_count_as_unset() -> None:
    settings = Settings.from_env({"WEBHOOK_URL": "", "PORT": "  ", "TELEGRAM_BOT_TOKEN": ""})
    assert not settings.webhook_mode
    assert settings.port == 8443
    assert settings.token is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10/30", (10, 30.0)), ("1/0.5", (1, 0.5)), (" 20 / 60s ", (20, 60.0)), ("3/1", (3, 1.0))],
)
def test_rate_limit_parsing(value: str, expected: tuple[int, float]) -> None:
    settings = Settings.from_env({"RATE_LIMIT": value})
    assert (settings.rate_limit, settings.rate_window) == expected


@pytest.mark.parametrize("value", ["10", "0/30", "10/0", "ten/30", "10/30/5", "-1/30", "10:30"])
def test_rate_limit_rejects(value: str) -> None:
    with pytest.raises(ConfigError, match=r"RATE_LIMIT is invalid: expected QUERIES/SECONDS"):
        Settings.from_env({"RATE_LIMIT": value})


@pytest.mark.parametrize(
    ("name", "value", "expects"),
    [
        ("TELEGRAM_BOT_TOKEN", "not a token", "token from @BotFather"),
        ("TELEGRAM_BOT_TOKEN", '"123:abc"', "token from @BotFather"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org/bot", "http"),
        ("TELEGRAM_API_BASE_URL", "ftp://example.org/bot", "http"),
        ("WEBHOOK_URL", "http://zhiku.example.org/hook", "https://"),
        ("WEBHOOK_URL", "https://", "https://"),
        ("WEBHOOK_SECRET", "has space", "A-Z a-z 0-9 _ -"),
        ("WEBHOOK_SECRET", "x" * 257, "1-256"),
        ("WEBHOOK_SECRET", "ключ", "A-Z a-z 0-9 _ -"),
        ("PORT", "0", "1-65535"),
        ("PORT", "65536", "1-65535"),
        ("PORT", "http", "1-65535"),
        ("PORT", "-1", "1-65535"),
        ("LISTEN", "0.0.0.0:80", "IP address or host name"),
        ("BOT_MODERATORS", "111,@admin", "numeric Telegram user ids"),
        ("BOT_MODERATORS", "-5", "numeric Telegram user ids"),
        ("ERROR_CHAT_ID", "@channel", "numeric chat id"),
        ("ERROR_CHAT_ID", "0", "numeric chat id"),
        ("LOG_LEVEL", "verbose", "DEBUG, INFO, WARNING"),
        ("DROP_PENDING_UPDATES", "maybe", "true/false"),
        ("SEMANTIC", "sometimes", "on/off"),
    ],
)
def test_invalid_values_name_the_variable(name: str, value: str, expects: str) -> None:
    env = {name: value}
    if name == "WEBHOOK_URL":
        env["WEBHOOK_SECRET"] = SECRET
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(env)
    message = str(caught.value)
    assert message.startswith(f"{name} is invalid: ")
    assert expects in message


def test_valid_edge_values() -> None:
    settings = Settings.from_env(
        {"PORT": "65535", "WEBHOOK_SECRET": "a", "LISTEN": "localhost", "LOG_LEVEL": "warn"}
    )
    assert (settings.port, settings.webhook_secret, settings.listen) == (65535, "a", "localhost")
    assert settings.log_level == "WARNING"
    assert Settings.from_env({"WEBHOOK_SECRET": "Z" * 256}).webhook_secret == "Z" * 256
    assert Settings.from_env({"PORT": "1"}).port == 1


def test_webhook_url_requires_a_secret() -> None:
    with pytest.raises(ConfigError, match=r"WEBHOOK_SECRET is required when WEBHOOK_URL is set"):
        Settings.from_env({"WEBHOOK_URL": "https://zhiku.example.org/hook"})


def test_missing_token_is_a_clear_error_only_when_needed() -> None:
    settings = Settings.from_env({})
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN is not set"):
        settings.require_token()
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).require_token() == TOKEN


def test_token_and_secret_never_shown(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WEBHOOK_URL": "https://zhiku.example.org/hook",
            "WEBHOOK_SECRET": SECRET,
        }
    )
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("zhiku.test").info("settings: %s / %r", settings, settings)
    for shown in (repr(settings), str(settings), f"{settings}", caplog.text):
        assert TOKEN not in shown
        assert TOKEN.split(":")[1] not in shown
        assert SECRET not in shown
        assert "token='***'" in shown
        assert "webhook_secret='***'" in shown


def test_a_bad_token_error_does_not_echo_it() -> None:
    bad = "123456789:AAH secret part"
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"TELEGRAM_BOT_TOKEN": bad})
    assert "secret part" not in str(caught.value)
    assert "TELEGRAM_BOT_TOKEN" in str(caught.value)


def test_bad_secret_error_does_not_echo_it() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"WEBHOOK_SECRET": "my secret!"})
    assert "my secret" not in str(caught.value)


DOTENV = """\
# a comment
export TELEGRAM_BOT_TOKEN=123:abc
PORT = 9000   # trailing comment
SINGLE='literal \\n # not a comment'
DOUBLE="line\\nbreak \\"quoted\\" # kept"
HASH=abc#def
EMPTY=
  INDENTED=value with spaces
DOLLAR=pa$$word${PORT}
BARE_KEY_WITHOUT_VALUE
"""


def test_dotenv_parsing(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("\ufeff" + DOTENV, encoding="utf-8")  # a BOM, as some editors write
    assert read_dotenv(path) == {
        "TELEGRAM_BOT_TOKEN": "123:abc",
        "PORT": "9000",
        "SINGLE": "literal \\n # not a comment",
        "DOUBLE": 'line\nbreak "quoted" # kept',
        "HASH": "abc#def",
        "EMPTY": "",
        "INDENTED": "value with spaces",
        "DOLLAR": "pa$$word${PORT}",  # literal: nothing is expanded
    }


@pytest.mark.parametrize("line", ["KEY='unterminated", 'KEY="a" trailing', "=x"])
def test_dotenv_rejects_lines_it_cannot_parse(tmp_path: Path, line: str) -> None:
    path = tmp_path / ".env"
    path.write_text(f"OK=1\n{line}\nLATER=2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.env: .*line 2 \(expected KEY=VALUE\)"):
        read_dotenv(path)


def test_dotenv_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_dotenv(tmp_path / "absent.env") == {}


def test_real_environment_wins_over_dotenv(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(
        "PORT=9000\nLOG_LEVEL=DEBUG\nWEBHOOK_URL=https://example.org/hook\n", encoding="utf-8"
    )
    # WEBHOOK_URL= is how the Procfile's worker line forces polling: set but empty still wins.
    environ = {"PORT": "8080", "WEBHOOK_URL": ""}
    assert load_dotenv(path, environ) == {
        "PORT": "9000",
        "LOG_LEVEL": "DEBUG",
        "WEBHOOK_URL": "https://example.org/hook",
    }
    assert environ == {"PORT": "8080", "LOG_LEVEL": "DEBUG", "WEBHOOK_URL": ""}
    settings = Settings.from_env(environ)
    assert (settings.port, settings.log_level, settings.webhook_mode) == (8080, "DEBUG", False)


def test_env_example_documents_every_variable() -> None:
    example = read_dotenv(ROOT / ".env.example")
    assert Settings.from_env(example) == Settings()
    source = (ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'get\(\s*"([A-Z_]+)"', source))
    assert len(read) == 17
    assert set(example) == read


def test_the_command_line_reads_semantic_alone() -> None:
    assert semantic_from_env({})
    assert not semantic_from_env({"SEMANTIC": "off", "TELEGRAM_BOT_TOKEN": "not a token"})
    with pytest.raises(ConfigError, match="SEMANTIC is invalid"):
        semantic_from_env({"SEMANTIC": "maybe"})
