"""The console: the real bot, driven from a terminal through the in-process fake Bot API.

``python -m bot console`` (and ``make run`` without a token) builds the same Application as
production, with every Bot API call answered by :class:`devtools.fakeapi.FakeTelegram`. What you
type becomes a private-chat message from you; everything the bot sends (also at startup, such
as a stale fact card's notice, and to other chats) is printed as a Telegram client would show
it, with its buttons numbered so you can press them (see ``HELP``).
It reads stdin line by line, so piped input works (``printf '/start\\n' | python -m bot
console``); nothing leaves the process.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from telegram import Update

from bot.config import DEFAULT_DATABASE_PATH, DEFAULT_INDEX_PATH, Settings
from bot.logs import configure_logging
from devtools.console.termview import (
    JSON,
    Button,
    buttons_of,
    render_buttons,
    render_inline_results,
    render_text,
)
from devtools.fakeapi import Call, FakeTelegram, Updates
from devtools.fakeapi.html import EntityError, parse_html
from devtools.fakeapi.updates import group, private_chat, user

BOT_ID = 7000000001
CONSOLE_TOKEN = f"{BOT_ID}:console-offline-token"
ME = user(1001, "You")
GROUP = group(-1001000000001, "Console group")
HELP = """\
  /search 新开发银行     a command or any text, sent to the bot as a message
  2                     press button 2 of the last message (or pick inline result 2)
  @ 金砖 扩员            an inline query, as if typed after @bot in any chat
  :group  :private      talk in a group (you are its admin), or back in private
  :say 2                send "2" as text even when buttons are shown
  :help  :q             this help; quit (the end of input quits too)
