"""Golden test: `konflikt extract` on the seed article through the CLI, scored against its gold file.

Checks the shape (every line has the contract's keys) and the offsets (every span and the
evidence index the article text as read), then runs ../shared/tools/score_events.py and prints
its score. The score is reported, not asserted: the evaluation gate with floors belongs to the
events work (issue 6), and the score rises as the stages land. Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from konflikt.ingest import read_path

from conftest import SCORER, SEED, SEED_GOLD, need_shared

KONFLIKT = Path(sys.executable).parent / "konflikt"
CONTRACT_KEYS = {"id", "kind", "event_type", "sub_event_type", "actor1", "actor2", "date", "location",
                 "fatalities", "status", "who", "count", "sources", "evidence", "background",
                 "confidence", "document"}


def _spans(rec: dict):
    """(what, span, text) for every quoted piece of a record."""
    for key in ("actor1", "actor2", "date", "location", "count"):
        v = rec.get(key)
        if isinstance(v, dict) and v.get("span"):
            yield key, v["span"], v.get("text", "")
    for i, s in enumerate(rec.get("sources") or []):
        if s.get("span"):
            yield f"sources[{i}]", s["span"], s.get("text", "")
    ev = rec["evidence"]
    yield "evidence", [ev["start"], ev["end"]], ev["text"]
    for key, e in (rec.get("field_evidence") or {}).items():
        yield f"field_evidence.{key}", [e["start"], e["end"]], e["text"]


def test_seed_extract_shape_offsets_and_score(tmp_path):
    need_shared(SEED)
    need_shared(SEED_GOLD)
    p = subprocess.run([str(KONFLIKT), "extract", str(SEED), "--format", "jsonl"],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    lines = [line for line in p.stdout.splitlines() if line.strip()]
    text = read_path(SEED).text
    for line in lines:
        rec = json.loads(line)
        missing = CONTRACT_KEYS - set(rec)
        assert not missing, f"record {rec.get('id')} lacks {missing}"
        assert rec["kind"] in ("event", "figure")
        assert rec["document"]["date"] == "2017-07"
        for what, (start, end), quoted in _spans(rec):
            assert text[start:end] == quoted, f"{rec['id']} {what}: {text[start:end]!r} != {quoted!r}"
    ids = [json.loads(line)["id"] for line in lines]
    assert len(ids) == len(set(ids)), "record ids repeat"

    out = tmp_path / "seed.jsonl"
    out.write_text(p.stdout, encoding="utf-8")
    need_shared(SCORER)
    score = subprocess.run([sys.executable, str(SCORER), str(SEED_GOLD), str(out)],
                           capture_output=True, text=True, timeout=120)
    assert score.returncode == 0, score.stderr
    print(f"\nseed: {len(lines)} records")
    print(score.stdout.strip())
    assert score.stdout.strip().splitlines()[-1].startswith("TOTAL")
