"""A linter for what the bot sends: valid Telegram HTML within Telegram's limits.

Written independently of the renderer (it parses with ``html.parser``), and applied to every
recorded sendMessage / editMessageText / answerInlineQuery / answerCallbackQuery of every
handler test by the ``fake`` fixture.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

ALLOWED = {"b", "i", "u", "s", "tg-spoiler", "a", "code", "pre", "blockquote"}
MAX_LENGTH = 4096
MAX_ENTITIES = 100
MAX_CALLBACK_BYTES = 64
MAX_ALERT = 200
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.entities = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}> is not allowed")
        names = {name for name, _ in attrs}
        allowed_attrs = {
            "a": {"href"},
            "blockquote": {"expandable"},
            "pre": set(),
            "code": {"class"},
        }
        extra = names - allowed_attrs.get(tag, set())
        if extra:
            self.problems.append(f"<{tag}> has attributes {sorted(extra)}")
        if (
            self.stack
            and self.stack[-1] in ("code", "pre")
            and not (tag == "code" and self.stack[-1] == "pre")
        ):
            self.problems.append(f"<{tag}> inside <{self.stack[-1]}>")
        if tag == "blockquote" and "blockquote" in self.stack:
            self.problems.append("nested blockquote")
        self.stack.append(tag)
        self.entities += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
            return
        self.stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def lint_html(markup: str) -> list[str]:
    """Problems with ``markup`` as a Telegram HTML message (empty when it is fine)."""
    problems = []
    stripped = re.sub(r"</?[a-z][a-z-]*(?:\s[^<>]*)?>", "", markup)
    if "<" in stripped or ">" in stripped:
        problems.append("unescaped < or > outside a tag")
    if "&" in _ENTITY.sub("", stripped):
        problems.append("unescaped &")
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    problems += checker.problems
    if checker.stack:
        problems.append(f"unclosed tags {checker.stack}")
    text = "".join(checker.text)
    length = len(text.encode("utf-16-le")) // 2
    if length > MAX_LENGTH:
        problems.append(f"{length} characters after parsing (max {MAX_LENGTH})")
    if not text.strip():
        problems.append("empty text")
    if checker.entities > MAX_ENTITIES:
        problems.append(f"{checker.entities} entities (max {MAX_ENTITIES})")
    return problems


def lint_markup(markup: Any) -> list[str]:
    """Problems with an inline keyboard: callback data size, button counts."""
    if not markup:
        return []
    problems = []
    rows = markup.get("inline_keyboard", [])
    if sum(len(row) for row in rows) > 100 or any(len(row) > 8 for row in rows):
        problems.append("too many buttons")
    for row in rows:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_BYTES:
                problems.append(f"callback_data {data!r} is {len(data.encode())} bytes")
            if data is None and not button.get("url") and "switch_inline_query" not in button:
                problems.append(f"button {button.get('text')!r} does nothing")
    return problems


def lint_call(method: str, params: dict[str, Any]) -> list[str]:
    """Problems with one recorded Bot API call (only the methods that carry our text)."""
    problems: list[str] = []
    if method in ("sendMessage", "editMessageText"):
        if params.get("parse_mode") == "HTML":
            problems += lint_html(params.get("text", ""))
        problems += lint_markup(params.get("reply_markup"))
    elif method == "answerInlineQuery":
        results = params.get("results", [])
        if len(results) > 50 or len({r["id"] for r in results}) != len(results):
            problems.append("more than 50 results or duplicate ids")
        for result in results:
            if not 1 <= len(result["id"].encode()) <= 64:
                problems.append(f"result id {result['id']!r}")
            content = result.get("input_message_content", {})
            if content.get("parse_mode") == "HTML":
                problems += lint_html(content.get("message_text", ""))
            problems += lint_markup(result.get("reply_markup"))
    elif method == "answerCallbackQuery" and len(params.get("text", "")) > MAX_ALERT:
        problems.append(f"callback answer longer than {MAX_ALERT} characters")
    return [f"{method}: {p}" for p in problems]
