"""Finding who a quotation belongs to, in the text around it.

Three shapes occur in the corpus:

* speaker + verb + quote: 习近平主席明确指出“…”, 岸田在“印太新计划”中提出，…，“…”;
* quote + speaker: “…”在全球发展高层对话会上，习近平主席这一宣示掷地有声;
* a subject with no verb right before the quote: 《喀山宣言》不仅“重申…”.

The search runs on a *masked* copy of the text: simplified, with the inside of every
quotation and book title blanked out, so commas and verbs inside quotes neither end a
clause nor pass for the attribution. The speech verb must sit close before the quote (same
sentence, at most two clause breaks away); its subject may lie a few clauses earlier
(还宣布“…” → the document named before), in the previous sentence when the verb's own
clause has no subject (这是…的理解：“…”), and 他/她 stands for the person last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.lookup.quotes.coreference import members
from bot.lookup.quotes.speakers import generic_document, is_pronoun
from bot.lookup.text import wordlists

VERB_WINDOW = 60  # characters between a speech verb and the quote it introduces
SUBJECT_WINDOW = 160  # unquoted characters walked back to find a verb's subject
PRONOUN_WINDOW = 250  # how far back 他/她 may find the person it stands for
AFTER_WINDOW = 60  # how far after a quote a trailing attribution may start
MAX_CLAUSES = 6  # clauses walked back to find the subject of a speech verb
MAX_GAP_CLAUSES = 2  # clause breaks allowed between a speech verb and its quote
TERM_LIKE = 14  # quotes this short need inner punctuation or a colon to count
MASK = "〇"

# 称 and 说 say something only outside words such as 简称, 称为, 小说 and 说明.
_CONTEXT_VERBS = (
    r"(?<![简名统号堪俗又被自职著对相戏爱昵])称(?![为之号作呼赞颂])"
    r"|(?<![虽小学据以就是么话来可听传])说(?![明法服是过])"
)
_VERBS = re.compile(f"{wordlists.alternation('speech_verbs')}|{_CONTEXT_VERBS}")
_TRAILING_SPEECH = re.compile(
    f"{wordlists.alternation('trailing_speech', 'speech_verbs')}|{_CONTEXT_VERBS}"
)
_ANNOUNCED = re.compile(f"(?:{wordlists.alternation('speech_verbs')})[，,]$")
_OPEN_MARKS = ("“", "「", "‘")
_CLAUSE_END = "，,；;：:。！？!?"
_SENTENCE_END = "。！？!?"
# Where a subject ends: the predicate has begun (an adverb, a preposition or a verb).
_SUBJECT_STOP = re.compile(
    f"{wordlists.alternation('predicate_openers', 'speech_verbs')}"
    f"|(?<![基关对由鉴属位等善])于|{_CONTEXT_VERBS}"
)
_LEAD = re.compile(rf"[\s，,”’」』)）]*(?:{wordlists.alternation('clause_leads')})?")
_ADVERBS_ONLY = re.compile(f"^(?:{wordlists.alternation('speech_adverbs')})*$")
_PERSONAL = re.compile(r"^(?:他|她)(?!们)")
_SHORT_NAME = re.compile(r"^[\u3400-\u9fff·]{2,6}$")
_NOT_QUOTE_BEFORE = re.compile(f"(?:{wordlists.alternation('quoted_name_before')})$")
# “…”这一点, “…”等义利观, “…”的开放态度: the quote is talked about, not said.
_NOT_QUOTE_AFTER = re.compile(f"^(?:{wordlists.alternation('quoted_name_after')})")

Shape = Literal["speaker-verb-quote", "quote-then-speaker"]


class Namer(Protocol):
    """What attribution needs to know about names (see SpeakerResolver)."""

    def resolve(self, phrase: str) -> str | None: ...

    def is_person(self, name: str) -> bool: ...

    def last_person(self, text: str) -> str | None: ...


@dataclass(slots=True, frozen=True)
class Attribution:
    """A speaker found for a quote, with where its phrase sits in the text."""

    speaker: str
    start: int
    end: int
    shape: Shape = "speaker-verb-quote"


@dataclass(slots=True)
class Masked:
    """The text prepared for attribution: simplified and with quotes blanked out."""

    text: str  # display text
    masked: str  # same length: simplified, quote and title contents replaced by MASK

    def sentence_start(self, pos: int) -> int:
        return max(self.masked.rfind(ch, 0, pos) for ch in _SENTENCE_END) + 1

    def clause_start(self, pos: int, floor: int = 0) -> int:
        cut = max(self.masked.rfind(ch, floor, pos) for ch in _CLAUSE_END)
        return max(cut + 1, floor)


def is_name_like(masked: Masked, open_at: int, close_at: int) -> bool:
    """Quoted names and themes (主题为“…”, “…”为主题) are not quotations."""
    before = masked.masked[max(0, open_at - 4) : open_at]
    after = masked.masked[close_at + 1 : close_at + 5]
    return bool(_NOT_QUOTE_BEFORE.search(before) or _NOT_QUOTE_AFTER.match(after))


def attribute(masked: Masked, open_at: int, close_at: int, namer: Namer) -> Attribution | None:
    """The speaker of the quotation whose marks sit at ``open_at`` and ``close_at``.

    Args:
        masked: The prepared text.
        open_at: Offset of the opening quotation mark.
        close_at: Offset of the closing quotation mark.
        namer: Turns subject phrases into speaker names.

    Returns:
        The speaker and where it is named, or None when the quote has no speaker.
    """
    inner = masked.text[open_at + 1 : close_at]
    colon = masked.masked[open_at - 1 : open_at] in ("：", ":")
    # 报告提出，“扩大金砖国家等合作机制影响力”: a verb and its comma say a statement follows.
    announced = bool(_ANNOUNCED.search(masked.masked, max(0, open_at - 8), open_at))
    if len(re.findall(r"\w", inner)) <= TERM_LIKE and not (
        colon or announced or re.search(r"[，,、；;。！？]", inner)
    ):
        return None  # a short label (“国际秩序的修正主义者”), not a statement
    sentence = masked.sentence_start(open_at)
    found = _before(masked, open_at, sentence, namer)
    if found is None:
        found = _direct(masked, open_at, sentence, namer)
    if found is None and not masked.masked[sentence:open_at].strip(" ，,”"):
        found = _after(masked, open_at, close_at, namer)
    return found


def _before(masked: Masked, open_at: int, sentence: int, namer: Namer) -> Attribution | None:
    floor = max(sentence, open_at - VERB_WINDOW)
    verbs = [
        v
        for v in _VERBS.finditer(masked.masked, floor, open_at)
        if _breaks(masked.masked[v.end() : open_at]) <= MAX_GAP_CLAUSES
    ]
    if verbs:
        verb = verbs[-1]
        found = subject_of(masked, verb.start(), namer)
        if found is None and verb.group().startswith("所"):
            found = _so_said(masked, verb.start())
        return found
    if masked.masked[open_at - 1 : open_at] in ("：", ":"):
        return subject_of(masked, open_at - 1, namer)
    return None


def _breaks(gap: str) -> int:
    return sum(gap.count(ch) for ch in _CLAUSE_END)


def _so_said(masked: Masked, verb_at: int) -> Attribution | None:
    """正如考克斯所言: the 所-construction names its speaker even when no table knows him."""
    span = _subject_phrase(masked, masked.clause_start(verb_at), verb_at)
    if span and _SHORT_NAME.match(masked.masked[span[0] : span[1]]):
        phrase = masked.text[span[0] : span[1]]
        if not is_pronoun(phrase):
            return Attribution(phrase, *span)
    return None


def subject_of(masked: Masked, verb_at: int, namer: Namer) -> Attribution | None:
    """The speaker named as the subject of the speech verb at ``verb_at``.

    The verb's own clause is read first; a clause without a subject (在…上，还指出) sends
    the search back over the clauses before it, never into a sentence whose subject is
    someone we cannot name.
    """
    end = verb_at
    budget = SUBJECT_WINDOW
    unnamed = False  # a clause of this sentence has a subject we cannot name
    for _ in range(MAX_CLAUSES):
        if end <= 0 or budget <= 0:
            break
        start = masked.clause_start(end)
        found, final = _clause_subject(masked, start, end, namer)
        if found is not None or final:
            return found
        unnamed = unnamed or not _weak(masked, start, end)
        if start > 0 and masked.masked[start - 1] in _SENTENCE_END:
            if unnamed:
                # A sentence with a subject we cannot name (新开发银行两次扩容，宣布…) is not
                # ours, even when it opens with a time (2021年，…).
                return None
            unnamed = False
        budget -= end - start - masked.masked.count(MASK, start, end)
        end = start - 1
    return None


def _weak(masked: Masked, start: int, end: int) -> bool:
    """A clause whose subject is missing or only a pronoun (这是…)."""
    span = _subject_phrase(masked, start, end)
    return span is None or is_pronoun(masked.text[span[0] : span[1]])


def _subject_phrase(masked: Masked, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the subject at the start of a clause (before 在…, 就, 曾, a verb …)."""
    head = masked.masked[start:end]
    lead = _LEAD.match(head)
    offset = lead.end() if lead else 0
    if head[offset : offset + 1] in _OPEN_MARKS:
        return None  # the clause is a quotation: it has no subject of its own
    stop = _SUBJECT_STOP.search(head, offset)
    cut = stop.start() if stop else len(head)
    if cut <= offset:
        return None
    return start + offset, start + cut


