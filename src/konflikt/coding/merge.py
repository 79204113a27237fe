"""Merging inside an article: the headline (or a crosshead) and the body reporting the same
event or figure give one record; the body's evidence and sources are kept and the headline's
evidence is added under field_evidence['headline'] (or 'crosshead')."""

from __future__ import annotations

import math

from konflikt.document import Count, Record


def _range(c: Count | None) -> tuple[float, float] | None:
    if c is None:
        return None
    vals = [v for v in (c.low, c.best, c.high) if v is not None]
    if not vals:
        return None
    lo, hi = min(vals), max(vals)
    if c.qualifier == "vague" and c.best is None:
        hi = max(hi, lo * 10)  # 'tusener': from a thousand to ten thousand
    return lo, hi


def counts_compatible(a: Count | None, b: Count | None, tolerance: float = 0.15) -> bool:
    """'ti tusen' and 'rundt 10.000' agree; 'opptil 1000' and '4' do not."""
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return False
    return ra[0] <= rb[1] * (1 + tolerance) and rb[0] <= ra[1] * (1 + tolerance)


def _same_place(a: Record, b: Record) -> bool:
    """Same GeoNames id, same name, or within 30 km (a city and its district)."""
    la, lb = a.location, b.location
    if la is None or lb is None:
        return True
    if la.geonameid and la.geonameid == lb.geonameid:
        return True
    if (la.name or la.text) == (lb.name or lb.text):
        return True
    if None in (la.lat, la.lon, lb.lat, lb.lon) or (la.precision or 5) >= 4 or (lb.precision or 5) >= 4:
        return False
    h = (math.sin(math.radians(lb.lat - la.lat) / 2) ** 2 + math.cos(math.radians(la.lat))
         * math.cos(math.radians(lb.lat)) * math.sin(math.radians(lb.lon - la.lon) / 2) ** 2)
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h))) <= 30


def _headline_country(a: Record, b: Record, ma: dict, mb: dict) -> bool:
    """'Over 280 skoleelever bortført i Nigeria' over a body that places the abduction in a
    state of Nigeria: a headline that names only the country (or a sea: 'kapret skip i
    Rødehavet', dev5 604) is at the body's place (dev5 607)."""
    la, lb = a.location, b.location
    if la is None or lb is None or a.sub_event_type != b.sub_event_type:
        return False
    if "headline" not in (ma.get("role"), mb.get("role")):
        return False
    head, body = (la, lb) if ma.get("role") == "headline" else (lb, la)
    return (head.precision or 5) >= 6 and head.country_code in (None, body.country_code)


def _coarser_anaphor(a: Record, b: Record, ma: dict) -> bool:
    """'Angrepet kom ... i Mindanao' after a bombing in Jolo: a definite mention that points
    back, placed only by a region or a country that the other event's town lies in, is that
    event told again (dev6 807, dev5 607 patterns). Same country, and a coarser place."""
    la, lb = a.location, b.location
    if not ma.get("anaphoric") or la is None or lb is None or not la.country_code:
        return False
    if la.country_code != lb.country_code or (la.precision or 5) < 4 or (lb.precision or 5) > 3:
        return False
    # (a region must hold the town: same first-order region when both are known)
    return (la.precision or 5) >= 6 or not (la.admin1 and lb.admin1) or la.admin1 == lb.admin1


def _dates_overlap(a: Record, b: Record) -> bool:
    if a.date is None or b.date is None or not a.date.start or not b.date.start:
        return True
    return a.date.start <= (b.date.end or b.date.start) and b.date.start <= (a.date.end or a.date.start)


def same_report(a: Record, b: Record) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "figure":
        return (a.status == b.status and (a.who == b.who or None in (a.who, b.who))
                and counts_compatible(a.count, b.count))
    return a.sub_event_type == b.sub_event_type and _same_place(a, b) and _dates_overlap(a, b)


