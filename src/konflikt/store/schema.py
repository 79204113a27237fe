"""The current schema, as SQLAlchemy Core tables (the same definitions serve SQLite and PostgreSQL).

documents   one row per article, id = SHA-256 of its text as read (the idempotency key)
records     one row per record: the columns people filter on, plus the full contract JSON
evidence    one row per supported field of a record: which words (start, end, text) back it

Changing this file means adding a step to ``migrations.MIGRATIONS`` that takes an existing
database from the previous version to this one.
"""

from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKeyConstraint, Index, Integer, MetaData, String,
                        Table, Text)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("path", Text),
    Column("url", Text),
    Column("title", Text),
    Column("date", String(10)),        # the publication date as given: 2017, 2017-07, 2017-07-04
    Column("date_start", String(10)),  # ... and as an interval, for date filters
    Column("date_end", String(10)),
    Column("language", String(8)),
    Column("outlet", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

records = Table(
    "records", metadata,
    # Record ids are stable per article; the key includes the document so that two articles
    # can never clash even if a stage builds ids from the record's content alone.
    Column("document_id", String(64), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),  # the order the pipeline produced them in
    Column("kind", String(16), nullable=False),
    Column("event_type", String(64)),
    Column("sub_event_type", String(64)),
    Column("status", String(32)),
    Column("who", String(32)),
    Column("country_code", String(2)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("actor1_name", Text),
    Column("actor1_text", Text),
    Column("actor2_name", Text),
    Column("actor2_text", Text),
    Column("actors_folded", Text),  # actor names and texts, casefolded, for the --actor filter
    Column("location_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("fatalities_best", Integer),
    Column("confidence", Float),
    Column("json", Text, nullable=False),
    ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
)

evidence = Table(
    "evidence", metadata,
    Column("document_id", String(64), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("field", String(64), primary_key=True),  # record | actor1 | date | location | sources[0] ...
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    ForeignKeyConstraint(["document_id", "record_id"], ["records.document_id", "records.id"],
                         ondelete="CASCADE"),
)

Index("ix_records_country", records.c.country_code)
Index("ix_records_event_type", records.c.event_type)
Index("ix_records_dates", records.c.date_start, records.c.date_end)
Index("ix_documents_url", documents.c.url)

# The tables that migration 1 creates (all but the version table, which the migrator owns).
DATA_TABLES = (documents, records, evidence)
