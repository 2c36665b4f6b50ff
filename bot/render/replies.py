"""Result dataclasses -> chat HTML and button specs. Pure functions; no Telegram objects.

Every corpus or user fragment goes through :func:`bot.render.chathtml.esc` (or :func:`t`, which
escapes its parameters); matched terms are bold; every answer carries a citation line
(title · section · date · ``passage id``); corpus text is shown in the chat's script.
Answers are short by default — a group answer fits one phone screen — with buttons for
more, and :func:`bot.render.chathtml.fit` keeps every message within Telegram's limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookup.results import CorpusInfo, DocumentInfo, Hit, Lead, PassageView, SearchResult
from bot.render import callbacks as cb
from bot.render.chathtml import (
    Script,
    blockquote,
    clip,
    clip_around,
    esc,
    fit,
    highlight,
    in_script,
    shorten,
)
from bot.render.strings import EXAMPLES, Html, Lang, t

# Snippet budgets (characters of corpus text per passage).
# Files left out by the last ingest that /about lists for moderators.
MAX_SKIPPED_SHOWN = 10
# Authors named in a citation before 等 (and others).
MAX_AUTHORS = 2
GROUP_SNIPPET = 110
PRIVATE_SNIPPET = 260
GROUP_PAGE = 3
PRIVATE_PAGE = 5
QUERY_ECHO = 60
# A section and title an abstention points to: a line each on a phone.
NEAREST_SECTION = 24
NEAREST_TITLE = 18


@dataclass(frozen=True, slots=True)
class Button:
    """An inline keyboard button: callback ``data`` or a ``url`` (exactly one)."""

    text: str
    data: str | None = None
    url: str | None = None


Keyboard = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to send: Telegram HTML and its keyboard."""

    text: str
    keyboard: Keyboard = ()


@dataclass(frozen=True, slots=True)
class View:
    """How the chat wants answers: language, script, group or private, the bot's name."""

    lang: Lang
    script: Script = "source"
    group: bool = False
    bot_username: str = "ZhikuBot"

    @property
    def page_size(self) -> int:
        return GROUP_PAGE if self.group else PRIVATE_PAGE

    @property
    def snippet(self) -> int:
        return GROUP_SNIPPET if self.group else PRIVATE_SNIPPET

    def corpus(self, text: str) -> str:
        """Corpus text converted to the chat's script (not yet escaped)."""
        return in_script(text, self.script)

    def link(self, payload: str) -> str:
        return cb.deep_link(self.bot_username, payload)


def citation(
    view: View,
    pid: str,
    title: str,
    section: str | None,
    date: str | None,
    authors: Sequence[str] = (),
) -> str:
    """The citation line: 📎 title · authors · section · date · <code>pid</code>."""
    parts = [esc(shorten(view.corpus(title), 40))]
    if authors:
        names = "、".join(view.corpus(a) for a in authors[:MAX_AUTHORS])
        parts.append(esc(names + ("等" if len(authors) > MAX_AUTHORS else "")))
    if section:
        parts.append(esc(shorten(view.corpus(section.split(" > ")[-1]), 30)))
    if date:
        parts.append(esc(date))
    parts.append(f"<code>{esc(pid)}</code>")
    return "📎 " + " · ".join(parts)


def hit_block(view: View, hit: Hit, number: int | None = None, budget: int | None = None) -> str:
    """One passage: its snippet with matched terms in bold, then its citation."""
    budget = budget or view.snippet
    if hit.answer is not None:
        clipped = view.corpus(clip_around(hit.text, budget, hit.answer, hit.fact, hit.focus))
    else:
        clipped = clip(view.corpus(hit.text), budget, [view.corpus(t) for t in hit.terms])
    marks = [*hit.terms, hit.text[slice(*hit.fact)]] if hit.fact else hit.terms
    terms = [view.corpus(term) for term in marks]
    snippet = highlight(clipped, terms)
    label = f"{number}. " if number is not None else ""
    cite = citation(view, hit.passage_id, hit.title, hit.section, hit.date, hit.authors)
    return f"{label}{blockquote(snippet)}{cite}"


