"""The command line: ``python -m bot <command>``.

ingest, embed, search, summary, timeline, quote, verify, docs, source, console, run, bench,
backup, restore, gaps. Every
lookup command builds the index first when it is missing or the corpus changed, and accepts
``--json``; ``-`` as the query reads one query per stdin line and prints one JSON object per
line, in order, with everything loaded once.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import io
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol

from bot.cards.desk import CardDesk
from bot.cards.model import StaleCard
from bot.cli.gaps import add_parser as add_gaps_parser
from bot.cli.gaps import gaps_command
from bot.cli.output import NotFound, UsageError, report_error, stdout_closed
from bot.cli.textview import format_result
from bot.config import (
    DEFAULT_DATABASE_PATH,
    DEFAULT_INDEX_PATH,
    Settings,
    load_dotenv,
    semantic_from_env,
)
from bot.lookup.errors import ConfigError
from bot.lookup.index.idlock import FILE_NAME as ID_FILE
from bot.lookup.index.indexer import IngestReport
from bot.lookup.library import Library
from bot.lookup.search.semantic.encoder import Encoder, load_encoder
from bot.lookup.search.semantic.shipped import FILE_NAME
from bot.lookup.text.wellformed import replace_surrogates
from bot.progress import terminal_progress
from bot.state.backup import BackupReport, backup, restore
from bot.state.backup import check as check_backup
from bot.state.open import StateConfig, open_state

log = logging.getLogger("bot")


class _Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


Runner = Callable[[Library, str, argparse.Namespace], Awaitable[_Result]]


def _env_paths() -> tuple[Path, Path, Path]:
    index = Path(os.environ.get("INDEX_PATH") or DEFAULT_INDEX_PATH)
    state = Path(os.environ.get("DATABASE_PATH") or DEFAULT_DATABASE_PATH)
    corpus = Path(os.environ.get("CORPUS_DIR") or "corpus")
    return index, state, corpus


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors raised, so that ``--json`` can report them as JSON too."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, prog=self.prog, usage=self.format_usage())


def _parser() -> argparse.ArgumentParser:
    index, state, corpus = _env_paths()
    parser = _Parser(prog="python -m bot", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--index", "--db", dest="db", type=Path, default=index, help="index file (INDEX_PATH)"
    )
    parser.add_argument(
        "--state",
        type=Path,
        default=None,
        help=f"state file: cards, settings (DATABASE_PATH, else {state})",
    )
    parser.add_argument("--corpus", type=Path, default=corpus, help="corpus folder (CORPUS_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="index new or changed corpus files")
    ingest.add_argument("--force", action="store_true", help="re-parse every file")
    ingest.add_argument("--json", action="store_true", help="print JSON")
    for name, arg, has_limit in (
        ("search", "QUERY", True),
        ("summary", "QUERY", False),
        ("timeline", "QUERY", True),
        ("quote", "QUERY", True),
        ("verify", "TEXT", False),
    ):
        cmd = sub.add_parser(name, help=f"{name} ('-' reads one {arg.lower()} per stdin line)")
        cmd.add_argument("query", metavar=arg, nargs="+")
        cmd.add_argument("--json", action="store_true", help="print JSON")
        if has_limit:
            cmd.add_argument("--limit", type=int, default=None, help="how many results")
    source = sub.add_parser("source", help="a passage with its context, by id")
    source.add_argument("passage_id")
    source.add_argument("--json", action="store_true")
    docs = sub.add_parser("docs", help="the documents in the corpus")
    docs.add_argument("--json", action="store_true")
    embed = sub.add_parser(
        "embed", help=f"embed every passage and write the shipped vectors ({FILE_NAME})"
    )
    embed.add_argument("--json", action="store_true", help="print JSON")
    console = sub.add_parser("console", help="an interactive prompt")
    run = sub.add_parser("run", help="start the bot (console when no token is set)")
    for starts in (console, run):
        starts.add_argument(
            "--allow-new-state",
            action="store_true",
            help="start with an empty state even though the bot has run with one before",
        )
    backup = sub.add_parser("backup", help="copy the live state file (consistent while running)")
    backup.add_argument("path", type=Path, help="the new backup file")
    backup.add_argument("--check", action="store_true", help="only check an existing backup")
    backup.add_argument("--json", action="store_true")
    restore = sub.add_parser("restore", help="replace the state file with a checked backup")
    restore.add_argument("path", type=Path, help="the backup file")
    restore.add_argument("--json", action="store_true")
    add_gaps_parser(sub)
    bench = sub.add_parser("bench", help="quality, latency, memory and scale figures")
    bench.add_argument(
        "--scale", type=int, nargs="*", default=[], help="corpus copies, e.g. 10 100"
    )
    bench.add_argument("--json", action="store_true")
    bench.add_argument(
        "--quality", action="store_true", help="only answer quality, on the dev and sealed sets"
    )
    return parser


async def _search(lib: Library, query: str, args: argparse.Namespace) -> _Result:
    return await lib.search(query, args.limit or 10)


async def _summary(lib: Library, query: str, args: argparse.Namespace) -> _Result:
    return await lib.summary(query)


async def _timeline(lib: Library, query: str, args: argparse.Namespace) -> _Result:
    return await lib.timeline(query, args.limit or 50)


async def _quote(lib: Library, query: str, args: argparse.Namespace) -> _Result:
    return await lib.quotes(query, args.limit or 10)


async def _verify(lib: Library, query: str, args: argparse.Namespace) -> _Result:
    return await lib.verify(query)


RUNNERS: dict[str, Runner] = {
    "search": _search,
    "summary": _summary,
    "timeline": _timeline,
    "quote": _quote,
    "verify": _verify,
}


async def _lookup(lib: Library, args: argparse.Namespace) -> int:
    runner = RUNNERS[args.command]
    words: list[str] = args.query
    if words == ["-"]:
        for line in _stdin_lines():
            result = await runner(lib, line, args)
            _emit(result, args, batch=True)
        return 0
    # An argument that was not UTF-8 arrives with surrogates, which print() cannot encode.
    result = await runner(lib, replace_surrogates(" ".join(words)), args)
    _emit(result, args, batch=False)
    return 0


def _stdin_lines() -> Iterator[str]:
    """One query per line of stdin, read as UTF-8 whatever the locale; invalid bytes are
    replaced (U+FFFD) rather than ending the batch."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    for line in sys.stdin:
        yield replace_surrogates(line.rstrip("\n"))


