"""The console drives the real Application offline: typed lines in, what a user sees out."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from devtools.console import HELP, console_settings, run_console
from devtools.console.termview import QUOTE_BAR
from devtools.fakeapi.process import bot_env

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CITATION = re.compile(r"\bd\d+(?:\.a\d+)?\.p\d+\b")
ANSI = "\x1b["


def _session(db: Path, *lines: str, corpus: Path = CORPUS) -> str:
    out = io.StringIO()
    settings = console_settings(db, corpus, env={"SEMANTIC": "off"})
    code = run_console(settings, iter(lines), out)
    assert code == 0
    return out.getvalue()


def _blocks(output: str) -> list[tuple[str, str]]:
    """The bot's messages as (header, body): a ``Zhiku…:`` line, then indented lines."""
    found = re.findall(r"^(Zhiku[^\n]*):\n((?:  [^\n]*\n|\n)*)", output, flags=re.M)
    return [
        (head, "\n".join(line[2:] for line in body.strip("\n").split("\n"))) for head, body in found
    ]


def test_start_and_search_show_what_a_user_sees(db_copy: Path) -> None:
    output = _session(db_copy, "/start", "/search 新开发银行")
    assert output.startswith("Zhiku console: you are chatting with @ZhikuBot offline.")
    assert re.search(r"^Commands: /start /search ", output, flags=re.M)
    (_, start), (_, search) = _blocks(output)
    assert "/help" in start
    assert "新开发银行" in search
    assert CITATION.search(search)
    # Plain output for pipes: no ANSI codes, no HTML tags, entities unescaped.
    assert ANSI not in output
    assert not re.search(r"</?(b|i|a|code|blockquote)\b", output)
    assert "&lt;" not in output
    assert "&amp;" not in output


def _buttons(body: str) -> list[str]:
    return re.findall(r"\[(\d+)\] ", body.split("\n\n")[-1])


def test_buttons_are_numbered_and_pressing_them_answers(db_copy: Path) -> None:
    first = _session(db_copy, "/search 金砖")
    ((_, page),) = _blocks(first)
    numbers = _buttons(page)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) >= 2
    # The button before 👍 👎 (the pager) edits the results in place.
    paged = _blocks(_session(db_copy, "/search 金砖", numbers[-3]))
    assert [head for head, _ in paged] == ["Zhiku", "Zhiku (edited)"]
    assert CITATION.search(paged[1][1])
    assert paged[1][1] != page
    # Button 1 opens the first result as a new message, with its own buttons.
    opened = _blocks(_session(db_copy, "/search 金砖", "1"))
    assert [head for head, _ in opened] == ["Zhiku", "Zhiku"]
    quote = opened[1][1].split("\n")[0].removeprefix(QUOTE_BAR)
    assert quote[:20] in page
    assert _buttons(opened[1][1])


def test_inline_query_lists_results_and_picking_one_posts_it(db_copy: Path) -> None:
    output = _session(db_copy, "@ 新开发银行", "1")
    assert "Inline results for '新开发银行':" in output
    assert re.search(r"^  \[1\] \S", output, flags=re.M)
    posted = output.split("You sent via @ZhikuBot:\n", 1)[1]
    assert CITATION.search(posted)


def test_console_commands_and_quitting(db_copy: Path) -> None:
    output = _session(db_copy, ":help", ":nonsense", ":group", "/help", ":q", "/start")
    assert HELP in output
    assert "unknown console command :nonsense" in output
    assert "(now in the group Console group)" in output
    assert "Zhiku in Console group:" in output
    # Nothing after :q is sent.
    assert output.count("Zhiku in Console group:") == 1
    assert "你好" not in output


def test_messages_sent_at_startup_are_shown_before_the_first_prompt(
    db_copy: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    card = "/card new 绿色融资 | 新开发银行优先支持可再生能源与低碳基础设施。"
    first = _session(db_copy, ":group", card, "/card cite 1 d0.p26", corpus=corpus)
    assert "d0.p26" in _blocks(first)[-1][1]
    # The cited passage changes; the next start re-ingests it and tells the card's group.
    raw = corpus / "raw" / "000_d4b0f48c579fd5d3.txt"
    raw.write_text(raw.read_text("utf-8").replace("优先支持可再生", "重点支持可再生"), "utf-8")
    output = _session(db_copy, corpus=corpus)
    head, notice = _blocks(output)[0]
    assert head == "Zhiku in Console group"
    assert "卡片 #1「绿色融资」的出处已变" in notice
    assert output.index("Type :help") < output.index("Zhiku in Console group:")


def _process(
    db: Path, cwd: Path, args: tuple[str, ...], stdin: str, *, token: str | None
) -> subprocess.CompletedProcess[str]:
    """``python -m bot <args>`` fed ``stdin``; ``token`` None leaves the token unset."""
    env = bot_env("http://127.0.0.1:9/bot", db, CORPUS)
    if token is None:
        del env["TELEGRAM_BOT_TOKEN"]
    else:
        env["TELEGRAM_BOT_TOKEN"] = token
    command = [sys.executable, "-m", "bot", *args]
    return subprocess.run(
        command, input=stdin, env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_piped_stdin_process_exits_cleanly_at_eof(db_copy: Path, tmp_path: Path) -> None:
    done = _process(db_copy, tmp_path, ("console",), "/search 新开发银行\n", token=None)
    assert done.returncode == 0, done.stderr
    assert "› /search 新开发银行" in done.stdout
    assert CITATION.search(done.stdout)
    assert "Traceback" not in done.stderr
    # Logging is configured for the console: no per-request lines between the messages.
    assert "HTTP Request" not in done.stderr


def test_run_without_a_token_opens_the_console(db_copy: Path, tmp_path: Path) -> None:
    done = _process(db_copy, tmp_path, ("run",), "/start\n:q\n", token="")
    assert done.returncode == 0, done.stderr
    assert "Zhiku console" in done.stdout
    assert "TELEGRAM_BOT_TOKEN is not set" in done.stderr
