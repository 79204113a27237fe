"""Quantities stage: counts of people with qualifier, who and status (issue 5 fills this in).

Needs: text, sentences. Adds: quantities.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("quantities", requires=("text", "sentences", "language"), assigns=("quantities",))
class QuantitiesStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
