"""Times stage: Norwegian (and English) time expressions normalised to intervals (issue 5).

Needs: text, sentences, published, language. Adds: times.

The grammar lives in :mod:`konflikt.temporal`, its words and patterns in ``lang/<code>/time.toml``.
Relative expressions are resolved against ``doc.published`` (never the wall clock); a publication
known only to the month gives intervals inside that month; without one they are 'unresolved'.
"""

from __future__ import annotations

from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings
from konflikt.temporal import find_times


@register_stage("times", requires=("text", "sentences", "published", "language"), assigns=("times",))
class TimesStage:
    """Find and resolve the time expressions of a document."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        sentences = [(s.start, s.end) for s in doc.sentences] or None
        doc.times = find_times(doc.text, doc.published, lang=doc.language or "nb", sentences=sentences)
        return doc
