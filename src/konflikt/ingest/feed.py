"""RSS 2.0 and Atom feeds saved as files: one Document per item.

A feed item carries a headline, a link, a date and a summary or the full content (often as
HTML). The document text is the headline, a blank line, then the item's text with its markup
removed; offsets index that assembled text. The publication date is the item's pubDate (RFC
822) or Atom published/updated (ISO 8601), cut to the day. An item with neither title nor text
becomes an InputError named ``file:item N``; the other items are still read.

Parsed with lxml (already installed through trafilatura) with entity expansion and network
access off, so a hostile feed cannot expand entities or fetch anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

from konflikt.document import Document, PublicationDate
from konflikt.errors import InputError
from konflikt.ingest.text import parse_publication_date

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def _plain(fragment: str | None) -> str:
    """Text of an HTML fragment (feed descriptions are usually escaped HTML), whitespace tidied."""
    if not fragment or not fragment.strip():
        return ""
    from lxml import html

    try:
        text = html.fromstring(fragment).text_content()
    except Exception:  # noqa: BLE001 - lxml raises several types on odd fragments; keep the raw text
        text = fragment
    paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _date(value: str | None) -> PublicationDate | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        day = parsedate_to_datetime(value).date()   # RSS: 'Tue, 07 May 2019 10:00:00 +0200'
    except (TypeError, ValueError, IndexError):
        try:
            day = datetime.fromisoformat(value.replace("Z", "+00:00")).date()   # Atom: ISO 8601
        except ValueError:
            return None
    return PublicationDate.parse(day.isoformat())


def _find(el, *tags: str) -> str | None:
    for tag in tags:
        found = el.find(tag)
        if found is not None:
            if tag == f"{ATOM}link":
                return found.get("href")
            if found.text and found.text.strip():
                return found.text.strip()
    return None


def parse_feed(xml: bytes, source: str, *, path: str | None = None,
               date: str | None = None) -> Iterator[Document | InputError]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        yield InputError(source, f"not a readable feed: {exc}")
        return
    if root is None:
        yield InputError(source, "not a readable feed")
        return
    items = root.findall("./channel/item") or root.findall(f"./{ATOM}entry") or root.findall(".//item")
    outlet = _find(root, "./channel/title", f"{ATOM}title")
    if not items:
        yield InputError(source, "a feed without items")
        return
    fallback = parse_publication_date(date, source) if date else None
    for n, item in enumerate(items, start=1):
        title = _find(item, "title", f"{ATOM}title") or ""
        body = _plain(_find(item, CONTENT, f"{ATOM}content", "description", f"{ATOM}summary"))
        if not title.strip() and not body:
            yield InputError(f"{source}:item {n}", "neither a title nor any text")
            continue
        title = " ".join(title.split())
        text = f"{title}\n\n{body}" if title and body else (title or body)
        published = _date(_find(item, "pubDate", DC_DATE, f"{ATOM}published", f"{ATOM}updated"))
        yield Document(text=text, title=title or None, published=published or fallback,
                       url=_find(item, "link", f"{ATOM}link", "guid"), path=path, outlet=outlet)
