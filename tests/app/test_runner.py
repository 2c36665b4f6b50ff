"""End to end: ``python -m bot run`` as a real process against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from tornado.testing import bind_unused_port

from bot.app.runner import corpus_version, run
from bot.config import Settings
from bot.lookup.errors import ConfigError
from devtools.fakeapi import Call, FakeTelegram, HttpFront, Updates
from devtools.fakeapi.http import TOKEN
from devtools.fakeapi.process import BotProcess, bot_env, bot_process, measure_cold_start
from devtools.fakeapi.updates import user

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CHAT = 4242
LI = user(CHAT, "Li")
SECRET = "process-test_secret-0123456789"
CITATION = re.compile(r"\bd\d+(?:\.a\d+)?\.p\d+\b")
START_TIMEOUT = 30.0  # seconds; a cold process start is ~1-2 s, this only bounds a hang


def _replies(calls: list[Call], chat_id: int = CHAT) -> list[str]:
    return [
        str(c.params.get("text", ""))
        for c in calls
        if c.method in ("sendMessage", "editMessageText")
        and c.params.get("chat_id") == str(chat_id)
    ]


def _failures(calls: list[Call]) -> list[tuple[str, str]]:
    return [(c.method, str(c.error["description"])) for c in calls if c.error]


def _assert_clean_exit(bot: BotProcess) -> str:
    code = bot.stop(timeout=5)
    output = bot.output()
    assert code == 0, output
    assert "Zhiku stopped" in output
    assert "Traceback" not in output
    assert TOKEN.split(":")[1] not in output
    return output


def test_polling_process_answers_and_stops_cleanly(db_copy: Path, tmp_path: Path) -> None:
    api, updates = FakeTelegram(), Updates()
    with HttpFront(api, lifetime=90) as front:
        api.push(updates.message("/start", sender=LI))
        last = updates.message("/search 新开发银行", sender=LI)
        api.push(last)
        with bot_process(bot_env(front.base_url, db_copy, CORPUS), tmp_path) as bot:
            answered = api.wait_for(
                lambda calls: len(_replies(calls)) >= 2 or bot.proc.poll() is not None,
                START_TIMEOUT,
            )
            assert answered, bot.output()
            assert bot.proc.poll() is None, bot.output()
            output = _assert_clean_exit(bot)
        replies = _replies(api.calls)
        assert not front.bad_paths
    assert "Zhiku starting: long polling 127.0.0.1:" in output
    assert len(replies) >= 2
    assert any(CITATION.search(text) for text in replies[1:]), replies
    assert any("新开发银行" in text for text in replies[1:]), replies
    methods = [c.method for c in api.calls]
    assert methods[0] == "getMe"
    assert "setMyCommands" in methods
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    polls = api.calls_to("getUpdates")
    assert "callback_query" in polls[0].params["allowed_updates"]
    # Both updates were confirmed: the last poll asked for everything after them.
    assert int(polls[-1].params["offset"]) == last["update_id"] + 1
    # The same core as in-process: the HTML was parsed, and Telegram would have taken it all.
    assert not _failures(api.calls)
    first = api.calls_to("sendMessage")[0].result
    assert first["chat"] == {"id": CHAT, "type": "private", "first_name": "User"}
    assert first["entities"], first


def test_webhook_process_checks_the_secret_and_answers_health(
    db_copy: Path, tmp_path: Path
) -> None:
    sock, port = bind_unused_port()
    sock.close()
    env = bot_env(
        "",
        db_copy,
        CORPUS,
        WEBHOOK_URL="https://example.invalid/telegram",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
        LISTEN="127.0.0.1",
    )
    base = f"http://127.0.0.1:{port}"
    api = FakeTelegram()
    with HttpFront(api, lifetime=90) as front:
        env["TELEGRAM_API_BASE_URL"] = front.base_url
        with (
            bot_process(env, tmp_path) as bot,
            httpx.Client(base_url=base, trust_env=False, timeout=5) as client,
        ):
            registered = api.wait_for(
                lambda calls: (
                    any(c.method == "setWebhook" for c in calls) or bot.proc.poll() is not None
                ),
                START_TIMEOUT,
            )
            assert registered, bot.output()
            assert bot.proc.poll() is None, bot.output()
            health = client.get("/healthz")
            assert (health.status_code, health.text) == (200, f"ok {corpus_version(db_copy)}\n")
            update = Updates().message("/search 新开发银行", sender=LI)
            assert client.post("/telegram", json=update).status_code == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "not-" + SECRET}
            assert client.post("/telegram", json=update, headers=wrong).status_code == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            assert client.post("/telegram", json=update, headers=right).status_code == 200
            answered = api.wait_for(lambda calls: bool(_replies(calls)), 15)
            assert answered, bot.output()
            output = _assert_clean_exit(bot)
    assert f"webhook server on 127.0.0.1:{port}" in output
    assert SECRET not in output
    params = api.calls_to("setWebhook")[0].params
    assert params["url"] == "https://example.invalid/telegram"
    assert params["secret_token"] == SECRET
    replies = _replies(api.calls)
    assert len(replies) == 1
    assert CITATION.search(replies[0]), replies
    assert not api.calls_to("getUpdates")
    assert not _failures(api.calls)


def test_run_without_a_token_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"TELEGRAM_BOT_TOKEN is not set"):
        run(Settings())


@pytest.mark.parametrize(("process", "mode"), [("web", "True"), ("worker", "False")])
def test_procfile_processes_choose_their_mode(process: str, mode: str, tmp_path: Path) -> None:
    """The same config vars (with a webhook URL) give ``web`` a webhook and ``worker`` polling."""
    lines = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    command = lines[process].strip()
    assert command.endswith("python -m bot run")
    probe = shlex.join(
        [
            sys.executable,
            "-c",
            "import os; from bot.config import Settings; "
            "print(Settings.from_env(os.environ).webhook_mode)",
        ]
    )
    env = bot_env("http://127.0.0.1:9/bot", tmp_path / "db", CORPUS)
    env.update(WEBHOOK_URL="https://example.invalid/hook", WEBHOOK_SECRET=SECRET)
    shown = subprocess.run(
        ["sh", "-c", command.replace("python -m bot run", probe)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert shown.stdout.strip() == mode


def test_cold_process_reaches_its_first_poll(db_copy: Path) -> None:
    # A new process on an existing index starts polling (it raises if it never does). How
    # fast is the bench's figure (cold start), measured against a baseline; a bound in
    # seconds here would only measure how busy the test machine is.
    seconds = measure_cold_start(db_copy, CORPUS, timeout=START_TIMEOUT)
    assert seconds > 0
