"""The public API is deliberate: this test pins it (as httpx's tests/test_exported_members.py)."""

from __future__ import annotations

import konflikt


def test_exported_members():
    assert sorted(konflikt.__all__) == sorted([
        "Document", "InputError", "KonfliktError", "Pipeline", "Record", "Settings",
        "StageError", "build_pipeline", "extract", "extract_document", "load", "__version__",
    ])
    for name in konflikt.__all__:
        assert hasattr(konflikt, name), name


def test_extract_returns_records_of_the_contract_shape(pipeline):
    records = konflikt.extract("Tre sivile ble drept i et angrep i Kabul fredag.",
                               date="2021-08-27", pipeline=pipeline)
    assert isinstance(records, list)
    for r in records:
        d = r.to_dict()
        for key in ("id", "kind", "event_type", "sub_event_type", "actor1", "actor2", "date",
                    "location", "fatalities", "status", "who", "count", "sources", "evidence",
                    "background", "confidence", "document"):
            assert key in d, key


def test_extract_ids_are_stable_across_runs(pipeline):
    text = "Minst tolv soldater ble drept da opprørere angrep en militærleir nær Gao i Mali søndag."
    a = [r.id for r in konflikt.extract(text, date="2019-06-03", pipeline=pipeline)]
    b = [r.id for r in konflikt.extract(text, date="2019-06-03", pipeline=pipeline)]
    assert a == b
