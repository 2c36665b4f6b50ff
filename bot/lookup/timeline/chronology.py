"""Every dated event in the corpus, extracted once and kept in memory.

Dates need context that a single passage does not carry (同年 leans on the year of the
previous sentence, 今年 on the document's date), so extraction walks each document in
reading order. It runs on first use and again only when a document changes (the key is
the documents' hashes), which keeps a timeline query down to filtering and grouping.
Footnotes, English abstracts and sentences overlapping unrepaired mojibake are never read.
"""

from __future__ import annotations

import asyncio
import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

import aiosqlite
import numpy as np
import numpy.typing as npt
from cachetools import LRUCache

from bot.lookup.corpus.summits import NO_SUMMITS, SummitTable
from bot.lookup.results import Citation
from bot.lookup.text import wordlists
from bot.lookup.text.joined import Joined
from bot.lookup.text.script import fold, fold_with_map
from bot.lookup.timeline.dates import format_date, parse_date
from bot.lookup.timeline.events import Context, EventSpan, sentence_events

MAX_EVENT = 60  # characters of event text
_MIN_EVENT = 8  # shorter than this, an event text borrows the clause before it
_CACHED = 4
_PATTERNS = 4096  # concept patterns remembered per corpus version
# Pairs of claims compared for a conflict remembered per corpus version: a few thousand per
# broad topic; the whole corpus has about 70,000 pairs of statements up to three years apart.
_PAIRS = 1 << 17
_MAYBE_DATED = re.compile(r"\d|年|第.{1,3}次|天前|不久前|这次|此次|会上|期间")
_CLAUSE_MARKS = "，,；;：:。！？!?"
_CLAUSE_END = re.compile(r"[,;:。]")
# A clause cut off before its examples: 欧盟太空计划加速发展，例如
_DANGLING = re.compile(r"[，,；;：:]?(?:例如|比如|譬如|如|包括|其中|即)$")
# A last clause that is only a connective or a word of time (…谈判，如今): it opens a clause
# the cut leaves out.
_TRAILING_OPENER = re.compile(
    rf"[，,；;：:](?:{wordlists.alternation('event_connectives', 'time_openers')})$"
)
# A connective opening an event's text, alone without the clause it ties to: dropped. A
# one-character connective only where it is not part of a longer word (而今, 而后, 但凡).
_LEADING_CONNECTIVE = re.compile(f"^(?:{wordlists.alternation('event_connectives')})[，,]?")
_WORD_AFTER = {"而": "今后已言", "但": "凡"}
_SPEECH_LEAD = re.compile(f"(?:{wordlists.alternation('speech_verbs')})$")
_LIST_END = ("；", ";")  # a clause ending so marks the next event as one more item of a list
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff]|[a-z]+")
# An event's clause that opens (after its date) with no subject of its own: a verb of what
# happened, an adverb or preposition before the predicate, a word pointing back, a stage.
# A connective may come first (但第二阶段原定于…).
_SUBJECTLESS = re.compile(
    f"(?:{wordlists.alternation('event_connectives', 'clause_leads')})?"
    f"(?:{wordlists.alternation('subjectless_openers', 'predicate_openers', 'pronouns')}"
    r"|第[一二三四五六七八九十\d]{1,3}(?:阶段|步|期|批|轮))"
)
_LIST_JOINERS = ("、", "和", "及")  # an event after one is an item of a list

_PASSAGES_SQL = """
SELECT p.id, p.pid, p.doc_id, p.article_id, p.kind, p.section, p.text, p.sentences, p.flags,
       p.fold, p.head, d.name, coalesce(a.title, a.en_title, d.title), a.title, d.date
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN articles a ON a.id = p.article_id
WHERE p.kind IN ('body', 'abstract') AND p.lang = 'zh'
ORDER BY p.doc_id, p.seq
"""


# (document, article, section path up to one heading), as the index writes the path
Section = tuple[int, int | None, str]


