"""GeoJSON (RFC 7946): a FeatureCollection, one Feature per record.

Records without coordinates are kept, as Features with ``"geometry": null`` (RFC 7946 §3.2
allows it), so the file holds every record and a map simply does not draw those; QGIS and
GeoPandas read them. Properties are the flat columns of ``flat.py`` (map tools want scalars).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from konflikt.document import Record
from konflikt.export.flat import flatten


def feature(record: Record) -> dict[str, Any]:
    loc = record.location
    geometry = None
    if loc is not None and loc.lat is not None and loc.lon is not None:
        geometry = {"type": "Point", "coordinates": [loc.lon, loc.lat]}  # GeoJSON is lon, lat
    return {"type": "Feature", "id": record.id, "geometry": geometry, "properties": flatten(record)}


def write_geojson(records: Iterable[Record], out: TextIO) -> int:
    # Written feature by feature so a large export never holds one giant dict in memory.
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for r in records:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(feature(r), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
