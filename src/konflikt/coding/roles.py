"""ACLED's roles for crowds and arrests (moved out of stages/events.py to keep it small): in
protests and riots the crowd is actor1 and a force acting on it actor2; in arrests the arresting
state force is actor1."""

from __future__ import annotations

from konflikt.coding import arguments as args
from konflikt.coding.spans import NOENTRY as _NOENTRY
from konflikt.coding.taxonomy import event_type
from konflikt.coding.triggers import Hit
from konflikt.document import ActorMention, ActorRef, Document, Record


def acled_roles(doc: Document, sub: str, a1, a2, place, h: Hit):
    """ACLED's roles: in protests and riots the crowd is actor1 ('Protesters (Kenya)',
    'Rioters (Chile)' when the text names none) and a force acting on it actor2; in
    arrests the arresting state force is actor1 and the arrested actor2."""
    inter = lambda a: (args.entry_of(a) or _NOENTRY).inter or a.inter  # noqa: E731
    et = event_type(sub)
    if et in ("Protests", "Riots"):
        if a1 is not None and inter(a1) not in (5, 6):
            if a2 is None and inter(a1) in (1, 3, 8) and sub != "Peaceful protest":
                a2 = a1
            a1 = None
        if a1 is None and place is not None and place.country_code:
            country = args.country_name(place.country_code)
            if country:
                kind = "Rioters" if et == "Riots" else "Protesters"
                a1 = ActorMention(text=doc.text[h.char_start:h.char_end], start=h.char_start,
                                  end=h.char_end, name=f"{kind} ({country})",
                                  inter=5 if et == "Riots" else 6, country=place.country_code)
    elif sub == "Arrests" and (a1 is None or inter(a1) != 1):
        # (no arresting actor named: the police of the event's country, dev4 506 pattern)
        if a2 is not None and inter(a2) == 1:
            a1, a2 = a2, a1
        elif place is not None and place.country_code:
            police = args.country_force(place.country_code, None, "Police Forces of {country}")
            if police is not None:
                a1, a2 = police, a1
    return a1, a2


def crowd_actor_after_merge(e: Record) -> None:
    """A crowd event that took its type from a folded mention keeps ACLED's roles: the
    crowd is actor1, a force acting on it actor2."""
    if e.event_type == "Riots" and e.actor1 is not None and e.actor1.name.startswith("Protesters ("):
        # a protest folded into a riot: the crowd we named rioted
        e.actor1 = ActorRef("Rioters (" + e.actor1.name[len("Protesters ("):], e.actor1.text, 5,
                            e.actor1.span)
    if e.event_type not in ("Protests", "Riots") or e.actor1 is None or e.actor1.type in (5, 6):
        return
    cc = e.location.country_code if e.location is not None else None
    country = args.country_name(cc)
    if country is None:
        return
    if e.actor2 is None and e.actor1.type in (1, 3, 8) and e.sub_event_type != "Peaceful protest":
        e.actor2 = e.actor1
    kind = "Rioters" if e.event_type == "Riots" else "Protesters"
    trig = e.field_evidence.get("trigger")
    e.actor1 = ActorRef(f"{kind} ({country})", trig.text if trig else "", 5 if kind == "Rioters" else 6,
                        [trig.start, trig.end] if trig else None)
