"""Round 7 of issue 6: patterns the dev4 and dev5 splits showed on text the rules were not
written for, each pinned by sentences written here (helpers as in test_events.py)."""

from __future__ import annotations

from datetime import date

import pytest

from test_events import TUE, Q, build, events, figures  # noqa: F401  (tests/ is on sys.path)

NIGHT = (date(2019, 5, 6), date(2019, 5, 7), "range")
SYRIA = {"Syria": (35.0, 38.0, "SY", 6), "Homs": (34.73, 36.71, "SY", 1)}


def test_a_strike_on_several_targets_is_one_event_a_site_and_its_toll_a_figure():
    # dev4 507 pattern (sentences written here): a count of targets, a weapon after 'med', a
    # target list with a town named only for orientation ('nær Raqqa'), another site hit, and a
    # toll over all the sites
    text = ("Israel angrep natt til tirsdag sju mål i Syria med raketter og missiler. Ifølge den "
            "syriske hæren er 15 sivile drept.\n"
            "Blant målene var et lager i Aleppo, som Israel knytter til Hizbollah, og en base i Idlib "
            "nær Raqqa. Også byen Homs ble rammet, melder Reuters.")
    doc = build(text, times={"natt til tirsdag": NIGHT}, gaz=SYRIA,
                quantities=[Q("15", "killed", "civilians", 15, 15, 15)])
    evs = events(doc)
    assert sorted(e.location.name for e in evs) == ["Aleppo", "Homs", "Idlib"]
    assert {e.sub_event_type for e in evs} == {"Shelling/artillery/missile attack"}
    assert all(e.fatalities is None or not e.fatalities.best for e in evs)
    assert [f.count.best for f in figures(doc) if f.status == "killed"] == [15]


@pytest.mark.parametrize("origin,text,n", [
    ("'blant målene' in a plan is a goal, no target", "Blant målene i planen er fred i Aleppo innen 2030.", 0),
    ("a weapon after 'med' types the verb before it (dev4 507 pattern)",
     "IS angrep flere mål i Irak og den nordlige delen av Syria med raketter.", 1),
])
def test_targets_and_instruments(origin, text, n):
    evs = events(build(text, gaz={"Syria": (35.0, 38.0, "SY", 6)}))
    assert len(evs) == n, (origin, evs)
    assert all(e.sub_event_type == "Shelling/artillery/missile attack" for e in evs), origin


@pytest.mark.parametrize("text,expected", [
    # dev4 503 pattern (sentences written here): people taken in for questioning are held
    ("Politiet opplyser at 30 personer er tatt inn til avhør etter eksplosjonen.", [(30, "people", "arrested")]),
    ("Tolv demonstranter ble brakt inn til avhør i natt.", [(12, "protesters", "arrested")]),
])
def test_taken_in_for_questioning_is_arrested(text, expected):
    from konflikt.counting import extract_quantities
    assert [(q.best, q.who, q.status) for q in extract_quantities(text, lang="nb")] == expected


def test_the_dead_of_violence_that_spread_over_a_city_are_a_toll():
    # dev4 506 pattern (sentences written here): an attack, then violence spreading over the
    # city; the dead counted in the city are a killed figure, not the attack's fatalities, and the
    # arrest with no arresting actor named is the police's
    text = ("IS-krigere stormet tirsdag en radiostasjon i Kirkuk. Alle de fem angriperne ble pågrepet.\n"
            "Volden spredte seg tirsdag over store deler av Kirkuk. Ni mennesker ble drept i byen, "
            "og to soldater ble drept i en landsby i nærheten, ifølge politiet.")
    doc = build(text, times={"tirsdag": TUE},
                quantities=[Q("Ni mennesker", "killed", "people", 9, 9, 9),
                            Q("to soldater", "killed", "soldiers", 2, 2, 2)])
    assert [f.count.best for f in figures(doc) if f.status == "killed"] == [9]
    evs = events(doc)
    assert all(e.fatalities is None or e.fatalities.best != 9 for e in evs)
    arrest = next(e for e in evs if e.sub_event_type == "Arrests")
    assert arrest.actor1 is not None and arrest.actor1.name == "Police Forces of Iraq"
    assert arrest.fatalities is None
