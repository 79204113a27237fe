"""Whether a place named near a trigger belongs to the event, read from the dependency parse.

Word lists ('er fra', 'støtte fra', 'pressekonferanse i' in `not_place_before`) catch the
phrasings someone has met; the parse catches the structure behind them, whatever the words.
A place is *detached* from the event told at a trigger when the parse ties it to something
else:

  origin     'fra X' / 'frå X' modifying a noun that is not the trigger: where a person, a
             weapon or support comes from ('en 19-åring fra Tromsø', 'støtte fra Rwanda')
  attribute  inside a relative or participle clause on an actor ('M23, som får støtte fra
             Rwanda, ...', 'Buhari, som sjølv er frå Katsina, ...'): it describes the actor
  statement  attached to a verb of saying or reacting that governs the trigger's clause from
             above ('sa utenriksministeren i Ankara at ...', 'fordømte i New York angrepet'):
             where it was said, not where it happened

The parser uses the Norwegian Dependency Treebank's labels (ATR attribute, PUTFYLL object of
a preposition, SBU subjunction); a document without a parse has no detached places, so every
rule here only ever removes candidates the parse clearly sets apart. Word lists per language
(`origin_prepositions`, and the reporting and reaction verbs the events stage already reads)
live in lang/<code>/events.toml and attribution.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from konflikt.document import Document, PlaceMention

_VERBS = ("VERB", "AUX")


@dataclass(frozen=True)
class Scope:
    """The words the rules need, per language."""
    origin_preps: frozenset[str]
    saying_verbs: frozenset[str]   # lemmas and forms of reporting and reaction verbs


def _token_at(sdoc, offset: int):
    """The token covering a character offset (None outside the text)."""
    for t in sdoc:
        if t.idx <= offset < t.idx + len(t.text):
            return t
    return None


def _ancestors(tok) -> list:
    """tok's heads up to the root (tok itself excluded)."""
    out, seen = [], {tok.i}
    while tok.head.i not in seen:
        tok = tok.head
        seen.add(tok.i)
        out.append(tok)
    return out


def _says(tok, scope: Scope) -> bool:
    return tok.pos_ in _VERBS and bool({tok.lemma_.casefold(), tok.text.casefold()} & scope.saying_verbs)


def _actor_at(doc: Document, tok) -> bool:
    """The token lies in an actor mention or a person's name (what a relative clause about an
    actor hangs on)."""
    if any(a.start <= tok.idx < a.end for a in doc.actors):
        return True
    return tok.ent_type_ in ("PER", "ORG", "GPE_ORG")


def detached(doc: Document, place: PlaceMention, anchor: int | None, scope: Scope) -> str | None:
    """Why the place is not the event's place ('origin', 'attribute', 'statement'), or None.
    anchor: the character offset of the trigger; None for a place read on its own (a place
    named before the trigger's sentence): then only 'origin' and 'attribute' apply."""
    sdoc = doc.spacy_doc
    if sdoc is None:
        return None
    try:
        p = _token_at(sdoc, place.start)
        t = _token_at(sdoc, anchor) if anchor is not None else None
    except Exception:  # noqa: BLE001 - not a spaCy doc: no parse to read
        return None
    if p is None or (anchor is not None and (t is None or p.i == t.i)):
        return None
    # a multi-word name hangs on its first word ('New' <- 'York' FLAT): climb to the name's head
    while p.dep_ == "FLAT" and p.head.i != p.i and place.start <= p.head.idx < place.end:
        p = p.head
    t_up = ([t] + _ancestors(t)) if t is not None else []
    t_ids = {x.i for x in t_up}
    # the place's path up to the lowest common ancestor with the trigger (to the root without one)
    path, lca = [], None
    for a in _ancestors(p):
        if a.i in t_ids:
            lca = a
            break
        path.append(a)
    if t is not None and lca is None:
        return None  # two sentences as the parser saw them: nothing to say
    head = p.head if p.head.i != p.i else None
    if head is not None and head.pos_ == "ADP" and head.text.casefold() in scope.origin_preps \
            and head.head.pos_ in ("NOUN", "PROPN", "PRON") and head.head.i not in t_ids:
        return "origin"
    for a in path:
        if a.pos_ in _VERBS and a.dep_ == "ATR" and _actor_at(doc, a.head):
            return "attribute"
    if lca is not None and lca.i != t.i and _says(lca, scope):
        return "statement"
    return None


def attached(doc: Document, places: list[PlaceMention], anchor: int, scope: Scope | None) -> list[PlaceMention]:
    """The places not detached from the trigger at `anchor` (all of them without a scope)."""
    if scope is None:
        return places
    return [p for p in places if detached(doc, p, anchor, scope) is None]


def same_place(doc: Document, places: list[PlaceMention], start: int, end: int,
               same_words: frozenset[str], scope: Scope | None = None) -> PlaceMention | None:
    """'i same by', 'på den same flyplassen', 'på samme sted': a place told before. The last
    earlier mention of the noun that names its place right after it ('flyplassen i Juliaca'),
    else the last town named before the sentence (not an origin or an actor's attribute).
    None when doc.text[start:end] has no such phrase."""
    if not same_words:
        return None
    words = "|".join(re.escape(w) for w in sorted(same_words, key=len, reverse=True))
    m = re.search(rf"\b(?:{words})\s+(\w+)", doc.text[start:end], re.IGNORECASE)
    if m is None:
        return None
    towns = [p for p in places if p.end <= start and (p.precision if p.precision is not None else 5) <= 3
             and not (scope is not None and detached(doc, p, None, scope))]
    if not towns:
        return None
    noun = m.group(1).casefold()
    stem = noun[:max(2, len(noun) - 3)]
    before = doc.text[:start].casefold()
    for hit in reversed(list(re.finditer(rf"\b{re.escape(stem)}\w*", before))):
        after = next((p for p in towns if 0 <= p.start - hit.end() <= 25), None)
        if after is not None:
            return after
    return towns[-1]
