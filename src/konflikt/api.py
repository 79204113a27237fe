"""The importable functions the CLI and the HTTP API wrap."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from konflikt.document import Document, PublicationDate, Record
from konflikt.errors import InputError
from konflikt.pipeline import Pipeline, build_pipeline
from konflikt.settings import Settings


def extract_document(doc: Document, pipeline: Pipeline | None = None) -> list[Record]:
    """Run the pipeline over one Document and return its records."""
    pipeline = pipeline or build_pipeline()
    doc = pipeline(doc)
    floor = pipeline.settings.min_confidence
    return [r for r in doc.records if r.confidence >= floor]


def extract(text: str, *, date: str | None = None, title: str | None = None,
            language: str | None = None, url: str | None = None,
            pipeline: Pipeline | None = None) -> list[Record]:
    """Records from one article text. `date` is its publication date: YYYY, YYYY-MM or YYYY-MM-DD.

    >>> records = extract("Tre sivile ble drept i et luftangrep i Idlib tirsdag.", date="2019-05-10")
    """
    published = PublicationDate.parse(date) if date else None
    if title is None:
        title = text.strip().split("\n", 1)[0][:200] or None
    doc = Document(text=text, title=title, published=published, language=language, url=url)
    return extract_document(doc, pipeline)


def load(paths: str | Path | Iterable[str | Path], *, date: str | None = None,
         settings: Settings | None = None) -> list[Document]:
    """Read files or folders into Documents; raises the first InputError met."""
    from konflikt.ingest import iter_documents

    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = []
    for item in iter_documents(paths, settings or Settings(), date=date):
        if isinstance(item, InputError):
            raise item
        out.append(item)
    return out
