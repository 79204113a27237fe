"""Events stage: event and figure records assembled from the mentions (issue 6).

Needs: every mention. Adds: records.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("events", requires=("sentences", "places", "times", "quantities", "actors",
                                     "attributions"), assigns=("records",))
class EventsStage:
    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
