#!/usr/bin/env python3
"""Throughput of `konflikt extract` and `konflikt ingest`, and the cold start of one extract.

Generates a corpus of short Norwegian articles from templates (places, actors, numbers and
dates varied; seed format, one file each) in a temporary folder, then runs the installed
`konflikt` command on it as a user would (subprocesses), measuring wall time, articles/s,
words/s and peak RSS (from the kernel's rusage of that child). Figures depend on the stages,
which are still being filled in, and on the machine: the script prints both.

    python benchmarks/throughput.py            # 2,000 articles
    python benchmarks/throughput.py --quick    # 200 articles, for a quick look
    python benchmarks/throughput.py --stages   # also: seconds per stage, in-process
    python benchmarks/throughput.py --jobs 4   # also: ingest with 4 pipeline processes
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

KONFLIKT = Path(sys.executable).parent / "konflikt"

# Template pieces, written for this benchmark (not taken from any article).
PLACES = [("Mosul", "Irak"), ("Raqqa", "Syria"), ("Idlib", "Syria"), ("Aleppo", "Syria"),
          ("Kabul", "Afghanistan"), ("Kandahar", "Afghanistan"), ("Mogadishu", "Somalia"),
          ("Kharkiv", "Ukraina"), ("Donetsk", "Ukraina"), ("Gao", "Mali"), ("Maiduguri", "Nigeria"),
          ("Sanaa", "Jemen"), ("Aden", "Jemen"), ("Benghazi", "Libya"), ("Goma", "Kongo"),
          ("Khartoum", "Sudan"), ("Gaza", "De palestinske områdene"), ("Marawi", "Filippinene")]
ACTORS = ["regjeringsstyrker", "opprørere", "IS-krigere", "en lokal milits", "hæren",
          "ukjente gjerningsmenn", "politiet", "al-Shabaab", "Boko Haram", "Houthi-bevegelsen"]
SOURCES = ["ifølge Reuters", "opplyser myndighetene", "melder AFP", "sier en talsperson for FN",
           "ifølge lokale kilder", "opplyser Røde Kors"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
NUMBERS = ["to", "tre", "fem", "sju", "ti", "tolv", "minst 20", "rundt 30", "over 100", "flere hundre"]
EVENTS = [
    "{n} sivile ble drept da {actor} angrep en landsby utenfor {place} {day}, {source}.",
    "{n} mennesker ble såret i et luftangrep mot et marked i {place} {day}, {source}.",
    "Kamper mellom {actor} og {actor2} brøt ut i {place} {day}. {n} soldater falt, {source}.",
    "En bilbombe eksploderte ved en kontrollpost i {place} {day}. {n} ble drept, {source}.",
    "{n} personer ble bortført fra en skole i nærheten av {place} {day}, {source}.",
    "Tusenvis demonstrerte i {place} {day} mot regjeringen. {n} ble arrestert, {source}.",
    "{n} familier har flyktet fra {place} den siste uken på grunn av kampene, {source}.",
]
FILLER = [
    "Situasjonen i området har vært spent i flere måneder.",
    "Hjelpeorganisasjoner advarer om mangel på mat, vann og medisiner.",
    "Ingen har foreløpig tatt på seg ansvaret.",
    "Regjeringen i {country} har ikke kommentert hendelsen.",
    "FN ber partene om å skåne sivile og la nødhjelp slippe fram.",
    "Området har vært skueplass for harde kamper siden i fjor.",
]


def make_article(rng: random.Random, i: int) -> tuple[str, str]:
    place, country = rng.choice(PLACES)
    pub = date(2014, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9))
    fill = dict(place=place, country=country, actor=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
                n=rng.choice(NUMBERS), day=rng.choice(WEEKDAYS), source=rng.choice(SOURCES))
    first = rng.choice(EVENTS).format(**fill)
    body = [first[0].upper() + first[1:]]
    for _ in range(rng.randint(2, 6)):
        more = dict(fill, n=rng.choice(NUMBERS), day=rng.choice(WEEKDAYS), source=rng.choice(SOURCES))
        pool = EVENTS if rng.random() < 0.4 else FILLER
        s = rng.choice(pool).format(**more)
        body.append(s[0].upper() + s[1:])
    title = f"Uro i {place} (sak {i})"  # the case number keeps every text, hence every hash, distinct
    text = f" date {pub.isoformat()} {title}\n\n" + "\n\n".join(body) + "\n"
    return f"{i:05d}_{place.lower()}.txt", text


def make_corpus(folder: Path, n: int, seed: int = 13) -> tuple[int, int]:
    rng = random.Random(seed)
    words = 0
    for i in range(n):
        name, text = make_article(rng, i)
        (folder / name).write_text(text, encoding="utf-8")
        words += len(text.split()) - 2  # minus the date marker
    return n, words


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int


def run_child(args: list[str], stdout=subprocess.DEVNULL) -> Run:
    """Run a command; wall time and peak RSS (os.wait4 gives the child's rusage, whose
    ru_maxrss on Linux is the largest of the child and the processes it reaped)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(f"  ! {' '.join(args[:3])} exited {proc.returncode}: {err.strip()[-500:]}", file=sys.stderr)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(seconds, rss, proc.returncode)