def _emit(result: _Result, args: argparse.Namespace, *, batch: bool) -> None:
    if args.json or batch:
        print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
    else:
        print(format_result(result))


def _encoder() -> Encoder | None:
    """The embedding model unless SEMANTIC=off (None, logged once, if it cannot load)."""
    return load_encoder() if semantic_from_env(os.environ) else None


async def _open(
    args: argparse.Namespace,
    *,
    update_index: bool = True,
    encoder: Encoder | None = None,
    progress: bool = False,
) -> Library:
    """The library, with the encoder unless SEMANTIC=off; ``progress`` draws a bar while
    passages are embedded (commands that wait for it: ingest, embed)."""
    return await Library.open(
        args.db,
        args.corpus,
        update_index=update_index,
        encoder=encoder or _encoder(),
        progress=terminal_progress("embedding passages") if progress else None,
    )


async def _with_library(args: argparse.Namespace, work: Callable[[Library], Awaitable[int]]) -> int:
    lib = await _open(args)
    try:
        return await work(lib)
    finally:
        await lib.close()


async def _ingest(args: argparse.Namespace) -> int:
    lib = await _open(args, update_index=False, progress=True)
    try:
        report = await lib.reindex(force=args.force)
        ids_written = await lib.record_ids()
        stale = await _stale_cards(lib, args)
        # New or changed passage texts are embedded here, not at the bot's next start.
        await lib.embedding_done()
        embedded = lib.embedded
    finally:
        await lib.close()
    if args.json:
        found = _ingest_dict(report, len(stale), embedded) | {"ids_written": ids_written}
        print(json.dumps(found, ensure_ascii=False))
        return 0
    print(
        f"ingest: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed; "
        f"{report.passages} passages in {report.seconds:.2f} s"
        + (f"; {embedded} passages embedded" if embedded else "")
    )
    for name, why in report.skipped:
        print(f"skipped {name}: {why}")
    if report.retired:
        # Unchanged passages kept their ids; these old ids open the passage in their place.
        shown = ", ".join(f"{old} -> {new} ({how})" for old, new, how in report.retired[:10])
        more = f" and {len(report.retired) - 10} more" if len(report.retired) > 10 else ""
        print(f"retired ids: {shown}{more}")
    if ids_written:
        # Shipped with the corpus, so that a host building its index from scratch keeps them.
        print(f"passage ids recorded in {args.corpus / ID_FILE}: commit it with the documents")
    if stale:
        # The bot tells each card's chat at its next start (or next card command).
        print(f"fact cards: {len(stale)} cite passages this ingest changed or removed")
    return 0


async def _stale_cards(lib: Library, args: argparse.Namespace) -> list[StaleCard]:
    """The cards this ingest made stale, if there is a state store to look in (never made)."""
    url = os.environ.get("DATABASE_URL") or None
    if url is None and not _state_file(args).exists():
        return []
    state, _ = await open_state(StateConfig(_state_file(args), url), known=None)
    try:
        return await CardDesk.open(state, lib).stale_cards()
    finally:
        await state.close()


async def _embed(args: argparse.Namespace) -> int:
    encoder = load_encoder()
    if encoder is None:
        raise ConfigError("the embedding model cannot load here, so nothing can be embedded")
    lib = await _open(args, encoder=encoder, progress=True)
    try:
        texts, changed = await lib.ship_vectors()
        embedded = lib.embedded
    finally:
        await lib.close()
    path = args.corpus / FILE_NAME
    if args.json:
        print(json.dumps({"texts": texts, "embedded": embedded, "written": changed}))
        return 0
    state = "written" if changed else "unchanged"
    print(f"embed: {texts} passage texts, {embedded} embedded now; {path} {state}")
    return 0


