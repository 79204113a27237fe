"""The store's interface, backend-neutral: what the CLI, the API and the tests rely on.

A backend keeps documents, their records and the evidence spans of those records. Writing is
per document and all-or-nothing (one transaction), keyed by the document's content hash, so
ingest is idempotent and a run killed half way resumes without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol, runtime_checkable

from konflikt.document import Document, Record


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Filters for :meth:`Store.records`; None means "any".

    country: ISO 3166 alpha-2 code (case-insensitive). event_type: an ACLED event type, a
    sub-event type, or a record kind ("event", "figure"), case-insensitive. since/until: the
    record's date interval (or, when it has none, its document's publication interval) must
    overlap [since, until]. actor: a case-insensitive substring of actor1/actor2 name or text.
    """

    country: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    actor: str | None = None
    document_id: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    path: str | None
    url: str | None
    title: str | None
    date: str | None
    language: str | None
    text: str
    ingested_at: str
    n_records: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    records: int
    evidence: int
    schema_version: int


@runtime_checkable
class Store(Protocol):
    """What every backend provides (SQLite today; PostgreSQL through the same SQL code)."""

    url: str

    def has_document(self, document_id: str) -> bool: ...

    def add_document(self, doc: Document, records: list[Record]) -> bool:
        """Store one document with its records in one transaction; False if it was already there."""

    def replace_records(self, document_id: str, records: list[Record]) -> None:
        """Swap a stored document's records for new ones (after the pipeline improved)."""

    def records(self, query: RecordQuery | None = None) -> Iterator[Record]: ...

    def documents(self) -> Iterator[StoredDocument]: ...

    def get_document(self, document_id: str) -> StoredDocument | None: ...

    def stats(self) -> StoreStats: ...

    def close(self) -> None: ...
