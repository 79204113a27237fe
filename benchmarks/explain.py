#!/usr/bin/env python3
"""Why a development split scores what it scores: every missed and every extra event, classified.

    python benchmarks/explain.py dev5                     # run the pipeline on dev5, explain
    python benchmarks/explain.py dev5 --records DIR       # explain records written by
                                                          #   `benchmarks/records.py --keep DIR`
                                                          #   (e.g. by an older commit)
    python benchmarks/explain.py dev3 dev4 dev5 --summary # only the counts per class

Matching is the shared scorer's own (../shared/tools/score_events.py, imported, not copied). An
extra event (a system event no gold event took) is put in the first class that fits:

  negative      the article has no gold events at all
  place         a gold event of the same type and date exists, but the place is off (the scorer's
                place test fails): the event was coded at the wrong place
  retelling     a gold event of the same type, place and date was already matched by another
                system event: the article tells it twice and we coded it twice
  date          same type and place as a gold event, date outside it
  type          a gold event at the same place and date, another event type
  unmatched     nothing like it in the gold

Held-out splits are refused: explaining them is reading them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests" / "golden"))
from splits import HELD_OUT, SPLITS  # noqa: E402

CLASSES = ("negative", "place", "retelling", "date", "type", "unmatched")


def load_scorer():
    """The shared scorer as a module (its matching functions), so both agree by construction."""
    path = SHARED / "tools" / "score_events.py"
    if not path.exists():
        raise SystemExit(f"{path} is absent: nothing to explain against")
    spec = importlib.util.spec_from_file_location("score_events", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def classify_extra(sc, rec: dict, gold_events: list[dict], matched_gold: list[dict]) -> str:
    if not gold_events:
        return "negative"
    if any(sc.type_ok(rec, g) and sc.place_ok(rec, g) and sc.overlaps(rec, g) for g in matched_gold):
        return "retelling"
    if any(sc.type_ok(rec, g) and sc.overlaps(rec, g) and not sc.place_ok(rec, g) for g in gold_events):
        return "place"
    if any(sc.type_ok(rec, g) and sc.place_ok(rec, g) for g in gold_events):
        return "date"
    if any(sc.place_ok(rec, g) and sc.overlaps(rec, g) for g in gold_events):
        return "type"
    return "unmatched"


def _place(rec: dict) -> str:
    loc = rec.get("location") or {}
    return f"{loc.get('name') or loc.get('text') or '?'} ({loc.get('country_code') or '-'})"


def _date(rec: dict) -> str:
    d = rec.get("date") or {}
    if isinstance(d, str):
        return d
    s, e = d.get("start"), d.get("end")
    return f"{s}" if s == e else f"{s}..{e}"


def _evidence(rec: dict) -> str:
    ev = rec.get("evidence") or {}
    text = ev.get("text", "") if isinstance(ev, dict) else ""
    return " ".join(text.split())[:110]


def records_for(split: str, records_dir: Path | None) -> dict[str, list[dict]]:
    """Article stem -> its system records, from a folder written by records.py, or made now."""
    out: dict[str, list[dict]] = {}
    golds = SPLITS[split].gold_files()
    if records_dir is not None:
        for g in golds:
            stem = Path(json.loads(g.read_text())["document"]).stem
            f = records_dir / f"{split}_{stem}.jsonl"
            out[stem] = [json.loads(l) for l in f.read_text().splitlines() if l.strip()] if f.exists() else []
        return out
    import konflikt
    from konflikt.ingest.readers import read_path

    pipeline = konflikt.build_pipeline()
    for g in golds:
        article = ROOT / json.loads(g.read_text())["document"]
        doc = pipeline(read_path(article, pipeline.settings))
        out[article.stem] = [json.loads(r.to_json()) for r in doc.records]
    return out


def explain(split: str, records_dir: Path | None, summary_only: bool) -> Counter:
    sc = load_scorer()
    counts: Counter = Counter()
    recs = records_for(split, records_dir)
    for g in SPLITS[split].gold_files():
        gold = json.loads(g.read_text())
        stem = Path(gold["document"]).stem
        events = [r for r in recs.get(stem, []) if r.get("kind", "event") == "event"]
        gold_events = gold.get("events", [])
        pairs, extra = sc.match(events, gold_events, sc.same_event)
        matched_gold = [gg for _, gg in pairs]
        missed = [gg for gg in gold_events if gg.get("required", True)
                  and not any(gg is m for m in matched_gold)]
        counts["matched"] += len(pairs)
        counts["missed"] += len(missed)
        lines = []
        for r in extra:
            cls = classify_extra(sc, r, gold_events, matched_gold)
            counts[cls] += 1
            lines.append(f"  + {cls:9} {r.get('sub_event_type')} @ {_place(r)} {_date(r)} | {_evidence(r)}")
        for gg in missed:
            lines.append(f"  - missed    {gg.get('sub_event_type') or gg.get('event_type')} @ "
                         f"{_place(gg)} {_date(gg)}")
        if lines and not summary_only:
            print(f"[{split}] {stem}")
            print("\n".join(lines))
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("splits", nargs="+", choices=sorted(set(SPLITS) - HELD_OUT))
    ap.add_argument("--records", type=Path, help="a folder written by records.py --keep")
    ap.add_argument("--summary", action="store_true", help="only the counts per class")
    ns = ap.parse_args(argv)
    total: Counter = Counter()
    for split in ns.splits:
        c = explain(split, ns.records, ns.summary)
        total.update(c)
        print(f"[{split}] matched {c['matched']} missed {c['missed']} | extra: " +
              ", ".join(f"{k} {c[k]}" for k in CLASSES))
    if len(ns.splits) > 1:
        print(f"[all] matched {total['matched']} missed {total['missed']} | extra: " +
              ", ".join(f"{k} {total[k]}" for k in CLASSES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
