"""The corpus folder: which files it holds and what ``documents.toml`` says about them."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.lookup.errors import IngestError
from bot.lookup.text.wellformed import replace_surrogates

SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm")
_LEADING_NUMBER = re.compile(r"^(\d{1,4})[_\-. ]")


@dataclass(slots=True)
class DocMeta:
    """What the maintainers know about a document (all optional)."""

    id: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    institution: str = ""
    outlet: str = ""
    date: str | None = None
    date_kind: str = "unknown"
    script: str | None = None
    source_kind: str = ""


@dataclass(slots=True, frozen=True)
class CorpusFile:
    name: str
    path: Path
    sha256: str


def raw_dir(corpus_dir: Path) -> Path:
    return corpus_dir / "raw"


def scan(corpus_dir: Path) -> list[CorpusFile]:
    """The documents in ``corpus_dir/raw`` (text, PDF and saved web pages), sorted by name."""
    folder = raw_dir(corpus_dir)
    if not folder.is_dir():
        raise IngestError(f"no corpus folder at {folder}")
    files = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from exc
            # A name that is not UTF-8 would reach SQLite with surrogates in it.
            files.append(CorpusFile(replace_surrogates(path.name), path, digest))
    return files


def load_catalog(corpus_dir: Path) -> dict[str, DocMeta]:
    """Read ``documents.toml``; a missing file means no metadata at all."""
    path = corpus_dir / "documents.toml"
    if not path.exists():
        return {}
    data = read_toml(path)
    catalog = {}
    for name, entry in data.items():
        if isinstance(entry, dict):
            known = {k: v for k, v in entry.items() if k in DocMeta.__slots__}
            catalog[name] = DocMeta(**known)
    return catalog


def assign_key(name: str, wanted: str | None, taken: set[str]) -> str:
    """A citation prefix for a new document, the same whenever the corpus is rebuilt.

    The catalog's id if free, else the file's number (``007_x.txt`` -> ``d7``) if free,
    else a key made from the file name (``dk3f9a``), lengthened until it is free. Nothing
    depends on which files were ingested before, so a host that rebuilds its index from
    scratch gives every file the key it had.
    """
    if wanted and wanted not in taken:
        return wanted
    match = _LEADING_NUMBER.match(name)
    if match and f"d{int(match.group(1))}" not in taken:
        return f"d{int(match.group(1))}"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    for size in range(4, len(digest) + 1):
        key = f"dk{digest[:size]}"
        if key not in taken:
            return key
    raise IngestError(f"no free citation key for {name}")


def read_toml(path: Path) -> dict[str, Any]:
    """One of the corpus folder's tables.

    Raises:
        IngestError: the file is not UTF-8 or not valid TOML (a table is written by hand, so
            a damaged one is refused rather than read in part).
    """
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"{path} is not valid TOML: {exc}") from exc
