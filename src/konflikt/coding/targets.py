"""Strikes on several targets (round 7, dev4 507 pattern), and one event per place.

'India angrep natt til onsdag ni mål i X med raketter. ... Blant målene var en leir i A og et
lager i B nær C. Også byen D ble rammet.' A strike on a count of targets is a summary: ACLED
codes one event per site, and a toll over all the sites is a figure, not one site's dead. The
sites come from a target list ('Blant målene ...', a trigger with `targets = true`) and from
generic words of impact. A town named after 'nær'/'utenfor' right after another town only says
where that one lies. A weapon after 'med' is the instrument of the verb before it, not a clause
of its own. `split_places` (one event per place joined by 'og') lives here too, out of
stages/events.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from konflikt.coding.text import Tok, paragraph_bounds
from konflikt.counting.numbers import parse_number
from konflikt.document import Document, Evidence, Location, PlaceMention, Record, Sentence, stable_id


def instrument(toks: list[Tok], i: int, preps: set[str]) -> bool:
    """'angrep ... med raketter og missiler': the weapon at token i follows an instrument
    preposition (with at most one word between: 'med tunge raketter')."""
    return any(toks[k].lower in preps for k in range(max(0, i - 2), i))


def orientation(doc: Document, p: PlaceMention, places: list[PlaceMention], cues: list[str]) -> bool:
    """'et kompleks i Muridke nær Lahore': a town right after an orientation word that follows
    another town names where that town lies; it is no place of the event."""
    h0 = max(0, p.start - 30)
    head = doc.text[h0:p.start].casefold().rstrip()
    cue = next((c for c in cues if head.endswith(" " + c)), None)
    if cue is None:
        return False
    at = h0 + len(head[: len(head) - len(cue)].rstrip(" ,"))
    return any(q.end == at for q in places if q is not p and (q.precision or 5) <= 3)


def multi_target(toks: list[Tok], nouns: set[str], vague: set[str], lang: str) -> bool:
    """'angrep ni mål i Pakistan', 'traff flere mål': a count above one of target nouns."""
    for k, t in enumerate(toks):
        if k == 0 or not (t.keys & nouns):
            continue
        prev = toks[k - 1].lower
        if prev in vague or (k > 1 and f"{toks[k - 2].lower} {prev}" in vague):
            return True
        n = parse_number(prev, lang)
        if n is not None and n > 1:
            return True
    return False


def first_site(summary: Record, events: list[Record], meta: dict[str, dict]) -> Location | None:
    """The first site event told after a summary strike, of its type and country: where the
    summary's strike is placed, so that it folds into that site (ACLED's one event a place)."""
    cc = summary.location.country_code if summary.location is not None else None
    for e in events:
        if e is summary or e.evidence.start < summary.evidence.start or e.location is None:
            continue
        if e.event_type != summary.event_type or not meta.get(e.id, {}).get("place_in_text"):
            continue
        if (e.location.precision or 5) <= 3 and (cc is None or e.location.country_code == cc
                                                  or (summary.location.precision or 5) >= 4):
            return e.location
    return None


def split_places(doc: Document, rec: Record, sent: Sentence, places: list[PlaceMention],
                 sents: list[Sentence], meta: dict[str, dict], roles: dict[str, str],
                 clause: tuple[int, int] | None = None, targets: bool = False,
                 orient: Callable[[PlaceMention], bool] = lambda p: False) -> list[Record]:
    """'Luftangrep mot Aleppo og Idlib': one event per place (ACLED's unit is one place),
    when the places are joined by 'og' or a comma and lie in one country (inside the
    event's clause, when its sentence tells several events). In a target list ('Blant målene
    var en leir i A og et lager i B') every town of the sentence is a target."""
    if rec.location is None or rec.event_type == "Strategic developments":
        return [rec]
    a, b = clause or (sent.start, sent.end)
    span = rec.location.span or [-1, -1]
    if not clause and not (a <= span[0] < b) and not any(
            a <= p.start < b and p.kind == "place" for p in places):
        # placed from the sentence before ('falt Sar-e Pul og Taloqan. Dermed har Taliban
        # erobret ...'): the places joined there are the event's places, when its own
        # sentence names none
        home = next((x for x in sents if x.start <= span[0] < x.end), None)
        # (only a sentence of the same paragraph: a place taken from the article's focus
        # elsewhere does not bring the places joined to it there, 'fra Novi Sad og Niš')
        if home is not None and home.start >= paragraph_bounds(doc.text, sent.start)[0]:
            a, b = home.start, home.end
    here = [p for p in places if a <= p.start and p.end <= b
            and (p.precision or 5) <= 3 and p.country_code == rec.location.country_code]
    chain = [p for p in here if p.start == span[0]]
    if not chain:
        return [rec]

    def joined(a, b) -> bool:
        gap = doc.text[a.end:b.start]
        # ('Abqaiq og oljefeltet Khurais': one common noun may name the second place)
        words = gap.split()
        return b.start > a.end and (gap.strip() in {"og", ",", "and"} and len(gap) <= 5 or (
            len(words) == 2 and words[0] in {"og", "and"} and words[1].islower()
            and words[1].isalpha()))

    if targets:
        chain += [p for p in here if p.start != span[0] and not orient(p)
                  and (p.name or p.text) not in {x.name or x.text for x in chain}]
    for p in here:  # places joined to the chosen one, after it ...
        if joined(chain[-1], p) and p not in chain:
            chain.append(p)
    first = chain[0]
    for p in reversed(here):  # ... and before it ('falt Sar-e Pul og Taloqan')
        if p.end <= first.start and joined(p, first) and p not in chain:
            chain.append(p)
            first = p
    out = [rec]
    for p in chain[1:]:
        twin = replace(rec, id=stable_id(rec.id, p.start), location=Location.from_place(p),
                       field_evidence={**rec.field_evidence,
                                       "location": Evidence(p.text, p.start, p.end)})
        meta[twin.id] = dict(meta.get(rec.id, {}))
        roles[twin.id] = roles.get(rec.id, "body")
        out.append(twin)
    return out


def drop_summary_tolls(events: list[Record], figures: list[Record], meta: dict[str, dict]) -> None:
    """A strike on several targets keeps no dead that a killed figure counts already ('India
    angrep mål i Pakistan – 26 drept' over 'Ifølge hæren er 26 sivile drept'): the toll is over
    all the sites, not the first site's."""
    def nums(c) -> set[int]:
        return {v for v in (c.low, c.best, c.high) if v is not None} if c is not None else set()

    killed = set().union(*(nums(f.count) for f in figures if f.status == "killed")) if figures else set()
    for e in events:
        if meta.get(e.id, {}).get("summary") and e.fatalities is not None and nums(e.fatalities) & killed:
            e.fatalities = None
            e.field_evidence.pop("fatalities", None)
