"""Times stage: Norwegian time expressions normalised to intervals (issue 5 fills this in).

Needs: text, sentences, published. Adds: times.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("times", requires=("text", "sentences", "published", "language"), assigns=("times",))
class TimesStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
