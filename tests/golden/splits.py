"""The golden splits in one table: where each split's articles live, how they are numbered, how many
there are, and whether the split is held out (scored for totals only, never read while developing).

Used by test_gold_files.py, score_split.py, benchmarks/records.py and tests/test_eval_gate.py, so a new
split is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent
ROOT = GOLDEN.parents[1]


@dataclass(frozen=True)
class Split:
    name: str
    articles: str          # folder of the articles, relative to the repo root
    numbers: range         # the three-digit prefix of its file names
    size: int              # how many articles the split's brief asked for
    negatives: int         # articles with no events and no figures
    held_out: bool         # report totals only; never read while developing
    words: tuple[int, int]  # body length bounds (words after the headline)

    def gold_files(self) -> list[Path]:
        return sorted((GOLDEN / self.name).glob("*.gold.json"))


SPLITS: dict[str, Split] = {s.name: s for s in [
    Split("dev", "examples", range(1, 100), 8, 1, False, (120, 320)),
    Split("dev2", "examples/dev2", range(201, 300), 8, 1, False, (120, 320)),
    # dev3: round 3, written by a writer who did not read the extraction rules; includes short briefs
    Split("dev3", "examples/dev3", range(301, 400), 10, 1, False, (60, 480)),
    # dev4: round 4, written late in the session by a third writer who did not read the rules
    Split("dev4", "examples/dev4", range(501, 600), 8, 1, False, (60, 480)),
    # dev5: round 5, ten articles by a writer who did not read the rules (two in nynorsk, two briefs)
    Split("dev5", "examples/dev5", range(601, 700), 10, 1, False, (60, 480)),
    # dev6: round 8, written by a writer who did not read the rules
    Split("dev6", "examples/dev6", range(801, 900), 12, 2, False, (60, 480)),
    Split("test", "tests/golden/test", range(101, 200), 8, 1, True, (120, 320)),
    # test2: a second held-out split, written in round 3 by another writer who did not read the rules
    Split("test2", "tests/golden/test2", range(401, 500), 8, 1, True, (60, 480)),
    # test3: held out, round 5, written by a writer who did not read the extraction rules
    Split("test3", "tests/golden/test3", range(701, 800), 8, 1, True, (60, 480)),
]}
HELD_OUT = frozenset(name for name, s in SPLITS.items() if s.held_out)
