"""Finding time expressions in a text and resolving them, with discourse anchoring.

All patterns of the language (lexicon.py) run over the text; matches that a rule accepts
(resolve.py) compete, and where they overlap the longest wins ('i oktober i fjor' over 'i
oktober'). Then, in text order, dates without a year are given one.

The anchoring rule. A day-month or month without a year ('4. juli', 'i juli') takes its year from
the discourse when the discourse has moved to the past: if the time mention just before it
(nothing between them) carries an explicit year earlier than the publication year, stands in the
same paragraph and at most three sentences back (covering one calendar year at most, and not a
'siden ...' span that reaches the present), the bare date takes the year among that year
and its two neighbours that puts it nearest the anchor ('I juni 2014 ... Få uker etter, 4. juli'
-> 2014-07-04; 'desember 2014 ... 3. januar' -> 2015-01-03). A mention counted from the
publication date ('i fjor', 'tirsdag') in between brings the discourse back to the present and
ends the anchor, as does a paragraph break. An anchored date anchors in turn. Otherwise a bare date
is the most recent one on or before publication (the first one after it in future clauses).

Day offsets ('dagen før', 'dagen etter', 'samme dag', 'to dager senere') count from the nearest
earlier time of day precision in the same paragraph or the sentence just before ('... erklærte
tirsdag ...' then, in the next paragraph, 'Dagen før ble ...' = Monday); without one they stay
unresolved. A sentence's future word ('skal', 'vil') puts only the times of its own clause in the
future: in 'sa mandag at han vil ...' the Monday is past.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from konflikt.document import PublicationDate, TimeMention
from konflikt.temporal.dates import Interval, distance, precision_of
from konflikt.temporal.lexicon import Pattern, time_lexicon
from konflikt.temporal.scan import StartIndex
from konflikt.sentences import split_sentences
from konflikt.temporal.resolve import RULES, Bare, Context, Offset, Resolved

ANCHOR_MAX_SENTENCES = 3
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    pattern: Pattern
    match: re.Match
    result: Resolved | Bare | Offset
    sentence: int
    future: bool


def _clause_future(lex, text: str, sent: tuple[int, int], start: int, end: int) -> bool:
    """Whether the clause around text[start:end] (inside sentence `sent`) speaks of the future."""
    if lex.future_re is None:
        return False
    s, e = sent
    if lex.clause_re is not None:
        breaks = [m for m in lex.clause_re.finditer(text, s, e)]
        after = [m for m in breaks if m.start() >= end]
        for m in breaks:
            if m.end() <= start:
                s = m.end()
        if after:
            e = after[0].start()
            # 'Dersom partene ikke blir enige innen 1. mars, vil ...': a conditional clause reaches into the next
            if lex.conditional_re is not None and lex.conditional_re.match(text, s):
                e = after[1].start() if len(after) > 1 else sent[1]
    return bool(lex.future_re.search(text, s, e))


def _default_year(build, published: Interval | None, future: bool) -> Interval | None:
    """The most recent occurrence on or before publication (the first after it when future)."""
    if published is None:
        return None
    ps, pe = published
    if future:
        for y in range(ps.year, ps.year + 3):
            iv = build(y)
            if iv and iv[1] >= ps:
                return iv
        return None
    for y in range(pe.year, pe.year - 9, -1):  # 29 February can be eight years back
        iv = build(y)
        if iv and iv[0] <= pe:
            return iv
    return None


def _anchored_year(build, anchor: Interval) -> Interval | None:
    year = anchor[0].year
    best = None
    for y in (year, year - 1, year + 1):
        iv = build(y)
        if iv is None:
            continue
        if best is None or distance(iv, anchor) < distance(best, anchor):
            best = iv
    return best


def find_times(text: str, published: PublicationDate | Interval | None = None, lang: str = "nb",
               sentences: Iterable[tuple[int, int]] | None = None) -> list[TimeMention]:
    """Time expressions in `text`, resolved against the publication date, in text order.

    >>> [(t.text, str(t.start_date)) for t in find_times("Angrepet skjedde tirsdag.", "2019-05-10")]
    [('tirsdag', '2019-05-07')]
    """
    lex = time_lexicon(lang)
    pub = _as_interval(published)
    sents = list(sentences) if sentences is not None else split_sentences(text)
    sent_starts = [s for s, _ in sents]
    paragraphs = [m.end() for m in _PARAGRAPH.finditer(text)]

    candidates: list[_Candidate] = []
    starts = StartIndex(text, lex.since_re)  # the matches of pat.regex.finditer(text), faster (scan.py)
    for pat in lex.patterns:
        rule = RULES[pat.rule]
        for m in starts.finditer(pat.regex, pat.first):
            if m.end() == m.start():
                continue
            si = max(0, bisect_right(sent_starts, m.start()) - 1)
            future = _clause_future(lex, text, sents[si], m.start(), m.end()) if sents else False
            try:
                res = rule(m, pat.params, lex, Context(pub, future, lang))
            except (ValueError, OverflowError):
                continue  # outside the calendar ('for 5000 år siden' from year 2000): no date
            if res is None:
                continue
            candidates.append(_Candidate(m.start(), m.end(), pat, m, res, si, future))

    # the longest match wins; then the earliest
    candidates.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[_Candidate] = []
    for c in candidates:
        if any(c.start < t.end and t.start < c.end for t in taken):
            continue
        taken.append(c)
    taken.sort(key=lambda c: c.start)

    out: list[TimeMention] = []
    anchor: tuple[Interval, int, int] | None = None   # (interval, sentence, paragraph)
    last_day: tuple[date, int, int] | None = None     # the latest day-precision time: (day, sentence, paragraph)
    for c in taken:
        para = bisect_right(paragraphs, c.start)
        res = c.result
        kind = "absolute"
        if isinstance(res, Offset):
            start = end = None
            kind = "relative"
            if last_day is not None and (last_day[2] == para or c.sentence - last_day[1] <= 1):
                start = end = last_day[0] + timedelta(days=res.days)
                kind = "anchored"
        elif isinstance(res, Bare):
            iv = None
            if anchor is not None and anchor[2] == para and c.sentence - anchor[1] <= ANCHOR_MAX_SENTENCES:
                iv = _anchored_year(res.build, anchor[0])
                kind = "anchored"
            if iv is None:
                iv = _default_year(res.build, pub, c.future)
                kind = "absolute" if iv is None else "relative"
            start, end = (iv if iv else (None, None))
            if iv is not None and kind == "anchored":
                anchor = (iv, c.sentence, para)
            elif iv is not None:
                anchor = None  # resolved from the publication date: back in the present
        else:
            start, end, kind = res.start, res.end, res.kind
            if res.explicit_year and start is not None and end is not None \
                    and start.year == end.year and (pub is None or start.year < pub[0].year):
                anchor = ((start, end), c.sentence, para)  # a year of its own, one year at most
            elif res.deictic or res.explicit_year:
                anchor = None
        if c.match.groupdict().get("since") and start is not None and (pub is None or pub[1] >= start):
            # 'siden juni': from then up to publication (a 'since' after publication is left as is)
            end = pub[1] if pub else None
            kind = "span"
            anchor = None  # it reaches the present: no past year to lend
        precision = precision_of(start, end) if start is not None and end is not None else "unresolved"
        if precision == "day":
            last_day = (start, c.sentence, para)
        out.append(TimeMention(text=text[c.start:c.end], start=c.start, end=c.end,
                               start_date=start, end_date=end, precision=precision, kind=kind))
    return out


def _as_interval(published) -> Interval | None:
    if published is None:
        return None
    if isinstance(published, str):
        published = PublicationDate.parse(published)
    if isinstance(published, PublicationDate):
        return published.start, published.end
    return published