@dataclass(frozen=True, slots=True)
class Passage:
    """What relevance needs to know about a passage.

    Attributes:
        id: Database row id (what the search core ranks).
        pid: Citation id such as ``d2.a6.p41``.
        doc: Document file name.
        scope: (document, article, top-level section): the unit a topic can fill.
        fold: The folded text, summit and session numbers removed (see :func:`match_form`).
        head: The folded title, section path and lead.
        citation: How to cite it.
        previous: The passage before it in the same scope, if any.
        sections: The sections it stands in, outermost first (keys of
            ``Chronology.sections``): a heading at any depth can name a topic.
    """

    id: int
    pid: str
    doc: str
    scope: tuple[int, int | None, str]
    fold: str
    head: str
    citation: Citation
    previous: int | None = None
    sections: tuple[Section, ...] = ()


@dataclass(slots=True)
class Chronology:
    """The corpus's dated events plus what relevance needs about every passage."""

    entries: list[Entry]
    passages: dict[int, Passage]
    scope_size: dict[tuple[int, int | None, str], int]
    found: dict[str, frozenset[int]] = field(default_factory=dict)
    dated: frozenset[int] = frozenset()  # the passages that state an event
    # entry order -> statements of other documents giving its claim another year, found on
    # first use by :mod:`bot.lookup.timeline.grouping` (it knows what a claim is)
    disagreeing: dict[int, list[Entry]] | None = None
    # (entry order, entry order) as one number -> whether the two claims disagree, as
    # grouping found them for the events it compared (see ``compared``)
    apart: dict[int, bool] = field(default_factory=dict)
    summits: SummitTable = NO_SUMMITS  # the table the summits were dated with
    # every section (at every depth): its own heading, folded, and how many passages it holds
    sections: dict[Section, tuple[str, int]] = field(default_factory=dict)
    _headings: tuple[Joined, list[Section]] | None = None
    _runs: list[Run] | None = None
    _members: dict[Section, list[Passage]] | None = None
    _run_index: RunIndex | None = None
    _bigram_ids: BigramIds | None = None

    def runs(self) -> list[Run]:
        """The entries passage by passage, in corpus order (built on first use), each with
        whether the clauses that tell it (``own_fold`` or ``scope_fold``) stand in its
        passage's text as they are: a topic judges a passage once, and only the events of
        the passages that can be about it one by one."""
        if self._runs is None:
            runs: list[Run] = []
            for entry in self.entries:
                passage = entry.passage
                inside = (entry.own_fold or entry.scope_fold) in passage.fold
                if runs and runs[-1][0] is passage:
                    runs[-1][1].append(entry)
                    runs[-1][2].append(inside)
                else:
                    runs.append((passage, [entry], [inside]))
            self._runs = runs
        return self._runs

    def run_index(self) -> RunIndex:
        """Where the runs (see :meth:`runs`) are, by passage and section (built on first use)."""
        if self._run_index is None:
            index = RunIndex()
            for n, (passage, entries, inside) in enumerate(self.runs()):
                index.at[passage.id] = n
                for section in {passage.scope, *passage.sections}:
                    index.within.setdefault(section, []).append(n)
                if not all(inside):
                    index.told_apart.append(n)
                if any(e.summit or e.ordinals for e in entries):
                    index.summits.append(n)
            self._run_index = index
        return self._run_index

    def members(self, scope: Section) -> list[Passage]:
        """The passages of a scope (``Passage.scope``), in corpus order (built on first use)."""
        if self._members is None:
            members: dict[Section, list[Passage]] = {}
            for passage in self.passages.values():
                members.setdefault(passage.scope, []).append(passage)
            self._members = members
        return self._members.get(scope, [])

    def headings(self) -> tuple[Joined, list[Section]]:
        """Every section's own heading joined, and the section of each part (built on first
        use), so a concept is sought in all headings with one scan."""
        if self._headings is None:
            keys = list(self.sections)
            self._headings = (Joined.of([self.sections[k][0] for k in keys]), keys)
        return self._headings

    def bigram_ids(self) -> BigramIds:
        """Every entry's bigrams and its claim's as ids in one numbering (built on first
        use), so grouping can weigh them with arrays."""
        if self._bigram_ids is None:
            numbering: dict[str, int] = {}
            grams = [_ids(e.grams, numbering) for e in self.entries]
            claims = [_ids(e.claim, numbering) for e in self.entries]
            self._bigram_ids = BigramIds(grams, claims, len(numbering))
        return self._bigram_ids

    def compared(self, a: Entry, b: Entry) -> bool | None:
        """Whether grouping found the claims of ``a`` and ``b`` to disagree; None if it has
        not compared them yet."""
        return self.apart.get(a.order * len(self.entries) + b.order)

    def remember(self, a: Entry, b: Entry, disagree: bool) -> None:
        """Keep what grouping found comparing the claims of ``a`` and ``b``."""
        if len(self.apart) >= _PAIRS:
            self.apart.clear()  # bounded like ``found``
        self.apart[a.order * len(self.entries) + b.order] = disagree

    def matching(self, pattern: re.Pattern[str]) -> frozenset[int]:
        """Ids of the passages that ``pattern`` finds something in (one scan per pattern)."""
        if pattern.pattern not in self.found:
            if len(self.found) >= _PATTERNS:
                self.found.clear()  # queries are open-ended; keep the memo bounded
            self.found[pattern.pattern] = frozenset(
                pid for pid, p in self.passages.items() if names_in(pattern, p.fold)
            )
        return self.found[pattern.pattern]


