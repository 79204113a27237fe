"""Querying a built gazetteer index (SQLite, opened read-only).

``Gazetteer.lookup(name)`` returns every place a name may denote, as :class:`Candidate`
objects, trying the exact key first and the transliteration skeleton after (see
``normalise``). Lookups are cached per process; the index itself stays on disk, so opening it
costs milliseconds and memory stays small.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from konflikt.errors import ResourceError
from konflikt.gazetteer.normalise import abbreviation_key, name_key, skeleton


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may denote, with how well the name matched (``quality``: lower is better)."""

    id: int                 # GeoNames id; negative for regions from our own data
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1_code: str | None
    feature_class: str
    feature_code: str
    population: int
    quality: int            # 0 canonical, 1 curated, 2 alternate, 3 generated, +4 via skeleton
    demonym: bool = False
    admin2_code: str | None = None   # GeoNames admin2 code 'US.IA.087': a town's county, an ADM2's own

    @property
    def geonameid(self) -> int | None:
        return self.id if self.id > 0 else None

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


_COLUMNS = "p.id, p.name, p.lat, p.lon, p.cc, p.admin1, p.fclass, p.fcode, p.pop, p.admin2"


class Gazetteer:
    """A read-only place index. Use :func:`konflikt.gazetteer.open_gazetteer` to get one."""

    def __init__(self, path: str | Path, max_candidates: int = 60):
        self.path = Path(path)
        if not self.path.is_file():
            raise ResourceError(f"no gazetteer index at {self.path}")
        try:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            self.meta = dict(self.conn.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ResourceError(f"{self.path} is not a konflikt gazetteer index: {exc}") from exc
        self.max_candidates = max_candidates
        self._admin1: dict[str, str] | None = None
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self._countries: dict[str, Candidate] | None = None

    def _rows(self, column: str, value: str, limit: int) -> list[Candidate]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS}, MIN(n.quality), MAX(n.demonym) FROM names n JOIN places p ON p.id = n.id"
            f" WHERE n.{column} = ? GROUP BY p.id ORDER BY MIN(n.quality), p.pop DESC LIMIT ?",
            (value, limit)).fetchall()
        return [Candidate(*r[:9], quality=r[10], demonym=bool(r[11]), admin2_code=r[9]) for r in rows]

    def _lookup(self, name: str, fuzzy: bool = True) -> tuple[Candidate, ...]:
        abbr = abbreviation_key(name)
        if abbr:
            found = self._rows("key", abbr, self.max_candidates)
            if found:
                return tuple(found)
        key = name_key(name)
        if not key:
            return ()
        found = self._rows("key", key, self.max_candidates)
        if not found and fuzzy:
            skel = skeleton(name)
            if len(skel) >= 4:
                found = [replace(c, quality=c.quality + 4)
                         for c in self._rows("skel", skel, self.max_candidates)]
        return tuple(found)

    def has_key(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone() is not None

    def get(self, place_id: int) -> Candidate | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        return Candidate(*row[:9], quality=0, admin2_code=row[9]) if row else None

    def admin1_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if self._admin1 is None:
            self._admin1 = dict(self.conn.execute("SELECT code, name FROM admin1").fetchall())
        return self._admin1.get(code)

    def country(self, cc: str | None) -> Candidate | None:
        if self._countries is None:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.fcode LIKE 'PCL%'").fetchall()
            self._countries = {r[4]: Candidate(*r[:9], quality=0, admin2_code=r[9]) for r in rows}
        return self._countries.get(cc) if cc else None

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]

    def close(self) -> None:
        self.conn.close()