def lead_line(view: View, lead: Lead) -> str:
    """💡 the one-line answer (the passage's own words, its fact in bold) and its passage id."""
    text = highlight(view.corpus(lead.text), [view.corpus(lead.fact)])
    return f"💡 {text} <code>{esc(lead.passage_id)}</code>"


def query_echo(query: str) -> str:
    return shorten(query, QUERY_ECHO)


def nothing_found(view: View, query: str) -> Reply:
    """Never silence: what was not found and what to try instead."""
    text = t("nothing", view.lang, query=query_echo(query), example=EXAMPLES[view.lang][0])
    return Reply(text)


def uncovered(view: View, result: SearchResult) -> Reply:
    """Search abstained: the documents do not cover the question (not "nothing matched").
    Says what they never mention when that is why, and points to where they come closest,
    each with a button that opens the passage."""
    lines = [t("uncovered", view.lang, query=query_echo(result.query))]
    if result.missing:
        lines[0] += t("uncovered.missing", view.lang, name=view.corpus(result.missing))
    if result.nearest:
        lines.append(t("uncovered.nearest", view.lang))
        lines += [
            f"{i}. {_place(view, title, section)}"
            for i, (_, title, section) in enumerate(result.nearest, 1)
        ]
    lines.append(t("uncovered.tips", view.lang, example=EXAMPLES[view.lang][0]))
    buttons = tuple(
        source_button(view, pid, str(i)) for i, (pid, _, _) in enumerate(result.nearest, 1)
    )
    return Reply("\n".join(lines), (buttons,) if buttons else ())


def _place(view: View, title: str, section: str | None) -> str:
    """A section (its own heading, not its path) in its article or document."""
    place = esc(shorten(view.corpus(title), NEAREST_TITLE))
    if section:
        heading = shorten(view.corpus(section.split(" > ")[-1]), NEAREST_SECTION)
        place = f"{esc(heading)} · {place}"
    return place


def search_page(
    result: SearchResult,
    view: View,
    *,
    page: int = 0,
    has_next: bool = False,
    state: str | None = None,
) -> Reply:
    """A page of search hits with source buttons and ◀ ▶ (when ``state`` allows paging)."""
    if not result.hits:
        if result.uncovered:
            return uncovered(view, result)
        return nothing_found(view, result.query)
    head = [_header("search.header", view, result.query, page)]
    if result.corrected:
        head.append(t("corrected", view.lang, corrected=result.corrected))
    if result.lead is not None and page == 0:
        head.append(lead_line(view, result.lead))
    first = page * view.page_size + 1
    blocks = [hit_block(view, hit, first + i) for i, hit in enumerate(result.hits)]
    sources = tuple(
        source_button(view, hit.passage_id, str(first + i)) for i, hit in enumerate(result.hits)
    )
    keyboard = (sources, *pager(view, state, page, has_next))
    return Reply(fit(head, blocks), tuple(row for row in keyboard if row))


def _header(key: str, view: View, query: str, page: int) -> str:
    header = t(key, view.lang, query=query_echo(query))
    if page:
        header += " · " + t("page", view.lang, page=page + 1)
    return header


def source_button(view: View, pid: str, label: str) -> Button:
    """📄 n: a new message with the source in private; the private chat from a group."""
    text = t("button.source", view.lang, n=label)
    if view.group:
        return Button(text, url=view.link(cb.passage_payload(pid)))
    return Button(text, data=cb.encode(cb.OpenSource(pid)))


