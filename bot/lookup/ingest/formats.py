"""PDF and HTML files in: their text, shaped like the extractions the pipeline already reads.

A maintainer drops ``.pdf`` files and saved ``.html``/``.htm`` pages into ``corpus/raw``.
Their text is extracted here and handed to the same layout and cleaning rules as ``.txt``
files, so nothing downstream knows where a document came from:

- a PDF's text layer (pypdf) is written the way the seed PDF extractions are: every line
  followed by a blank line and the first line of each page led by one space (rule 8), so
  page numbers, running heads, footnotes and hard wraps are handled by the PDF layout rules;
- an HTML page (BeautifulSoup with the standard library's parser) becomes one line per
  block element, like the web extractions; scripts, styles, and the page's ``nav``,
  ``footer`` and ``aside`` regions are not text, and when the page has an ``h1`` the text
  starts there (what stands above it is the site's header).
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import PurePath

from bot.lookup.errors import IngestError
from bot.lookup.ingest.chars import decode

log = logging.getLogger(__name__)

PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm")
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "aside")
_BLOCKS = (
    *("p", "div", "section", "article", "main", "header", "blockquote", "pre", "figcaption"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr"),
    *("br", "hr", "title", "form", "figure", "address"),
)


def extract(name: str, raw: bytes) -> str:
    """The text of a raw corpus file, decoded (and extracted for PDF and HTML).

    Args:
        name: The file name; its suffix says what the bytes are.
        raw: The file's bytes.

    Returns:
        The text for the pipeline.

    Raises:
        IngestError: the file cannot be read as what its suffix says, or a PDF has no text
            layer (a scanned document).
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return pdf_text(raw, name)
    if suffix in HTML_SUFFIXES:
        return html_text(raw)
    text = decode(raw, name)
    # Markup saved as text (「<p class="…">…</p><p>…」) is a page all the same.
    return html_text(raw) if looks_like_html(text) else text


def looks_like_html(text: str) -> bool:
    """Whether a text file is HTML markup: many block tags, not a stray ``</p>`` or two."""
    return len(_BLOCK_TAG.findall(text)) >= _MIN_BLOCK_TAGS


_BLOCK_TAG = re.compile(r"<(?:p|div|br|h[1-6]|li|tr|td|table|section|article)\b[^<>]{0,200}>", re.I)
_MIN_BLOCK_TAGS = 5


def pdf_text(raw: bytes, name: str) -> str:
    """A PDF's text layer, one line per printed line, pages marked as the seed extractions do."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"{name}: not a readable PDF ({exc})") from exc
    out: list[str] = []
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            lines[0] = " " + lines[0]
        out.extend(lines)
    if not out:
        raise IngestError(
            f"{name}: the PDF has no text layer (a scanned document?); run OCR on it first"
        )
    return "\n\n".join(out) + "\n"


# Machine-readable fields a saved page may carry in its head, and what they give.
_META_FIELDS = {
    "og:title": "title",
    "title": "title",
    "author": "authors",
    "article:author": "authors",
    "article:published_time": "date",
    "publishdate": "date",
    "pubdate": "date",
    "og:site_name": "outlet",
    "keywords": "keywords",
}


def html_metadata(raw: bytes) -> dict[str, str]:
    """Title, date, authors and outlet a saved page states in its head (meta tags, title).

    These are read from the markup, never guessed; the pipeline uses them only where the
    page's text says nothing.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").strip().lower()
        value = " ".join(str(tag.get("content") or "").split())
        if key in _META_FIELDS and value:
            found.setdefault(_META_FIELDS[key], value)
    if soup.title is not None and soup.title.string:
        found.setdefault("title", " ".join(soup.title.string.split()))
    return found


def html_text(raw: bytes) -> str:
    """A saved page's text, one line per block element, from its ``h1`` on if it has one."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup.find_all(_NOT_TEXT):
        tag.decompose()
    if soup.head is not None:
        soup.head.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for cell in soup.find_all(("td", "th")):
        cell.insert_after(" ")
    start = soup.find("h1")
    pieces = []
    seen = start is None
    for node in (soup.body or soup).descendants:
        seen = seen or node is start
        # Plain strings only: comments, doctypes and CDATA are no text.
        if seen and type(node) is NavigableString:
            pieces.append(str(node))
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
