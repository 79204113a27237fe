"""Reading the per-language data files under ``konflikt/lang/<code>/``.

Language knowledge (trigger words, number words, month names, reporting verbs, ...) lives in
these files, not in code: adding Danish means adding ``lang/da/``. Structured data is TOML
(read with the standard library's tomllib), long lists are plain text or TSV. Files are read
once per process and cached.
"""

from __future__ import annotations

import csv
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from konflikt.errors import ResourceError

# Varieties that fall back on another's data when a file is missing (nynorsk on bokmål, ...).
FALLBACK = {"nn": "nb", "da": "nb", "sv": "nb"}


def lang_dir(lang: str) -> Path:
    return Path(str(resources.files("konflikt") / "lang" / lang))


def find_file(lang: str, name: str) -> Path:
    """The data file `name` for `lang`, falling back along FALLBACK; ResourceError if none."""
    tried = []
    code: str | None = lang
    while code:
        path = lang_dir(code) / name
        tried.append(str(path))
        if path.is_file():
            return path
        code = FALLBACK.get(code)
    raise ResourceError(f"no language data file {name!r} for {lang!r} (looked in {', '.join(tried)})")


@lru_cache(maxsize=None)
def read_toml(lang: str, name: str) -> dict[str, Any]:
    path = find_file(lang, name)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{path}: invalid TOML: {exc}") from exc


@lru_cache(maxsize=None)
def read_wordlist(lang: str, name: str) -> frozenset[str]:
    """A word list: one entry a line, '#' starts a comment, case folded."""
    path = find_file(lang, name)
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.casefold())
    return frozenset(words)


@lru_cache(maxsize=None)
def read_tsv(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """A TSV table with a header row; '#' lines are comments."""
    path = find_file(lang, name)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")]
    return tuple(rows)
