"""Records as flat rows: one column per leaf of the contract (CSV, GeoJSON properties).

Columns are derived from the record dataclasses in ``document.py``, so a field the contract
gains appears here without an edit: nested objects become ``<field>_<sub>`` columns, a span
becomes ``<field>_span_start``/``<field>_span_end``, sources are joined with "; ", and the
per-field evidence (``field_evidence``) stays in JSONL only (it does not flatten usefully).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import fields
from functools import lru_cache
from typing import Any, TextIO

from konflikt.document import (ActorRef, Count, DateValue, DocumentRef, Evidence, Fatalities,
                               Location, Record, SourceRef)

NESTED: dict[str, type] = {
    "actor1": ActorRef, "actor2": ActorRef, "date": DateValue, "location": Location,
    "fatalities": Fatalities, "count": Count, "evidence": Evidence, "document": DocumentRef,
}
LISTS: dict[str, type] = {"sources": SourceRef}
SKIPPED = frozenset({"field_evidence"})
SEPARATOR = "; "


@lru_cache(maxsize=1)
def columns() -> tuple[str, ...]:
    out: list[str] = []
    for f in fields(Record):
        if f.name in SKIPPED:
            continue
        if f.name in NESTED:
            for sub in fields(NESTED[f.name]):
                if sub.name == "span":
                    out += [f"{f.name}_span_start", f"{f.name}_span_end"]
                else:
                    out.append(f"{f.name}_{sub.name}")
        elif f.name in LISTS:
            out += [f.name] + [f"{f.name}_{sub.name}" for sub in fields(LISTS[f.name])
                               if sub.name not in ("name", "span")]
        else:
            out.append(f.name)
    return tuple(out)


def flatten(record: Record) -> dict[str, Any]:
    """One record as {column: scalar or None}, columns in :func:`columns` order."""
    row: dict[str, Any] = dict.fromkeys(columns())
    for f in fields(Record):
        value = getattr(record, f.name)
        if f.name in SKIPPED:
            continue
        if f.name in NESTED:
            if value is None:
                continue
            for sub in fields(NESTED[f.name]):
                v = getattr(value, sub.name)
                if sub.name == "span":
                    if v:
                        row[f"{f.name}_span_start"], row[f"{f.name}_span_end"] = v[0], v[1]
                else:
                    row[f"{f.name}_{sub.name}"] = v
        elif f.name in LISTS:
            row[f.name] = SEPARATOR.join(s.name for s in value) or None
            for sub in fields(LISTS[f.name]):
                if sub.name not in ("name", "span"):
                    row[f"{f.name}_{sub.name}"] = SEPARATOR.join(
                        str(getattr(s, sub.name) or "") for s in value) or None
        else:
            row[f.name] = value
    return row


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_csv(records: Iterable[Record], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns())
    n = 0
    for r in records:
        row = flatten(r)
        writer.writerow([_cell(row[c]) for c in columns()])
        n += 1
    return n