def pager(view: View, state: str | None, page: int, has_next: bool) -> Keyboard:
    """◀ ▶ for a stored query, plus "read in private" under a long group answer."""
    if state is None:
        return ()
    row: list[Button] = []
    if page > 0:
        row.append(Button(t("button.prev", view.lang), cb.encode(cb.Page(state, page - 1))))
    if has_next:
        row.append(Button(t("button.next", view.lang), cb.encode(cb.Page(state, page + 1))))
    rows = [tuple(row)]
    if view.group and (has_next or page > 0):
        rows.append(
            (Button(t("button.private", view.lang), url=view.link(cb.query_payload(state))),)
        )
    return tuple(r for r in rows if r)


def passage(view: PassageView, chat: View) -> Reply:
    """/source: the full passage, its neighbours, footnotes and the document's details."""
    hit = view.hit
    blocks = []
    if view.before:
        blocks.append(_neighbour(chat, "source.before", view.before, view.before_id))
    body = esc(chat.corpus(hit.text))
    if view.lead:
        body = f"<b>{esc(chat.corpus(view.lead))}</b> {body}"
    if view.speaker:
        body += f"\n— {esc(chat.corpus(view.speaker))}"
    main = [
        blockquote(body, expandable_over=600),
        citation(chat, hit.passage_id, hit.title, hit.section, hit.date),
    ]
    if view.flagged:
        main.append(t("source.flagged", chat.lang))
    if chat.corpus(hit.text) != hit.text:
        # Converting to simplified changed it: the original is traditional, and vice versa.
        original = "traditional" if chat.script in ("simplified", "auto") else "simplified"
        main.append(t("source.converted", chat.lang, script=t(f"script.{original}", chat.lang)))
    notes = [_footnote(chat, marker, pid, text) for marker, pid, text in view.footnotes]
    if view.after:
        notes.append(_neighbour(chat, "source.after", view.after, view.after_id))
    if view.changed is not None:
        main.insert(0, _changed(chat, view))
    tail = [_document_line(chat, view)]
    text = fit(["\n".join(main)], [*blocks, *notes], tail)
    return Reply(text, _source_keyboard(chat, view))


def _changed(chat: View, view: PassageView) -> str:
    """What an id an edit retired showed, above the passage now in its place."""
    change = view.changed
    assert change is not None
    key = "source.removed" if change.change == "removed" else "source.edited"
    said = t(key, chat.lang, old=change.old_id, new=view.hit.passage_id)
    if not change.old_text:
        return said
    return said + t("source.was", chat.lang, text=clip(chat.corpus(change.old_text), 90))


def _neighbour(view: View, key: str, text: str, pid: str | None) -> str:
    label = t(key, view.lang)
    ref = f" <code>{esc(pid)}</code>" if pid else ""
    return f"<i>{label}{ref}</i>：{esc(clip(view.corpus(text), 90))}"


def _footnote(view: View, marker: str, pid: str, text: str) -> str:
    note = esc(clip(view.corpus(text), 200))
    return f"<i>{t('source.notes', view.lang)} {esc(marker)}</i> <code>{esc(pid)}</code>：{note}"


def _document_line(chat: View, view: PassageView) -> str:
    doc = view.document
    parts = [f"<b>{esc(shorten(chat.corpus(doc.title), 60))}</b>"]
    if doc.authors:
        parts.append(esc(shorten(chat.corpus("、".join(doc.authors)), 40)))
    parts += [esc(chat.corpus(x)) for x in (doc.outlet, doc.date or "") if x]
    start, end = view.lines
    if end:
        parts.append(t("source.lines", chat.lang, start=start, end=end))
    return "📚 " + " · ".join(parts)


def _source_keyboard(chat: View, view: PassageView) -> Keyboard:
    row = []
    if view.before_id:
        row.append(Button(t("button.before", chat.lang), cb.encode(cb.Navigate(view.before_id))))
    if view.after_id:
        row.append(Button(t("button.after", chat.lang), cb.encode(cb.Navigate(view.after_id))))
    rows: list[tuple[Button, ...]] = [tuple(row)] if row else []
    if chat.group:
        link = chat.link(cb.passage_payload(view.hit.passage_id))
        rows.append((Button(t("button.private", chat.lang), url=link),))
    return tuple(rows)


