"""The document model, the pipeline runner and settings (core of issue 2)."""

from __future__ import annotations

from datetime import date

import pytest

from konflikt.document import (ActorRef, Count, DateValue, Document, DocumentRef, Evidence,
                               Fatalities, Location, PublicationDate, Record, SourceRef, stable_id)
from konflikt.errors import SettingsError
from konflikt.pipeline import (PipelineConfigError, StageError, build_pipeline, register_stage)
from konflikt.settings import Settings


@pytest.mark.parametrize("text,start,end,precision", [
    ("2017-07", date(2017, 7, 1), date(2017, 7, 31), "month"),   # the seed's own date line
    ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),   # leap year
    ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
    ("2021-08-26", date(2021, 8, 26), date(2021, 8, 26), "day"),
])
def test_publication_date_parse(text, start, end, precision):
    p = PublicationDate.parse(text)
    assert (p.start, p.end, p.precision, p.text) == (start, end, precision, text)


@pytest.mark.parametrize("bad", ["2017-13", "17-07", "juli 2017", "2017-02-30", "", "2017-07-01-02"])
def test_publication_date_rejects(bad):
    with pytest.raises(ValueError):
        PublicationDate.parse(bad)


def test_document_id_is_content_hash():
    assert Document(text="abc").id == Document(text="abc").id != Document(text="abd").id


def test_stable_id_is_deterministic():
    assert stable_id("a", 1, "b") == stable_id("a", 1, "b") != stable_id("a", 1, "c")


def test_record_round_trip_with_every_field():
    rec = Record(
        id="r1", kind="event", document=DocumentRef(id="d", path="x.txt", date="2017-07"),
        evidence=Evidence("Fire ble drept.", 10, 25), event_type="Battles",
        sub_event_type="Armed clash", actor1=ActorRef("Islamic State", "IS", 2, [0, 2]),
        date=DateValue("2017-07-01", "2017-07-31", "month", "tirsdag", [3, 10]),
        location=Location("Mosul", 99072, 36.3, 43.1, "IQ", "Nineveh", 1, "Mosul", [20, 25]),
        fatalities=Fatalities(best=4, side_a=4), count=Count(1, 2, 3, "range"),
        sources=[SourceRef("Reuters", "Reuters", [1, 8])], background=True, confidence=0.8,
        field_evidence={"actor1": Evidence("IS", 0, 2)})
    assert Record.from_dict(rec.to_dict()) == rec


def test_unknown_setting_is_an_error():
    with pytest.raises(SettingsError, match="unknown setting 'dbb'"):
        Settings(dbb="x")


def test_setting_type_checked():
    with pytest.raises(SettingsError, match="max_input_bytes"):
        Settings(max_input_bytes="lots")


def test_stage_error_names_stage_and_document():
    @register_stage("test_boom", requires=("text",), assigns=())
    class Boom:
        def __init__(self, settings):
            pass

        def __call__(self, doc):
            raise ValueError("kaboom")

    p = build_pipeline(names=["test_boom"])
    with pytest.raises(StageError, match=r"stage 'test_boom' failed on a\.txt: ValueError: kaboom"):
        p(Document(text="x", path="a.txt"))


def test_unmet_requirement_is_reported():
    with pytest.raises(PipelineConfigError, match="stage 'events' needs"):
        build_pipeline(names=["events"])


def test_unknown_stage_is_reported():
    with pytest.raises(PipelineConfigError, match="unknown stage 'nope'"):
        build_pipeline(names=["nope"])


def test_full_pipeline_runs_in_order(pipeline):
    doc = pipeline(Document(text="Tre soldater ble drept i Kabul.\nDet skjedde i går.",
                            published=PublicationDate.parse("2021-08-27")))
    assert doc.done == list(pipeline.names)
    assert [s.text for s in doc.sentences][:1] == ["Tre soldater ble drept i Kabul."]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
