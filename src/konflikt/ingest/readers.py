"""Minimal readers (the CLI/store work extends these): seed-format and plain text files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from konflikt.document import Document, PublicationDate
from konflikt.errors import InputError
from konflikt.settings import Settings

_DATE_LINE = re.compile(r"^ ?date (\S+) ")


def read_path(path: Path, settings: Settings, date: str | None = None) -> Document:
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(str(path), "empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    published = None
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = PublicationDate.parse(m.group(1))
        except ValueError as exc:
            raise InputError(str(path), f"bad date line: {exc}") from exc
        text = text[m.end():]
    if date:
        published = PublicationDate.parse(date)
    title = text.split("\n", 1)[0].strip() or None
    return Document(text=text, title=title, published=published, path=str(path))


def iter_documents(paths: Iterable[str | Path], settings: Settings,
                   date: str | None = None) -> Iterator[Document | InputError]:
    for p in paths:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                yield read_path(f, settings, date)
            except InputError as exc:
                yield exc
