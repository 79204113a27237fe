"""Evaluation gate: scores on the golden articles and the norquad precision check must not drop
below the floors in tests/eval_floors.json (which are only ever raised).

Splits: seed (../shared/seed), dev, dev2, dev3, dev4, dev5 and dev6 (tests/golden/<split>); the held-out test and test2 splits are
reported by benchmarks/records.py, never gated or tuned on. Skips cleanly without ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SCORER, load_scorer, SHARED, SEED, SEED_GOLD, need_shared

FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())
NORQUAD = SHARED / "data" / "norquad-news" / "news.jsonl"




def _score_split(pipeline, pairs) -> dict:
    from konflikt.ingest.readers import read_path

    score = load_scorer()
    tot = {"ev_tp_req": 0, "ev_req": 0, "ev_fp": 0, "fg_tp_req": 0, "fg_req": 0, "fg_fp": 0,
           "broken": 0}
    for gold_path, article in pairs:
        gold = json.loads(Path(gold_path).read_text())
        doc = pipeline(read_path(Path(article), pipeline.settings))
        r = score.score(gold, [json.loads(x.to_json()) for x in doc.records])
        for k in tot:
            tot[k] += len(r[k]) if k == "broken" else r[k]
    ev = score.prf(tot["ev_tp_req"], tot["ev_fp"], tot["ev_req"])
    fg = score.prf(tot["fg_tp_req"], tot["fg_fp"], tot["fg_req"])
    return {**tot, "ev_r": ev[1], "ev_f1": ev[2], "fg_r": fg[1], "fg_f1": fg[2]}


def test_gate_seed(pipeline):
    need_shared(SEED)
    s = _score_split(pipeline, [(SEED_GOLD, SEED)])
    f = FLOORS["seed"]
    assert s["ev_r"] >= f["event_recall"] and s["fg_r"] >= f["figure_recall"], s
    assert s["ev_fp"] <= f["event_extra_max"] and s["fg_fp"] <= f["figure_extra_max"], s
    assert s["broken"] <= f["must_not_broken_max"], s


@pytest.mark.parametrize("split", ["dev", "dev2", "dev3", "dev4", "dev5", "dev6"])
def test_gate_dev(pipeline, split):
    need_shared(SCORER)
    if split not in FLOORS:
        pytest.skip(f"no floors for {split}")
    golds = sorted((ROOT / "tests" / "golden" / split).glob("*.gold.json"))
    if not golds:
        pytest.skip("no dev golden articles")
    pairs = [(g, ROOT / json.loads(g.read_text())["document"]) for g in golds]
    s = _score_split(pipeline, pairs)
    f = FLOORS[split]
    assert s["ev_f1"] >= f["event_f1"], s
    assert s["fg_f1"] >= f["figure_f1"], s
    assert s["broken"] <= f["must_not_broken_max"], s


@pytest.mark.slow
def test_gate_norquad_precision(pipeline):
    """Most of these real articles are sport, culture, business or crime: few events."""
    from konflikt import Document

    need_shared(NORQUAD)
    n_events = n_articles = 0
    for line in NORQUAD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = pipeline(Document(text=row["text"]))
        k = sum(1 for r in doc.records if r.kind == "event")
        n_events += k
        n_articles += bool(k)
    f = FLOORS["norquad"]
    assert n_events <= f["events_max"], n_events
    assert n_articles <= f["articles_with_events_max"], n_articles