@dataclass(frozen=True, slots=True)
class Entry:
    """One dated event as stated by one sentence.

    Attributes:
        passage: The passage it comes from.
        date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
        kind: ``past`` or ``planned``.
        event: The short event text (display script).
        sentence: The whole sentence (display script).
        sentence_fold: The sentence folded for concept matching (see :func:`match_form`).
        event_fold: The event text folded, for grouping statements of one event.
        ordinals: Summit numbers the event's clauses mention.
        summit: The event's clauses name a leaders' summit (by number or host city).
        year_conflict: The year a summit number in the clause implies, if it differs.
        order: Position in the corpus (stable tie-break).
        grams: The event text's bigrams (see :func:`bigrams`), for grouping.
        claim: The bigrams of its first clause (what happened, without the aftermath).
        ranged: The date only starts a span (6月22日至24日).
        scope_fold: The part of the sentence that tells this event (folded like
            ``sentence_fold``): the whole sentence when it states one event; when it states
            several (2011年，南非正式加入…；2024年，沙特…伊朗…成为…), the event's own clauses, so
            a name in another event's clauses does not make this one about it.
        own_fold: Where the sentence (or its part, ``scope_fold``) tells several stories one
            after another, the clauses of this event's story (folded the same way); empty
            when it tells one. An event whose clause names a subject of its own (2020年5月
            19日，厦门市政府…签署…，5月28日，厦门市工信局…签订…) opens a story; one whose
            clause has none (中哈2011年率先建立…，2019年建立永久…) or that is an item of a list
            goes on with the story before it.
    """

    passage: Passage
    date: str
    kind: str
    event: str
    sentence: str
    sentence_fold: str
    event_fold: str
    ordinals: tuple[int, ...]
    summit: bool
    year_conflict: int | None
    order: int
    grams: frozenset[str]
    claim: frozenset[str]
    ranged: bool = False
    scope_fold: str = ""
    own_fold: str = ""


# A passage, its entries, and per entry whether its clauses stand in the passage's text
Run = tuple[Passage, list[Entry], list[bool]]
Ids = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class BigramIds:
    """The entries' bigrams as ids (see ``Chronology.bigram_ids``).

    Attributes:
        grams: Per entry (by ``order``), the ids of ``Entry.grams`` in the set's own
            iteration order (so a sum over them adds in the order a sum over the set does).
        claims: The same for ``Entry.claim``.
        count: How many bigrams are numbered (ids run below it).
    """

    grams: list[Ids]
    claims: list[Ids]
    count: int


def _ids(grams: frozenset[str], numbering: dict[str, int]) -> Ids:
    """The ids of ``grams`` in their iteration order, numbering new ones as they come."""
    return np.fromiter(
        (numbering.setdefault(g, len(numbering)) for g in grams), np.int32, len(grams)
    )


