"""Seed-format and plain-text articles.

Seed format: the file's first line starts with `` date YYYY-MM[-DD] `` (a leading space, the
word ``date``, the publication date, one space) and the article follows on the same line. The
article's first line is its headline. ``Document.text`` is everything after the date marker, so
character offsets index the article itself, not the marker.

Plain text: the whole file is the article; its first non-empty line is the headline, and the
publication date comes from the caller (``--date``) or stays unknown.
"""

from __future__ import annotations

import re

from konflikt.document import Document, PublicationDate
from konflikt.errors import InputError

# ' date 2017-07 ' at the very start of the file (the leading space is optional; a BOM has
# already been dropped by the decoder). The date token is checked by PublicationDate.parse.
DATE_LINE = re.compile(r"\A ?date[ \t]+(\S+)[ \t]?")


def parse_publication_date(value: str, source: str) -> PublicationDate:
    """PublicationDate from YYYY, YYYY-MM or YYYY-MM-DD, or an InputError naming `source`."""
    try:
        return PublicationDate.parse(value)
    except ValueError as exc:
        raise InputError(source, f"bad date: {exc}") from exc


def headline(text: str) -> str | None:
    """The first non-empty line, trimmed (at most 300 characters), or None."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


def parse_text(text: str, source: str, *, date: str | None = None,
               path: str | None = None) -> Document:
    """A Document from a decoded seed-format or plain-text file.

    A date line in the file wins over `date` (the caller's default for files that carry none).
    """
    published = None
    m = DATE_LINE.match(text)
    if m:
        try:
            published = PublicationDate.parse(m.group(1))
        except ValueError as exc:
            raise InputError(source, f"malformed date line (want ' date YYYY-MM[-DD] "
                                     f"<article>'): {exc}") from exc
        text = text[m.end():]
        if not text.strip():
            raise InputError(source, "date line but no article after it")
    elif date:
        published = parse_publication_date(date, source)
    return Document(text=text, title=headline(text), published=published, path=path)
