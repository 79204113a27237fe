"""Attribution stage: who says so ('ifølge Reuters', 'hevder SDF') over which text (issue 6).

Needs: text, sentences, actors. Adds: attributions.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("attribution", requires=("text", "sentences", "actors", "language"),
                assigns=("attributions",))
class AttributionStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
