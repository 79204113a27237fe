"""HTML pages: the article body and its metadata (title, date, url) through trafilatura.

``Document.text`` is trafilatura's extracted main text, so offsets index that text (the page's
markup is not kept). The publication date is trafilatura's (htmldate's) reading of the page's
metadata, cut to what PublicationDate accepts; the caller's ``--date`` fills in when the page
gives none.
"""

from __future__ import annotations

from konflikt.document import Document, PublicationDate
from konflikt.errors import InputError
from konflikt.ingest.text import headline, parse_publication_date


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<head" in head)


def parse_html(html: str, source: str, *, path: str | None = None,
               date: str | None = None) -> Document:
    import trafilatura  # imported here: a slow import that only HTML input needs

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in this HTML page")
    published = None
    page_date = getattr(result, "date", None)
    if page_date:
        try:
            published = PublicationDate.parse(str(page_date)[:10])
        except ValueError:
            published = None  # an unreadable page date is not fatal: fall back to --date
    if published is None and date:
        published = parse_publication_date(date, source)
    title = getattr(result, "title", None) or headline(text)
    return Document(text=text, title=title, published=published, path=path,
                    url=getattr(result, "url", None) or None,
                    outlet=getattr(result, "sitename", None) or None)
