"""Run several NER training experiments side by side and compare them on Bokmål dev.

    python -m konflikt.training.sweep --work training --minutes 8 --jobs 14
    python -m konflikt.training.sweep --only baseline swap30 --minutes 30 --jobs 2

Each experiment of ``configs/sweep.toml`` is one ``python -m konflikt.training nb --step train-ner``
process (one BLAS thread each) with its config overrides, writing ``--work/sweep-NAME/`` and a log.
All get the same wall-clock budget; when it runs out, the ones still training are stopped (spaCy
has already saved the best checkpoint at every evaluation). The table compares them at the
same numbers of updates as well as at their best, because a slower configuration gets fewer
updates in the same time. Dev is Bokmål dev; test splits are never read here.

Needs the corpus (``python -m konflikt.training nb --step corpus``); the experiment ``bokmal_only``
needs the Bokmål-only corpus in ``--work/corpus-nob`` (``--step corpus --no-nynorsk --work W2`` and
move W2/corpus there), which ``--build-corpora`` makes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPERIMENTS = HERE / "configs" / "sweep.toml"
CHECKPOINTS = (1000, 2000, 3000, 4000, 6000)


@dataclass
class Experiment:
    name: str
    sets: dict[str, object]
    note: str


@dataclass
class Curve:
    """Dev entity F1 (0..100) by number of updates, read from spaCy's console log."""
    points: list[tuple[int, float]]
    words_per_s: float | None = None

    def best(self) -> tuple[int, float]:
        return max(self.points, key=lambda p: (p[1], -p[0])) if self.points else (0, 0.0)

    def at(self, step: int) -> float | None:
        return next((f for s, f in self.points if s == step), None)


def read_experiments(path: Path = EXPERIMENTS) -> list[Experiment]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Experiment(name, dict(body.get("sets", {})), body.get("note", "")) for name, body in data.items()]


_ROW = re.compile(r"^\s*\d+\s+\d+(\s+[\d.]+)+\s*$")


def parse_log(text: str) -> Curve:
    """The (updates, ENTS_F) rows of a spaCy console log."""
    header: list[str] | None = None
    points: list[tuple[int, float]] = []
    for line in text.splitlines():
        if line.lstrip().startswith("E ") and "ENTS_F" in line:
            # columns are separated by two or more spaces ('LOSS TOK2VEC' is one column)
            header = re.split(r"\s{2,}", line.strip())
            continue
        if header and _ROW.match(line):
            cells = line.split()
            if len(cells) == len(header):
                points.append((int(cells[1]), float(cells[header.index("ENTS_F")])))
    return Curve(points)


def build_corpora(work: Path, shared: Path) -> None:
    """The joint (nob + nno) corpus in work/corpus and the Bokmål-only one in work/corpus-nob."""
    from konflikt.training.__main__ import build_corpus

    if not (work / "corpus" / "train.spacy").is_file():
        print(json.dumps(build_corpus(shared, work)), flush=True)
    if not (work / "corpus-nob" / "train.spacy").is_file():
        tmp = work / "_nob"
        print(json.dumps(build_corpus(shared, tmp, nynorsk=False)), flush=True)
        (tmp / "corpus").rename(work / "corpus-nob")


def command(exp: Experiment, work: Path, max_steps: int) -> list[str]:
    cmd = [sys.executable, "-m", "konflikt.training", "nb", "--step", "train-ner", "--work", str(work),
           "--ner-out", f"sweep-{exp.name}", "--max-steps", str(max_steps)]
    for key, value in exp.sets.items():
        text = value if isinstance(value, str) else json.dumps(value)
        cmd += ["--set", f"{key}={text.replace('${work}', str(work))}"]
    return cmd


def run(experiments: list[Experiment], work: Path, minutes: float, jobs: int, max_steps: int) -> dict[str, Curve]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               PYTHONUNBUFFERED="1")
    deadline = time.monotonic() + minutes * 60
    waiting = list(experiments)
    running: dict[str, subprocess.Popen] = {}
    logs: dict[str, object] = {}
    while waiting or running:
        while waiting and len(running) < jobs and time.monotonic() < deadline:
            exp = waiting.pop(0)
            logs[exp.name] = open(work / f"sweep-{exp.name}.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
            running[exp.name] = subprocess.Popen(command(exp, work, max_steps), stdout=logs[exp.name],
                                                 stderr=subprocess.STDOUT, env=env)
        for name, proc in list(running.items()):
            if proc.poll() is not None:
                del running[name]
        if time.monotonic() >= deadline:
            for proc in running.values():
                proc.terminate()
            for proc in running.values():
                proc.wait(timeout=30)
            running.clear()
            waiting.clear()
        time.sleep(2)
    for log in logs.values():
        log.close()
    curves = {}
    for exp in experiments:
        log = work / f"sweep-{exp.name}.log"
        curves[exp.name] = parse_log(log.read_text(encoding="utf-8")) if log.is_file() else Curve([])
    return curves


def table(experiments: list[Experiment], curves: dict[str, Curve]) -> str:
    head = ["experiment", "updates", "best F (at)"] + [f"F@{c}" for c in CHECKPOINTS]
    rows = [head]
    for exp in experiments:
        curve = curves.get(exp.name, Curve([]))
        step, best = curve.best()
        last = curve.points[-1][0] if curve.points else 0
        rows.append([exp.name, str(last), f"{best:.2f} ({step})"]
                    + [f"{v:.2f}" if (v := curve.at(c)) is not None else "-" for c in CHECKPOINTS])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m konflikt.training.sweep", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=HERE.parents[2] / "training")
    ap.add_argument("--shared", type=Path, default=HERE.parents[3] / "shared")
    ap.add_argument("--experiments", type=Path, default=EXPERIMENTS)
    ap.add_argument("--only", nargs="*", help="run only these experiments")
    ap.add_argument("--minutes", type=float, default=8.0, help="wall-clock budget for all runs")
    ap.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) - 2))
    ap.add_argument("--max-steps", type=int, default=8000)
    ap.add_argument("--build-corpora", action="store_true", help="build the corpora first (needs --shared)")
    ap.add_argument("--json", type=Path, help="also write the curves here")
    args = ap.parse_args(argv)
    experiments = read_experiments(args.experiments)
    if args.only:
        unknown = set(args.only) - {e.name for e in experiments}
        if unknown:
            print(f"error: no such experiment in {args.experiments}: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        experiments = [e for e in experiments if e.name in args.only]
    if args.build_corpora:
        build_corpora(args.work, args.shared)
    curves = run(experiments, args.work, args.minutes, args.jobs, args.max_steps)
    if args.json:
        args.json.write_text(json.dumps({k: v.points for k, v in curves.items()}, indent=1))
    print(table(experiments, curves))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
