"""Versioned migrations: an ordered list of steps, and a ``schema_version`` table that records
which have run.

Opening a store applies every step above the database's version, each in its own transaction
together with its row in ``schema_version``, so a crash between steps leaves a consistent,
resumable database. A database newer than this code is refused rather than guessed at.

Rule: a released step never changes. To change the schema, edit ``schema.py`` and append a step
(ALTER TABLE / CREATE INDEX / data copy) that takes version N-1 to N.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, inspect, select

from konflikt.errors import StoreError
from konflikt.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _m001_initial(conn: Connection) -> None:
    # Version 1 is the schema as first released; create_all also creates the indexes.
    schema.metadata.create_all(conn, tables=list(schema.DATA_TABLES))


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, records, evidence", _m001_initial),
]


def latest_version(migrations: list[Migration] | None = None) -> int:
    steps = MIGRATIONS if migrations is None else migrations
    return max((m.version for m in steps), default=0)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(select(schema.schema_version.c.version)
                       .order_by(schema.schema_version.c.version.desc()).limit(1)).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine, migrations: list[Migration] | None = None) -> int:
    """Bring the database up to the latest version; return that version."""
    steps = sorted(MIGRATIONS if migrations is None else migrations, key=lambda m: m.version)
    versions = [m.version for m in steps]
    if len(set(versions)) != len(versions):
        raise StoreError(f"duplicate migration versions: {versions}")
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        have = current_version(conn)
    latest = versions[-1] if versions else 0
    if have > latest:
        raise StoreError(f"{engine.url.render_as_string(hide_password=True)}: schema version "
                         f"{have} is newer than this konflikt knows ({latest}); upgrade konflikt")
    for step in steps:
        if step.version <= have:
            continue
        with engine.begin() as conn:
            # Re-read inside the transaction: another process may have migrated meanwhile.
            if current_version(conn) >= step.version:
                continue
            step.apply(conn)
            conn.execute(schema.schema_version.insert().values(
                version=step.version, description=step.description,
                applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return max(have, latest)
