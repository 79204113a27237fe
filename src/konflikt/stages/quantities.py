"""Quantities stage: counts of people with qualifier, who and status (issue 5).

Needs: text, sentences, language; uses the times stage's spans when it ran (they are not counts:
'4. juli', 'i 2014').
Adds: quantities.

The grammar lives in :mod:`konflikt.counting` and its data in ``lang/<code>/numbers.toml`` and
``counts.toml``. The analysis stage's sentences bound the search for each number's status; its
spaCy doc, when the model gives lemmas and parts of speech, helps find status words and
adjectives (without them, simplemma lemmas and the word lists do the work).
"""

from __future__ import annotations

from konflikt.counting import extract_quantities
from konflikt.document import Document
from konflikt.pipeline import register_stage
from konflikt.settings import Settings


@register_stage("quantities", requires=("text", "sentences", "language"), assigns=("quantities",))
class QuantitiesStage:
    """Find counts of people and what happened to them, sentence by sentence."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        lang = doc.language or "nb"
        sentences = [(s.start, s.end) for s in doc.sentences] or None
        exclude = [(t.start, t.end) for t in doc.times]
        doc.quantities = extract_quantities(doc.text, lang=lang, sentences=sentences,
                                            exclude=exclude, spacy_doc=doc.spacy_doc)
        return doc
