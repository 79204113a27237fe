"""What each rule of the time grammar means: a match (its named groups and the pattern's
parameters) becomes an interval.

Conventions (Norwegian news usage; each is tested in tests/test_times.py):
- A weekday is the most recent such day on or before publication (the publication day itself when
  it is that weekday), unless its clause speaks of the future ('skal ... på tirsdag': the first
  such day on or after publication) or says 'neste tirsdag' (strictly after); 'forrige tirsdag'
  is strictly before. A future word in another clause ('sa mandag at han vil ...') does not count.
- 'dagen før', 'dagen etter', 'samme dag', 'to dager senere' count from the nearest earlier
  day-precision time (grammar.py); without one they stay unresolved.
- 'natt til søndag' is the night from Saturday to Sunday: the interval Saturday..Sunday.
- A bare month or day-month ('i juni', '4. juli') is the most recent one on or before publication
  (the first on or after it in future sentences), unless the discourse anchors it (grammar.py).
- 'forrige uke' is the ISO week before the publication's week; 'i helgen' the last weekend.
- 'for tre år siden' is the whole year three years back; 'for to uker siden' the week containing
  the day 14 days back; 'for fem dager siden' that day.
- 'siden juni' runs from the start of June to the publication date (kind 'span').
- 'i begynnelsen/midten/slutten av juni' are days 1-10, 11-20, 21-end.
- A publication known only to the month (or year): an expression that counts days from the
  publication day is worked out for every day the publication may have, and the hull of the
  results is kept inside the publication's own interval. 'tirsdag' in an article of 2017-07 is
  2017-07-04..2017-07-25 (its first and last Tuesday), 'i går' 2017-07-01..2017-07-30.
  Coarser expressions ('i fjor', 'forrige måned') take the hull without clipping.
- 'uke 23' is ISO week 23 of the year the discourse gives (as for a bare month); 'i påsken' is
  Maundy Thursday to Easter Monday, 'i pinsen' Whit Saturday to Whit Monday, and the named
  movable days (langfredag, 2. påskedag, Kristi himmelfartsdag) count from Easter Sunday
  (dateutil's Gregorian Easter).
- Without a publication date, relative expressions are unresolved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from konflikt.temporal.dates import (
    Interval, add_months, days_between, last_weekday, last_weekend, month_interval, next_weekday,
    safe_date, week_interval, year_interval,
)
from konflikt.temporal.lexicon import TimeLexicon


@dataclass(slots=True)
class Context:
    published: Interval | None   # the publication interval (start, end)
    future: bool                 # the sentence speaks of the future
    lang: str


@dataclass(slots=True)
class Resolved:
    start: date | None
    end: date | None
    kind: str                    # absolute | relative | span | anchored
    explicit_year: bool = False  # carries its own year: may anchor later bare dates
    deictic: bool = False        # counted from the publication date: resets the anchor


@dataclass(slots=True)
class Bare:
    """A date without its year ('4. juli', 'i juni'): build(year) gives the interval that year."""

    build: Callable[[int], Interval | None]


@dataclass(slots=True)
class Offset:
    """Days counted from an earlier day in the text ('dagen før' = -1): grammar.py anchors it."""

    days: int


Result = Resolved | Bare | Offset | None


# ---------------------------------------------------------------------------- helpers


def _month(lex: TimeLexicon, m, group: str = "month") -> int | None:
    raw = m.group(group)
    return lex.months.get(raw.lower().rstrip(".")) if raw else None


def _int(m, group: str) -> int | None:
    raw = m.groupdict().get(group)
    return int(raw) if raw else None


def _over_publication(ctx: Context, fn: Callable[[date], Interval | None], clip: bool) -> Resolved:
    """`fn` of the publication day, for every day the publication may have (see module doc)."""
    if ctx.published is None:
        return Resolved(None, None, "relative", deictic=True)
    ps, pe = ctx.published
    days = [ps] if ps == pe else (days_between(ps, pe) if clip else [ps, pe])
    starts, ends = [], []
    for d in days:
        iv = fn(d)
        if iv is None:
            continue
        s, e = iv
        if clip and ps != pe:
            s, e = max(s, ps), min(e, pe)
            if s > e:
                continue
        starts.append(s)
        ends.append(e)
    if not starts:
        return Resolved(None, None, "relative", deictic=True)
    return Resolved(min(starts), max(ends), "relative", deictic=True)


def _absolute(iv: Interval | None) -> Result:
    if iv is None:
        return None
    return Resolved(iv[0], iv[1], "absolute", explicit_year=True)


# ---------------------------------------------------------------------------- rules


def r_date(m, p, lex: TimeLexicon, ctx: Context) -> Result:
    month, day = _month(lex, m), _int(m, "day")
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = _int(m, "year")
    if year:
        d = safe_date(year, month, day)
        return _absolute((d, d) if d else None)

    def build(y: int) -> Interval | None:
        d = safe_date(y, month, day)
        return (d, d) if d else None
    return Bare(build)


def r_numeric_date(m, p, lex, ctx) -> Result:
    day, month, year = _int(m, "day"), _int(m, "mnum"), m.group("year")
    if not (day and month and 1 <= month <= 12):
        return None
    y = int(year)
    if len(year) == 2:
        pivot = (ctx.published[1].year % 100 + 1) if ctx.published else 30
        y = 2000 + y if y <= pivot else 1900 + y
    d = safe_date(y, month, day)
    return _absolute((d, d) if d else None)


def r_day_range(m, p, lex, ctx) -> Result:
    month, d1, d2 = _month(lex, m), _int(m, "day"), _int(m, "day2")
    month1 = _month(lex, m, "month1") if m.groupdict().get("month1") else month
    if not (month and month1 and d1 and d2):
        return None

    def build(y: int) -> Interval | None:
        y1 = y - 1 if month1 > month else y
        a, b = safe_date(y1, month1, d1), safe_date(y, month, d2)
        return (a, b) if a and b and a <= b else None
    year = _int(m, "year")
    if year:
        return _absolute(build(year))
    return Bare(build)


def r_year_range(m, p, lex, ctx) -> Result:
    a, b = int(m.group("year")), int(m.group("year2"))
    if a >= b:
        return None
    return Resolved(date(a, 1, 1), date(b, 12, 31), "absolute", explicit_year=True)


def r_month_range(m, p, lex, ctx) -> Result:
    """'fra juni til august 2016': the first month's start to the second's end."""
    first, last = _month(lex, m, "month1"), _month(lex, m)
    if not (first and last):
        return None
    y1 = _int(m, "year2")

    def build(y: int) -> Interval | None:
        start_year = y1 if y1 else (y - 1 if first > last else y)
        if start_year > y:
            return None
        return month_interval(start_year, first)[0], month_interval(y, last)[1]
    year = _int(m, "year")
    if year:
        return _absolute(build(year))
    if y1:
        return None  # 'fra juni 2016 til august': leave to the month rules
    return Bare(build)


def r_named_day(m, p, lex, ctx) -> Result:
    month, day = lex.named_days[" ".join(m.group("named").lower().split())]
    year = _int(m, "year")
    if year:
        d = safe_date(year, month, day)
        return _absolute((d, d) if d else None)
    return Bare(lambda y: (date(y, month, day),) * 2)


def r_month_part(m, p, lex, ctx) -> Result:
    month = _month(lex, m)
    first, last = lex.month_parts[" ".join(m.group("mpart").lower().split())]

    def build(y: int) -> Interval:
        s, e = month_interval(y, month)
        return date(y, month, first), min(e, date(y, month, min(last, e.day)))
    year = _int(m, "year")
    return _absolute(build(year)) if year else Bare(build)


def r_month(m, p, lex, ctx) -> Result:
    month = _month(lex, m)
    if month is None:
        return None
    year = _int(m, "year")
    if year:
        return _absolute(month_interval(year, month))
    if not (m.groupdict().get("pre") or m.groupdict().get("since")):
        return None  # a month name alone is too weak ('mai' the name, 'mars' the planet)
    return Bare(lambda y: month_interval(y, month))


def r_month_rel_year(m, p, lex, ctx) -> Result:
    month = _month(lex, m)
    off = int(p.get("year_offset", 0))
    return _over_publication(ctx, lambda d: month_interval(d.year + off, month), clip=False)


def r_year(m, p, lex, ctx) -> Result:
    if not (m.groupdict().get("pre") or m.groupdict().get("since")):
        return None  # '5000 soldater', 'registrert 1998 drap': a number, not a year
    return _absolute(year_interval(int(m.group("year"))))


def r_decade(m, p, lex, ctx) -> Result:
    d = int(m.group("decade"))
    return Resolved(date(d, 1, 1), date(d + 9, 12, 31), "absolute", explicit_year=True)


def _season(lex: TimeLexicon, name: str, year: int) -> Interval:
    a, b = lex.seasons[name.lower()]
    if a > b:  # winter: from the December before
        start = date(year - 1, a, 1)
    else:
        start = date(year, a, 1)
    return start, month_interval(year, b)[1]


def r_season(m, p, lex, ctx) -> Result:
    name = m.group("season")
    year = _int(m, "year")
    if year:
        return _absolute(_season(lex, name, year))
    if "year_offset" in p:
        off = int(p["year_offset"])
        return _over_publication(ctx, lambda d: _season(lex, name, d.year + off), clip=False)

    def latest(d: date) -> Interval:  # 'i sommer': the most recent one begun by then
        iv = _season(lex, name, d.year)
        if iv[0] > d:
            iv = _season(lex, name, d.year - 1)
        return iv
    return _over_publication(ctx, latest, clip=False)


def r_year_rel(m, p, lex, ctx) -> Result:
    off = int(p.get("offset", 0))
    return _over_publication(ctx, lambda d: year_interval(d.year + off), clip=False)


def r_year_to_date(m, p, lex, ctx) -> Result:
    return _over_publication(ctx, lambda d: (date(d.year, 1, 1), d), clip=False)


def r_relative_day(m, p, lex, ctx) -> Result:
    a = int(p.get("offset", 0))
    b = int(p.get("end_offset", a))
    return _over_publication(ctx, lambda d: (d + timedelta(days=a), d + timedelta(days=b)), clip=True)


def r_relative_week(m, p, lex, ctx) -> Result:
    off = int(p.get("offset", 0))
    return _over_publication(ctx, lambda d: week_interval(d + timedelta(days=7 * off)), clip=False)


def r_week_to_date(m, p, lex, ctx) -> Result:
    return _over_publication(ctx, lambda d: (week_interval(d)[0], d), clip=True)


def r_relative_month(m, p, lex, ctx) -> Result:
    off = int(p.get("offset", 0))
    return _over_publication(ctx, lambda d: month_interval(*add_months(d.year, d.month, off)), clip=False)


def r_weekend(m, p, lex, ctx) -> Result:
    return _over_publication(ctx, last_weekend, clip=True)


def r_ago(m, p, lex, ctx) -> Result:
    from konflikt.counting.numbers import parse_number

    raw = m.group("num")
    n = int(raw) if raw.isdigit() else parse_number(raw, ctx.lang)
    if n is None or n != int(n) or n < 0:
        return None
    n = int(n)
    unit = lex.units.get(" ".join(m.group("unit").lower().split()))
    if unit == "day":
        fn = lambda d: (d - timedelta(days=n),) * 2  # noqa: E731
    elif unit == "week":
        fn = lambda d: week_interval(d - timedelta(days=7 * n))  # noqa: E731
    elif unit == "month":
        fn = lambda d: month_interval(*add_months(d.year, d.month, -n))  # noqa: E731
    elif unit == "year":
        fn = lambda d: year_interval(d.year - n)  # noqa: E731
    else:
        return None
    return _over_publication(ctx, fn, clip=False)


def r_weekday(m, p, lex, ctx) -> Result:
    wd = lex.weekdays[m.group("weekday").lower()]
    direction = (m.groupdict().get("wdir") or "").lower()
    if direction in lex.weekday_prev:
        pick = lambda d: last_weekday(d, wd, strict=True)  # noqa: E731
    elif direction in lex.weekday_next:
        pick = lambda d: next_weekday(d, wd, strict=True)  # noqa: E731
    elif ctx.future:  # 'skal mandag møte ...' in a Monday paper is that day
        pick = lambda d: next_weekday(d, wd, strict=False)  # noqa: E731
    else:
        pick = lambda d: last_weekday(d, wd)  # noqa: E731
    night = bool(m.groupdict().get("night"))

    def fn(d: date) -> Interval:
        day = pick(d)
        return (day - timedelta(days=1), day) if night else (day, day)
    return _over_publication(ctx, fn, clip=True)


def r_day_offset(m, p, lex, ctx) -> Result:
    """'dagen før' (offset -1), 'to dager senere' (sign +1 times the counted days)."""
    if "offset" in p:
        return Offset(int(p["offset"]))
    from konflikt.counting.numbers import parse_number

    raw = m.group("num")
    n = int(raw) if raw.isdigit() else parse_number(raw, ctx.lang)
    unit = lex.units.get(" ".join(m.group("unit").lower().split()))
    days = {"day": 1, "week": 7}.get(unit or "")
    if n is None or n != int(n) or n < 0 or days is None:
        return None
    return Offset(int(p.get("sign", 1)) * int(n) * days)


def r_week_number(m, p, lex, ctx) -> Result:
    """'uke 23': ISO week 23 (Monday to Sunday) of the year written or of the discourse."""
    n = _int(m, "week")
    if n is None or not 1 <= n <= 53:
        return None

    def build(y: int) -> Interval | None:
        try:
            monday = date.fromisocalendar(y, n, 1)
        except ValueError:  # week 53 in a year of 52 weeks
            return None
        return monday, monday + timedelta(days=6)
    year = _int(m, "year")
    return _absolute(build(year)) if year else Bare(build)


def r_feast(m, p, lex, ctx) -> Result:
    """A movable feast, `offset`..`end_offset` days from Easter Sunday ('i påsken' = -3..+1)."""
    from dateutil.easter import easter  # dateparser's dependency, declared in pyproject.toml

    a = int(p.get("offset", 0))
    b = int(p.get("end_offset", a))

    def build(y: int) -> Interval:
        e = easter(y)
        return e + timedelta(days=a), e + timedelta(days=b)
    year = _int(m, "year")
    return _absolute(build(year)) if year else Bare(build)


RULES: dict[str, Callable[[Any, dict, TimeLexicon, Context], Result]] = {
    "date": r_date, "numeric_date": r_numeric_date, "day_range": r_day_range,
    "year_range": r_year_range, "month_range": r_month_range, "named_day": r_named_day, "month_part": r_month_part,
    "month": r_month, "month_rel_year": r_month_rel_year, "year": r_year, "decade": r_decade,
    "season": r_season, "year_rel": r_year_rel, "year_to_date": r_year_to_date,
    "relative_day": r_relative_day, "relative_week": r_relative_week,
    "week_to_date": r_week_to_date, "relative_month": r_relative_month, "weekend": r_weekend,
    "ago": r_ago, "weekday": r_weekday, "day_offset": r_day_offset, "week_number": r_week_number,
    "feast": r_feast,
}
