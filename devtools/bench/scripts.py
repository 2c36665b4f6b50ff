"""Replies that mix scripts: every answer rendered as a chat set to one script sees it.

Each question of a set (search, summary, timeline and quote questions) is answered and
rendered twice: for a chat set to simplified (the default) and for one set to traditional,
each with its interface language. The user's own words are taken out of the reply (the
echo of a traditional question stays as typed); what is left must be in one script:

* a simplified reply mixes scripts when it holds a character OpenCC would simplify;
* a traditional reply, when a character of it changes on the way to simplified and back
  (其他来源 → 其他來源) and the corpus's traditional documents never write it. OpenCC is
  not idempotent on traditional text, so converting the reply once more would count
  correct text (it reads the 干 of 干擾 alone, as 幹); the round trip sees the phrase, and
  the corpus's own spellings (the 伙 of a traditional 伙伴) are not counted against it.

Japanese titles cited in footnotes (岸田内閣総理大臣施政方針演説) are in neither script:
a clause holding kana is not counted. A "did you mean" line shows the user's words
corrected, in the script they typed; it is taken out with the question.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.lookup.text.script import to_simplified, to_traditional
from bot.render import answers as rendered
from bot.render.replies import View, query_echo, search_page

if TYPE_CHECKING:
    from bot.lookup.library import Library

_TAG = re.compile(r"<[^>]+>")
_CLAUSE = re.compile(r"[，。、；：\n「」『』“”()（）]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_DID_YOU_MEAN = re.compile(r"(你是不是要找：|Did you mean )[^\n]*")
SETS = (
    ("search", "queries.jsonl"),
    ("summary", "summaries.jsonl"),
    ("timeline", "timelines.jsonl"),
    ("quote", "quotes.jsonl"),
)


def _questions(folder: Path) -> list[tuple[str, str]]:
    out = []
    for kind, name in SETS:
        path = folder / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            out += [(kind, json.loads(line)["query"]) for line in lines if line.strip()]
    return out


async def _reply(library: Library, kind: str, query: str, view: View) -> str:
    if kind == "search":
        reply = search_page(await library.search(query, view.page_size + 1), view, has_next=True)
    elif kind == "summary":
        reply = rendered.summary(await library.summary(query), view)
    elif kind == "timeline":
        reply = rendered.timeline(await library.timeline(query), view)
    else:
        reply = rendered.quotes(await library.quotes(query), view)
    text = html.unescape(_TAG.sub("", reply.text))
    text = text.replace(query, "").replace(query_echo(query), "")  # a long one is shortened
    return _DID_YOU_MEAN.sub("", text)


async def _traditional_characters(library: Library) -> set[str]:
    rows = await library.conn.execute_fetchall(
        "SELECT p.text FROM passages p JOIN documents d ON d.id = p.doc_id"
        " WHERE d.script = 'traditional'"
    )
    return {c for (text,) in rows for c in str(text)}


def mixes(text: str, script: str, written: set[str]) -> bool:
    """Whether ``text``, shown to a chat set to ``script``, holds the other script
    (``written``: the characters the corpus's traditional documents use)."""
    text = " ".join(p for p in _CLAUSE.split(text) if not _KANA.search(p))
    if script == "simplified":
        return any(to_simplified(c) != c for c in text)
    back = to_traditional(to_simplified(text))
    return any(a != b and a not in written for a, b in zip(text, back, strict=False))


async def mixed_script_replies(library: Library, folder: Path) -> dict[str, Any]:
    """How many rendered replies to the questions in ``folder`` mix scripts, per setting."""
    written = await _traditional_characters(library)
    simplified, traditional = View("zh-Hans", "simplified"), View("zh-Hant", "traditional")
    questions = _questions(folder)
    mixed_simplified = mixed_traditional = 0
    for kind, query in questions:
        text = await _reply(library, kind, query, simplified)
        mixed_simplified += mixes(text, "simplified", written)
        text = await _reply(library, kind, query, traditional)
        mixed_traditional += mixes(text, "traditional", written)
    return {
        "replies_each": len(questions),
        "mixing_scripts_simplified": mixed_simplified,
        "mixing_scripts_traditional": mixed_traditional,
    }
