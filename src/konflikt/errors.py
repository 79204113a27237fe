"""Named exceptions. Each message names the input and the problem, so the CLI can print it as is."""

from __future__ import annotations


class KonfliktError(Exception):
    """Base class of every error konflikt raises on purpose."""


class InputError(KonfliktError):
    """An input file or value cannot be read (unreadable, empty, binary, too large, bad date line)."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class SettingsError(KonfliktError):
    """A setting has an unknown name or a value of the wrong kind."""


class ResourceError(KonfliktError):
    """A shipped resource (model, gazetteer index, language data) is missing or broken."""


class StoreError(KonfliktError):
    """The store cannot be opened, migrated or written."""
