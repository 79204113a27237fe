"""Exports: records out as JSONL (the contract), flat CSV, ACLED- and UCDP-style CSV, GeoJSON, a table.

    from konflikt.export import write_records
    with open("out.geojson", "w", encoding="utf-8") as fh:
        write_records(records, "geojson", fh)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from konflikt.document import Record
from konflikt.errors import KonfliktError
from konflikt.export.acled import write_acled
from konflikt.export.flat import write_csv
from konflikt.export.geojson import write_geojson
from konflikt.export.jsonl import write_jsonl
from konflikt.export.table import write_table
from konflikt.export.ucdp import write_ucdp

WRITERS: dict[str, Callable[[Iterable[Record], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "acled": write_acled,
    "ucdp": write_ucdp,
    "geojson": write_geojson,
    "table": write_table,
}
FILE_FORMATS = ("jsonl", "csv", "acled", "ucdp", "geojson")


class ExportError(KonfliktError):
    """An unknown export format."""


def write_records(records: Iterable[Record], fmt: str, out: TextIO) -> int:
    """Write records in one format to an open text stream; returns how many were written."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ExportError(f"unknown format '{fmt}'; known: {', '.join(WRITERS)}") from None
    return writer(records, out)


__all__ = ["ExportError", "FILE_FORMATS", "WRITERS", "write_records"]
