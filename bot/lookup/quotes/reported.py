"""Reported speech: what a speaker said, given without quotation marks.

习近平主席强调，应该推进这一进程，… / 普京指出，同伊朗关系是俄当前优先事项。 The words after a
speech verb and its comma, to the end of the sentence, are the speaker's statement as the
document reports it: kind ``reported``. With 曾 before the verb (习近平总书记曾指出，…) it is
something said at an earlier, unstated time: kind ``indirect``. The speaker is found by the
rules quotations use (titles, 他/她, documents, the clauses before the verb), on the same
masked text, so a verb inside a quotation or a book title is never read.

Not reported speech: a verb followed by a quotation (that is a direct quote, found as such),
a statement holding a quotation of its own, a verb whose subject names nobody (可以说，… /
本文认为，… / 有研究指出，…), a clause that only continues the sentence (提出，并于…), and
statements too short to stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.lookup.quotes.attribution import Attribution, Masked, Namer, subject_of
from bot.lookup.text import wordlists

MIN_WORDS = 8  # word characters a statement needs to be worth quoting
MAX_STATEMENT = 200  # a longer statement is cut at its last clause break before this
# Speech verbs that introduce a statement after a comma or colon, 了 allowed between
# (明确指出了，…); the masked text is simplified.
# After 的 these words are nouns (倡议的提出，…); 主张 is far more often a noun (立场主张).
# A verb with 道 says that words follow, whatever the verb alone would mean (评价道，…,
# 回忆道，…); 报道 is left out: 据…报道 names a source, not a speaker.
_VERBS = re.compile(
    r"(?<!的)(?:特别|重点|着重|尤其)?(?:强调指出|指出|强调|表示|认为|宣布|提出|重申|呼吁|宣称|声称|坦言|直言|警告"
    r"|阐述|提到|谈到|透露|写道|(?:评价|评论|回应|补充|总结|回忆|感叹|解释|说|讲|谈|问)道"
    r"|(?<![简名统号堪俗又被自职著对相戏爱昵据])称"
    r"|(?<![虽小学据以就是么话来可听传地])说)(?=了?[，,：:])"
)
# The same, run on without a comma (习近平总书记指出金砖国家是…): only verbs that say
# something whatever follows them, and a longer statement, since 表示欢迎 only expresses.
_RUN_ON_VERBS = re.compile(
    r"(?<![的所被])(?:特别|重点|着重|尤其)?"
    r"(?:强调指出|指出|强调|表示|认为|宣布|重申|呼吁|宣称|声称|坦言|直言|透露|警告)"
    r"(?=[\u3400-\u9fff])(?![了着过]|指出|表示)"
)
_EXPRESSES = re.compile(f"(?:{wordlists.alternation('expressed_attitudes')})")
MIN_RUN_ON_WORDS = 12
_OPEN_MARKS = ("“", "「", "‘", "『")
_END = "。！？!?"
_BREAKS = "；;，,"
# A clause that carries on the sentence rather than saying something: 首次提出，并于2018年…
_CONTINUATION = re.compile(r"(?:并|而且|而|但|又|即|于|随后|此后)")
_WORD = re.compile(r"[\w\u3400-\u9fff]")

Kind = Literal["reported", "indirect"]


@dataclass(slots=True, frozen=True)
class Reported:
    """A reported statement; offsets index the masked text."""

    start: int
    end: int
    verb: int  # where the speech verb starts
    speaker: Attribution
    kind: Kind


def reported_speech(
    masked: Masked, quotations: Sequence[tuple[int, int]], namer: Namer, *, start_at: int = 0
) -> list[Reported]:
    """The reported statements whose speech verb lies at or after ``start_at``.

    Args:
        masked: The prepared text (quotations and titles blanked).
        quotations: The (open, close) offsets of the text's quotations, terms left out.
        namer: Turns subject phrases into speaker names.
        start_at: Verbs before this offset (a previous passage's tail) are not read.

    Returns:
        The statements in reading order.
    """
    text = masked.masked
    starts = [
        (v, v.end() + (2 if text.startswith("了", v.end()) else 1), MIN_WORDS)
        for v in _VERBS.finditer(text, start_at)
    ]
    starts += [
        (v, v.end(), MIN_RUN_ON_WORDS)
        for v in _RUN_ON_VERBS.finditer(text, start_at)
        if not (v.group() == "表示" and _EXPRESSES.match(text, v.end()))
    ]
    found: list[Reported] = []
    for verb, begin, least in sorted(starts, key=lambda s: s[0].start()):
        while begin < len(text) and text[begin].isspace():
            begin += 1
        # A quotation right after the verb is a direct quote, found as such; a quoted term
        # opening the statement is not (提出，“中国梦”就是实现中华民族的伟大复兴).
        opens = text[begin : begin + 1] in _OPEN_MARKS
        if (opens and any(a == begin for a, _ in quotations)) or _CONTINUATION.match(text, begin):
            continue
        end = _statement_end(text, begin)
        words = len(_WORD.findall(masked.text[begin:end]))
        if words < least or any(begin <= a < end for a, _ in quotations):
            continue
        who = subject_of(masked, verb.start(), namer)
        if who is not None:
            found.append(Reported(begin, end, verb.start(), who, _kind(text, who, verb.start())))
    return _apart(masked, found)


def _apart(masked: Masked, found: list[Reported]) -> list[Reported]:
    """A statement ends where someone it names begins to speak: 强调和平与民主的重要性，…；
    在经济方面，习近平总书记一直强调… stops at the semicolon (or the clause break before
    that speaker), so no statement carries the next one's speaker and verb."""
    out: list[Reported] = []
    for said in found:
        named = [o.speaker.start for o in found if said.start < o.speaker.start < said.end]
        if named:
            cut = masked.masked.rfind("；", said.start, min(named))
            if cut < 0:
                cut = max(masked.masked.rfind(ch, said.start, min(named)) for ch in _BREAKS)
            words = len(_WORD.findall(masked.text[said.start : max(cut, said.start)]))
            if words < MIN_WORDS:
                continue
            said = replace(said, end=cut)
        out.append(said)
    return out


def _kind(text: str, who: Attribution, verb_at: int) -> Kind:
    """``indirect`` when 曾 stands right before the verb (曾指出, 也曾表示, 曾多次强调)."""
    return "indirect" if "曾" in text[max(who.end, verb_at - 4) : verb_at] else "reported"


def _statement_end(text: str, begin: int) -> int:
    """The end of the sentence from ``begin``, cut at a clause break if it runs long."""
    end = begin
    while end < len(text) and text[end] not in _END:
        end += 1
    if end - begin > MAX_STATEMENT:
        cut = max(text.rfind(ch, begin, begin + MAX_STATEMENT) for ch in _BREAKS)
        end = cut if cut > begin else begin + MAX_STATEMENT
    return end
