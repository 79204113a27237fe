"""Actors stage: actors named in the text, canonicalised through the registry (issue 6).

Needs: text, entities. Adds: actors.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("actors", requires=("text", "sentences", "entities", "language"), assigns=("actors",))
class ActorsStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
