"""Records benchmark: the whole pipeline over the golden articles, scored per split.

    python benchmarks/records.py                 # seed + dev
    python benchmarks/records.py --splits seed dev test   # add the held-out test split (report only)
    python benchmarks/records.py --splits dev dev2        # both development sets
    python benchmarks/records.py --splits seed --norquad  # + events coded from norquad-news

Splits: seed (../shared/seed) and the golden splits of tests/golden/splits.py: dev, dev2, dev3 (development;
dev2 and dev3 were scored once before any change for them), test and test2 (held out: only their totals are
printed). Each gold file names its article. Records are written as JSONL per article
to a temporary directory and scored with ../shared/tools/score_events.py. Also prints articles/s
through the whole pipeline (language -> events) on one core, model loading excluded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says
os.environ.setdefault("MKL_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests" / "golden"))
from splits import HELD_OUT, SPLITS  # noqa: E402  (the split table: folders, held-out flags)
SCORER = SHARED / "tools" / "score_events.py"


def gold_pairs(split: str) -> list[tuple[Path, Path]]:
    """(gold file, article) pairs of a split."""
    if split == "seed":
        golds = sorted((SHARED / "seed").glob("*.gold.json"))
        return [(g, g.with_name(json.loads(g.read_text())["document"])) for g in golds]
    golds = SPLITS[split].gold_files()
    return [(g, ROOT / json.loads(g.read_text())["document"]) for g in golds]


def run_split(split: str, pipeline, out_dir: Path) -> tuple[dict, list[str], float, int]:
    from konflikt.ingest.readers import read_path

    args: list[str] = []
    seconds = 0.0
    for gold, article in gold_pairs(split):
        doc = read_path(article, pipeline.settings)
        t0 = time.perf_counter()
        doc = pipeline(doc)
        seconds += time.perf_counter() - t0
        out = out_dir / f"{split}_{article.stem}.jsonl"
        out.write_text("".join(r.to_json() + "\n" for r in doc.records), encoding="utf-8")
        args += [str(gold), str(out)]
    if not args:
        return {}, [], seconds, 0
    res = subprocess.run([sys.executable, str(SCORER), *args, "--json"], capture_output=True,
                         text=True, check=True)
    lines = res.stdout.strip().splitlines()
    summary = json.loads(next(l for l in lines if l.startswith("{")))
    return summary, lines, seconds, len(args) // 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", nargs="+", default=["seed", "dev"], choices=["seed", *SPLITS])
    ap.add_argument("--keep", help="write the JSONL records here instead of a temporary directory")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes over the articles")
    ap.add_argument("--norquad", action="store_true",
                    help="also count the events coded from the 214 norquad-news articles (precision check)")
    ns = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"{SCORER} is absent: nothing to score")
        return 1
    import konflikt

    pipeline = konflikt.build_pipeline()
    pipeline(konflikt.Document(text="Oppvarming.\n", language="nb"))  # load lazy resources
    out_dir = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="konflikt-records-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    all_docs, all_secs = 0, 0.0
    for split in ns.splits:
        summary, lines, secs, n = run_split(split, pipeline, out_dir)
        if not n:
            print(f"[{split}] no gold files")
            continue
        if split not in HELD_OUT:  # held-out splits: totals only
            for line in lines:
                if not line.startswith("{"):
                    print(f"[{split}] {line}")
        ev, fg = summary["events"], summary["figures"]
        print(f"[{split}] {n} articles | events P {ev['p']:.2f} R {ev['r']:.2f} F1 {ev['f1']:.2f} | "
              f"figures P {fg['p']:.2f} R {fg['r']:.2f} F1 {fg['f1']:.2f} | must-not broken "
              f"{summary['must_not_broken']} | fields {json.dumps(summary['fields'])}")
        all_docs += n
        all_secs += secs
    if ns.norquad:
        nq = SHARED / "data" / "norquad-news" / "news.jsonl"
        n_ev = n_art = 0
        for line in nq.read_text(encoding="utf-8").splitlines():
            doc = pipeline(konflikt.Document(text=json.loads(line)["text"]))
            k = sum(1 for r in doc.records if r.kind == "event")
            n_ev, n_art = n_ev + k, n_art + bool(k)
        print(f"[norquad] {n_ev} events in {n_art} of the articles (ceiling in tests/eval_floors.json)")
    # speed: whole pipeline, several passes over the same articles
    from konflikt.ingest.readers import read_path

    paths = [a for s in ns.splits for _, a in gold_pairs(s)]
    pipeline.timings.clear()  # per-stage figures from the timing passes only (warm)
    t0 = time.perf_counter()
    for _ in range(ns.repeat):
        for p in paths:
            pipeline(read_path(p, pipeline.settings))
    dt = time.perf_counter() - t0
    n = len(paths) * ns.repeat
    print(f"speed: {n / dt:.1f} articles/s through the whole pipeline, one article per call ({n} runs, "
          f"{dt:.2f} s, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']})")
    # as `konflikt extract`/`ingest` run it: documents in batches, the model batching them
    t0 = time.perf_counter()
    for _ in range(ns.repeat):
        list(pipeline.pipe(read_path(p, pipeline.settings) for p in paths))
    dt_b = time.perf_counter() - t0
    print(f"speed: {n / dt_b:.1f} articles/s batched (Pipeline.pipe, 32 per batch, as the CLI runs)")
    per_stage = sorted(pipeline.timings.values(), key=lambda t: -t.seconds)
    print("per stage (s/article): " + ", ".join(
        f"{t.name} {t.seconds / max(t.calls, 1):.4f}" for t in per_stage))
    print(f"records written to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
