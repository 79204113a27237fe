"""Score konflikt on one split of the golden articles with ../shared/tools/score_events.py.

    python tests/golden/score_split.py dev            # the dev split (examples/)
    python tests/golden/score_split.py dev2           # the second dev split (examples/dev2/)
    python tests/golden/score_split.py dev3           # the third dev split (examples/dev3/)
    python tests/golden/score_split.py test           # a held-out split (also test2): totals only, never tune
    python tests/golden/score_split.py dev --records R.jsonl   # score records made elsewhere

Runs `konflikt extract` once over the split's articles (or reads --records), files each record
under its article by `document.path`, writes one JSONL per article into a temporary folder and
passes all gold/records pairs to the shared scorer, whose per-article lines and TOTAL line it
prints unchanged. The split's name is printed first, so that no number loses its split.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
sys.path.insert(0, str(GOLDEN))
from splits import HELD_OUT, SPLITS  # noqa: E402
ROOT = GOLDEN.parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_events.py"


def gold_files(split: str) -> list[Path]:
    files = SPLITS[split].gold_files()
    if not files:
        raise SystemExit(f"no gold files in {GOLDEN / split}")
    return files


def extract(docs: list[str]) -> list[dict]:
    exe = shutil.which("konflikt") or str(Path(sys.executable).with_name("konflikt"))
    out = subprocess.run([exe, "extract", *docs, "--format", "jsonl"], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):  # 1 = some inputs failed; the scorer shows which are empty
        raise SystemExit(f"konflikt extract failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def by_document(records: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for r in records:
        path = (r.get("document") or {}).get("path") or ""
        grouped.setdefault(Path(path).as_posix().removeprefix("./"), []).append(r)
    return grouped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", choices=sorted(SPLITS))
    ap.add_argument("--records", type=Path, help="score these JSONL records instead of running konflikt")
    args = ap.parse_args(argv)
    if not SCORER.exists():
        raise SystemExit(f"{SCORER} is absent (../shared must sit beside the repo)")
    golds = gold_files(args.split)
    docs = [json.loads(g.read_text(encoding="utf-8"))["document"] for g in golds]
    if args.records:
        records = [json.loads(l) for l in args.records.read_text(encoding="utf-8").splitlines() if l.strip()]
    else:
        records = extract(docs)
    grouped = by_document(records)
    print(f"split: {args.split} ({len(golds)} articles, {len(records)} records)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        pairs: list[str] = []
        for g, doc in zip(golds, docs):
            rec_file = Path(tmp) / f"{g.name.removesuffix('.gold.json')}.jsonl"
            rec_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in grouped.get(doc, [])),
                                encoding="utf-8")
            pairs += [str(g), str(rec_file)]
        res = subprocess.run([sys.executable, str(SCORER), *pairs], capture_output=True, text=True)
        for line in res.stdout.splitlines():
            # a held-out split prints its TOTAL line only: nobody reads its articles' results
            if args.split not in HELD_OUT or line.lstrip().startswith("TOTAL"):
                print(line)
        sys.stderr.write(res.stderr)
        return res.returncode


if __name__ == "__main__":
    raise SystemExit(main())
