"""Reading a language data file that may extend another: ``extends = "nb"`` at its top.

Nynorsk differs from bokmål in a few words only, so ``lang/nn/time.toml`` names what it adds and
``extends`` bokmål: tables are merged key by key (the extending file wins), lists are joined
(base first, duplicates dropped), and ``[[pattern]]`` arrays are appended. Used by the time and
count grammars (``konflikt.temporal``, ``konflikt.counting``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from konflikt.errors import ResourceError
from konflikt.langdata import read_toml


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` laid over `base` (neither is changed)."""
    out = dict(base)
    for key, value in extra.items():
        if key == "extends":
            continue
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = value
    return out


@lru_cache(maxsize=None)
def read_layered_toml(lang: str, name: str) -> dict[str, Any]:
    """The TOML file `name` for `lang`, with the file it ``extends`` (recursively) underneath."""
    return _read(lang, name, ())


def _read(lang: str, name: str, seen: tuple[str, ...]) -> dict[str, Any]:
    if lang in seen:
        raise ResourceError(f"language data {name!r}: 'extends' loops through {' -> '.join(seen + (lang,))}")
    data = read_toml(lang, name)
    parent = data.get("extends")
    if not parent:
        return dict(data)
    return merge(_read(str(parent), name, seen + (lang,)), data)
