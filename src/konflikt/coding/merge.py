"""Merging inside an article: the headline (or a crosshead) and the body reporting the same
event or figure give one record; the body's evidence and sources are kept and the headline's
evidence is added under field_evidence['headline'] (or 'crosshead')."""

from __future__ import annotations

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
    if a.location is None or b.location is None:
        return True
    if a.location.geonameid and b.location.geonameid:
        return a.location.geonameid == b.location.geonameid
    return (a.location.name or a.location.text) == (b.location.name or b.location.text)


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
