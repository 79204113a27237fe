"""The SQL backend: SQLite by default (a file path), PostgreSQL through the same code.

Why SQLAlchemy Core rather than the stdlib ``sqlite3``: the tables, the queries and the
migrations are written once and run on both SQLite and PostgreSQL (only the "insert unless
present" statement differs per dialect, and SQLAlchemy has both), while staying plain SQL with
no ORM session or identity map in the way of bulk ingest.

SQLite is opened in WAL mode (readers never block the writer; a crash leaves the last committed
transaction intact) with foreign keys on and ``synchronous=NORMAL`` (durable at each WAL
checkpoint, safe against application crashes, which is what a killed ingest run is).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (Engine, and_, create_engine, delete, event, func, insert, or_, select)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from konflikt.document import Document, Record
from konflikt.errors import StoreError
from konflikt.store import schema
from konflikt.store.base import RecordQuery, StoredDocument, StoreStats
from konflikt.store.migrations import current_version, migrate


def store_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a file path or a URL (sqlite:///..., postgresql://...)."""
    text = str(target)
    if "://" in text:
        if text.startswith(("postgres://", "postgresql://")):
            # psycopg 3 is the maintained driver; SQLAlchemy's bare scheme means psycopg2.
            return "postgresql+psycopg://" + text.split("://", 1)[1]
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")  # wait for another writer rather than fail at once
    cur.close()


class SqlStore:
    """A :class:`~konflikt.store.base.Store` on SQLite or PostgreSQL."""

    def __init__(self, target: str | Path):
        self.url = store_url(target)
        try:
            if self.url.startswith("sqlite:///"):
                path = Path(self.url[len("sqlite:///"):])
                path.parent.mkdir(parents=True, exist_ok=True)
                self.engine: Engine = create_engine(self.url)
                event.listen(self.engine, "connect", _sqlite_pragmas)
            else:
                self.engine = create_engine(self.url, pool_pre_ping=True)
            self.schema_version = migrate(self.engine)
        except ModuleNotFoundError as exc:
            raise StoreError(f"{self.display}: the database driver is missing ({exc.name}); "
                             f"for PostgreSQL install konflikt[postgres]") from exc
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open the store {self.display}: {_reason(exc)}") from exc
        self.dialect = self.engine.dialect.name

    @property
    def display(self) -> str:
        if self.url.startswith("sqlite:///"):
            return self.url[len("sqlite:///"):]
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    # ---------------------------------------------------------------------------------- write

    def has_document(self, document_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.documents.c.id)
                                .where(schema.documents.c.id == document_id)).first() is not None

    def add_document(self, doc: Document, records: list[Record]) -> bool:
        row = _document_row(doc)
        try:
            with self.engine.begin() as conn:  # one transaction: the document and all its records
                # RETURNING says whether the row went in; rowcount does not on every driver
                # (psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING).
                stmt = (self._insert_ignore(schema.documents).values(**row)
                        .returning(schema.documents.c.id))
                if conn.execute(stmt).first() is None:
                    return False  # already stored (by an earlier run or a parallel one)
                self._insert_records(conn, doc.id, records)
        except IntegrityError as exc:
            raise StoreError(f"{doc.path or doc.url or doc.id[:12]}: records not stored: "
                             f"{_reason(exc)}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display}: write failed: {_reason(exc)}") from exc
        return True

    def replace_records(self, document_id: str, records: list[Record]) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(schema.evidence).where(schema.evidence.c.document_id == document_id))
                conn.execute(delete(schema.records).where(schema.records.c.document_id == document_id))
                self._insert_records(conn, document_id, records)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display}: cannot replace records of {document_id[:12]}: "
                             f"{_reason(exc)}") from exc

    def _insert_ignore(self, table):
        if self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        elif self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:  # pragma: no cover - other databases are not supported
            raise StoreError(f"unsupported database: {self.dialect}")
        return dialect_insert(table).on_conflict_do_nothing()

    def _insert_records(self, conn, document_id: str, records: list[Record]) -> None:
        seen: set[str] = set()
        for r in records:
            if r.id in seen:
                raise StoreError(f"document {document_id[:12]}: two records share the id {r.id!r}")
            seen.add(r.id)
        if not records:
            return
        conn.execute(insert(schema.records),
                     [_record_row(document_id, i, r) for i, r in enumerate(records)])
        ev = [e for r in records for e in _evidence_rows(document_id, r)]
        if ev:
            conn.execute(insert(schema.evidence), ev)

    # ----------------------------------------------------------------------------------- read

    def records(self, query: RecordQuery | None = None) -> Iterator[Record]:
        q = query or RecordQuery()
        r, d = schema.records, schema.documents
        stmt = select(r.c.json).select_from(r.join(d, r.c.document_id == d.c.id))
        conds = []
        if q.country:
            conds.append(r.c.country_code == q.country.strip().upper())
        if q.event_type:
            t = q.event_type.strip().lower()
            conds.append(or_(func.lower(r.c.event_type) == t, func.lower(r.c.sub_event_type) == t,
                             func.lower(r.c.kind) == t))
        if q.since:
            conds.append(func.coalesce(r.c.date_end, d.c.date_end) >= q.since.isoformat())
        if q.until:
            conds.append(func.coalesce(r.c.date_start, d.c.date_start) <= q.until.isoformat())
        if q.actor:
            # Matched against a column casefolded in Python at write time: SQLite's lower() is
            # ASCII-only and would miss Norwegian capitals (Æ Ø Å) and most non-English names.
            needle = q.actor.strip().casefold()
            conds.append(r.c.actors_folded.contains(needle, autoescape=True))
        if q.document_id:
            conds.append(r.c.document_id == q.document_id)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(d.c.path, d.c.url, d.c.id, r.c.seq)
        if q.limit:
            stmt = stmt.limit(q.limit)
        try:
            with self.engine.connect() as conn:
                for (blob,) in conn.execute(stmt):
                    yield Record.from_dict(json.loads(blob))
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.display}: query failed: {_reason(exc)}") from exc

    def documents(self) -> Iterator[StoredDocument]:
        d, r = schema.documents, schema.records
        n = select(func.count()).where(r.c.document_id == d.c.id).scalar_subquery()
        stmt = select(d, n.label("n_records")).order_by(d.c.path, d.c.url, d.c.id)
        with self.engine.connect() as conn:
            for row in conn.execute(stmt):
                yield _stored(row)

    def get_document(self, document_id: str) -> StoredDocument | None:
        d, r = schema.documents, schema.records
        n = select(func.count()).where(r.c.document_id == d.c.id).scalar_subquery()
        with self.engine.connect() as conn:
            row = conn.execute(select(d, n.label("n_records")).where(d.c.id == document_id)).first()
        return _stored(row) if row else None

    def stats(self) -> StoreStats:
        with self.engine.connect() as conn:
            count = lambda t: conn.execute(select(func.count()).select_from(t)).scalar_one()  # noqa: E731
            return StoreStats(count(schema.documents), count(schema.records),
                              count(schema.evidence), current_version(conn))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "SqlStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -------------------------------------------------------------------------------- rows


