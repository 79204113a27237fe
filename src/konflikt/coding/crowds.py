"""Crowd nouns that tell many protests at once (helpers of the events stage): a series of
protests ('drept i protester mot ... i fjor sommer') and protests over a whole country
('demonstrasjonene i Kenya'), whose dead are a nationwide toll, not one event's."""

from __future__ import annotations

import re

from konflikt.coding.text import Tok, is_definite_noun
from konflikt.coding.triggers import Hit, Lexicon
from konflikt.document import PlaceMention, Sentence, TimeMention


def series(h: Hit, toks: list[Tok], sent: Sentence, lex: Lexicon, times: list[TimeMention]) -> bool:
    """'drept i protester mot høyere skatter i fjor sommer': a bare plural crowd noun after
    'i'/'under' names a series of protests, unless the sentence dates it to a day (dev3
    306 pattern). ('drept i kamper med IS' is fighting, one battle: not a series.)"""
    if h.end - h.start != 1 or h.start == 0 or h.spec.event_type not in ("Protests", "Riots"):
        return False
    t = toks[h.start]
    if toks[h.start - 1].lower not in set(lex.filters.get("series_prepositions", [])):
        return False
    plural = t.lower.endswith(("er", "ar")) and t.alt != t.lower and not is_definite_noun(t) \
        and t.pos in ("", "NOUN")
    if not plural:
        return False
    return not any(sent.start <= x.start < sent.end and x.precision == "day" for x in times)

def nationwide(h: Hit, toks: list[Tok], sent: Sentence, lex: Lexicon, places: list[PlaceMention]) -> bool:
    """'Minst 22 ble drept da demonstrasjonene i Kenya kom ut av kontroll': a definite
    plural crowd noun placed only in a country tells many protests at once, so a count of
    dead in its sentence is their nationwide toll, a killed figure and no one event's
    fatalities (dev3 306 pattern)."""
    if h.end - h.start != 1 or h.spec.event_type not in ("Protests", "Riots"):
        return False
    t = toks[h.start]
    endings = tuple(lex.filters.get("plural_definite_endings", []))
    if not (endings and t.lower.endswith(endings) and is_definite_noun(t)):
        return False
    # (or said to be in many places: 'i en rekke byer', 'over hele landet': dev5 606)
    low = " " + re.sub(r"[^\w\s-]", " ", sent.text.casefold()) + " "
    if any(f" {c} " in low for c in lex.filters.get("many_places", [])):
        return True
    here = [p for p in places if sent.start <= p.start < sent.end]
    return bool(here) and all((p.precision or 0) >= 6 for p in here)
