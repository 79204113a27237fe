"""UCDP GED-style CSV: the Georeferenced Event Dataset's column names, filled from our records.

UCDP codes lethal organised violence only, so only events of the three violent ACLED types
(Battles, Explosions/Remote violence, Violence against civilians) with at least one reported
death are written; the UCDP ids of conflicts, dyads and actors are UCDP's to assign and stay
empty. How the rest is derived:

- type_of_violence: 3 one-sided when civilians are the target (actor2 inter 7, or Violence
  against civilians); 1 state-based when either actor is state forces (inter 1); else 2
  non-state.
- date_prec from the width of our date interval: same day 1; 2-6 days 2; a week 3; up to a
  month 4; longer 5 (UCDP GED codebook). Unresolved dates use the article's date.
- where_prec is our location precision (already UCDP's scale); geom_wkt is POINT (lon lat).
- deaths_a / deaths_b / deaths_civilians / deaths_unknown and best / low / high from
  fatalities; source_* from the article and the named sources.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from konflikt.document import Record
from konflikt.export.acled import _countries, _inter, event_date

COLUMNS: tuple[str, ...] = (
    "id", "year", "type_of_violence", "dyad_name", "side_a", "side_b", "number_of_sources",
    "source_article", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "adm_1", "latitude", "longitude", "geom_wkt", "country", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
STATE, CIVILIANS = 1, 7


def _deaths(record: Record) -> int:
    f = record.fatalities
    if f is None:
        return 0
    return max(v for v in (f.best, f.low, f.high, 0) if v is not None)


def type_of_violence(record: Record) -> int:
    inter1 = _inter(record.actor1.type) if record.actor1 else None
    inter2 = _inter(record.actor2.type) if record.actor2 else None
    if record.event_type == "Violence against civilians" or CIVILIANS in (inter1, inter2):
        return 3
    if STATE in (inter1, inter2):
        return 1
    return 2


def date_prec(record: Record) -> tuple[str, str, int]:
    """(date_start, date_end, UCDP date_prec) for a record."""
    from datetime import date

    dv = record.date
    try:
        start = date.fromisoformat(dv.start) if dv and dv.start else None
        end = date.fromisoformat(dv.end) if dv and dv.end else start
    except ValueError:
        start = end = None
    if start is None:
        middle, _ = event_date(record)  # falls back on the article's date
        if middle is None:
            return "", "", 5
        from konflikt.document import PublicationDate

        try:
            p = PublicationDate.parse(record.document.date or "")
            start, end = p.start, p.end
        except ValueError:
            start = end = middle
    width = (end - start).days + 1
    prec = 1 if width <= 1 else 2 if width <= 6 else 3 if width <= 7 else 4 if width <= 31 else 5
    return start.isoformat(), end.isoformat(), prec


def ucdp_row(record: Record) -> dict[str, Any]:
    loc = record.location
    country = _countries().get((loc.country_code or "").upper() if loc else "", {})
    start, end, prec = date_prec(record)
    side_a = record.actor1.name if record.actor1 else ""
    side_b = record.actor2.name if record.actor2 else ""
    f = record.fatalities
    has_point = loc is not None and loc.lat is not None and loc.lon is not None
    return {
        "id": record.id,
        "year": start[:4],
        "type_of_violence": type_of_violence(record),
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a": side_a, "side_b": side_b,
        "number_of_sources": len(record.sources) or 1,
        "source_article": record.document.url or record.document.path or "",
        "source_date": record.document.date or "",
        "source_headline": record.document.title or "",
        "source_original": "; ".join(s.name for s in record.sources),
        "where_prec": loc.precision if loc and loc.precision else "",
        "where_coordinates": (loc.name or loc.text or "") if loc else "",
        "adm_1": (loc.admin1 or "") if loc else "",
        "latitude": loc.lat if has_point else "",
        "longitude": loc.lon if has_point else "",
        "geom_wkt": f"POINT ({loc.lon} {loc.lat})" if has_point else "",
        "country": country.get("name", ""),
        "event_clarity": 1,  # 1 = the report is about this one event (not a summary of many)
        "date_prec": prec, "date_start": start, "date_end": end,
        "deaths_a": f.side_a if f and f.side_a is not None else "",
        "deaths_b": f.side_b if f and f.side_b is not None else "",
        "deaths_civilians": f.civilians if f and f.civilians is not None else "",
        "deaths_unknown": f.unknown if f and f.unknown is not None else "",
        "best": f.best if f and f.best is not None else _deaths(record),
        "high": f.high if f and f.high is not None else "",
        "low": f.low if f and f.low is not None else "",
    }


def write_ucdp(records: Iterable[Record], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        if r.kind != "event" or r.event_type not in VIOLENT or _deaths(r) < 1:
            continue
        writer.writerow(ucdp_row(r))
        n += 1
    return n