def source_missing(view: View, pid: str) -> Reply:
    return Reply(t("source.not_found", view.lang, pid=shorten(pid, 40)))


def documents(docs: list[DocumentInfo], view: View) -> Reply:
    """/docs: every document with its key, outlet, date, size and articles."""
    blocks = []
    for doc in docs:
        meta = " · ".join(esc(view.corpus(x)) for x in (doc.outlet, doc.date or "") if x)
        count = t("docs.passages", view.lang, count=doc.passages)
        lines = [f"<code>{esc(doc.key)}</code> <b>{esc(shorten(view.corpus(doc.title), 60))}</b>"]
        lines.append(f"   {meta} · {count}" if meta else f"   {count}")
        lines += [
            f"   <code>{esc(key)}</code> {esc(shorten(view.corpus(title), 50))}"
            for key, title in doc.articles
        ]
        blocks.append("\n".join(lines))
    return Reply(fit([t("docs.header", view.lang)], blocks, [t("docs.footer", view.lang)]))


def about(info: CorpusInfo, view: View, *, moderator: bool = False) -> Reply:
    """/about: corpus version, counts, date range and last ingest; for moderators, also the
    files the last ingest left out and why."""
    first, last = info.date_range
    text = t(
        "about",
        view.lang,
        version=info.version,
        documents=info.documents,
        articles=info.articles,
        passages=info.passages,
        footnotes=info.footnotes,
        first=first or "?",
        last=last or "?",
        ingest=(info.last_ingest or "-")[:16].replace("T", " "),
    )
    if moderator and info.skipped:
        lines = [t("about.skipped", view.lang, count=len(info.skipped))]
        lines += [
            f"• <code>{esc(name)}</code>: {esc(shorten(why, 80))}" for name, why in info.skipped
        ]
        text += "\n\n" + "\n".join(lines[: MAX_SKIPPED_SHOWN + 1])
    return Reply(text)


def welcome(view: View, name: str) -> Reply:
    examples = "\n".join(f"• <code>{esc(q)}</code>" for q in EXAMPLES[view.lang])
    return Reply(t("start.welcome", view.lang, name=shorten(name, 40), examples=Html(examples)))


def help_text(view: View, commands: list[tuple[str, str]]) -> Reply:
    """/help from the command registry: (name, description) pairs in the chat's language."""
    lines = [t("help.header", view.lang)]
    lines += [f"/{name} — {esc(description)}" for name, description in commands]
    lines.append("")
    lines.append(
        t("help.group" if view.group else "help.private", view.lang, bot=view.bot_username)
    )
    lines.append(t("help.inline", view.lang, bot=view.bot_username))
    return Reply("\n".join(lines))


def settings_panel(view: View, script: Script, language: Lang | None) -> Reply:
    """/settings: the current choices, a row of script buttons and a row of languages (✓)."""
    language_name = t(f"lang.{language}" if language else "lang.auto", view.lang)
    text = t(
        "settings.header",
        view.lang,
        script=t(f"script.{script}", view.lang),
        language=language_name,
    )
    if view.group:
        text += "\n" + t("settings.group_note", view.lang)
    scripts = tuple(
        Button(
            _checked(t(f"script.{value}", view.lang), value == script),
            cb.encode(cb.SetOption("sc", code)),
        )
        for code, value in cb.SCRIPT_BY_CODE.items()
    )
    languages = tuple(
        Button(
            _checked(t(f"lang.{value}" if value else "lang.auto", view.lang), value == language),
            cb.encode(cb.SetOption("lg", code)),
        )
        for code, value in cb.LANG_BY_CODE.items()
    )
    return Reply(text, (scripts, languages))


def _checked(label: str, on: bool) -> str:
    return f"✓ {label}" if on else label


def message(view: View, key: str, **params: object) -> Reply:
    """A one-line reply from the string table (usage hints, notices, errors)."""
    return Reply(t(key, view.lang, **params))