def merge_headlines(records: list[Record], roles: dict[str, str]) -> list[Record]:
    """roles: record id -> 'headline' | 'crosshead' | 'body'. Headline and crosshead records
    that repeat a body record are folded into it; those without a body twin stay."""
    body = [r for r in records if roles.get(r.id, "body") == "body"]
    out = list(body)
    for r in records:
        role = roles.get(r.id, "body")
        if role == "body":
            continue
        twin = next((b for b in body if same_report(r, b)), None)
        if twin is None:
            twin = next((b for b in out[len(body):] if same_report(r, b)), None)
        if twin is None:
            out.append(r)
            continue
        key = role if role not in twin.field_evidence else f"{role}_{len(twin.field_evidence)}"
        twin.field_evidence[key] = r.evidence
    out.sort(key=lambda r: r.evidence.start)
    return out


def _same_count(a: Count | None, b: Count | None) -> bool:
    return a is not None and b is not None and a.best is not None and \
        (a.low, a.best, a.high) == (b.low, b.best, b.high)


def _undated(r: Record) -> bool:
    """Dated only by the publication: the text gives the count no time of its own."""
    return r.date is None or not r.date.span


def merge_retold(records: list[Record]) -> list[Record]:
    """A body figure told again later in the body (a recap: 'Oppsummert: 22 døde og 59 skadde
    etter bomben i X mandag') is the figure told first when status, who, count, place and
    date agree; the first keeps its evidence and sources, the retelling's evidence goes to
    field_evidence['retold']. Two counts that differ are two figures."""
    out: list[Record] = []
    for r in records:
        twin = next((f for f in out if r.kind == f.kind == "figure" and f.status == r.status
                     and (f.who == r.who or None in (f.who, r.who))
                     and _same_count(f.count, r.count) and f.background == r.background
                     and _same_place(f, r) and (_dates_overlap(f, r) or _undated(f) or _undated(r))),
                    None)
        if twin is None:
            out.append(r)
            continue
        twin.field_evidence.setdefault("retold", r.evidence)
        names = {s.name for s in twin.sources}
        twin.sources += [s for s in r.sources if s.name not in names]
    return out


# qualifiers of a count that rounds ('over 300', 'minst 300', 'rundt 300'): a later exact count
# that falls inside the rounding is the same figure told precisely
_ROUNDING = {"more_than", "at_least", "approximately"}


def _refines(rough: Record, exact: Record, slack: float) -> bool:
    """'Over 300 elevar er sakna' and later '333 elevar ... ikkje er gjort greie for': the exact
    count lies where the rough one points (at or above its floor, within `slack` of it; near it
    for 'rundt') with the same status and who."""
    a, b = rough.count, exact.count
    if a is None or b is None or a.qualifier not in _ROUNDING or b.qualifier != "exact":
        return False
    if rough.status != exact.status or not (rough.who == exact.who or None in (rough.who, exact.who)):
        return False
    n, base = b.best, (a.low if a.low is not None else a.best)
    if n is None or not base or base % 10:
        return False  # only a round number rounds ('over 300', not 'minst 23')
    if a.qualifier == "approximately":
        return abs(n - base) <= base * 0.15 and n != base
    return base <= n <= base * (1 + slack) and n != base


def _not_later(rough: Record, exact: Record) -> bool:
    """The rough count is told of the time of the exact one or before it ('Over 300 er framleis
    sakna etter åtaket fredag', then '333' told on Sunday): a count can be made precise later,
    never earlier. A count the text does not date is the state at publication."""
    if rough.date is None or exact.date is None or not rough.date.start or not exact.date.start:
        return True
    if not rough.date.span:
        return True  # dated only by the publication: told as the state now
    return rough.date.start <= (exact.date.end or exact.date.start)


def merge_refined(records: list[Record], slack: float = 0.25) -> list[Record]:
    """A rounded figure and a later exact count of it are one figure (dev3 301 pattern): the
    exact record stays with its own evidence and sources; the rounded one's evidence is kept
    under field_evidence['rounded'] (and its headline, when it had one)."""
    out = list(records)
    for r in records:
        if r.kind != "figure" or r not in out:
            continue
        later = next((x for x in out if x is not r and x.kind == "figure"
                      and x.evidence.start > r.evidence.start and _refines(r, x, slack)
                      and _not_later(r, x)), None)
        if later is None:
            continue
        later.field_evidence.setdefault("rounded", r.evidence)
        for k, v in r.field_evidence.items():
            if k in ("headline", "crosshead") or k.startswith(("headline_", "crosshead_")):
                later.field_evidence.setdefault(k, v)
        for key in ("location", "date", "actor1"):
            if getattr(later, key) is None and getattr(r, key) is not None:
                setattr(later, key, getattr(r, key))
        out.remove(r)
    return out