def _clause_subject(
    masked: Masked, start: int, end: int, namer: Namer
) -> tuple[Attribution | None, bool]:
    """The speaker named by one clause, and whether the search must stop there."""
    span = _subject_phrase(masked, start, end)
    if span is not None:
        phrase = masked.text[span[0] : span[1]]
        noun = generic_document(phrase)
        if noun:
            # 宣言还表示: the document named before, or nobody we can name.
            return _earlier_document(masked, span[0], noun, namer), True
        if _PERSONAL.match(masked.masked[span[0] : span[1]]):
            return _last_person(masked, span[0], namer), True
        speaker = None if is_pronoun(phrase) else namer.resolve(phrase)
        if speaker is not None:
            return Attribution(members(masked, span) or speaker, *span), True
    # 此次会晤后发表的《…宣言》，强调“…”: the document is named in the clause, not first.
    title = re.search(r"《〇*》", masked.masked[start:end])
    if title is None:
        return None, False
    a, b = start + title.start(), start + title.end()
    speaker = namer.resolve(masked.text[a:b])
    return (Attribution(speaker, a, b) if speaker else None), False


def _last_person(masked: Masked, before: int, namer: Namer) -> Attribution | None:
    """他/她: the person named last before, outside quotations."""
    window = masked.masked[max(0, before - PRONOUN_WINDOW) : before]
    person = namer.last_person(window)
    return Attribution(person, before, before + 1) if person else None


