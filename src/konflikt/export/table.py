"""The terminal table: the readable essentials of each record (rich)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from konflikt.document import Record


def _date(r: Record) -> str:
    d = r.date
    if d is None or (d.start is None and d.end is None):
        return "?"
    if d.start == d.end or d.end is None:
        return d.start or "?"
    return f"{d.start}..{d.end}"


def _place(r: Record) -> str:
    loc = r.location
    if loc is None:
        return ""
    name = loc.name or loc.text or "?"
    return f"{name} ({loc.country_code})" if loc.country_code else name


def _actors(r: Record) -> str:
    names = [a.name for a in (r.actor1, r.actor2) if a is not None]
    return " vs ".join(names)


def _numbers(r: Record) -> str:
    if r.kind == "figure" and r.count is not None:
        c = r.count
        value = _count_value(c.low, c.best, c.high, c.qualifier)
        words = " ".join(x for x in (r.who, r.status) if x)
        return f"{value} {words}".strip()
    f = r.fatalities
    if f is not None:
        best = f.best if f.best is not None else f.low
        if best is not None:
            return f"{best} killed"
    return ""


def _count_value(low: int | None, best: int | None, high: int | None, qualifier: str) -> str:
    """A count as a reader writes it: '~10000', '<=1000', '2000+', '3000-4000', '4'."""
    if best is not None:
        return f"~{best}" if qualifier == "approximately" else str(best)
    if low is not None and high is not None:
        return f"{low}-{high}"
    if high is not None:
        return f"<={high}" if qualifier != "fewer_than" else f"<{high}"
    if low is not None:
        return f"{low}+"
    return "?"


def _type(r: Record) -> str:
    if r.kind == "figure":
        return "figure"
    return r.sub_event_type or r.event_type or ""


def _article(r: Record) -> str:
    d = r.document
    if d.path:
        return Path(d.path).name
    return d.url or d.title or d.id[:12]


def write_table(records: Iterable[Record], out: TextIO, *, width: int | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in ("kind", "type", "date", "place", "actors", "count", "sources", "article"):
        table.add_column(name, overflow="fold")
    n = 0
    for r in records:
        table.add_row(r.kind, _type(r), _date(r), _place(r), _actors(r), _numbers(r),
                      ", ".join(s.name for s in r.sources), _article(r))
        n += 1
    console = Console(file=out, width=width or (None if out.isatty() else 160))
    if n:
        console.print(table)
    else:
        console.print("no records")
    return n