_CROWD = {"Protests", "Riots"}
# crowd events that are the same event as a riot at the same place and date (a protest that
# turns violent; police tear gas against the rioters); deadly force on protesters is its own
_FOLDS_INTO_RIOT = {"Peaceful protest", "Protest with intervention"}
_SEVERITY = {"Peaceful protest": 1, "Protest with intervention": 2, "Excessive force against protesters": 3}


def _fold(primary: Record, other: Record, meta: dict[str, dict] | None = None) -> None:
    """Fill the primary's empty fields from the other record and keep its evidence. A field
    filled from a looser mention gives way to one from a mention of the same sub-event type;
    a generic primary ('angrep') takes the other's more specific type."""
    if {primary.event_type, other.event_type} == _CROWD and other.event_type == "Riots" and \
            primary.sub_event_type in _FOLDS_INTO_RIOT:
        # a demonstration that turns violent is one riot (ACLED codes the crowd event once)
        primary.event_type, primary.sub_event_type = other.event_type, other.sub_event_type
    if primary.event_type == other.event_type == "Protests" and \
            _SEVERITY.get(other.sub_event_type, 0) > _SEVERITY.get(primary.sub_event_type, 0):
        # one protest told twice: force on it makes it a protest with intervention, deaths
        # from that force excessive force
        primary.sub_event_type = other.sub_event_type
    pm = (meta or {}).setdefault(primary.id, {})
    om = (meta or {}).get(other.id, {})
    filled = pm.setdefault("filled", set())
    if pm.get("generic") and not om.get("generic"):
        primary.event_type, primary.sub_event_type = other.event_type, other.sub_event_type
        pm["generic"] = False
    same = other.sub_event_type == primary.sub_event_type
    if not pm.get("place_in_text") and om.get("place_in_text") and other.location is not None:
        # a place named in the text beats the article's focus
        primary.location = other.location
        pm["place_in_text"] = True
        if "location" in other.field_evidence:
            primary.field_evidence["location"] = other.field_evidence["location"]
    for key in ("actor1", "actor2", "fatalities", "location"):
        if getattr(other, key) is not None and same and key in filled:
            setattr(primary, key, getattr(other, key))
            filled.discard(key)
            continue
        if getattr(primary, key) is None and getattr(other, key) is not None:
            if not same:
                filled.add(key)
            setattr(primary, key, getattr(other, key))
            if key in other.field_evidence:
                primary.field_evidence[key] = other.field_evidence[key]
    if primary.actor2 is not None and primary.actor1 is not None and \
            primary.actor1.name == primary.actor2.name:
        primary.actor2 = None
    names = {s.name for s in primary.sources}
    primary.sources += [s for s in other.sources if s.name not in names]
    k = sum(1 for key in primary.field_evidence if key.startswith("also"))
    primary.field_evidence[f"also_{k + 1}"] = other.evidence
    primary.confidence = max(primary.confidence, other.confidence)


def _deadly(r: Record) -> bool:
    f = r.fatalities
    return f is not None and any(v for v in (f.low, f.best, f.high))


def _folds_into_riot(a: Record, b: Record) -> bool:
    """A protest and a riot at the same place and date are one riot when the protest is
    peaceful or met with force that killed nobody ('politiet brukte tåregass for å få
    kontroll'); deadly force on protesters is an event of its own (dev3 306 pattern)."""
    crowd = a if a.event_type == "Protests" else b
    return crowd.sub_event_type in _FOLDS_INTO_RIOT and not (
        crowd.sub_event_type != "Peaceful protest" and _deadly(crowd))


