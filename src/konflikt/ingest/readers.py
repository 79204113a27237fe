"""Readers: files and folders in, Documents out.

Formats, chosen by the file's suffix and, for suffix-less or ``.txt`` files, by a look at the
content: seed format and plain text (``text.py``), JSON Lines (``jsonl.py``), HTML pages
(``html.py``), RSS/Atom feeds saved as ``.rss``/``.atom``/``.xml`` files (``feed.py``). The
path ``-`` is one article from standard input. A folder is read recursively in sorted order;
inside folders only files with a known suffix are read (so a ``.gold.json`` or an image beside
the articles is passed over), while a file named explicitly is always read. Every problem with
one input is yielded as an :class:`~konflikt.errors.InputError` naming that input, and the
others go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from konflikt.document import Document
from konflikt.errors import InputError
from konflikt.ingest.decode import decode_bytes
from konflikt.ingest.feed import parse_feed
from konflikt.ingest.html import looks_like_html, parse_html
from konflikt.ingest.jsonl import read_jsonl
from konflikt.ingest.text import parse_text
from konflikt.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
STDIN = "-"  # as a path: one article (seed format, plain text or HTML) read from standard input


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files named, and the readable files inside the folders named (recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if str(p) == STDIN:
            yield path
        elif path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path).parts
                if any(part.startswith(".") for part in rel):
                    continue  # hidden files and folders (.git, .DS_Store) are not articles
                if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES:
                    yield f
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or folder")


def read_file(path: Path, settings: Settings, date: str | None = None) -> Iterator[Document | InputError]:
    """Every Document in one file (JSONL files hold many), or InputErrors for what fails."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_line_bytes=settings.max_input_bytes, date=date)
        return
    if suffix in FEED_SUFFIXES or suffix == ".xml":
        try:
            raw = _read_bytes(path, settings)
        except InputError as exc:
            yield exc
            return
        yield from parse_feed(raw, str(path), path=str(path), date=date)
        return
    try:
        yield read_single(path, settings, date)
    except InputError as exc:
        yield exc


def _read_bytes(path: Path, settings: Settings) -> bytes:
    limit = settings.max_input_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(str(path), f"too large ({size} bytes; the limit is max_input_bytes = {limit})")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise InputError(str(path), "empty file")
    return raw


def read_single(path: Path, settings: Settings, date: str | None = None) -> Document:
    """One seed-format, plain-text or HTML file as a Document (InputError when it cannot be)."""
    source = str(path)
    limit = settings.max_input_bytes
    try:
        if source == STDIN:
            source = "<stdin>"
            raw = sys.stdin.buffer.read(limit + 1)
            size = len(raw)
            if size > limit:
                raise InputError(source, f"too large (more than {limit} bytes; the limit is "
                                         f"max_input_bytes = {limit})")
        else:
            raw = _read_bytes(path, settings)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    text = decode_bytes(raw, source).text
    doc_path = None if source == "<stdin>" else source
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return parse_html(text, source, path=doc_path, date=date)
    return parse_text(text, source, date=date, path=doc_path)


def read_path(path: str | Path, settings: Settings | None = None, date: str | None = None) -> Document:
    """The first Document in one file; raises InputError when there is none."""
    settings = settings or Settings()
    for item in read_file(Path(path), settings, date):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(str(path), "no article in this file")


def iter_documents(paths: Iterable[str | Path], settings: Settings,
                   date: str | None = None) -> Iterator[Document | InputError]:
    """Documents from files and folders, in order; InputErrors in place of what cannot be read."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, settings, date)
