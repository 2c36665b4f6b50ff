"""Show a Telegram message in a terminal as a chat client would: styled text, then buttons.

The input is the Message JSON the (fake) Bot API returned: the text after Telegram parsed the
HTML, and its entities with UTF-16 offsets. With ``color`` the entities become ANSI
emphasis; without it (piped output, tests) only what a reader needs survives: link targets and
quote bars.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]
QUOTE_BAR = "│ "
_ANSI = {
    "bold": ("\x1b[1m", "\x1b[22m"),
    "italic": ("\x1b[3m", "\x1b[23m"),
    "underline": ("\x1b[4m", "\x1b[24m"),
    "strikethrough": ("\x1b[9m", "\x1b[29m"),
    "spoiler": ("\x1b[7m", "\x1b[27m"),
    "code": ("\x1b[36m", "\x1b[39m"),
    "pre": ("\x1b[36m", "\x1b[39m"),
    "text_link": ("\x1b[4m", "\x1b[24m"),
}
DIM = ("\x1b[2m", "\x1b[22m")


@dataclass(frozen=True)
class Button:
    """One inline keyboard button, reduced to what pressing it does."""

    label: str
    kind: str  # "callback", "url", "inline" (switch to inline query) or "copy"
    value: str


def python_index(text: str) -> list[int]:
    """For each UTF-16 offset in ``text``, the Python string index (length+1 entries)."""
    index = []
    for i, char in enumerate(text):
        index.extend([i] * (2 if ord(char) > 0xFFFF else 1))
    index.append(len(text))
    return index


def render_text(text: str, entities: list[JSON], *, color: bool) -> str:
    """``text`` with its entities shown: ANSI emphasis when ``color``, link targets, quote bars."""
    index = python_index(text)
    before: defaultdict[int, list[str]] = defaultdict(list)
    after: defaultdict[int, list[str]] = defaultdict(list)
    quoted: set[int] = set()
    for entity in entities:
        start = index[min(entity["offset"], len(index) - 1)]
        end = index[min(entity["offset"] + entity["length"], len(index) - 1)]
        kind = entity["type"]
        if kind in ("blockquote", "expandable_blockquote"):
            quoted.update(_line_starts(text, start, end))
            if end < len(text) and text[end] != "\n":
                after[end].append("\n")  # a quote is a block: what follows starts a line
            continue
        if color and kind in _ANSI:
            before[start].append(_ANSI[kind][0])
            after[end].insert(0, _ANSI[kind][1])
        url = entity.get("url")
        if kind == "text_link" and url and url != text[start:end]:
            after[end].append(_dim(f" <{url}>", color))
    out = []
    for i, char in enumerate(text):
        out += after.pop(i, [])
        if i in quoted:
            out.append(_dim(QUOTE_BAR, color))
        out += before.pop(i, [])
        out.append(char)
    out += after.pop(len(text), [])
    return "".join(out)


def _line_starts(text: str, start: int, end: int) -> list[int]:
    starts = [start]
    position = text.find("\n", start, end)
    while position != -1 and position + 1 < end:
        starts.append(position + 1)
        position = text.find("\n", position + 1, end)
    return starts


def _dim(text: str, color: bool) -> str:
    return f"{DIM[0]}{text}{DIM[1]}" if color else text


def buttons_of(message: JSON) -> list[Button]:
    """The inline keyboard of ``message``, row by row, as pressable buttons."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    found = []
    for row in rows:
        for button in row:
            found.append(_button(button))
    return found


def _button(data: JSON) -> Button:
    label = str(data.get("text", ""))
    if "callback_data" in data:
        return Button(label, "callback", str(data["callback_data"]))
    if "url" in data:
        return Button(label, "url", str(data["url"]))
    for key in ("switch_inline_query_current_chat", "switch_inline_query"):
        if key in data:
            return Button(label, "inline", str(data[key]))
    if "copy_text" in data:
        return Button(label, "copy", str(data["copy_text"].get("text", "")))
    return Button(label, "other", "")


def render_buttons(buttons: list[Button], first: int = 1) -> str:
    """Numbered buttons on one line each row of up to four, for pressing by number."""
    cells = [f"[{n}] {b.label}" for n, b in enumerate(buttons, first)]
    return "\n".join("  ".join(cells[i : i + 4]) for i in range(0, len(cells), 4))


def render_inline_results(results: list[JSON], first: int = 1) -> str:
    """An inline answer as a numbered list: title, then description."""
    lines = []
    for n, result in enumerate(results, first):
        title = result.get("title") or result.get("id", "")
        lines.append(f"[{n}] {title}")
        if result.get("description"):
            lines.append(f"    {result['description']}")
    return "\n".join(lines)
