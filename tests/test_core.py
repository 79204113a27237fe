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


def test_run_many_batches_a_pipe_stage_and_isolates_a_failing_document():
    calls: list[str] = []

    @register_stage("test_batchy", requires=("text",), assigns=())
    class Batchy:
        """Upper-cases the title; fails on a document whose text says 'boom'."""

        def __init__(self, settings):
            pass

        def __call__(self, doc):
            calls.append("one")
            if "boom" in doc.text:
                raise ValueError("kaboom")
            doc.title = doc.text.upper()
            return doc

        def pipe(self, docs):
            calls.append("batch")
            return [self(d) for d in docs]

    p = build_pipeline(names=["test_batchy"])
    good = p.run_many([Document(text="a", path="a.txt"), Document(text="b", path="b.txt")])
    assert [d.title for d in good] == ["A", "B"] and calls[0] == "batch"
    assert all(d.done == ["test_batchy"] for d in good)
    calls.clear()
    mixed = p.run_many([Document(text="a", path="a.txt"), Document(text="boom", path="bad.txt"),
                        Document(text="c", path="c.txt")])
    # the batch failed, so the stage ran one by one: the bad document is named, the others finish
    assert calls[0] == "batch" and calls.count("one") >= 3
    assert isinstance(mixed[1], StageError) and "bad.txt" in str(mixed[1])
    assert [mixed[0].title, mixed[2].title] == ["A", "C"]
    assert p.timings["test_batchy"].calls >= 5
    with pytest.raises(StageError, match="bad.txt"):
        list(p.pipe([Document(text="boom", path="bad.txt")]))


def test_batched_pipeline_equals_one_by_one(pipeline):
    texts = ["Tre soldater ble drept i Kabul i går.", "Demonstranter samlet seg i Minsk søndag.",
             "Et luftangrep rammet en skole i Idlib natt til fredag, ifølge FN."]
    one = [pipeline(Document(text=t, published=PublicationDate.parse("2021-08-27"))) for t in texts]
    assert sum(len(d.records) for d in one) >= 2  # the comparison below must compare something
    many = list(pipeline.pipe(Document(text=t, published=PublicationDate.parse("2021-08-27"))
                              for t in texts))
    assert [[r.to_dict() for r in d.records] for d in many] == [[r.to_dict() for r in d.records] for d in one]
    assert [(e.label, e.start, e.end) for d in many for e in d.entities] == \
        [(e.label, e.start, e.end) for d in one for e in d.entities]


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
