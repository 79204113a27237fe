"""Loading the full GeoNames dumps into a konflikt gazetteer index (same schema as the
packaged one), for users who download them from the GeoNames export server:

- ``allCountries.txt`` (or a country file such as ``IQ.txt``): one place a line, 19 tab-separated
  columns (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
  feature code, country code, cc2, admin1..admin4, population, elevation, dem, timezone, date);
- ``alternateNamesV2.txt`` (optional): alternateNameId, geonameid, isolanguage, name,
  isPreferredName, isShortName, isColloquial, isHistoric, from, to;
- ``admin1CodesASCII.txt`` (optional): 'IQ.15', name, ascii name, geonameid.

Then point ``Settings(gazetteer=...)`` (or KONFLIKT_GAZETTEER) at the built file. Example::

    python -m konflikt.gazetteer.dumps allCountries.txt alternateNamesV2.txt admin1CodesASCII.txt out.sqlite
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from konflikt.errors import InputError
from konflikt.gazetteer.build import (
    Q_ALTERNATE, Q_CANONICAL, Q_CURATED, Q_GENERATED, IndexWriter, SCHEMA_VERSION, add_curated,
)

# Feature classes worth a place-name lookup in news text: admin areas, populated places,
# areas/regions, water bodies, and terrain (mountains, valleys). Spots (S: buildings, farms),
# roads (R) and vegetation (V) would multiply the index for little gain; pass classes= to keep them.
DEFAULT_CLASSES = frozenset("APLHT")
# alternate-name "languages" that are codes, not names
_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid"})


def _lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if line.strip() and not line.startswith("#"):
                    yield n, line.rstrip("\n").split("\t")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the GeoNames file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start}); is it a GeoNames dump?") from exc


def build_from_dumps(all_countries: str | Path, out: str | Path, *,
                     alternate_names: str | Path | None = None,
                     admin1_codes: str | Path | None = None,
                     classes: Iterable[str] = DEFAULT_CLASSES,
                     languages: Iterable[str] = ("nb", "nn", "no", "da", "sv", "en", ""),
                     curated: bool = True) -> Path:
    """Write a gazetteer index at `out` from GeoNames dump files; returns its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    classes = frozenset(classes)
    langs = frozenset(languages)
    t0 = time.perf_counter()
    w = IndexWriter(tmp)
    try:
        countries: dict[str, int] = {}
        for n, row in _lines(Path(all_countries)):
            if len(row) < 15:
                raise InputError(str(all_countries), f"line {n}: {len(row)} columns, a GeoNames "
                                 "allCountries line has 19")
            try:
                pid, lat, lon, pop = int(row[0]), float(row[4]), float(row[5]), int(row[14] or 0)
            except ValueError as exc:
                raise InputError(str(all_countries), f"line {n}: {exc}") from exc
            fclass, fcode, cc = row[6], row[7], row[8] or None
            if fclass not in classes:
                continue
            admin1 = f"{cc}.{row[10]}" if cc and row[10] else None
            admin2 = f"{admin1}.{row[11]}" if admin1 and len(row) > 11 and row[11] else None
            w.add_place(pid, row[1], lat, lon, cc, admin1, fclass, fcode, pop, admin2)
            w.add_name(row[1], pid, Q_CANONICAL)
            w.add_name(row[2], pid, Q_ALTERNATE)
            for alt in row[3].split(","):
                w.add_name(alt, pid, Q_ALTERNATE)
            if fcode.startswith("PCL") and cc:
                countries[cc] = pid
                w.add_name(cc, pid, Q_GENERATED)
        if alternate_names:
            for n, row in _lines(Path(alternate_names)):
                if len(row) < 4:
                    raise InputError(str(alternate_names), f"line {n}: {len(row)} columns, an "
                                     "alternateNames line has at least 4")
                lang = row[2]
                if lang in _SKIP_LANGS or (langs and lang not in langs):
                    continue
                pid = int(row[1])
                if pid in w.places and not (len(row) > 7 and row[7] == "1"):  # skip historic names
                    w.add_name(row[3], pid, Q_CURATED if lang in {"nb", "no", "nn"} else Q_ALTERNATE)
        if admin1_codes:
            for n, row in _lines(Path(admin1_codes)):
                if len(row) < 2:
                    raise InputError(str(admin1_codes), f"line {n}: expected code and name")
                w.add_admin1(row[0], row[1], int(row[3]) if len(row) > 3 and row[3].isdigit() else None)
        _add_cldr(w, countries)
        if curated:
            add_curated(w, countries, strict=False)
        w.close({"schema": SCHEMA_VERSION, "source": f"geonames dumps: {Path(all_countries).name}",
                 "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
                 "build_seconds": f"{time.perf_counter() - t0:.1f}"})
        os.replace(tmp, out)
    except BaseException:
        w.conn.close()
        if tmp.exists():
            tmp.unlink()
        raise
    return out


def _add_cldr(w: IndexWriter, countries: dict[str, int]) -> None:
    from babel import Locale

    for lang in ("nb", "nn", "da", "sv", "en"):
        for iso, label in Locale.parse(lang).territories.items():
            if iso in countries:
                w.add_name(label, countries[iso], Q_CURATED)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build a konflikt gazetteer index from GeoNames dumps.",
                                 epilog="example: python -m konflikt.gazetteer.dumps allCountries.txt "
                                        "--alternate-names alternateNamesV2.txt --admin1 admin1CodesASCII.txt "
                                        "--out geonames.sqlite")
    ap.add_argument("all_countries")
    ap.add_argument("--alternate-names")
    ap.add_argument("--admin1")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    path = build_from_dumps(args.all_countries, args.out, alternate_names=args.alternate_names,
                            admin1_codes=args.admin1)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
