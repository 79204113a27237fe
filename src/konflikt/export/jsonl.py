"""JSON Lines: one record a line, exactly the contract (``Record.to_dict``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from konflikt.document import Record


def write_jsonl(records: Iterable[Record], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(r.to_json())
        out.write("\n")
        n += 1
    return n
