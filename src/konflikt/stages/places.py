"""Places stage: place names recognised and resolved to GeoNames (issue 4 fills this in).

Needs: text, sentences, entities. Adds: places.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("places", requires=("text", "sentences", "entities"), assigns=("places",))
class PlacesStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
