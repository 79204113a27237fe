"""The time grammar's data, read from ``lang/<code>/time.toml`` and compiled into patterns.

Each ``[[pattern]]`` there is a regular expression with placeholders that expand to named groups
built from the file's word lists:

  {DAY} {DAY2}        a day of the month as the language writes it before a month ('4.')
  {MONTH} {MONTH1}    a month name or abbreviation          -> group month / month1
  {YEAR} {YEAR2}      a four-digit year 1500-2099            -> group year / year2
  {NUMDATE}           '12.05.2016', '5.3.15'                 -> groups day, mnum, year
  {WEEKDAY}           a weekday with its endings ('tirsdagens') -> groups weekday, wsuf
  {NIGHT} {DAYMOD} {WDIR} {DAYPART}   'natt til', 'tidlig', 'forrige/neste/på', 'kveld'
  {NAMED}             'julaften', 'nyttårsaften'             -> group named
  {MPART}             'begynnelsen', 'midten', 'slutten'     -> group mpart
  {SEASON}            'sommer', 'høsten'                     -> group season
  {DECADE}            '1990' in '1990-tallet'                -> group decade
  {NUM} {UNIT}        'tre' 'år' in 'for tre år siden'       -> groups num, unit
  {PRE_MONTH} {PRE_YEAR}  the prepositions that let a bare month or year be a time -> group pre

Every pattern also accepts a leading 'since' word ('siden juni'; group ``since``). Bokmål
documents read the nynorsk additions too (see konflikt.counting.lexicon.DATA_LANGUAGE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from konflikt.errors import ResourceError
from konflikt.temporal.layered import read_layered_toml
from konflikt.temporal.scan import START, first_char_gate

DATA_LANGUAGE = {"nb": "nn", "nn": "nn"}

_YEAR = r"(?:1[5-9]|20)\d\d(?![\d])"


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str
    regex: re.Pattern
    params: dict[str, Any]
    source: str
    # the characters a match of the body (after the optional 'since' words) can start with, as
    # a one-character pattern (None: unknown); lets find_times skip other positions (scan.py)
    first: re.Pattern | None = None


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    lang: str
    months: dict[str, int]
    weekdays: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, tuple[int, int]]
    month_parts: dict[str, tuple[int, int]]
    named_days: dict[str, tuple[int, int]]
    weekday_prev: frozenset[str]
    weekday_next: frozenset[str]
    weekday_on: frozenset[str]
    future_re: re.Pattern | None
    patterns: tuple[Pattern, ...] = field(default_factory=tuple)
    # where a clause ends: a future marker speaks for its own clause only ('sa mandag at ... vil')
    clause_re: re.Pattern | None = None
    # a clause opened by one of these ('hvis', 'når') takes the future of the clause after it
    conditional_re: re.Pattern | None = None
    # where the optional 'since' words of every pattern can start (zero width; scan.py)
    since_re: re.Pattern | None = None


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _group(name: str, words) -> str:
    # an empty list gives a group that never matches (rather than one that matches nothing)
    return f"(?P<{name}>{_alt(words)})" if words else f"(?P<{name}>(?!))"


def _placeholders(d: dict[str, Any]) -> dict[str, str]:
    words = d.get("words", {})
    day_re = d.get("regex", {}).get("day", r"(?P<{name}>[0-3]?\d)\.")
    months = d.get("months", {})
    weekdays = d.get("weekdays", {})
    wsuf = words.get("weekday_suffix", [])
    # abbreviations may carry a full stop ('okt.'); a full name's following stop ends the sentence
    full = [m for m in months if len(m) > 4 or m in ("mai", "juni", "juli", "maj", "may", "june", "july")]
    abbr = [m for m in months if m not in full]
    month_alt = _alt(full) + ("|(?:" + _alt(abbr) + r")\.?" if abbr else "")
    wd = f"(?P<weekday>{_alt(weekdays)})"
    if wsuf:
        wd += f"(?P<wsuf>{_alt(wsuf)})?"
    return {
        "DAY": day_re.replace("{name}", "day"),
        "DAY2": day_re.replace("{name}", "day2"),
        "MONTH": rf"(?P<month>{month_alt})",
        "MONTH1": rf"(?P<month1>{month_alt})",
        "YEAR": rf"(?P<year>{_YEAR})",
        "YEAR2": rf"(?P<year2>{_YEAR})",
        "NUMDATE": rf"(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>{_YEAR}|\d\d(?!\d))",
        "WEEKDAY": wd,
        "NIGHT": _group("night", words.get("night_before", [])),
        "DAYMOD": _group("mod", words.get("day_modifier", [])),
        "WDIR": _group("wdir", words.get("weekday_prev", []) + words.get("weekday_next", [])
                       + words.get("weekday_on", [])),
        "DAYPART": _group("part", words.get("day_part", [])),
        "NAMED": _group("named", d.get("named_days", {})),
        "MPART": _group("mpart", d.get("month_parts", {})),
        "SEASON": _group("season", d.get("seasons", {})),
        "DECADE": r"(?P<decade>(?:1[5-9]|20)\d0)",
        "NUM": r"(?P<num>\d+|[^\W\d_]+(?:-[^\W\d_]+)?)",
        "UNIT": _group("unit", d.get("units", {})),
        "PRE_MONTH": _group("pre", words.get("month_pre", [])),
        "PRE_YEAR": _group("pre", words.get("year_pre", [])),
    }


def _compile(raw: str, ph: dict[str, str], since: str) -> tuple[re.Pattern, re.Pattern | None]:
    """The pattern, and the one-character gate of its body (see Pattern.first)."""
    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key not in ph:
            raise ValueError(f"pattern {raw!r}: unknown placeholder {{{key}}}")
        return ph[key]

    body = re.sub(r"\{([A-Z_0-9]+)\}", sub, raw)
    prefix = f"(?:(?P<since>{since})\\s+)?" if since else ""
    regex = re.compile(rf"{START}{prefix}(?:{body})(?![\w])", re.IGNORECASE)
    try:
        first = first_char_gate(re.compile(f"(?:{body})", re.IGNORECASE))
    except re.error:
        first = None
    return regex, first


@lru_cache(maxsize=None)
def time_lexicon(lang: str) -> TimeLexicon:
    code = DATA_LANGUAGE.get(lang, lang)
    d = read_layered_toml(code, "time.toml")
    try:
        ph = _placeholders(d)
        since = _alt(d.get("since", []))
        patterns = []
        for entry in d.get("pattern", []):
            params = {k: v for k, v in entry.items() if k not in ("rule", "re")}
            regex, first = _compile(entry["re"], ph, since)
            patterns.append(Pattern(entry["rule"], regex, params, entry["re"], first))
        words = d.get("words", {})
        fm = d.get("future_markers", [])
        cancel = d.get("future_cancel", [])
        future_re = None
        if fm:
            neg = f"(?!\\s+(?:{_alt(cancel)})\\b)" if cancel else ""
            future_re = re.compile(rf"(?<!\w)(?:{_alt(fm)})(?!\w){neg}", re.IGNORECASE)
        breaks = d.get("clause_breaks", [])
        punct = "".join(re.escape(b) for b in breaks if not b[0].isalnum())
        wordy = [b for b in breaks if b[0].isalnum()]
        parts = ([f"[{punct}]"] if punct else []) + ([rf"(?<!\w)(?:{_alt(wordy)})(?!\w)"] if wordy else [])
        clause_re = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        cond = d.get("conditional_openers", [])
        conditional_re = re.compile(rf"\s*(?:{_alt(cond)})(?!\w)", re.IGNORECASE) if cond else None
        return TimeLexicon(
            lang=lang,
            months={k.lower(): int(v) for k, v in d["months"].items()},
            weekdays={k.lower(): int(v) for k, v in d["weekdays"].items()},
            units={k.lower(): str(v) for k, v in d.get("units", {}).items()},
            seasons={k.lower(): (int(v[0]), int(v[1])) for k, v in d.get("seasons", {}).items()},
            month_parts={k.lower(): (int(v[0]), int(v[1])) for k, v in d.get("month_parts", {}).items()},
            named_days={k.lower(): (int(v[0]), int(v[1])) for k, v in d.get("named_days", {}).items()},
            weekday_prev=frozenset(w.lower() for w in words.get("weekday_prev", [])),
            weekday_next=frozenset(w.lower() for w in words.get("weekday_next", [])),
            weekday_on=frozenset(w.lower() for w in words.get("weekday_on", [])),
            future_re=future_re,
            patterns=tuple(patterns),
            clause_re=clause_re,
            conditional_re=conditional_re,
            since_re=re.compile(rf"{START}(?=(?:{since})\s)", re.IGNORECASE) if since else None)
    except (KeyError, TypeError, ValueError, IndexError, re.error) as exc:
        raise ResourceError(f"lang/{code}/time.toml: {type(exc).__name__}: {exc}") from exc
