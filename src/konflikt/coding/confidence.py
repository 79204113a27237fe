"""A record's confidence (0..1): how surely the text reports it, and how complete it is.

Start from the trigger's strength (how surely the word names an incident), add for each
argument found in the text itself (actor, place, own date) and for a named source, take off for
hedging ('skal ha', 'angivelig') and for arguments that are only fallbacks.
"""

from __future__ import annotations


def score(strength: float, *, actor: bool, place_in_text: bool, own_date: bool, sourced: bool,
          hedged: bool, headline_only: bool = False) -> float:
    c = strength
    c += 0.06 * actor + 0.06 * place_in_text + 0.05 * own_date + 0.08 * sourced
    c -= 0.15 * hedged + 0.1 * headline_only
    return round(max(0.05, min(0.99, c)), 3)