def line(label: str, r: Run, n: int, words: int) -> str:
    return (f"{label:<28} {r.seconds:8.1f} s  {n / r.seconds:8.1f} articles/s  "
            f"{words / r.seconds:9.0f} words/s  peak RSS {r.peak_rss_mb:6.0f} MB"
            + ("" if r.returncode == 0 else f"  (exit {r.returncode})"))


def stage_timings(folder: Path, limit: int) -> None:
    from konflikt.ingest import BatchReport, collect_files, extract_files
    from konflikt.pipeline import build_pipeline

    pipeline = build_pipeline()
    report = BatchReport()
    files = collect_files([folder], report)[:limit]
    for _ in extract_files(files, pipeline, report):
        pass
    total = sum(t.seconds for t in pipeline.timings.values()) or 1.0
    print(f"\nper stage, in-process, {report.documents} articles:")
    for name, t in pipeline.timings.items():
        print(f"  {name:<12} {t.seconds:7.2f} s  {1000 * t.seconds / max(t.calls, 1):7.2f} ms/article  "
              f"{100 * t.seconds / total:5.1f} %")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the generated corpus")
    ap.add_argument("--quick", action="store_true", help="200 articles instead of --n")
    ap.add_argument("--cold-runs", type=int, default=3, help="repeats of the cold-start measurement")
    ap.add_argument("--stages", action="store_true", help="also time each stage in-process")
    ap.add_argument("--jobs", type=int, default=0,
                    help="also measure ingest with --jobs N (N > 1) into a fresh store")
    ap.add_argument("--keep", type=Path, help="write the corpus and store here and keep them")
    args = ap.parse_args(argv)
    n = 200 if args.quick else args.n
    if not KONFLIKT.exists():
        print(f"{KONFLIKT} not found: install konflikt into this Python first (make install)")
        return 2

    work = args.keep or Path(tempfile.mkdtemp(prefix="konflikt-bench-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    try:
        n, words = make_corpus(corpus, n)
        one = sorted(corpus.iterdir())[0]
        from konflikt import __version__

        print(f"konflikt {__version__}, Python {platform.python_version()}, {platform.machine()}, "
              f"{os.cpu_count()} CPUs; corpus: {n} generated articles, {words} words "
              f"({words / n:.0f} words/article)")

        # One unmeasured-for-throughput run first: it builds what stages cache on first use
        # (the gazetteer index under ~/.cache/konflikt is rebuilt when its data changes), so
        # that the figures below are of steady use, not of a one-off build.
        warm = run_child([str(KONFLIKT), "extract", str(one), "--format", "jsonl"])
        cold = [run_child([str(KONFLIKT), "extract", str(one), "--format", "jsonl"])
                for _ in range(args.cold_runs)]
        version = run_child([str(KONFLIKT), "--version"])
        extract = run_child([str(KONFLIKT), "extract", str(corpus), "--format", "jsonl"])
        db = work / "bench.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        ingest = run_child([str(KONFLIKT), "ingest", str(corpus), "--db", str(db), "--quiet"])
        again = run_child([str(KONFLIKT), "ingest", str(corpus), "--db", str(db), "--quiet"])

        parallel = None
        if args.jobs > 1:
            db2 = work / "bench-jobs.sqlite"
            parallel = run_child([str(KONFLIKT), "ingest", str(corpus), "--db", str(db2), "--quiet",
                                  "--jobs", str(args.jobs)])

        print(line("extract (jsonl to /dev/null)", extract, n, words))
        print(line("ingest (new SQLite store)", ingest, n, words))
        print(line("ingest again (all skipped)", again, n, words))
        if parallel is not None:
            print(line(f"ingest --jobs {args.jobs} (new store)", parallel, n, words)
                  + "  (RSS: the largest single process; each worker holds its own model)")
        secs = [r.seconds for r in cold]
        print(f"{'cold start: extract 1 article':<28} {statistics.median(secs):8.2f} s  median of "
              f"{len(secs)} (min {min(secs):.2f} s), peak RSS {max(r.peak_rss_mb for r in cold):.0f} MB")
        print(f"{'konflikt --version':<28} {version.seconds:8.2f} s")
        print(f"{'first run (warms caches)':<28} {warm.seconds:8.2f} s  peak RSS {warm.peak_rss_mb:.0f} MB "
              f"(includes a gazetteer index build when the cache is stale)")
        print(f"store size {db.stat().st_size / 1e6:.1f} MB for {n} articles")
        if args.stages:
            stage_timings(corpus, min(n, 200))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
