"""Figure records: reported counts of people with a status that are not one event (issue 6).

Trapped, displaced, present, injured, arrested, missing and kidnapped counts always become
figures; a killed count does only when it is a cumulative toll ('siden invasjonen', 'totalt',
'så langt'), otherwise it is the fatalities of the event its sentence reports.
"""

from __future__ import annotations

import re
from functools import lru_cache

from konflikt.coding import arguments as args
from konflikt.coding.confidence import score
from konflikt.coding.text import paragraph_bounds
from konflikt.document import (ActorRef, Count, DateValue, Document, Evidence, Location,
                               PlaceMention, Quantity, Record, SourceRef, TimeMention, stable_id)
from konflikt.errors import ResourceError
from konflikt.langdata import read_toml


@lru_cache(maxsize=None)
def word_re(cue: str) -> re.Pattern:
    """`cue` as a whole word or phrase, compiled once (it was built and looked up in re's cache
    once per sentence and cue: ~3 % of the pipeline's time on the golden articles)."""
    return re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)")


@lru_cache(maxsize=64)
def any_word_re(cues: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that finds a match in a text exactly when some cue's word_re does (None for
    no cues): the alternatives are literals between the same boundaries, so the alternation
    backtracks from one to the next at each position."""
    if not cues:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(c) for c in cues)})(?!\w)")


def any_word(low: str, cues: list[str]) -> bool:
    """Whether some cue stands in `low` as a whole word or phrase."""
    pattern = any_word_re(tuple(cues))
    return pattern is not None and pattern.search(low) is not None


def is_cumulative(sentence: str, cues: list[str]) -> bool:
    return any_word(sentence.casefold(), cues)


@lru_cache(maxsize=None)
def _cumulative_patterns(lang: str) -> re.Pattern | None:
    """Our own cumulative patterns (lang/<code>/figures.toml), one whole-word pattern."""
    try:
        pats = read_toml(lang, "figures.toml").get("cumulative_patterns", [])
    except ResourceError:
        return None
    if not pats:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?!\w)", re.IGNORECASE)


def cumulative_for(sentence: str, offset: int, cues: list[str], breaks: list[str],
                   lang: str = "nb") -> bool:
    """Whether the count at `offset` (into `sentence`) is a cumulative toll. A cue before the
    count gives way to a clause that opens between them and dates one event ('siden angrepene i
    Paris i fjor, da 130 mennesker ble drept': the 130 died in those attacks, no running toll).
    A stretch of days or several places after the count ('de siste tre døgnene', 'i
    provinsene ...', figures.toml) make it a toll too."""
    low = sentence.casefold()
    extra = _cumulative_patterns(lang)
    if extra is not None:
        for m in extra.finditer(low):
            if m.start() < offset and any(b in low[m.end():offset] for b in breaks):
                continue
            return True
    for c in cues:
        for m in word_re(c).finditer(low):
            if m.start() < offset and any(b in low[m.end():offset] for b in breaks):
                continue
            return True
    return False


def sources_for(doc: Document, start: int, end: int) -> list[SourceRef]:
    out, seen = [], set()
    for a in doc.attributions:
        if a.scope_start <= start and end <= a.scope_end and a.source_name not in seen:
            seen.add(a.source_name)
            out.append(SourceRef(a.source_name, a.source_text, [a.source_start, a.source_end]))
    return out


def _since_time(doc: Document, times: list[TimeMention], start: int, end: int) -> TimeMention | None:
    """A time inside a 'siden ...' clause between start and end ('siden offensiven begynte i
    mars i fjor')."""
    low = doc.text.casefold()
    for t in times:
        if start <= t.start and t.end <= end:
            k = low.rfind("siden", start, t.start)
            if k >= 0 and "." not in low[k:t.start]:
                return t
    return None


def figure_date(doc: Document, times: list[TimeMention], sent_start: int, sent_end: int,
                cumulative: bool) -> tuple[DateValue, bool]:
    """The figure's period: its own time; a 'siden X' period up to the publication date (X in
    its sentence, or in the same paragraph when the sentence says only 'siden invasjonen');
    else the publication date. Returns (value, found in text)."""
    since = _since_time(doc, times, sent_start, sent_end)
    if since is None and cumulative and "siden" in doc.text[sent_start:sent_end].casefold():
        p0, p1 = paragraph_bounds(doc.text, sent_start)
        since = _since_time(doc, times, p0, p1)
    if since is not None:
        return args.period_since(doc, since), True
    own = args.pick_time(times, sent_start, sent_end, sent_start)
    if own is not None:
        return own.to_value(), True
    return args.publication_value(doc), False


def figure_record(doc: Document, q: Quantity, sent_start: int, sent_end: int,
                  places: list[PlaceMention], main: PlaceMention | None,
                  times: list[TimeMention], locatives: list[str], cumulative: bool,
                  hedged: bool) -> Record:
    text = doc.text
    ev = Evidence(text[sent_start:sent_end], sent_start, sent_end)
    fe: dict[str, Evidence] = {"count": Evidence(q.text, q.start, q.end)}
    place = args.pick_place(doc, places, sent_start, sent_end, q.start, locatives)
    in_text = place is not None
    if place is None:
        place = main
    location = Location.from_place(place) if place is not None else None
    if place is not None:
        fe["location"] = Evidence(place.text, place.start, place.end)
    date, own_date = figure_date(doc, times, sent_start, sent_end, cumulative)
    if date.span:
        fe["date"] = Evidence(date.text, date.span[0], date.span[1])
    sources = sources_for(doc, sent_start, sent_end)
    for s in sources:
        fe.setdefault("sources", Evidence(s.text, s.span[0], s.span[1]))
    actor = None
    # who is counted: the quantities stage's span, else the word right after the number
    nxt = doc.text[q.end:q.end + 40].split(maxsplit=1)
    span = q.who_span or (q.start, q.end + 1 + (len(nxt[0]) if nxt else 0))
    for a in doc.actors:
        if a.start < span[1] and span[0] < a.end:
            entry = args.entry_of(a)
            if entry is None or not entry.is_source_only:
                actor = ActorRef(a.name, a.text, a.inter, [a.start, a.end])
                fe["actor1"] = Evidence(a.text, a.start, a.end)
                break
    count = Count(q.low, q.best, q.high, q.qualifier, q.text, [q.start, q.end])
    rid = stable_id(doc.id, "figure", sent_start, sent_end, q.status, q.start)
    conf = score(0.7, actor=actor is not None, place_in_text=in_text, own_date=own_date,
                 sourced=bool(sources), hedged=hedged)
    return Record(id=rid, kind="figure", document=doc.ref(), evidence=ev, actor1=actor,
                  date=date, location=location, status=q.status, who=q.who or "people",
                  count=count, sources=sources, background=args.is_background(doc, date),
                  confidence=conf, field_evidence=fe)
