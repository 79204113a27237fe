"""Arguments of a record: who acted, against whom, where, when, how many were killed.

Each picker reads the mentions the other stages put on the document and works when their
lists are empty (the field stays empty, or falls back as documented below).
"""

from __future__ import annotations

import re

from collections import Counter
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta

from konflikt.actors import ActorEntry, load_registry
from konflikt.coding.text import Tok, paragraph_bounds
from konflikt.coding.place_scope import Scope, attached, detached
from konflikt.document import (ActorMention, Attribution, DateValue, Document, Fatalities,
                               PlaceMention, Quantity, TimeMention)

PASSIVE_AUX = frozenset({"ble", "blir", "blitt", "er", "var", "har", "hadde", "bli", "være",
                         "was", "were", "been", "is", "are"})
AGENT_PREPS = ("ledet av", "av", "led by", "by")
TARGET_PREPS = ("mot", "against", "on")


@dataclass
class Span:
    start: int
    end: int


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


# ------------------------------------------------------------------------------------------
# Actors
# ------------------------------------------------------------------------------------------


def event_actors(doc: Document, start: int, end: int, locatives: frozenset[str]) -> list[ActorMention]:
    """Actors that may fill an event role in doc.text[start:end]: no media or persons who only
    report, no country name used as a place ('i Irak')."""
    registry = load_registry()
    out = []
    for a in doc.actors:
        if not (start <= a.start and a.end <= end):
            continue
        entry = registry.get(a.registry_id)
        if entry is not None and entry.is_source_only:
            continue
        # 'i (nordlige) Irak', 'i Syria og Irak': a locative up to three words back
        before = [w.casefold() for w in doc.text[max(0, a.start - 30):a.start].split()[-3:]]
        bare_country = entry is not None and entry.id.endswith(":military") and (
            any(x in country_names() for x in (
                a.text.casefold().rstrip("s"), "de " + a.text.casefold(), "the " + a.text.casefold()))
            # ('aust i Kongo': a short name CLDR lacks, resolved as a country by the places stage)
            or any(p.start == a.start and p.end == a.end and (p.precision or 0) >= 6 for p in doc.places))
        if bare_country and (set(before) & locatives or a.text.endswith("s")):
            continue  # 'i (nordlige) Irak' is a place; 'Saudi-Arabias oljeproduksjon' a possessor
        out.append(a)
    return out


def in_attribution(a: ActorMention, atts: list[Attribution]) -> bool:
    return any(_overlaps(a.start, a.end, t.source_start, t.source_end) and t.cue != "ifølge"
               for t in atts)


SUBJ_DEPS = frozenset({"SUBJ", "nsubj", "csubj", "FSUBJ"})
PASS_SUBJ_DEPS = frozenset({"nsubj:pass", "csubj:pass"})
OBJ_DEPS = frozenset({"DOBJ", "obj", "IOBJ", "iobj"})
AGENT_DEPS = frozenset({"obl:agent", "obl", "ADV"})
AUX_PASSIVE = frozenset({"ble", "blir", "bli", "blitt", "vart", "vert", "vorte", "was", "were",
                         "been", "be", "is", "are"})


def _mention_in(tok, actors: list[ActorMention]) -> ActorMention | None:
    """The actor mention a parse node stands for: one inside its subtree, nearest the node."""
    lo = tok.left_edge.idx
    hi = tok.right_edge.idx + len(tok.right_edge.text)
    inside = [a for a in actors if lo <= a.start and a.end <= hi]
    return min(inside, key=lambda a: abs(a.start - tok.idx)) if inside else None


