"""Tokens with lemmas and spans over a stretch of the document text.

The events and attribution stages match lexicons on lemmas. When the analysis model provides
lemmas (``doc.spacy_doc`` with LEMMA annotation) they are used; otherwise simplemma supplies
them. Tokens are our own regex tokens over the exact document text, so offsets are the
document's offsets whatever the model's tokenisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from konflikt.document import Document
from konflikt.lemmas import lemma as dictionary_lemma

_TOKEN = re.compile(r"\w+(?:[.,]\d+)*|[^\w\s]", re.UNICODE)
SIMPLEMMA_LANGS = {"nb": "nb", "nn": "nn", "da": "da", "sv": "sv", "en": "en"}


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    lower: str
    lemma: str          # the model's lemma when it has one for this very token, else simplemma's
    alt: str = ""       # simplemma's lemma, kept beside a model lemma (an early model may err)
    pos: str = ""       # the model's part of speech, when it has one for this very token
    keys: frozenset[str] = frozenset()  # lower, lemma and alt: what lexicons match against

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def lemmatize(word: str, lang: str = "nb") -> str:
    """The lemma of a lower-cased word (simplemma), the word itself when unknown."""
    return dictionary_lemma(word, SIMPLEMMA_LANGS.get(lang, "nb"))


def _model_lemmas(doc: Document) -> dict[int, str]:
    sdoc = doc.spacy_doc
    if sdoc is None:
        return {}
    try:
        if not sdoc.has_annotation("LEMMA"):
            return {}
    except Exception:  # noqa: BLE001 - a non-spaCy object: no lemmas from it
        return {}
    return {t.idx: (t.text, t.lemma_.casefold(), t.pos_) for t in sdoc if t.lemma_}


def tokenize(doc: Document, start: int, end: int,
             model_lemmas: dict[int, tuple[str, str, str]] | None = None) -> list[Tok]:
    """Tokens of doc.text[start:end] with document offsets and lemmas."""
    lang = doc.language or "nb"
    out = []
    for m in _TOKEN.finditer(doc.text, start, end):
        raw = m.group()
        low = raw.casefold()
        alt = lemmatize(low, lang)
        model = (model_lemmas or {}).get(m.start())
        same = model is not None and model[0] == raw
        lemma = model[1] if same else alt
        out.append(Tok(m.start(), m.end(), raw, low, lemma, alt, model[2] if same else "",
                       frozenset(k for k in (low, lemma, alt) if k)))
    return out


def model_lemmas(doc: Document) -> dict[int, tuple[str, str, str]]:
    return _model_lemmas(doc)


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The line (paragraph) holding an offset: news paragraphs are lines."""
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return a, (len(text) if b < 0 else b)


_CLOSED = re.compile(r"[.!?:»\"”)]\s*$")


_DEFINITE = ("en", "et", "ene", "ane", "a", "i")


def is_definite_noun(tok: Tok) -> bool:
    """'angrepet', 'raketten', 'bortføringa': a definite noun points back (or forward) to an
    event told elsewhere in the article. The model's POS decides when it has one."""
    if tok.pos:
        if tok.pos not in {"NOUN", "PROPN"}:
            return False
    elif tok.alt.endswith("e") and not tok.lower.endswith(("ene", "ane")):
        return False  # most Norwegian verbs end in -e; 'drepte' is no definite noun
    return tok.lower != tok.alt and tok.lower.endswith(_DEFINITE)


def line_sections(doc: Document) -> list[tuple[int, int]]:
    """The article's sections: runs of lines between crossheads (short lines without closing
    punctuation), the headline its own section."""
    bounds = [0]
    pos = 0
    for line in doc.text.split("\n"):
        stripped = line.strip()
        if stripped and pos > 0 and len(stripped.split()) <= 8 and not _CLOSED.search(stripped):
            bounds.append(pos)
        pos += len(line) + 1
    bounds.append(len(doc.text))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
