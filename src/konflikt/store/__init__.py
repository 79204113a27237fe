"""The store: documents, records and evidence behind one interface (SQLite default, PostgreSQL-ready).

    from konflikt.store import open_store, RecordQuery
    with open_store("out/konflikt.sqlite") as store:
        for record in store.records(RecordQuery(country="IQ")):
            ...
"""

from __future__ import annotations

from pathlib import Path

from konflikt.store.base import RecordQuery, Store, StoredDocument, StoreStats
from konflikt.store.sql import SqlStore


def open_store(target: str | Path) -> SqlStore:
    """Open (creating and migrating as needed) the store at a SQLite path or a database URL."""
    return SqlStore(target)


__all__ = ["RecordQuery", "SqlStore", "Store", "StoreStats", "StoredDocument", "open_store"]
