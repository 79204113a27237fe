"""Golden articles through the whole pipeline, scored with ../shared/tools/score_events.py.

The seed must give every required record, no extra event and break no must-not rule; every dev
article (tests/golden/dev) must break no must-not rule, and the negative dev article (no
political violence) must give no record at all. The held-out test split is not read here.
Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, load_scorer, SEED, SEED_GOLD, need_shared

DEV = ROOT / "tests" / "golden" / "dev"




def _records(pipeline, article: Path) -> list[dict]:
    from konflikt.ingest.readers import read_path

    doc = pipeline(read_path(article, pipeline.settings))
    return [json.loads(r.to_json()) for r in doc.records]


def _dev_pairs() -> list[tuple[Path, Path]]:
    out = []
    for g in sorted(DEV.glob("*.gold.json")):
        out.append((g, ROOT / json.loads(g.read_text())["document"]))
    return out


def test_seed_gives_every_required_record_and_nothing_forbidden(pipeline):
    score = load_scorer()
    need_shared(SEED)
    gold = json.loads(SEED_GOLD.read_text())
    recs = _records(pipeline, SEED)
    r = score.score(gold, recs)
    assert r["broken"] == []
    assert r["ev_tp_req"] == r["ev_req"], "a required seed event is missing"
    assert r["fg_tp_req"] == r["fg_req"], "a required seed figure is missing"
    assert r["ev_fp"] == 0, "an extra event on the seed"
    assert r["fg_fp"] == 0, "an extra figure on the seed"


def test_seed_must_not_rules_in_words(pipeline):
    # the must_not notes the scorer cannot check by machine
    need_shared(SEED)
    recs = _records(pipeline, SEED)
    text = SEED.read_text(encoding="utf-8")
    for r in recs:
        ev = r["evidence"]["text"]
        assert "triumferer" not in ev, "the photo caption is no event"
        assert "miner, granater" not in ev, "the list of weapons is no event"
        assert "Twitter" not in ev, "McGurk's remark is a statement"
    caliphate = [r for r in recs if r.get("sub_event_type") == "Change to group/activity"]
    assert caliphate and all(not r["date"]["start"].startswith("2017") for r in caliphate)
    for r in recs:  # every span points into the article as read
        assert r["evidence"]["text"] in text


@pytest.mark.parametrize("gold,article", _dev_pairs(), ids=lambda p: p.name)
def test_dev_article_breaks_no_must_not_rule(pipeline, gold, article):
    score = load_scorer()
    g = json.loads(gold.read_text())
    recs = _records(pipeline, article)
    r = score.score(g, recs)
    assert r["broken"] == [], r["broken"]
    if not g.get("events") and not g.get("figures"):
        assert recs == [], "an article with no political violence gives no records"