"""
QUIT = {":q", ":quit", ":exit"}


@dataclasses.dataclass(frozen=True)
class ButtonChoice:
    """A button on a message the bot sent."""

    button: Button
    message: JSON


@dataclasses.dataclass(frozen=True)
class ResultChoice:
    """A result of an inline query."""

    result: JSON
    query: str


Choice = ButtonChoice | ResultChoice


class Console:
    """One chat session with the bot: turns input lines into updates and shows the replies."""

    def __init__(self, settings: Settings, out: TextIO, *, color: bool = False) -> None:
        from bot.app.application import build_application

        self.fake = FakeTelegram(bot_id=BOT_ID)
        self.app = build_application(
            settings, request=self.fake.request(), updates_request=self.fake.request()
        )
        self.out = out
        self.color = color
        self.updates = Updates()
        self.chat: JSON = private_chat(ME)
        self.choices: list[Choice] = []
        self.shown = 0  # calls to the fake Bot API shown so far
        self.fake.chats[GROUP["id"]] = GROUP
        self.fake.set_admins(GROUP["id"], ME["id"])

    async def start(self) -> None:
        """Initialise the Application and run its ``post_init`` (opens the library)."""
        if not self.app.bot_data.settings.index_path.exists():
            self._print("Building the index on first use; this takes a few seconds…")
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        commands = self.fake.calls_to("setMyCommands")
        names = [f"/{c['command']}" for c in commands[0].params["commands"]] if commands else []
        self._print(f"Zhiku console: you are chatting with @{self.fake.username} offline.")
        if names:
            self._print("Commands: " + " ".join(names))
        self._print("Type :help for help, :q to quit.\n")
        # What post_init sent (a stale fact card's notice) comes before the first prompt.
        self._show_new()

    async def stop(self) -> None:
        from bot.app.runner import shutdown

        await shutdown(self.app)
        self._show_new()

    async def handle(self, line: str) -> bool:
        """Act on one input line; False when the session should end."""
        text = line.strip()
        if not text:
            return True
        if text in QUIT:
            return False
        if text == ":help":
            self._print(HELP)
        elif text in (":group", ":private"):
            self.chat = GROUP if text == ":group" else private_chat(ME)
            where = f"the group {GROUP['title']}" if text == ":group" else "your private chat"
            self._print(f"(now in {where})\n")
        elif text.startswith(":say "):
            await self._send(text[5:].strip())
        elif text.startswith("@"):
            await self._inline(text[1:].strip())
        elif text.isdigit() and 1 <= int(text) <= len(self.choices):
            await self._choose(self.choices[int(text) - 1])
        elif text.startswith(":"):
            self._print(f"unknown console command {text.split()[0]}; :help lists them")
        else:
            await self._send(text)
        return True

    async def _send(self, text: str) -> None:
        await self._process(self.updates.message(text, sender=ME, chat=self.chat))

    async def _inline(self, query: str) -> None:
        chat_type = "private" if self.chat["type"] == "private" else "supergroup"
        update = self.updates.inline(query, sender=ME, chat_type=chat_type)
        await self._process(update, query=query)

    async def _choose(self, choice: Choice) -> None:
        if isinstance(choice, ResultChoice):
            await self._post_inline_result(choice.result, choice.query)
            return
        button = choice.button
        if button.kind == "callback":
            update = self.updates.callback(button.value, sender=ME, message=choice.message)
            await self._process(update)
        elif button.kind == "inline":
            await self._inline(button.value)
        else:
            self._print(f"({button.kind} button: {button.value})")

    async def _post_inline_result(self, result: JSON, query: str) -> None:
        content = result.get("input_message_content") or {}
        text = str(content.get("message_text", ""))
        try:
            plain, entities = (
                parse_html(text) if content.get("parse_mode") == "HTML" else (text, [])
            )
        except EntityError as exc:
            self._print(f"! Telegram would reject this result: {exc}")
            return
        self._print(f"You sent via @{self.fake.username}:")
        self._print(_indent(render_text(plain, entities, color=self.color)) + "\n")
        chosen = {"result_id": result.get("id", ""), "from": ME, "query": query}
        await self._process(self.updates.wrap(chosen_inline_result=chosen))

    async def _process(self, data: JSON, query: str = "") -> None:
        await self.app.process_update(Update.de_json(data, self.app.bot))
        self._show_new(query)

    def _show_new(self, query: str = "") -> None:
        """Every call since the last shown one, whichever update (or none) made it."""
        calls, self.shown = self.fake.calls[self.shown :], len(self.fake.calls)
        for call in calls:
            self._show(call, query)

    def _show(self, call: Call, query: str) -> None:
        if call.error is not None:
            self._print(f"! Telegram rejected {call.method}: {call.error['description']}")
        elif call.method in ("sendMessage", "editMessageText"):
            self._show_message(call.result, edited=call.method == "editMessageText")
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            kind = "alert" if str(call.params.get("show_alert")).lower() == "true" else "toast"
            self._print(f"({kind}) {call.params['text']}\n")
        elif call.method == "answerInlineQuery":
            self._show_inline(call.params.get("results") or [], query)
        elif call.method not in _QUIET:
            self._print(f"({call.method} {_summary(call.params)})")

    def _show_message(self, message: JSON, *, edited: bool) -> None:
        self._print(f"Zhiku{_where(message['chat'])}{' (edited)' if edited else ''}:")
        text = render_text(message.get("text", ""), message.get("entities", []), color=self.color)
        self._print(_indent(text))
        buttons = buttons_of(message)
        if buttons:
            self.choices = [ButtonChoice(b, message) for b in buttons]
            self._print(_indent(render_buttons(buttons)))
        self._print("")

    def _show_inline(self, results: list[JSON], query: str) -> None:
        if not results:
            self._print(f"(no inline results for {query!r})\n")
            return
        self._print(f"Inline results for {query!r}:")
        self._print(_indent(render_inline_results(results)) + "\n")
        self.choices = [ResultChoice(r, query) for r in results]

    def _print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


# Calls a user would not notice; an answerCallbackQuery with text is shown above.
_QUIET = {
    "answerCallbackQuery",
    "sendChatAction",
    "getMe",
    "setMyCommands",
    "deleteMyCommands",
    "getChatMember",
    "getChatAdministrators",
}


def _where(chat: JSON) -> str:
    """Where a message went, unless to your own private chat."""
    if chat["type"] != "private":
        return f" in {chat.get('title') or chat['id']}"
    return "" if chat["id"] == ME["id"] else f" to {chat.get('first_name') or chat['id']}"


def _indent(text: str) -> str:
    """Message bodies are indented so they stand apart from what you typed."""
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


def _summary(params: JSON) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items() if k in ("chat_id", "message_id"))


def console_settings(
    db_path: Path, corpus_dir: Path, env: dict[str, str] | None = None, state: Path | None = None
) -> Settings:
    """Settings for an offline session: the environment's, with the console's token and files
    (``state``, when given, is the state file).

    The console user is a moderator, so typing quickly never hits the rate limit.
    """
    base = Settings.from_env(os.environ if env is None else env)
    return dataclasses.replace(
        base,
        token=CONSOLE_TOKEN,
        # Every call goes to the in-process fake; a host that cannot resolve makes sure.
        api_base_url="https://console.invalid/bot",
        index_path=db_path,
        database_path=state or _state_path(db_path, base, env),
        corpus_dir=corpus_dir,
        webhook_url=None,
        webhook_secret=None,
        error_chat_id=None,
        moderators=base.moderators | {ME["id"]},
    )


def _state_path(index: Path, base: Settings, env: dict[str, str] | None) -> Path:
    """The state the console keeps: DATABASE_PATH if set; beside the default index, the
    bot's default state; beside any other index, a state file of that index's own."""
    if (os.environ if env is None else env).get("DATABASE_PATH"):
        return base.database_path
    if index == DEFAULT_INDEX_PATH:
        return DEFAULT_DATABASE_PATH
    return index.with_name(index.stem + ".state.sqlite3")


def run_console(
    settings: Settings, lines: Iterator[str], out: TextIO, *, color: bool = False
) -> int:
    """Run a session over ``lines`` until ``:q`` or their end; returns the exit code (0)."""
    with asyncio.Runner() as runner:
        console = Console(settings, out, color=color)
        try:
            runner.run(console.start())
            for line in lines:
                if not runner.run(console.handle(line)):
                    break
        finally:
            runner.run(console.stop())
    return 0


def _stdin_lines(prompt: str) -> Iterator[str]:
    """Lines from stdin: ``input()`` on a terminal (line editing), plain reads otherwise."""
    if sys.stdin.isatty():
        while True:
            try:
                yield input(prompt)
            except EOFError:
                print()
                return
    else:
        for line in sys.stdin:
            sys.stdout.write(f"› {line.rstrip()}\n")
            yield line


def main(
    db_path: Path, corpus_dir: Path, *, state: Path | None = None, allow_new_state: bool = False
) -> int:
    """``python -m bot console``: an interactive session on stdin and stdout."""
    settings = console_settings(db_path, corpus_dir, state=state)
    settings = dataclasses.replace(settings, allow_new_state=allow_new_state)
    settings.check_stores("the index and the state")
    # Log lines would interleave with the chat; show warnings only unless asked for more.
    level = settings.log_level if "LOG_LEVEL" in os.environ else "WARNING"
    configure_logging(dataclasses.replace(settings, log_level=level))
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    try:
        return run_console(settings, _stdin_lines("你 › "), sys.stdout, color=color)
    except KeyboardInterrupt:
        return 130
