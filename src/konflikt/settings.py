"""Settings, declared once as data (name, default, help) and validated.

Every setting can be given to :class:`Settings` as a keyword, or through the environment as
``KONFLIKT_<NAME>`` (upper case); the CLI maps its options onto the same names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from konflikt.errors import SettingsError


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    default: Any
    kind: type
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("db", "konflikt.sqlite", str,
                "Store location: a SQLite file path, or a postgresql:// URL."),
    SettingSpec("max_input_bytes", 5_000_000, int,
                "Largest input file (bytes) a reader accepts; larger files are reported, not read."),
    SettingSpec("language", "", str,
                "Force the language of every document (nb, nn, da, sv, en); empty = detect."),
    SettingSpec("model", "", str,
                "Path of a spaCy pipeline to use instead of the shipped one; empty = shipped."),
    SettingSpec("gazetteer", "", str,
                "Path of a gazetteer index built from full GeoNames dumps; empty = the packaged one."),
    SettingSpec("cache_dir", "", str,
                "Where built indexes are cached; empty = ~/.cache/konflikt (or $XDG_CACHE_HOME)."),
    SettingSpec("min_confidence", 0.0, float,
                "Records below this confidence are dropped."),
    SettingSpec("batch_size", 32, int,
                "Documents a sequential extract/ingest hands to the pipeline at once (the model is "
                "faster on a batch); each is stored as soon as its batch is done. 1 = one by one."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(spec: SettingSpec, value: Any) -> Any:
    if isinstance(value, spec.kind):
        return value
    try:
        if spec.kind is bool:
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        return spec.kind(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(
            f"setting '{spec.name}' wants {spec.kind.__name__}, got {value!r}") from exc


class Settings:
    """Validated settings. Unknown names are an error (a typo should not pass silently)."""

    __slots__ = ("_values",)

    def __init__(self, **values: Any):
        merged: dict[str, Any] = {}
        for spec in SETTINGS:
            env = os.environ.get(f"KONFLIKT_{spec.name.upper()}")
            merged[spec.name] = _coerce(spec, env) if env is not None else spec.default
        for name, value in values.items():
            if name not in _BY_NAME:
                raise SettingsError(
                    f"unknown setting '{name}'; known: {', '.join(sorted(_BY_NAME))}")
            if value is not None:
                merged[name] = _coerce(_BY_NAME[name], value)
        self._values = merged

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **changes: Any) -> "Settings":
        return Settings(**{**self._values, **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    @property
    def cache_path(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir)
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "konflikt"

    def __repr__(self) -> str:
        return f"Settings({self._values!r})"
