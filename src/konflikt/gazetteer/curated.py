"""The curated place knowledge in ``lang/<code>/places.toml``, read into typed entries.

Regions defined there (Gazastripen, Vestbredden ...) get stable negative ids in file order:
they have no GeoNames id in the PyPI subset, and ``PlaceMention.geonameid`` stays None for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from konflikt.errors import ResourceError
from konflikt.langdata import read_toml, read_wordlist


# A region we list by hand is one the news names often: its prior is that of a large place
# (a sea or a region has no population of its own to weigh against a namesake village).
REGION_POPULATION = 5_000_000


@dataclass(frozen=True, slots=True)
class CuratedEntry:
    names: tuple[str, ...]
    target: str | None = None              # "CC:name" of a place in the index
    geonameid: int | None = None
    lat: float | None = None               # own region
    lon: float | None = None
    country: str | None = None
    fclass: str = "L"
    fcode: str = "RGN"
    population: int = 0
    own_id: int = 0
    country_of_demonym: str | None = None  # demonyms point at a country
    abbreviation: bool = False             # 'Kan.': indexed with its full stop


@dataclass(frozen=True, slots=True)
class PlaceLanguage:
    """What the places stage needs to know about a language (from places.toml)."""

    suffixes: dict[str, str] = field(default_factory=dict)
    containment: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    town_words: tuple[str, ...] = ()
    town_suffixes: tuple[str, ...] = ()    # 'millionbyen', 'havnebyen': any '-byen' compound
    home_countries: frozenset[str] = frozenset()  # where the language's own towns are ('NO')
    region_words: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()
    region_precision: dict[int, int] = field(default_factory=dict)


def curated_entries(lang: str = "nb") -> list[CuratedEntry]:
    data = read_toml(lang, "places.toml")
    out: list[CuratedEntry] = []
    for item in data.get("exonym", []):
        if not item.get("names") or not (item.get("target") or item.get("geonameid")):
            raise ResourceError(f"places.toml: an exonym needs names and a target: {item!r}")
        # fclass: which kind of place the target is (a town 'P' unless said, or a region 'A')
        out.append(CuratedEntry(names=tuple(item["names"]), target=item.get("target"),
                                geonameid=item.get("geonameid"), fclass=item.get("fclass", "P")))
    for item in data.get("abbreviation", []):
        out.append(CuratedEntry(names=tuple(item["names"]), target=item["target"],
                                fclass=item.get("fclass", "A"), abbreviation=True))
    for i, item in enumerate(data.get("region", []), start=1):
        if lang != "nb":
            raise ResourceError(f"places.toml for {lang!r}: regions with their own points belong in "
                                "lang/nb/places.toml (their ids are numbered there)")
        try:
            out.append(CuratedEntry(names=tuple(item["names"]), lat=float(item["lat"]),
                                    lon=float(item["lon"]), country=item.get("country"),
                                    fclass=item.get("fclass", "L"), fcode=item.get("fcode", "RGN"),
                                    population=int(item.get("population", REGION_POPULATION)),
                                    own_id=-i))
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"places.toml: a region needs names, lat and lon: {item!r}") from exc
    dem = data.get("demonyms", {})
    for cc, stems in dem.get("adjectives", {}).items():
        forms = [f for s in stems for f in (s, s + "e")]
        out.append(CuratedEntry(names=tuple(forms), country_of_demonym=cc))
    for cc, nouns in dem.get("nouns", {}).items():
        out.append(CuratedEntry(names=tuple(nouns), country_of_demonym=cc))
    return out


def _organisations(lang: str) -> frozenset[str]:
    """Organisations and platforms that are never places (``places_orgs.txt``), if the language
    has the list."""
    try:
        return read_wordlist(lang, "places_orgs.txt")
    except ResourceError:
        return frozenset()


@lru_cache(maxsize=None)
def place_language(lang: str = "nb") -> PlaceLanguage:
    data = read_toml(lang, "places.toml")
    ctx = data.get("context", {})
    precisions = {-i: int(item["precision"]) for i, item in enumerate(data.get("region", []), start=1)
                  if "precision" in item}
    return PlaceLanguage(
        suffixes={k.casefold(): v for k, v in data.get("suffixes", {}).items()},
        containment=tuple(ctx.get("containment", ())),
        directions=tuple(ctx.get("directions", ())),
        town_words=tuple(ctx.get("town_words", ())),
        town_suffixes=tuple(ctx.get("town_suffixes", ())),
        home_countries=frozenset(ctx.get("home_countries", ())),
        region_words=tuple(ctx.get("region_words", ())),
        stopwords=read_wordlist(lang, "places_stop.txt") | _organisations(lang),
        region_precision=precisions,
    )
