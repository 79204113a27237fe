"""Actors stage: actors named in the text, canonicalised through the registry (issue 6).

Needs: text, sentences, entities, language. Adds: actors.

Two strategies, in order: (1) the registry (``konflikt.actors``) finds the actors it knows,
through inflection and compounds; (2) an organisation the analysis model tags (ORG, GPE_ORG)
that the registry lacks still becomes an actor, uncanonicalised (its name is its text), so
that a group unknown to us can fill an event role. Where a generic word stands in apposition
to a named group ('opprørsfronten Syrias demokratiske styrker'), the named group wins.
"""

from __future__ import annotations

from konflikt.actors import load_registry
from konflikt.coding.text import lemmatize
from konflikt.document import ActorMention, Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings

# Entity labels (NorNE) that name organisations able to act.
ACTOR_LABELS = frozenset({"ORG", "GPE_ORG"})
# Registry entries that are generic descriptions; a named group right after them replaces them.
GENERIC = frozenset({"rebels", "militants", "gunmen", "civilians", "protesters"})


def find_actors(doc: Document) -> list[ActorMention]:
    """Registry matches plus model-tagged organisations the registry lacks, sorted by start."""
    registry = load_registry()
    matches = registry.match(doc.text, doc.language or "nb")
    mentions = [ActorMention(text=m.text, start=m.start, end=m.end, name=m.entry.canonical,
                             inter=m.entry.inter, country=m.entry.country,
                             registry_id=m.entry.id) for m in matches]
    kept: list[ActorMention] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (m.registry_id in GENERIC and nxt is not None and nxt.registry_id not in GENERIC
                and 0 <= nxt.start - m.end <= 2):
            continue
        kept.append(m)
    covered = [(m.start, m.end) for m in kept] + [(p.start, p.end) for p in doc.places]
    # a name the places stage resolved as a town anywhere in the text is that town wherever
    # the model calls it an organisation ('Zaranj falt' after 'Zaranj i Nimroz-provinsen')
    towns = {p.text.casefold() for p in doc.places if p.feature_class == "P" and p.resolved}
    lang = doc.language or "nb"
    for ent in doc.entities:
        if ent.label not in ACTOR_LABELS:
            continue
        if any(s < ent.end and ent.start < e for s, e in covered):
            continue  # a registry actor, or a place ('Minsk' tagged as an organisation)
        if ent.text.casefold() in towns:
            continue
        if " " not in ent.text and lemmatize(ent.text.casefold(), lang) != ent.text.casefold():
            continue  # an inflected common word the model took for a name ('Dødstallet')
        kept.append(ActorMention(text=ent.text, start=ent.start, end=ent.end, name=ent.text))
    kept.sort(key=lambda m: m.start)
    return kept


@register_stage("actors", requires=("text", "sentences", "entities", "language"), assigns=("actors",))
class ActorsStage:
    """Find the registry's actors and the model's unregistered organisations."""

    def __init__(self, settings: Settings):
        self.settings = settings
        load_registry()  # build the tries once per process, not on the first document

    def __call__(self, doc: Document) -> Document:
        doc.actors = find_actors(doc)
        return doc