def _ingest_dict(report: IngestReport, stale: int, embedded: int = 0) -> dict[str, Any]:
    return {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "skipped": [{"file": name, "reason": why} for name, why in report.skipped],
        "retired": [{"id": old, "now": new, "change": how} for old, new, how in report.retired],
        "passages": report.passages,
        "seconds": round(report.seconds, 3),
        "stale_cards": stale,
        "embedded": embedded,
    }


async def _source(lib: Library, args: argparse.Namespace) -> int:
    pid = replace_surrogates(args.passage_id)
    view = await lib.passage(pid)
    if view is None:
        raise NotFound(f"no passage {pid!r}; ids look like d0.p12 or d2.a6.p41")
    print(json.dumps(view.to_dict(), ensure_ascii=False) if args.json else format_result(view))
    return 0


async def _docs(lib: Library, args: argparse.Namespace) -> int:
    docs = await lib.documents()
    if args.json:
        print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False))
    else:
        for doc in docs:
            print(format_result(doc))
    return 0


def _run(args: argparse.Namespace) -> int:
    if not os.environ.get("TELEGRAM_BOT_TOKEN"):
        print("TELEGRAM_BOT_TOKEN is not set: opening the console instead.", file=sys.stderr)
        return _console(args)
    from bot.app.runner import run

    settings = dataclasses.replace(
        Settings.from_env(os.environ),
        index_path=args.db,
        database_path=_state_file(args),
        corpus_dir=args.corpus,
        allow_new_state=args.allow_new_state,
    )
    settings.check_stores("the index and the state")
    run(settings)
    return 0


def _state_file(args: argparse.Namespace) -> Path:
    """``--state``, else DATABASE_PATH, else the default state file."""
    if args.state is not None:
        return Path(args.state)
    return _env_paths()[1]


def _backup(args: argparse.Namespace) -> int:
    _refuse_postgres(args.command)
    if args.check:
        report = check_backup(args.path)
        word = "backup ok"
    else:
        report = backup(_state_file(args), args.path)
        word = "backed up"
    return _backup_report(args, word, report)


def _restore(args: argparse.Namespace) -> int:
    _refuse_postgres(args.command)
    report = restore(args.path, _state_file(args))
    return _backup_report(args, f"restored {args.path} into", report)


def _backup_report(args: argparse.Namespace, word: str, report: BackupReport) -> int:
    if args.json:
        out = {"path": str(report.path), "cards": report.cards, "bytes": report.bytes}
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"{word} {report.path}: {report.cards} cards, {report.bytes:,} bytes")
    return 0


def _refuse_postgres(command: str) -> None:
    if os.environ.get("DATABASE_URL"):
        raise ConfigError(
            f"`{command}` copies the SQLite state file; with DATABASE_URL set the state is in "
            "PostgreSQL: use pg_dump / pg_restore (docs/DEPLOY.md)"
        )


def _console(args: argparse.Namespace) -> int:
    from devtools.console import main as console_main

    return console_main(
        args.db, args.corpus, state=args.state, allow_new_state=args.allow_new_state
    )


def _bench(args: argparse.Namespace) -> int:
    from devtools.bench import main as bench_main

    return bench_main(
        args.db,
        args.corpus,
        scales=args.scale,
        as_json=args.json,
        quality_only=args.quality,
        encoder=_encoder(),
        state_path=args.state,
    )


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "run":
        return _run(args)
    if args.command == "console":
        return _console(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "ingest":
        return asyncio.run(_ingest(args))
    if args.command == "backup":
        return _backup(args)
    if args.command == "restore":
        return _restore(args)
    if args.command == "embed":
        return asyncio.run(_embed(args))
    work = _LIBRARY_COMMANDS.get(args.command, _lookup)
    return asyncio.run(_with_library(args, lambda lib: work(lib, args)))


_LIBRARY_COMMANDS: dict[str, Callable[[Library, argparse.Namespace], Awaitable[int]]] = {
    "source": _source,
    "docs": _docs,
    "gaps": gaps_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (see :mod:`bot.cli.output` for errors)."""
    # Opt in to python-telegram-bot's timedelta durations (its next major's behaviour) so
    # that a flood-limit answer does not log a deprecation warning each time.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    words = sys.argv[1:] if argv is None else list(argv)
    as_json = "--json" in words  # until the arguments are parsed
    try:
        load_dotenv()
        logging.basicConfig(
            level=os.environ.get("LOG_LEVEL", "WARNING").upper(),
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        args = _parser().parse_args(words)
        as_json = bool(getattr(args, "json", False)) or getattr(args, "query", None) == ["-"]
        code = _dispatch(args)
        # Buffered output meets a closed pipe here rather than at exit.
        sys.stdout.flush()
    except BrokenPipeError:
        return stdout_closed()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return report_error(exc, as_json=as_json)
    return code


if __name__ == "__main__":
    sys.exit(main())