def roles_from_parse(doc: Document, actors: list[ActorMention],
                     trig_start: int) -> tuple[ActorMention | None, ActorMention | None] | None:
    """actor1/actor2 from the dependency parse, when the model gives one and it names an
    actor as the trigger verb's subject, object or agent; None to fall back on word order.
    Accepts NDT (SUBJ, DOBJ) and UD (nsubj, obj, obl:agent) labels."""
    sdoc = doc.spacy_doc
    try:
        if sdoc is None or not sdoc.has_annotation("DEP"):
            return None
    except Exception:  # noqa: BLE001 - not a spaCy Doc
        return None
    verb = next((t for t in sdoc if t.idx == trig_start), None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    heads = [verb] + ([verb.head] if verb.head.lower_ in AUX_PASSIVE else [])
    passive = verb.head.lower_ in AUX_PASSIVE or any(
        c.lower_ in AUX_PASSIVE and c.i < verb.i for c in verb.children)
    subj = obj = agent = None
    for h in heads:
        for c in h.children:
            if c.dep_ in SUBJ_DEPS | PASS_SUBJ_DEPS and subj is None:
                subj = _mention_in(c, actors)
                passive = passive or c.dep_ in PASS_SUBJ_DEPS
            elif c.dep_ in OBJ_DEPS and obj is None:
                obj = _mention_in(c, actors)
            elif c.dep_ in AGENT_DEPS and c.lower_ in ("av", "by") and agent is None:
                agent = next((_mention_in(g, actors) for g in c.children), None)
            elif c.dep_ == "obl:agent" and agent is None:
                agent = _mention_in(c, actors)
    if passive:
        a1, a2 = agent, subj
    else:
        a1, a2 = subj, obj
    if a1 is None and a2 is None:
        return None
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


def assign_roles(doc: Document, actors: list[ActorMention], trig_start: int, trig_end: int,
                 toks: list[Tok]) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 (who acted) and actor2 (against whom) by order and prepositions.

    Passive ('ble drept av X'): X acts, the subject suffers. 'ledet av X': X acts. 'mot Y': Y is
    the target. Otherwise the first actor before the trigger acts and the first after it is
    the target; with no actor before a finite verb (Norwegian V2: 'I juni tok IS over Mosul'),
    an actor right after it is its subject. Civilians are never actor1. `trig_end` is the end
    of the trigger's first word (a sequence 'tok ... over' has its subject inside).
    """
    if not actors:
        return None, None
    parsed = roles_from_parse(doc, actors, trig_start)
    if parsed is not None and parsed[0] is not None and not is_civilian(parsed[0]):
        return parsed  # the parse named who acted; order and prepositions are the fallback
    low = doc.text.casefold()
    a1 = a2 = None
    for a in actors:
        if a1 is None and low[max(0, a.start - 10):a.start].rstrip().endswith(("ledet av", "led by")):
            a1 = a
    idx = next((k for k, t in enumerate(toks) if t.start >= trig_start), len(toks))
    trig = toks[idx] if idx < len(toks) else None
    participle = trig is not None and trig.lower != trig.alt and trig.lower.endswith(("t", "d"))
    # 'ble drept', and 'ble to av lederne, X og Y, drept': an auxiliary up to a dozen words back
    # (not the acronym 'IS', which is no English 'is')
    passive = any(t.lower in PASSIVE_AUX and not t.text.isupper()
                  for t in toks[max(0, idx - 3):idx]) or (
        participle and any(t.lower in {"ble", "blir", "blitt", "vart", "vorte"}
                           for t in toks[max(0, idx - 14):idx]))
    before = [a for a in actors if a.end <= trig_start]
    after = [a for a in actors if a.start >= trig_end]
    for a in after:
        words = low[max(0, a.start - 25):a.start].split()
        if a2 is None and a is not a1 and any(w in TARGET_PREPS for w in words[-3:]):
            a2 = a
        if a1 is None and passive and words and words[-1] in ("av", "by"):
            a1 = a
    if passive:
        if a2 is None and before and before[-1] is not a1:
            a2 = before[-1]
    else:
        pair = _coordinated_subjects(before, low)
        if a1 is None and a2 is None and pair is not None:
            a1, a2 = pair  # 'Hæren og IS kjempet': both sides, in the order written
        if a1 is None and before:
            # a named group over a generic word ('militante fra Maute-gruppen')
            a1 = next((a for a in before if not is_generic(a)), before[0])
        if a1 is None and after and after[0].start - trig_end <= 40 and after[0] is not a2:
            a1 = after[0]
    if a2 is None:
        a2 = next((a for a in after if a is not a1 and (a1 is None or a.name != a1.name)), None)
    if a1 is None and a2 is not None and not (set(low[max(0, a2.start - 25):a2.start].split()[-3:])
                                              & set(TARGET_PREPS)):
        a1, a2 = a2, None  # a lone actor named without 'mot' is more often the agent
    if a1 is not None and is_civilian(a1):
        a1, a2 = (a2, a1) if a2 is not None and not is_civilian(a2) else (None, a1)
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


_COORD = ("og", "and", "och", "samt")


def _coordinated_subjects(before: list[ActorMention], low: str
                          ) -> tuple[ActorMention, ActorMention] | None:
    """The last two actors before the verb when joined by 'og' ('Den irakiske hæren og
    IS-krigere kjempet'), neither of them civilians, with different names."""
    for x, y in zip(before[-2:-1], before[-1:]):
        if low[x.end:y.start].strip() in _COORD and x.name != y.name and not (
                is_civilian(x) or is_civilian(y)):
            return x, y
    return None


GENERIC_IDS = frozenset({"rebels", "militants", "gunmen", "suicide_bomber", "civilians"})


def is_generic(a: ActorMention) -> bool:
    return a.registry_id in GENERIC_IDS or (a.registry_id or "").endswith(":military") and \
        " " not in a.text


def is_fighting_force(a: ActorMention) -> bool:
    """Armed forces and armed groups (not governments, police or civilians)."""
    e = load_registry().get(a.registry_id)
    if e is None:
        return False
    return e.inter in (2, 3, 4, 8) or (e.inter == 1 and e.canonical.startswith("Military"))


def force_nouns(lang: str) -> dict[str, str]:
    """Bare force nouns ('hæren', 'politiet') -> canonical template, from actors_forces.tsv,
    plus the bare words of events.toml's `bare_forces`."""
    from konflikt.langdata import read_toml, read_tsv

    # A weapon names its state only with a country word ('russiske droner'); alone ('raketten
    # slo ned') it says nothing of who fired it, so it is no bare force of the event's country.
    lex = read_toml(lang, "events.toml")
    weapons = set(lex.get("weapons", [])) | set(lex.get("air_agents", []))
    out = {}
    for row in read_tsv("en" if lang == "en" else "nb", "actors_forces.tsv"):
        if int(row["inter"]) == 1 and row["noun"] not in weapons:
            out[row["noun"]] = row["role"]
    for word, role in lex.get("bare_forces", {}).items():
        out[word] = role
    return out


def bare_force(doc: Document, toks: list[Tok], country_code: str,
               nouns: dict[str, str]) -> ActorMention | None:
    """A definite force noun with no country named ('hæren', 'politiet', 'en militæroperasjon')
    stands for the forces of the event's country."""
    names = {r["code"]: r["en_name"] for r in _countries()}
    if country_code not in names:
        return None
    for t in toks:
        role = nouns.get(t.lemma) or nouns.get(t.alt)
        if role is None or t.lower == t.alt and t.alt not in nouns_always():
            continue
        if any(a.start <= t.start < a.end for a in doc.actors):
            continue  # part of a named actor ('den irakiske hæren')
        canonical = role.format(country=names[country_code])
        return ActorMention(text=t.text, start=t.start, end=t.end, name=canonical, inter=1,
                            country=country_code, registry_id=None)
    return None


def country_name(country_code: str | None) -> str | None:
    """The English name of a country code, as the registry's canonical names use it."""
    return {r["code"]: r["en_name"] for r in _countries()}.get(country_code or "")


def country_force(country_code: str | None, at: PlaceMention | None,
                  pattern: str = "Military Forces of {country}") -> ActorMention | None:
    """The military (or police) of a country, as an actor mention over the words that name the
    country ('et russisk missil' -> Military Forces of Russia); with no words, an empty span."""
    name = country_name(country_code)
    if name is None:
        return None
    text, start, end = (at.text, at.start, at.end) if at is not None else ("", 0, 0)
    return ActorMention(text=text, start=start, end=end, name=pattern.format(country=name), inter=1,
                        country=country_code, registry_id=None)


def nouns_always() -> frozenset[str]:
    # words that name a state force even in the indefinite form
    return frozenset({"militæroperasjon", "regjeringsstyrke", "sikkerhetsstyrke"})


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], ...]:
    from konflikt.actors.registry import _read_table

    return tuple(_read_table("countries.tsv"))


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Country names in every language (CLDR), case-folded: a bare one is a place or a state."""
    from babel import Locale

    out = set()
    for lang in ("nb", "nn", "da", "sv", "en"):
        out.update(n.casefold() for n in Locale.parse(lang).territories.values())
    return frozenset(out)


def is_civilian(a: ActorMention) -> bool:
    e = load_registry().get(a.registry_id)
    return e is not None and e.inter == 7


def dominant_opponent(doc: Document, exclude: str | None, want_state: bool | None,
                      actors: list[ActorMention] | None = None) -> ActorMention | None:
    """The armed actor the article is most about (for a battle's missing side), among
    `actors` (by default every actor mention; event_actors() leaves out countries named as
    places, 'støtte frå Rwanda')."""
    registry = load_registry()
    counts: Counter[str] = Counter()
    first: dict[str, ActorMention] = {}
    for a in doc.actors if actors is None else actors:
        e = registry.get(a.registry_id)
        if e is None or not e.is_armed or a.name == exclude:
            continue
        if want_state is not None and (e.inter == 1) != want_state:
            continue
        counts[a.name] += 1
        first.setdefault(a.name, a)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return first[name] if n >= 2 else None


def entry_of(a: ActorMention | None) -> ActorEntry | None:
    return load_registry().get(a.registry_id) if a is not None else None


# ------------------------------------------------------------------------------------------
# Places
# ------------------------------------------------------------------------------------------


def usable_places(doc: Document, member_cues: list[str],
                  not_place_before: tuple[str, ...] = ()) -> list[PlaceMention]:
    """Resolved places of kind 'place' that are not a coalition member ('som Nederland også
    er med i'), not inside an actor's name ('Syrias demokratiske styrker') and not inside a
    source ('statlig irakisk TV')."""
    from konflikt.coding.text import lemmatize

    low = doc.text.casefold()
    registry = load_registry()
    verbs = _finite_verbs(doc)
    out = []
    for p in doc.places:
        if p.kind != "place" or not p.resolved:
            continue
        # 'Kampene brøt ut', 'Store deler av': a common word capitalised by its position
        prev = doc.text[max(0, p.start - 3):p.start]
        initial = p.start == 0 or prev.strip() == "" and ("\n" in prev or p.start < 3) or \
            prev.rstrip().endswith((".", "!", "?", ":", "–"))
        if initial and " " not in p.text and lemmatize(p.text.casefold(), doc.language or "nb") \
                != p.text.casefold():
            continue
        tail = low[p.end:p.end + 40]
        if any(tail.lstrip().startswith(c) for c in member_cues):
            continue
        head = low[max(0, p.start - 20):p.start].rstrip()
        # (one common noun may stand between: 'på besøk i heimbyen Daura')
        head2 = head.rsplit(" ", 1)[0] if " " in head and doc.text[p.start - 2:p.start - 1].islower() else ""
        if any(head.endswith(c) or (head2 and head2.endswith(c)) for c in not_place_before):
            continue  # 'nær grensen til X', 'på statsbesøk i X': X is not where it happened
        inside = False
        for a in doc.actors:
            if _overlaps(p.start, p.end, a.start, a.end) and (a.end - a.start) > (p.end - p.start) + 1:
                e = registry.get(a.registry_id)
                if e is None or not e.id.endswith(":military") or a.text != p.text:
                    inside = True
                    break
        if inside:
            continue
        if any(_overlaps(p.start, p.end, t.source_start, t.source_end) for t in doc.attributions):
            continue
        if any(0 < p.start - t.source_end <= 5 and low[t.source_end:p.start].strip() in ("i", "på")
               for t in doc.attributions):
            continue  # 'opplyser påtalemyndigheten i Karlsruhe': the source's seat (dev3 307)
        if (p.precision or 0) >= 6 and _country_as_subject(doc, p, verbs):
            continue  # 'siden Tyrkia startet offensiven': the state acts; it is no place
        out.append(p)
    return out


_LOCATIVE = ("i", "på", "ved", "nær", "fra", "til", "mot", "over", "utenfor", "inn", "gjennom",
             "in", "at", "near", "from")


def _finite_verbs(doc: Document) -> dict[int, bool]:
    """Start offset -> True for the model's verbs and auxiliaries (empty without a parse)."""
    sdoc = doc.spacy_doc
    try:
        return {t.idx: True for t in sdoc if t.pos_ in ("VERB", "AUX")} if sdoc is not None else {}
    except Exception:  # noqa: BLE001 - not a spaCy doc: no parts of speech
        return {}


def _country_as_subject(doc: Document, p: PlaceMention, verbs: dict[int, bool]) -> bool:
    """A country named right before a verb and not after a locative preposition is a party
    ('Tyrkia startet', 'Russland avviser'), by metonymy."""
    if not verbs:
        return False
    m = re.match(r"\s+", doc.text[p.end:])
    nxt = p.end + (m.end() if m else 0)
    if not verbs.get(nxt):
        return False
    before = doc.text[max(0, p.start - 12):p.start].split()
    return not (before and before[-1].casefold() in _LOCATIVE)


def _prec(p: PlaceMention) -> int:
    return p.precision if p.precision is not None else 5


def pick_place(doc: Document, places: list[PlaceMention], start: int, end: int, anchor: int,
               locatives: list[str], scope: Scope | None = None) -> PlaceMention | None:
    """The place tied to the event in doc.text[start:end]: the most precise, then one governed
    by a locative preposition, then the nearest to the trigger. Places the parse ties to
    something else (an origin, an actor's attribute, a statement: coding/place_scope.py) are
    not candidates."""
    cands = attached(doc, [p for p in places if start <= p.start and p.end <= end], anchor, scope)
    if not cands:
        return None
    low = doc.text.casefold()

    def governed(p: PlaceMention) -> bool:
        prev = low[max(0, p.start - 14):p.start].rstrip()
        return any(prev.endswith(" " + l) or prev == l for l in locatives)

    return min(cands, key=lambda p: (_prec(p), not governed(p), abs(p.start - anchor)))


def preceding_place(places: list[PlaceMention], before: int, max_prec: int = 3,
                    doc: Document | None = None, scope: Scope | None = None) -> PlaceMention | None:
    """The nearest place named before an offset, city-level or finer (not one the parse ties
    to an actor or an origin, when doc and scope are given)."""
    prior = [p for p in places if p.end <= before and _prec(p) <= max_prec and not (
        doc is not None and scope is not None and detached(doc, p, None, scope))]
    return prior[-1] if prior else None


def _lead_end(doc: Document, title_end: int) -> int:
    """The end of the lead: the first paragraph of the body (the title's end without one)."""
    text = doc.text
    i = text.find("\n", title_end) + 1 if title_end else 0  # the line after the title's
    if title_end and i == 0:
        return title_end  # a title and nothing after it
    while i < len(text):
        a, b = paragraph_bounds(text, i)
        # (a dateline or byline of a few words is not the lead)
        if len(text[a:b].split()) >= 8:
            return b
        i = b + 1
    return title_end


def main_place(doc: Document, places: list[PlaceMention], start: int = 0,
               end: int | None = None) -> PlaceMention | None:
    """The focus of doc.text[start:end] (the article, or a section under a crosshead): the
    most often named city-level place, the title counting double."""
    end = len(doc.text) if end is None else end
    places = [p for p in places if start <= p.start < end]
    title_end = len(doc.title or "") if doc.text.startswith(doc.title or "\0") else 0
    # the lead (the first paragraph after the headline) says where the news is, as the title
    # does: both count double; background paragraphs further down name other towns once each
    lead_end = _lead_end(doc, title_end) if start == 0 else 0
    # one name is one place: 'Beograd' in a headline resolved as the region of the city counts
    # for the city the body names 'Beograd' too
    towns = {p.text.casefold(): p.name or p.text for p in places if _prec(p) <= 3}
    score: Counter[str] = Counter()
    first: dict[str, PlaceMention] = {}
    for p in places:
        key = towns.get(p.text.casefold()) if _prec(p) <= 4 else None
        if key is None:
            continue
        score[key] += 2 if p.start < lead_end else 1
        if _prec(p) <= 3:
            first.setdefault(key, p)
    if not score:
        whole = start == 0 and end == len(doc.text)
        return (places[0] if places else None) if whole else None
    focus = first[score.most_common(1)[0][0]]
    # the focus city must lie in the country the text is about: an article about Hong Kong
    # (a territory, named at country level) that names Beijing once is not about Beijing
    by_cc: Counter[str] = Counter()
    for p in places:
        if p.country_code:
            by_cc[p.country_code] += 2 if p.start < title_end else 1
    if by_cc and focus.country_code and by_cc[focus.country_code] < by_cc.most_common(1)[0][1]:
        top = by_cc.most_common(1)[0][0]
        return next(p for p in places if p.country_code == top)
    return focus


# ------------------------------------------------------------------------------------------
# Dates
# ------------------------------------------------------------------------------------------


def publication_value(doc: Document) -> DateValue:
    if doc.published is None:
        return DateValue(None, None, "unresolved", "", None)
    p = doc.published
    return DateValue(p.start.isoformat(), p.end.isoformat(), p.precision, p.text, None)


def usable_times(doc: Document, anaphoric_days: dict[str, int] | None = None) -> list[TimeMention]:
    """Resolved times, and times that count from the day told before them ('kvelden før',
    'dagen etter': `anaphoric_days`, phrase -> days from that day) resolved against the nearest
    earlier time of day precision (dev3 309 pattern: a rocket attack 'kvelden før' the strike
    told on Thursday was on Wednesday, not the day before publication)."""
    out: list[TimeMention] = []
    from konflikt.langdata import read_toml
    weekdays = {**read_toml("nb", "time.toml").get("weekdays", {}),
                **read_toml("nn", "time.toml").get("weekdays", {})}
    times = [t for t in doc.times if t.kind != "publication"]
    skip: set[int] = set()
    for n, t in enumerate(times):
        if n in skip:
            continue
        if t.start_date and t.end_date:
            nxt = times[n + 1] if n + 1 < len(times) else None
            gap = doc.text[t.end:nxt.start].strip().casefold() if nxt is not None else ""
            if t.kind == "span" and nxt is not None and gap == "til" and nxt.end_date and \
                    t.text.casefold().startswith(("fra ", "frå ")):
                # 'frå søndag til torsdag': the span ends on its second day, not at publication
                # (the times stage reads 'frå søndag' alone: dev5 605 pattern)
                out.append(TimeMention(doc.text[t.start:nxt.end], t.start, nxt.end, t.start_date,
                                       nxt.end_date, "range", "span"))
                skip.add(n + 1)
                continue
            word = doc.text[max(0, t.start - 12):t.start].split()[-1:] if t.precision == "week" else []
            day = weekdays.get(word[0].casefold()) if word else None
            if isinstance(day, int):
                # 'lørdag forrige uke': that day of the week the times stage read (dev5 606)
                d = t.start_date + timedelta(days=day - t.start_date.weekday())
                a = t.start - len(word[0]) - 1
                out = [x for x in out if not (a <= x.start < t.start)]  # the bare 'lørdag' read alone
                out.append(TimeMention(doc.text[a:t.end], a, t.end, d, d, "day", "anchored"))
                continue
        if t.start_date or t.end_date:
            out.append(t)
            continue
        shift = (anaphoric_days or {}).get(t.text.casefold())
        day = next((x for x in reversed(out) if x.precision == "day" and x.end <= t.start), None)
        if shift is not None and day is not None and day.start_date is not None:
            d = day.start_date + timedelta(days=shift)
            out.append(TimeMention(t.text, t.start, t.end, d, d, "day", "anchored"))
    return out


def pick_time(times: list[TimeMention], start: int, end: int, anchor: int) -> TimeMention | None:
    cands = [t for t in times if start <= t.start and t.end <= end]
    if not cands:
        return None
    return min(cands, key=lambda t: abs(t.start - anchor))


def is_background(doc: Document, value: DateValue) -> bool:
    """An event that ended well before the publication date's start is background."""
    if doc.published is None or not value.end:
        return False
    end = date.fromisoformat(value.end)
    slack = timedelta(days=7) if doc.published.precision == "day" else timedelta(0)
    return end < doc.published.start - slack


def is_history(doc: Document, value: DateValue | None, years: int) -> bool:
    """A date that ended more than `years` before publication: history the article recalls
    ('rammet av tyske luftangrep i mai 1942'), not a background event of the news."""
    if doc.published is None or value is None or not value.end or years <= 0:
        return False
    end = date.fromisoformat(value.end)
    start = doc.published.start
    try:
        cutoff = start.replace(year=start.year - years)
    except ValueError:  # 29 February
        cutoff = start.replace(year=start.year - years, day=28)
    return end < cutoff


def period_since(doc: Document, t: TimeMention) -> DateValue:
    """'siden oktober i fjor': from that time's start to the publication date's end."""
    end = doc.published.end.isoformat() if doc.published else None
    start = (t.start_date or t.end_date).isoformat()
    return DateValue(start, end, "range", t.text, [t.start, t.end])


# ------------------------------------------------------------------------------------------
# Fatalities
# ------------------------------------------------------------------------------------------


def fatalities(quantities: list[Quantity], doc: Document, civilian_who: set[str],
               a1: ActorMention | None, a2: ActorMention | None) -> Fatalities | None:
    killed = [q for q in quantities if q.status == "killed"]
    if not killed:
        return None
    f = Fatalities()
    low = doc.text.casefold()
    # 'blant dem tre barn', '19 av dem': a part of a count already made, not more dead
    subset = {id(q) for q in killed if low[max(0, q.start - 14):q.start].rstrip().endswith(
        ("blant dem", "blant disse", "blant dei", "av dem", "av dei", "including"))
        or low[q.end:q.end + 8].lstrip().startswith(("av dem", "av dei"))}
    whole = [q for q in killed if id(q) not in subset]
    open_high = False
    for q in killed:
        if id(q) in subset and whole:
            if q.who in civilian_who:
                n = q.best if q.best is not None else q.low
                f.civilians = (f.civilians or 0) + (n or 0)
            continue
        # totals stay ordered: a count with no high ('minst 32') leaves the total open
        lo = q.low if q.low is not None else q.best
        f.low = (f.low or 0) + lo if lo is not None else f.low
        f.best = (f.best or 0) + q.best if q.best is not None else f.best
        open_high = open_high or q.high is None
        f.high = None if open_high else (f.high or 0) + q.high
        n = q.best if q.best is not None else (q.low if q.low is not None else q.high)
        if n is None:
            continue
        side = None
        # what is counted: the quantities stage's span, else the word after the number
        nxt = doc.text[q.end:q.end + 40].split(maxsplit=1)
        span = q.who_span or (q.start, q.end + 1 + (len(nxt[0]) if nxt else 0))
        for a, key in ((a1, "side_a"), (a2, "side_b")):
            if a is None:
                continue
            if any(_overlaps(span[0], span[1] + 1, m.start, m.end) and m.name == a.name
                   for m in doc.actors):
                side = key
        if q.who in civilian_who:
            f.civilians = (f.civilians or 0) + n
        elif side is not None:
            setattr(f, side, (getattr(f, side) or 0) + n)
        else:
            f.unknown = (f.unknown or 0) + n
    return f