@dataclass(slots=True)
class RunIndex:
    """Where the runs of a chronology are (positions in ``Chronology.runs()``).

    Attributes:
        at: Passage id -> its run.
        within: Section (a scope, or a section at any depth) -> the runs of its passages.
        told_apart: The runs with an event whose clauses do not stand in its passage's text.
        summits: The runs with an event naming a summit by number or host city.
    """

    at: dict[int, int] = field(default_factory=dict)
    within: dict[Section, list[int]] = field(default_factory=dict)
    told_apart: list[int] = field(default_factory=list)
    summits: list[int] = field(default_factory=list)


_cache: LRUCache[tuple[tuple[tuple[str, ...], ...], int], Chronology] = LRUCache(_CACHED)
# What identifies an index state: re-ingesting a file (even unchanged, with force) gives its
# passages new row ids, and a catalogue edit can change a document's date.
_VERSION_SQL = """
SELECT d.key, d.sha256, d.date, (SELECT max(p.id) FROM passages p WHERE p.doc_id = d.id)
FROM documents d ORDER BY d.key
"""
_NUMBERED = re.compile(r"第?[一二三四五六七八九十\d]{1,3}(?:次|届)")


def names_in(pattern: re.Pattern[str], text: str) -> bool:
    """A hit of ``pattern``; for a pattern with a group, a hit of the group (a concept's
    forms after the longer names that hold them, see ``relevance._pattern``)."""
    if not pattern.groups:
        return pattern.search(text) is not None
    return any(m.group(1) is not None for m in pattern.finditer(text))


def match_form(folded: str) -> str:
    """Folded text with 第N次/第N届 removed, so 金砖国家领导人第九次会晤 shows 领导人会晤.

    One source typo is read as meant: 000 writes 领导人第九次会务 for 会晤 (CORPUS_NOTES §1.3).
    """
    return _NUMBERED.sub("", folded).replace("领导人会务", "领导人会晤")


async def corpus_events(conn: aiosqlite.Connection, summits: SummitTable) -> Chronology:
    """All dated events of the indexed corpus (extracted on first use, then cached), its
    numbered and city-named summits dated by ``summits`` (the corpus's table).

    The first call for an index state walks the whole corpus (a few hundred ms, in a worker
    thread); call it once after opening the library to keep it off the first query.
    """
    rows = await conn.execute_fetchall(_VERSION_SQL)
    key = (tuple(tuple(str(v) for v in row) for row in rows), id(summits))
    cached = _cache.get(key)
    if cached is not None and cached.summits is summits:
        return cached
    passages = list(await conn.execute_fetchall(_PASSAGES_SQL))
    entries = _cache[key] = await asyncio.to_thread(extract_all, passages, summits)
    return entries


def extract_all(rows: Sequence[Sequence[object]], summits: SummitTable) -> Chronology:
    """Walk the passages (rows of ``_PASSAGES_SQL``, in reading order) and list their events."""
    chronology = Chronology([], {}, {}, summits=summits)
    ctx = Context(summits=summits)
    current: object = None
    last: Passage | None = None
    for row in rows:
        doc_id, date = row[2], row[14]
        if doc_id != current:
            current = doc_id
            ctx = Context(now=parse_date(str(date)) if date else None, summits=summits)
        passage = _passage(row, last)
        last = passage
        chronology.passages[passage.id] = passage
        sizes = chronology.scope_size
        sizes[passage.scope] = sizes.get(passage.scope, 0) + 1
        for key in passage.sections:
            heading, size = chronology.sections.get(key, (_heading(key), 0))
            chronology.sections[key] = (heading, size + 1)
        _passage_events(passage, row, ctx, chronology.entries)
    chronology.dated = frozenset(e.passage.id for e in chronology.entries)
    return chronology


def _passage(row: Sequence[object], last: Passage | None) -> Passage:
    pid_int, pid, doc_id, article_id, _, section, _, _, _, fold, head = row[:11]
    doc, title, article, date = row[11:15]
    top = str(section).split(" > ")[0] if section else ""
    scope = (int(str(doc_id)), int(str(article_id)) if article_id is not None else None, top)
    path = str(section).split(" > ") if section else []
    sections = tuple((scope[0], scope[1], " > ".join(path[: n + 1])) for n in range(len(path)))
    return Passage(
        int(str(pid_int)),
        str(pid),
        str(doc),
        scope,
        match_form(str(fold)),
        str(head),
        Citation(str(pid), str(doc), str(title), _opt(article), _opt(section), _opt(date)),
        last.id if last is not None and last.scope == scope else None,
        sections,
    )


