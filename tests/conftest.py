"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_b708bc8be9c6f4cd.txt"
SEED_GOLD = SHARED / "seed" / "000_b708bc8be9c6f4cd.gold.json"
SCORER = SHARED / "tools" / "score_events.py"


def need_shared(path: Path = SHARED) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the repo)")
    return path


def load_scorer():
    """../shared/tools/score_events.py as a module (skips when ../shared is absent)."""
    import importlib.util

    need_shared(SCORER)
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def pipeline():
    from konflikt import build_pipeline

    return build_pipeline()
