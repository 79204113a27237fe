"""Exports: JSONL (the contract), flat CSV, ACLED-style CSV, GeoJSON, the terminal table."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import date

import pytest

from konflikt.document import (ActorRef, Count, DateValue, DocumentRef, Evidence, Fatalities,
                               Location, Record, SourceRef)
from konflikt.export import ExportError, write_records
from konflikt.export.acled import COLUMNS as ACLED_COLUMNS, acled_row, event_date, interaction
from konflikt.export.flat import LISTS, NESTED, SKIPPED, columns, flatten
from konflikt.export.ucdp import COLUMNS as UCDP_COLUMNS, date_prec, type_of_violence


def rec(**kw) -> Record:
    base = dict(
        id="abc123", kind="event", document=DocumentRef(id="d1", path="x.txt", date="2017-07", title="T"),
        evidence=Evidence("Tre ble drept i Mosul, ifølge Reuters.", 10, 48),
        event_type="Battles", sub_event_type="Armed clash",
        actor1=ActorRef("Iraqi Army", "den irakiske hæren", 1, [0, 5]),
        actor2=ActorRef("Islamic State", "IS", 2, [6, 8]),
        date=DateValue("2017-07-04", "2017-07-04", "day", "tirsdag", [9, 16]),
        location=Location("Mosul", 99072, 36.34, 43.13, "IQ", "Nineveh", 1, "Mosul", [20, 25]),
        fatalities=Fatalities(low=3, best=3, high=3),
        sources=[SourceRef("Reuters", "Reuters", [30, 37]), SourceRef("AP", "AP", None)],
        confidence=0.8)
    base.update(kw)
    return Record(**base)


def out(records, fmt) -> str:
    buf = io.StringIO()
    write_records(records, fmt, buf)
    return buf.getvalue()


def test_jsonl_is_the_contract_and_round_trips():
    records = [rec(), rec(id="x2", kind="figure", status="trapped", who="civilians",
                         count=Count(10000, 10000, 10000, "approximately", "rundt ti tusen", [1, 15]),
                         fatalities=None, location=None)]
    lines = out(records, "jsonl").splitlines()
    assert [Record.from_dict(json.loads(line)) for line in lines] == records
    assert json.loads(lines[0])["location"]["lat"] == 36.34
    assert "ø" in lines[0]                                  # not escaped: readable UTF-8


def test_flat_columns_cover_every_record_field():
    """A field added to Record must be flattened (or deliberately skipped): this fails if not."""
    cols = set(columns())
    for f in fields(Record):
        if f.name in SKIPPED:
            continue
        if f.name in NESTED:
            assert any(c.startswith(f.name + "_") for c in cols), f.name
        elif f.name in LISTS:
            assert f.name in cols
        else:
            assert f.name in cols, f"{f.name} is neither flattened nor skipped"


def test_csv_rows():
    text = out([rec(), rec(id="x2", location=None, actor2=None, background=True)], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(columns())
    assert rows[0]["location_lat"] == "36.34" and rows[0]["location_span_start"] == "20"
    assert rows[0]["sources"] == "Reuters; AP"
    assert rows[0]["actor1_type"] == "1"
    assert rows[1]["location_name"] == "" and rows[1]["background"] == "true"
    assert rows[0]["document_date"] == "2017-07"


def test_flatten_span_and_none():
    row = flatten(rec(date=None))
    assert row["date_start"] is None and row["date_span_start"] is None
    assert row["actor2_span_start"] == 6 and row["actor2_span_end"] == 8


def test_geojson_points_and_null_geometry():
    data = json.loads(out([rec(), rec(id="nowhere", location=None)], "geojson"))
    assert data["type"] == "FeatureCollection"
    a, b = data["features"]
    assert a["geometry"] == {"type": "Point", "coordinates": [43.13, 36.34]}   # lon, lat
    assert a["id"] == "abc123" and a["properties"]["sub_event_type"] == "Armed clash"
    assert b["geometry"] is None and b["properties"]["id"] == "nowhere"
    assert json.loads(out([], "geojson")) == {"type": "FeatureCollection", "features": []}


# ---------------------------------------------------------------------------------- ACLED

def test_acled_columns_and_figures_skipped():
    text = out([rec(), rec(id="f", kind="figure", status="displaced")], "acled")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 1
    r = rows[0]
    assert r["event_id_cnty"] == "IRQabc123"
    assert (r["country"], r["iso"], r["location"], r["admin1"]) == ("Iraq", "368", "Mosul", "Nineveh")
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2017-07-04", "2017", "1")
    assert (r["inter1"], r["inter2"], r["interaction"]) == ("1", "2", "12")
    assert (r["disorder_type"], r["fatalities"], r["geo_precision"]) == ("Political violence", "3", "1")
    assert r["source"] == "Reuters; AP"


@pytest.mark.parametrize("value,doc_date,expected", [
    (DateValue("2017-07-04", "2017-07-04", "day"), "2017-07", (date(2017, 7, 4), 1)),       # known day
    (DateValue("2017-07-03", "2017-07-09", "week"), "2017-07", (date(2017, 7, 6), 2)),      # a week: its middle
    (DateValue("2017-07-01", "2017-07-31", "month"), "2017-07", (date(2017, 7, 16), 3)),    # month: its middle
    (DateValue("2017-07-02", "2017-07-04", "range"), "2017-07", (date(2017, 7, 3), 2)),     # short range
    (DateValue("2014-01-01", "2014-12-31", "year"), "2017-07", (date(2014, 7, 2), 3)),
    (DateValue(None, None, "unresolved"), "2017-07", (date(2017, 7, 16), 3)),               # article month
    (None, "2019-05-10", (date(2019, 5, 10), 1)),                                           # article day
    (None, None, (None, 3)),
])
def test_acled_event_date_and_time_precision(value, doc_date, expected):
    r = rec(date=value, document=DocumentRef(id="d", date=doc_date))
    assert event_date(r) == expected


@pytest.mark.parametrize("where_prec,geo_precision", [(1, 1), (2, 2), (3, 2), (4, 3), (6, 3), (None, "")])
def test_acled_geo_precision_from_ucdp_where_prec(where_prec, geo_precision):
    loc = Location("X", None, 1.0, 2.0, "SY", None, where_prec)
    assert acled_row(rec(location=loc))["geo_precision"] == geo_precision


@pytest.mark.parametrize("a,b,expected", [(1, 2, 12), (3, 1, 13), (7, None, 70), (None, None, None), (2, 2, 22)])
def test_acled_interaction(a, b, expected):
    assert interaction(a, b) == expected


def test_acled_civilian_targeting_and_unknown_country():
    r = acled_row(rec(event_type="Violence against civilians", sub_event_type="Attack", location=None,
                      fatalities=None, sources=[]))
    assert r["civilian_targeting"] == "Civilian targeting"
    assert r["event_id_cnty"].startswith("XXX") and r["country"] == "" and r["fatalities"] == 0
    assert r["source"] == "T"                                      # the article, when no source is named
    assert acled_row(rec(sub_event_type="Excessive force against protesters",
                         event_type="Protests"))["disorder_type"] == "Political violence; Demonstrations"


# ---------------------------------------------------------------------------------- table

def test_table_shows_the_essentials():
    text = out([rec(), rec(id="f", kind="figure", status="trapped", who="civilians",
                           count=Count(10000, None, None, "vague"), fatalities=None)], "table")
    for piece in ("Armed clash", "2017-07-04", "Mosul (IQ)", "Iraqi Army vs Islamic State", "3 killed",
                  "Reuters", "x.txt", "10000+ civilians trapped"):
        assert piece in text, piece
    assert "no records" in out([], "table")


def test_unknown_format():
    with pytest.raises(ExportError, match="unknown format"):
        write_records([], "xlsx", io.StringIO())


@pytest.mark.parametrize("event_type,country,expected", [
    ("Explosions/Remote violence", "IQ", ("Unidentified Armed Group (Iraq)", 3, 37)),   # ACLED's unknown perpetrator
    ("Protests", "BY", ("Protesters (Belarus)", 6, 67)),
    ("Riots", None, ("Rioters", 5, 57)),
    ("Strategic developments", "IQ", ("", "", 70)),                                     # no generic actor
])
def test_acled_generic_actor1_when_none_is_named(event_type, country, expected):
    loc = Location("X", None, 1.0, 2.0, country) if country else None
    row = acled_row(rec(event_type=event_type, actor1=None, location=loc,
                        actor2=ActorRef("Civilians", "sivile", 7, None)))
    assert (row["actor1"], row["inter1"], row["interaction"]) == expected


# ----------------------------------------------------------------------------------- UCDP

def test_ucdp_rows_only_for_lethal_violence():
    records = [rec(),                                                            # battle, 3 killed
               rec(id="nodeaths", fatalities=None),                              # no deaths: not UCDP
               rec(id="protest", event_type="Protests", sub_event_type="Peaceful protest"),
               rec(id="fig", kind="figure", status="killed")]
    rows = list(csv.DictReader(io.StringIO(out(records, "ucdp"))))
    assert tuple(rows[0]) == UCDP_COLUMNS
    assert [r["id"] for r in rows] == ["abc123"]
    r = rows[0]
    assert (r["type_of_violence"], r["side_a"], r["side_b"], r["dyad_name"]) == (
        "1", "Iraqi Army", "Islamic State", "Iraqi Army - Islamic State")
    assert (r["date_start"], r["date_end"], r["date_prec"], r["year"]) == ("2017-07-04", "2017-07-04", "1", "2017")
    assert (r["where_prec"], r["geom_wkt"], r["country"]) == ("1", "POINT (43.13 36.34)", "Iraq")
    assert (r["best"], r["low"], r["high"], r["number_of_sources"]) == ("3", "3", "3", "2")


@pytest.mark.parametrize("kw,expected", [
    ({}, 1),                                                                           # state forces involved
    ({"actor1": ActorRef("IS", "IS", 2), "actor2": ActorRef("SDF", "SDF", 2)}, 2),    # two non-state groups
    ({"actor2": ActorRef("Civilians", "sivile", 7)}, 3),                               # one-sided
    ({"event_type": "Violence against civilians", "actor1": ActorRef("IS", "IS", 2), "actor2": None}, 3),
])
def test_ucdp_type_of_violence(kw, expected):
    assert type_of_violence(rec(**kw)) == expected


@pytest.mark.parametrize("value,doc_date,expected", [
    (DateValue("2017-07-04", "2017-07-04", "day"), "2017-07", ("2017-07-04", "2017-07-04", 1)),
    (DateValue("2017-07-02", "2017-07-04", "range"), "2017-07", ("2017-07-02", "2017-07-04", 2)),
    (DateValue("2017-07-03", "2017-07-09", "week"), "2017-07", ("2017-07-03", "2017-07-09", 3)),
    (DateValue("2017-07-01", "2017-07-31", "month"), "2017-07", ("2017-07-01", "2017-07-31", 4)),
    (DateValue("2014-01-01", "2014-12-31", "year"), "2017-07", ("2014-01-01", "2014-12-31", 5)),
    (None, "2017-07", ("2017-07-01", "2017-07-31", 4)),                 # unresolved: the article's month
    (None, None, ("", "", 5)),
])
def test_ucdp_date_prec(value, doc_date, expected):
    assert date_prec(rec(date=value, document=DocumentRef(id="d", date=doc_date))) == expected


# Regression: an 'up to' count showed as 'None-1000' in the table (seen on the seed's Airwars toll).
@pytest.mark.parametrize("low,best,high,qualifier,shown", [
    (None, None, 1000, "up_to", "<=1000"),
    (None, None, 50, "fewer_than", "<50"),
    (2000, None, None, "vague", "2000+"),
    (3000, None, 4000, "range", "3000-4000"),
    (None, 10000, None, "approximately", "~10000"),
    (4, 4, 4, "exact", "4"),
])
def test_table_count_value(low, best, high, qualifier, shown):
    from konflikt.export.table import _count_value

    assert _count_value(low, best, high, qualifier) == shown
