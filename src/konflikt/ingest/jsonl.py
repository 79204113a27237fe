"""JSON Lines dumps: one article a line, ``{"text", "date", "url", "title", "language"}``.

Only ``text`` is required. A bad line (not JSON, no text, a bad date, too long) becomes an
InputError named ``file:line`` and the lines after it are still read, so one broken record
does not lose a whole dump. The size limit (``max_input_bytes``) applies per line here, since a
dump of many articles is legitimately large.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from konflikt.document import Document
from konflikt.errors import InputError
from konflikt.ingest.text import headline, parse_publication_date

FIELDS = ("text", "date", "url", "title", "language", "outlet", "path")


def read_jsonl(path: Path, *, max_line_bytes: int, date: str | None = None) -> Iterator[Document | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot open: {exc.strerror or exc}")
        return
    seen_any = False
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            source = f"{path}:{lineno}"
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            seen_any = True
            if len(raw) > max_line_bytes:
                yield InputError(source, f"line too large ({len(raw)} bytes; the limit is "
                                         f"max_input_bytes = {max_line_bytes})")
                continue
            try:
                yield parse_jsonl_line(raw, source, path=str(path), date=date)
            except InputError as exc:
                yield exc
    if not seen_any:
        yield InputError(str(path), "empty file")


def parse_jsonl_line(raw: bytes | str, source: str, *, path: str | None = None,
                     date: str | None = None) -> Document:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(source, f"not a JSON object: {exc}") from exc
    if not isinstance(obj, dict):
        raise InputError(source, f"want a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "no 'text' (a non-empty string) in this line")
    if "\x00" in text:
        raise InputError(source, "'text' contains a NUL character")
    for key in ("date", "url", "title", "language", "outlet"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(source, f"'{key}' should be a string, got {type(obj[key]).__name__}")
    raw_date = obj.get("date") or date
    published = parse_publication_date(raw_date, source) if raw_date else None
    return Document(text=text, title=obj.get("title") or headline(text), published=published,
                    url=obj.get("url") or None, path=obj.get("path") or path,
                    outlet=obj.get("outlet") or None, language=obj.get("language") or None)