def _heading(section: Section) -> str:
    """A section's own heading (the last of its path), folded like passage text."""
    return match_form(fold(section[2].rsplit(" > ", 1)[-1]))


def _passage_events(
    passage: Passage, row: Sequence[object], ctx: Context, out: list[Entry]
) -> None:
    text, sentences, flags = str(row[6]), row[7], row[8]
    if not _MAYBE_DATED.search(str(row[9])):
        ctx.anchor = ctx.last = None  # nothing here to lean on for the next passage
        return
    bad = [(a, b) for a, b, reason in json.loads(str(flags)) if reason != "repaired"]
    folded, index_map = fold_with_map(text)
    source = _Source(passage, text, index_map)
    found = False
    for start, end, _ in json.loads(str(sentences)):
        fa, fb = bisect_left(index_map, start), bisect_left(index_map, end)
        if any(a < end and b > start for a, b in bad):
            ctx.speech = ctx.last = None
            continue
        sentence_fold = folded[fa:fb]
        spans = sentence_events(sentence_fold, ctx)
        scopes = _scopes(sentence_fold, spans)
        stories = _stories(sentence_fold, spans, scopes)
        for n, (start, end) in enumerate(scopes):
            found = True
            entry = _entry(source, fa, spans[n], sentence_fold, len(out))
            # What leads the list (在太空防务领域，欧洲太空强国…：2019—2021年间…；英国于
            # 2018年…) is said of every item.
            lead = sentence_fold[: spans[0].start] if start else ""
            if (start, end) != (0, len(sentence_fold)):
                entry = replace(entry, scope_fold=match_form(lead + sentence_fold[start:end]))
            story = stories[n]
            if story != (start, end):
                told = (lead if story[0] == start else "") + sentence_fold[story[0] : story[1]]
                entry = replace(entry, own_fold=match_form(told))
            out.append(entry)
    if not found:
        ctx.last = None
    ctx.speech = None


def _scopes(sentence: str, spans: list[EventSpan]) -> list[tuple[int, int]]:
    """Per event, the part of the sentence that tells it.

    Events listed one after another (2011年，南非正式加入…；2024年，沙特…伊朗…成为…) each have
    their own clauses; events told as one story (虽然…创新基地到2020年12月才…，但其实在2017年
    厦门会晤时，就已埋下种子) share the sentence, whose subject is often named once.
    """
    scopes = [(0, len(sentence))] * len(spans)
    cuts = [0] + [
        span.start for span in spans[1:] if sentence[: span.start].rstrip().endswith(_LIST_END)
    ]
    if len(cuts) == 1:
        return scopes
    bounds = [*cuts, len(sentence)]
    for n, span in enumerate(spans):
        start = max(c for c in cuts if c <= max(span.start, 0))
        end = min(b for b in bounds if b > start)
        scopes[n] = (start, end)
    return scopes