def merge_events(records: list[Record], meta: dict[str, dict]) -> list[Record]:
    """One record per event told several times in an article (ACLED's unit: one event type,
    place and date). A later mention folds into an earlier one of the same event type at the
    same place when their dates agree or one has no date of its own; a definite noun
    ('angrepet', 'raketten') folds into any event at that place. The primary is the mention
    with its own date, then the body over the headline, then the earlier."""
    kept: list[Record] = []
    for r in records:
        m = meta.get(r.id, {})
        target = loose_target = None
        for t in reversed(kept):  # the nearest earlier mention first, as anaphora go
            tm = meta.get(t.id, {})
            # a later mention that tells nothing of its own (no date, no place in the text, no
            # dead: 'Vi behandler dette som et terrorangrep') names the event told before it
            # (an arrest or another strategic development is its own event even so)
            bare = not m.get("own_date") and not m.get("place_in_text") and r.fatalities is None \
                and "Strategic developments" not in (r.event_type, t.event_type)
            # a headline with no date of its own sums up the body's event at its place
            # ('Væpnede menn stormet TV-studio' over an attack on the studio, dev4 506)
            headline = tm.get("role") == "headline" and not tm.get("own_date")
            loose = bare or headline or any(x.get(k) for x in (m, tm) for k in ("anaphoric", "generic"))
            # a definite mention placed only by the article's focus may be anywhere in it
            placeless = ((m.get("anaphoric") and not m.get("place_in_text")) or (
                tm.get("anaphoric") and not tm.get("place_in_text"))) and \
                m.get("section") == tm.get("section")
            same_place = _same_place(r, t) or _headline_country(r, t, m, tm) or \
                _coarser_anaphor(r, t, m) or _coarser_anaphor(t, r, tm)
            if not same_place and not placeless:
                continue
            dated_both = m.get("own_date") and tm.get("own_date")
            if dated_both and not _dates_overlap(r, t):
                continue
            if r.background != t.background and not (
                    same_place and (m.get("anaphoric") and not m.get("own_date")
                                    or tm.get("anaphoric") and not tm.get("own_date"))):
                continue  # a recalled event and today's are two events
            same_kind = r.sub_event_type == t.sub_event_type or (
                r.event_type == t.event_type and r.event_type != "Strategic developments") or (
                # a protest that turns violent is one riot; police force on protesters
                # ('skjøt mot demonstranter') and protesters storming a building are two
                {r.event_type, t.event_type} == _CROWD and _folds_into_riot(r, t))
            if r.sub_event_type == "Arrests" != t.sub_event_type:
                continue  # the later arrest of suspects is an event of its own (dev4 503/506)
            if t.sub_event_type == "Arrests" != r.sub_event_type and r.fatalities is not None:
                continue  # nor does the arrest take in dead told after it (dev4 506 pattern)
            if {r.event_type, t.event_type} == _CROWD and not _folds_into_riot(r, t):
                continue  # deadly force on protesters and a riot: two events, even told loosely
            if same_kind or loose:
                # a definite mention placed by the focus only folds into the nearest event of
                # its own type when there is one ('Missilet skal ha blitt avfyrt ...' into the
                # missile strike, not into 'og i Raqqa ble en skole rammet' between them)
                if m.get("anaphoric") and not m.get("place_in_text") and \
                        r.sub_event_type != t.sub_event_type and any(
                            k.sub_event_type == r.sub_event_type and _dates_overlap(r, k)
                            for k in kept):
                    continue
                if not same_kind:
                    # a loose mention nearer by (a reaction's 'angrepet') gives way to an
                    # earlier mention of the same kind: a recap ('Oppsummert: 22 døde etter
                    # bomben i X') is the event told first, not the reaction before it
                    loose_target = loose_target or t
                    continue
                target = t
                break
        target = target or loose_target
        if target is None:
            kept.append(r)
            continue
        tm = meta.get(target.id, {})
        rank_r = (bool(m.get("own_date")), not m.get("generic"), m.get("role") == "body")
        rank_t = (bool(tm.get("own_date")), not tm.get("generic"), tm.get("role") == "body")
        if rank_r > rank_t:
            kept[kept.index(target)] = r
            _fold(r, target, meta)
        else:
            _fold(target, r, meta)
    return kept