def _earlier_document(masked: Masked, before: int, noun: str, namer: Namer) -> Attribution | None:
    """宣言还表示 → the latest 《…宣言》 named before."""
    for title in reversed(list(re.finditer(r"《[^《》]{1,60}》", masked.text[:before]))):
        if noun in masked.text[title.start() : title.end()]:
            speaker = namer.resolve(title.group(0))
            if speaker:
                return Attribution(speaker, title.start(), title.end())
    return None


def _direct(masked: Masked, open_at: int, sentence: int, namer: Namer) -> Attribution | None:
    """A person or document right before the quote, only adverbs between: 《喀山宣言》不仅“…”."""
    start = masked.clause_start(open_at, sentence)
    head = masked.masked[start:open_at]
    candidates = [
        (start + t.start(), start + t.start() + len(t.group(1)))
        for t in re.finditer(r"(《〇*》)(?:中|里|上)?", head)
    ]
    span = _subject_phrase(masked, start, open_at)
    if span is not None:
        candidates.append(span)
    for a, b in candidates:
        tail = masked.masked[b:open_at]
        if not _ADVERBS_ONLY.match(re.sub(r"^(?:中|里|上)", "", tail)):
            continue
        speaker = namer.resolve(masked.text[a:b])
        if speaker and (speaker.startswith("《") or namer.is_person(speaker)):
            return Attribution(speaker, a, b)
    return None


def _after(masked: Masked, open_at: int, close_at: int, namer: Namer) -> Attribution | None:
    """“…”在…上，习近平主席这一宣示… : the speaker follows the quote."""
    limit = min(len(masked.masked), close_at + 1 + AFTER_WINDOW)
    pos = close_at + 1
    while pos < limit:
        end = pos
        while end < limit and masked.masked[end] not in _CLAUSE_END:
            end += 1
        verb = _TRAILING_SPEECH.search(masked.masked, pos, end)
        if verb:
            span = _subject_phrase(masked, pos, verb.start())
            if span is None:
                # “…”，呼吁“…”: the same subject as before the quote.
                return subject_of(masked, open_at, namer)
            speaker = namer.resolve(masked.text[span[0] : span[1]])
            return Attribution(speaker, *span, "quote-then-speaker") if speaker else None
        if masked.masked[end : end + 1] in tuple(_SENTENCE_END) and end > close_at + 2:
            return None
        pos = end + 1
    return None