def _stories(
    sentence: str, spans: list[EventSpan], scopes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Per event, the part of its scope (see :func:`_scopes`) that tells its story.

    A scope telling several events tells one story while each event goes on with the one
    before it: its clause opens (after the date) with no subject (2019年建立永久…, 此前该项目…,
    第二阶段原定于…), it is an item of a list (1996年建立的…、2001年成立的…), or it shares
    its clause. An event whose clause names a subject of its own opens the next story.
    """
    stories = list(scopes)
    first = 0  # the event that opened the current story
    for n in range(1, len(spans) + 1):
        if n < len(spans) and scopes[n] == scopes[n - 1] and _goes_on(sentence, spans, n):
            continue
        start = scopes[first][0] if first == 0 or scopes[first] != scopes[first - 1] else None
        story_start = spans[first].start if start is None else start
        story_end = spans[n - 1].end if n < len(spans) and scopes[n] == scopes[n - 1] else None
        story = (story_start, scopes[n - 1][1] if story_end is None else story_end)
        for m in range(first, n):
            stories[m] = story
        first = n
    return stories


def _goes_on(sentence: str, spans: list[EventSpan], n: int) -> bool:
    """True if event ``n`` of a sentence goes on with the story of the event before it."""
    span = spans[n]
    if span.start <= spans[n - 1].start or sentence[: span.start].endswith(_LIST_JOINERS):
        return True
    return _SUBJECTLESS.match(sentence, span.text_start) is not None


@dataclass(frozen=True, slots=True)
class _Source:
    passage: Passage
    text: str
    index_map: list[int]


def _entry(source: _Source, offset: int, span: EventSpan, sentence_fold: str, order: int) -> Entry:
    text, index_map = source.text, source.index_map

    def display(a: int, b: int) -> str:
        if b <= a:
            return ""
        return text[index_map[offset + a] : index_map[offset + b - 1] + 1].strip()

    sentence = display(0, len(sentence_fold))
    event_fold = sentence_fold[span.text_start : span.end]
    event = short_event(display(span.text_start, span.end))
    if len(event) < _MIN_EVENT:
        # 2021年分别高达47.96%：a bare figure needs its clause and the one before it.
        before = max(sentence_fold.rfind(ch, 0, max(span.start - 1, 0)) for ch in ",;")
        event = short_event(display(before + 1 if before >= 0 else span.start, span.end))
    return Entry(
        passage=source.passage,
        date=format_date(*span.date),
        kind=span.kind,
        event=event,
        sentence=sentence,
        sentence_fold=match_form(sentence_fold),
        event_fold=event_fold,
        ordinals=span.ordinals,
        summit=span.summit,
        year_conflict=span.year_conflict,
        order=order,
        grams=frozenset(bigrams(event_fold)),
        claim=frozenset(bigrams(_CLAUSE_END.split(event_fold, maxsplit=1)[0])),
        ranged=span.lead is not None and span.lead.qualifier == "range",
        scope_fold=match_form(sentence_fold),
    )


def short_event(text: str, limit: int = MAX_EVENT) -> str:
    """The first clauses of ``text`` that fit in ``limit`` characters (cut with … if none do).

    Args:
        text: The event's clauses in display script.
        limit: Maximum length.

    Returns:
        The text without trailing punctuation; never words that are not in ``text``.
    """
    text = text.strip().lstrip(_CLAUSE_MARKS)
    marks = [i for i, ch in enumerate(text[: limit + 1]) if ch in _CLAUSE_MARKS]
    if len(text.rstrip(_CLAUSE_MARKS)) <= limit:
        marks.append(len(text.rstrip(_CLAUSE_MARKS)))
    # 中国外交部在回应此问题时表示：“…” cut before the quotation says nothing: the event
    # ends with the clause before it.
    while len(marks) > 1 and _introduces_speech(text, marks[-1]) and marks[-2] >= 8:
        marks.pop()
    if marks and (marks[-1] >= 8 or marks[-1] == len(text.rstrip(_CLAUSE_MARKS))):
        kept = _DANGLING.sub("", text[: marks[-1]].rstrip(_CLAUSE_MARKS))
        return _unlinked(_TRAILING_OPENER.sub("", kept))
    return _unlinked(text[: limit - 1]) + "…"


def _unlinked(text: str) -> str:
    """``text`` without a connective that ties it to a clause not shown (然而, 加上, 以及)."""
    opening = _LEADING_CONNECTIVE.match(text)
    if opening is None:
        return text
    rest = text[opening.end() :]
    if rest[:1] and rest[0] in _WORD_AFTER.get(opening.group(), ""):
        return text  # 而今, 而后, 但凡: a word of its own
    return rest if len(rest) >= _MIN_EVENT else text


def _introduces_speech(text: str, cut: int) -> bool:
    """True if the clause ending at ``cut`` only announces words that follow it."""
    follows = text[cut : cut + 2]
    announces = follows[:1] in (":", "：") or follows.endswith(("“", '"'))
    return announces and _SPEECH_LEAD.search(text, 0, cut) is not None


def bigrams(folded: str) -> list[str]:
    """Character bigrams of the CJK text (and whole Latin words) of a folded string."""
    units = _CJK_OR_WORD.findall(folded)
    return [a + b for a, b in pairwise(units)]


def _opt(value: object) -> str | None:
    return str(value) if value is not None else None
