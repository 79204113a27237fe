"""Which counts of a document become figure records (issue 6).

Moved out of stages/events.py: the events stage decides whether an article may have figures at
all and which sentences tell a nationwide toll; this module picks the counts (coordinated counts
share a status, repeated or split counts are no new figure, one event's dead stay on the event)
and builds their records with ``coding.figures.figure_record``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from konflikt.coding.figures import any_word, cumulative_for, figure_record
from konflikt.coding.text import paragraph_bounds
from konflikt.coding.triggers import Lexicon, hedged, is_caption
from konflikt.document import Document, PlaceMention, Record, Sentence, TimeMention


def cumulative_cues(lex: Lexicon) -> tuple[list[str], list[str]]:
    """(cues, breaks): words that make a killed count a running toll, and clause openers that
    cut a cue off from the count after them (events.toml)."""
    return (list(lex.filters.get("cumulative_cues", [])),
            list(lex.filters.get("cumulative_breaks", [])))


def coordinated(text: str, quantities: list) -> list:
    """'Rundt 160 soldater og politifolk og 47 sivile er blant de døde': a count with no
    status joined by 'og' to a count with one shares it (the quantities stage gives the
    status to the count next to the verb)."""
    out = list(quantities)
    for i in range(len(out) - 1, -1, -1):  # from the verb back: 'Tolv ... og ti ..., drept'
        q = out[i]
        if q.status is not None:
            continue
        for r in out[i + 1:i + 3]:
            gap = text[q.end:r.start]
            joined = " og " in f" {gap} " or "blant dem" in gap or "blant dei" in gap
            if r.status and len(gap) < 40 and joined and not any(c in gap for c in ".;:!?"):
                out[i] = replace(q, status=r.status, status_text=r.status_text,
                                 status_span=r.status_span)
                break
    # 'elleve personer er pågrepet, blant dem fire som skal ha deltatt i angrepet': a part
    # named after 'blant dem' has the status of the whole; a verb in its relative clause
    # says who they are (dev5 603 pattern)
    for i in range(1, len(out)):
        p, q = out[i - 1], out[i]
        gap = text[p.end:q.start].casefold()
        span = getattr(q, "status_span", None)
        if p.status and q.status != p.status and span and len(gap) < 60 and \
                re.search(r"blant (?:dem|dei|disse|desse)\s*$", gap) and \
                " som " in f" {text[q.end:span[0]].casefold()} ":
            out[i] = replace(q, status=p.status, status_text=p.status_text, status_span=p.status_span)
    return out


def not_a_new_count(text: str, q, filters: dict, earlier: list | None = None) -> bool:
    """Counts that report no new figure: an article read as a number ('Ein væpna mann'),
    a count named before ('Av de 52 pågrepne'), a part of the count before ('to av dem'),
    or a count in another clause than its status verb ('52 ble pågrepet etter at tusenvis
    ... stormet'). `earlier`: the document's quantities (a count after 'de' repeats one of them)."""
    f = filters
    earlier = earlier or []
    if q.text.casefold() in set(f.get("figure_not_counts", [])):
        return True
    before = text[max(0, q.start - 12):q.start].casefold().split()
    if before and before[-1] in set(f.get("figure_anaphora_before", [])) and any(
            e.end <= q.start and e.best is not None and e.best == q.best for e in earlier):
        # 'Av de 52 pågrepne' repeats a count named before; 'Alle de 13 inntrengerne ble
        # pågrepet' names it for the first time (dev4 506 pattern)
        return True
    span = getattr(q, "status_span", None)
    after = text[q.end:q.end + 40].casefold()
    # 'ble 14 skadet, og to av dem er på sykehus' (part of the count before, its status
    # borrowed); but 'Omkring 1000 av dem ble pågrepet' reports a count with its own verb
    if span and span[1] <= q.start and any(re.match(rf"\s*(?:\w+\s+)?{re.escape(c)}\b", after)
                                           for c in f.get("figure_subset_after", [])):
        return True
    if span and span[1] <= q.start:
        gap = f" {text[span[1]:q.start].casefold()} "
        if any(f" {c} " in gap for c in f.get("figure_subordinators", [])):
            return True
    return False


def sources_of_split(doc: Document, sent: Sentence, earlier: list[Record],
                     filters: dict) -> list:
    """A count told as part of a count named before ('Av de 52 pågrepne ble 47 ...') comes
    from the same report: it takes the sources of the earlier figure of that count."""
    anaphora = set(filters.get("figure_anaphora_before", []))
    for q in doc.quantities:
        if not (sent.start <= q.start < sent.end) or q.best is None:
            continue
        before = doc.text[max(0, q.start - 12):q.start].casefold().split()
        if not before or before[-1] not in anaphora:
            continue
        for r in earlier:
            if r.count is not None and r.count.best == q.best and r.sources:
                return list(r.sources)
    return []


def since_the_strike(doc: Document, lex: Lexicon, sents: list[Sentence], sent: Sentence, killed: list,
                     times: list[TimeMention], mlem: dict) -> bool:
    """'Natt til torsdag ble boliger i Gaza truffet av luftangrep. Over 70 er drept siden
    avtalen ble kjent': dead counted only 'since' something, right after a strike told in the
    same paragraph and dated within two days of publication, are that strike's (dev5 609)."""
    from konflikt.coding.text import tokenize
    from konflikt.coding.triggers import find_triggers
    cues, breaks = cumulative_cues(lex)
    since = list(lex.filters.get("since_cues", []))
    other = [c for c in cues if c not in since]
    if not since or doc.published is None or any(
            cumulative_for(sent.text, q.start - sent.start, other, breaks) for q in killed):
        return False
    k = sents.index(sent)
    p0, _ = paragraph_bounds(doc.text, sent.start)
    if k == 0 or sents[k - 1].start < p0:
        return False
    prev = sents[k - 1]
    strike = any(h.spec.event_type == "Explosions/Remote violence" and not h.spec.weak
                 for h in find_triggers(tokenize(doc, prev.start, prev.end, mlem), lex))
    pub = doc.published.start
    return strike and any(prev.start <= t.start < prev.end and t.start_date is not None
                          and 0 <= (pub - t.start_date).days <= 2 for t in times)


def spread_tolls(doc: Document, lex: Lexicon, sents: list[Sentence]) -> set[int]:
    """Start offsets of killed counts that are the toll of violence said to spread over an
    area ('Gjengvolden spredte seg over store deler av byen. Åtte mennesker ble drept i byen, og
    ...'): the dead of many incidents, a killed figure and no one event's fatalities (dev4 506
    pattern). The counts of the spreading sentence and of the first clause of the sentence right
    after it in the same paragraph count; a later clause ('og to politifolk ble drept i
    nabobyen') tells an incident of its own."""
    cues = list(lex.filters.get("spread_cues", []))
    breaks = [", og ", ", men ", "; "]
    out: set[int] = set()
    if not cues:
        return out
    for k, sent in enumerate(sents):
        low = sent.text.casefold()
        if not any_word(low, cues):
            continue
        spans = [(sent.start, sent.end)]
        p0, p1 = paragraph_bounds(doc.text, sent.start)
        if k + 1 < len(sents) and sents[k + 1].end <= p1:
            nxt = sents[k + 1]
            nlow = nxt.text.casefold()
            cut = min([i for i in (nlow.find(b) for b in breaks) if i >= 0] or [len(nlow)])
            spans.append((nxt.start, nxt.start + cut))
        out.update(q.start for q in doc.quantities if q.status == "killed"
                   and any(a <= q.start < b for a, b in spans))
    return out


def count_figures(doc: Document, lex: Lexicon, sents: list[Sentence], nationwide: set[int],
                  places: list[PlaceMention], times: list[TimeMention], locatives: list[str],
                  fallback_place: Callable[[int], PlaceMention | None], tolls: frozenset[int] = frozenset(),
                  not_tolls: frozenset[int] = frozenset()) -> list[tuple[Record, Sentence]]:
    """Figure records of the document's counts, each with the sentence it was told in.
    A killed count is a figure only as a running toll or in a sentence of `nationwide` (the
    start offsets of sentences whose dead are a nationwide toll); otherwise it is one event's
    fatalities, coded on the event."""
    f = lex.filters
    statuses = set(f.get("figure_statuses", []))
    cues, breaks = cumulative_cues(lex)
    out: list[tuple[Record, Sentence]] = []
    for q in coordinated(doc.text, doc.quantities):
        if q.status not in statuses:
            continue
        sent = next((x for x in sents if x.start <= q.start < x.end), None)
        if sent is None:
            continue
        p0, p1 = paragraph_bounds(doc.text, sent.start)
        if is_caption(doc.text[p0:p1], lex):
            continue
        if not_a_new_count(doc.text, q, f, doc.quantities):
            continue
        # (not_tolls: dead 'since' a strike told just before are its fatalities)
        cumulative = cumulative_for(sent.text, q.start - sent.start, cues, breaks) and q.start not in not_tolls
        if q.status == "killed" and not cumulative and sent.start not in nationwide and q.start not in tolls:
            continue  # one event's fatalities, coded on the event
        rec = figure_record(doc, q, sent.start, sent.end, places, fallback_place(sent.start),
                            times, locatives, cumulative, hedged(sent.text, lex))
        if not rec.sources:
            rec.sources = sources_of_split(doc, sent, [r for r, _ in out], f)
        out.append((rec, sent))
    return out
