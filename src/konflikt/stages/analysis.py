"""Analysis stage: tokens, sentences, lemmas, POS, dependencies and named entities.

Needs: text, language. Adds: sentences, entities, spacy_doc.

Runs our trained Norwegian spaCy pipeline (``konflikt.nlp``) over the exact document text, so
spaCy's character offsets are the document's offsets. Sentences are repaired once here
(``konflikt.sentences.repair_sentences``: a split inside a line with no closing punctuation is
undone), so that every later stage can use ``doc.sentences`` as given.
"""

from __future__ import annotations

from konflikt.document import Document, Entity, Sentence
from konflikt.nlp import load_nlp
from konflikt.pipeline import register_stage
from konflikt.sentences import repair_sentences
from konflikt.settings import Settings


@register_stage("analysis", requires=("text", "language"),
                assigns=("sentences", "entities", "spacy_doc"))
class AnalysisStage:
    """Run the spaCy pipeline and copy sentences and entities onto the document."""

    def __init__(self, settings: Settings):
        self.nlp = load_nlp(settings.model)

    def __call__(self, doc: Document) -> Document:
        sdoc = self.nlp(doc.text)
        doc.spacy_doc = sdoc
        spans = []
        for s in sdoc.sents:
            # trim surrounding whitespace so that sentence text is the words alone
            start, end = s.start_char, s.end_char
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
        doc.sentences = [Sentence(a, b, doc.text[a:b]) for a, b in repair_sentences(doc.text, spans)]
        doc.entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in sdoc.ents]
        return doc
