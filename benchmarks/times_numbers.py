"""Accuracy and throughput of the time and count grammars (issue 5).

    python benchmarks/times_numbers.py [--show-failures] [--repeat N] [--json OUT]

Sets (written for this benchmark, held out from the unit-test tables):
  benchmarks/data/times_nb.jsonl   time expressions in news sentences with publication dates and
                                   gold intervals; 'none' items must give no time at that place
  benchmarks/data/counts_nb.jsonl  counts of people with gold low/best/high/qualifier/who/status;
                                   'none' items must give no count there

Each item is run as the stages run it: times first, then counts with the times' spans excluded.
"Exact interval": the time mention overlapping the gold span has the gold start and end.
"Exact count": the count overlapping the gold span has the gold low, best, high and qualifier.
Throughput: items through both grammars per second, best of --repeat runs, one process, one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from konflikt.counting import extract_quantities
from konflikt.temporal import find_times

HERE = Path(__file__).resolve().parent
TIMES = HERE / "data" / "times_nb.jsonl"
COUNTS = HERE / "data" / "counts_nb.jsonl"


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def score_times(items: list[dict], show: bool) -> dict:
    ok = pos = neg_ok = neg = 0
    for it in items:
        found = find_times(it["text"], it.get("published"), lang="nb")
        a, b = it["span"]
        hits = [m for m in found if m.start < b and a < m.end]
        if it.get("none"):
            neg += 1
            good = not hits
            neg_ok += good
        else:
            pos += 1
            good = bool(hits) and (_iso(hits[0].start_date), _iso(hits[0].end_date)) == (it["start"], it["end"])
            ok += good
        if show and not good:
            got = [(m.text, _iso(m.start_date), _iso(m.end_date)) for m in hits]
            print(f"  TIME {it['id']} pub={it.get('published')} {it['expr']!r}: gold "
                  f"{it.get('start')}..{it.get('end')} got {got}\n      {it['text']}")
    return {"items": pos + neg, "exact_intervals": ok, "positives": pos,
            "accuracy": ok / pos if pos else 0.0, "negatives_right": neg_ok, "negatives": neg,
            "overall": (ok + neg_ok) / (pos + neg) if pos + neg else 0.0}


def _counts_of(text: str) -> list:
    times = find_times(text, None, lang="nb")
    return extract_quantities(text, lang="nb", exclude=[(t.start, t.end) for t in times])


def score_counts(items: list[dict], show: bool) -> dict:
    ok = pos = neg_ok = neg = who_ok = status_ok = 0
    for it in items:
        found = _counts_of(it["text"])
        a, b = it["span"]
        hits = [q for q in found if q.start < b and a < q.end]
        if it.get("none"):
            neg += 1
            good = not hits
            neg_ok += good
            if show and not good:
                print(f"  COUNT {it['id']} {it['expr']!r}: gold none, got {[(q.text, q.best) for q in hits]}\n"
                      f"      {it['text']}")
            continue
        pos += 1
        q = hits[0] if hits else None
        good = q is not None and (q.low, q.best, q.high, q.qualifier) == (it["low"], it["best"], it["high"],
                                                                         it["qualifier"])
        ok += good
        who_good = q is not None and q.who == it["who"]
        status_good = q is not None and q.status == it["status"]
        who_ok += who_good
        status_ok += status_good
        if show and not (good and who_good and status_good):
            got = (q.low, q.best, q.high, q.qualifier, q.who, q.status) if q else None
            print(f"  COUNT {it['id']} {it['expr']!r}: gold {(it['low'], it['best'], it['high'], it['qualifier'], it['who'], it['status'])}"
                  f" got {got}\n      {it['text']}")
    return {"items": pos + neg, "exact_counts": ok, "positives": pos, "accuracy": ok / pos if pos else 0.0,
            "who_accuracy": who_ok / pos if pos else 0.0, "status_accuracy": status_ok / pos if pos else 0.0,
            "negatives_right": neg_ok, "negatives": neg,
            "overall": (ok + neg_ok) / (pos + neg) if pos + neg else 0.0}


def throughput(times: list[dict], counts: list[dict], repeat: int) -> dict:
    # warm the caches (data files, compiled patterns, lemma cache) once, outside the timing
    for it in times[:5] + counts[:5]:
        find_times(it["text"], it.get("published"))
        _counts_of(it["text"])
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for it in times:
            find_times(it["text"], it.get("published"), lang="nb")
        for it in counts:
            _counts_of(it["text"])
        best = min(best, time.perf_counter() - t0)
    n = len(times) + len(counts)
    chars = sum(len(it["text"]) for it in times + counts)
    out = {"items": n, "seconds": best, "expressions_per_second": n / best, "chars_per_second": chars / best}
    seed = HERE.parent.parent / "shared" / "seed" / "000_b708bc8be9c6f4cd.txt"
    if seed.is_file():  # a whole article (read at run time, never copied), as the stages see it
        text = seed.read_text(encoding="utf-8")
        best_doc = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = find_times(text, "2017-07", lang="nb")
            extract_quantities(text, lang="nb", exclude=[(t.start, t.end) for t in found])
            best_doc = min(best_doc, time.perf_counter() - t0)
        out["seed_article_ms"] = best_doc * 1000
        out["seed_article_chars"] = len(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show-failures", action="store_true", help="print every item scored wrong")
    ap.add_argument("--repeat", type=int, default=5, help="throughput runs (the best is reported)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    times, counts = _load(TIMES), _load(COUNTS)
    t = score_times(times, args.show_failures)
    c = score_counts(counts, args.show_failures)
    speed = throughput(times, counts, args.repeat)
    print(f"times  ({TIMES.name}): {t['exact_intervals']}/{t['positives']} exact intervals = {t['accuracy']:.1%};"
          f" negatives {t['negatives_right']}/{t['negatives']}; overall {t['overall']:.1%}")
    print(f"counts ({COUNTS.name}): {c['exact_counts']}/{c['positives']} exact counts = {c['accuracy']:.1%};"
          f" who {c['who_accuracy']:.1%}; status {c['status_accuracy']:.1%};"
          f" negatives {c['negatives_right']}/{c['negatives']}; overall {c['overall']:.1%}")
    print(f"throughput: {speed['expressions_per_second']:.0f} items/s ({speed['chars_per_second']:.0f} chars/s;"
          f" {speed['items']} items in {speed['seconds']:.3f} s, best of {args.repeat})")
    if "seed_article_ms" in speed:
        print(f"seed article ({speed['seed_article_chars']} chars, both grammars): {speed['seed_article_ms']:.1f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps({"times": t, "counts": c, "throughput": speed}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
