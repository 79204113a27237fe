"""What a span of a document holds, for the events stage: the role of a sentence's line
(headline, crosshead, body), armed actors and protesting crowds in a span, and where what a
count counts ends. Moved out of stages/events.py to keep that module small."""

from __future__ import annotations

import re

from konflikt.coding import arguments as args
from konflikt.coding.text import paragraph_bounds
from konflikt.document import Document, Sentence

# a registry entry stand-in for an actor the registry lacks (no ACLED inter code)
NOENTRY = type("NoEntry", (), {"inter": None})()
_SENT_END = re.compile(r"[.!?»\"”:]\s*$")


def role(doc: Document, sent: Sentence) -> str:
    """headline | crosshead | body: the first line is the headline; a short line without
    closing punctuation is a crosshead."""
    p0, p1 = paragraph_bounds(doc.text, sent.start)
    line = doc.text[p0:p1].strip()
    if p0 == 0 or doc.text[:p0].strip() == "":
        return "headline"
    if len(line.split()) <= 8 and not _SENT_END.search(line):
        return "crosshead"
    return "body"


def armed_in(doc: Document, start: int, end: int) -> bool:
    """An armed group or a country's forces named in doc.text[start:end] (a bare country
    name, a government or the police say nothing about violence: 'Norge vant 8-3')."""
    for a in doc.actors:
        if start <= a.start and a.end <= end and args.is_fighting_force(a) and \
                a.text.casefold().rstrip("s") not in args.country_names():
            return True
    return False


def crowd_in(doc: Document, start: int, end: int) -> bool:
    """A protesting crowd of the registry (inter 6: 'demonstranter', 'tilhengere') named in
    doc.text[start:end], before the trigger: the crowd that acts is the same context as the
    conflict word 'demonstrant' ('tilhengere stormet kongressen'; not 'pågrepet under
    protestene')."""
    return any(start <= a.start and a.end <= end and (args.entry_of(a) or NOENTRY).inter == 6
               for a in doc.actors)


def counted_end(doc: Document, q) -> int:
    """Where what a count counts ends: its who-span, else the word after the number."""
    if q.who_span:
        return q.who_span[1]
    nxt = doc.text[q.end:q.end + 40].split(maxsplit=1)
    return q.end + 1 + (len(nxt[0]) if nxt else 0)