def _document_row(doc: Document) -> dict[str, Any]:
    p = doc.published
    return {
        "id": doc.id, "path": doc.path, "url": doc.url, "title": doc.title,
        "date": p.text if p else None,
        "date_start": p.start.isoformat() if p else None,
        "date_end": p.end.isoformat() if p else None,
        "language": doc.language, "outlet": doc.outlet, "text": doc.text,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _record_row(document_id: str, seq: int, r: Record) -> dict[str, Any]:
    date_start = r.date.start if r.date else None
    date_end = (r.date.end or r.date.start) if r.date else None
    loc = r.location
    return {
        "document_id": document_id, "id": r.id, "seq": seq, "kind": r.kind,
        "event_type": r.event_type, "sub_event_type": r.sub_event_type,
        "status": r.status, "who": r.who,
        "country_code": (loc.country_code or "").upper() or None if loc else None,
        "date_start": date_start, "date_end": date_end,
        "actor1_name": r.actor1.name if r.actor1 else None,
        "actor1_text": r.actor1.text if r.actor1 else None,
        "actor2_name": r.actor2.name if r.actor2 else None,
        "actor2_text": r.actor2.text if r.actor2 else None,
        "location_name": loc.name if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "actors_folded": "\x1f".join(x.casefold() for a in (r.actor1, r.actor2) if a
                                      for x in (a.name, a.text) if x) or None,
        "fatalities_best": _int64(r.fatalities.best) if r.fatalities else None,
        "confidence": r.confidence,
        "json": r.to_json(),
    }


def _int64(value: int | None) -> int | None:
    # The column is for filtering and sorting; an absurd count stays in the JSON only.
    return value if value is not None and -2**63 <= value < 2**63 else None


def _evidence_rows(document_id: str, r: Record) -> list[dict[str, Any]]:
    """The record's evidence, the words behind each field that has a span, and per-field evidence."""
    found: dict[str, tuple[int, int, str]] = {"record": (r.evidence.start, r.evidence.end, r.evidence.text)}
    spans: list[tuple[str, Any]] = [("actor1", r.actor1), ("actor2", r.actor2), ("date", r.date),
                                    ("location", r.location), ("count", r.count)]
    spans += [(f"sources[{i}]", s) for i, s in enumerate(r.sources)]
    for name, value in spans:
        span = getattr(value, "span", None) if value is not None else None
        if span and len(span) == 2:
            found[name] = (int(span[0]), int(span[1]), getattr(value, "text", "") or "")
    for name, ev in r.field_evidence.items():
        found[f"{name}.evidence"] = (ev.start, ev.end, ev.text)
    return [{"document_id": document_id, "record_id": r.id, "field": k, "start": s, "end": e, "text": t}
            for k, (s, e, t) in found.items()]


def _stored(row: Any) -> StoredDocument:
    m = row._mapping
    return StoredDocument(id=m["id"], path=m["path"], url=m["url"], title=m["title"], date=m["date"],
                          language=m["language"], text=m["text"], ingested_at=m["ingested_at"],
                          n_records=int(m["n_records"]))


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
