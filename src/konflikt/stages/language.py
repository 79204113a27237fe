"""Language stage: which language (and Norwegian variety) a document is in.

Needs: text. Adds: language (nb | nn | da | sv | en).

lingua-language-detector tells the Scandinavian languages and English apart well from a few
sentences. For bokmål against nynorsk it is less sure on short texts, so when those two are the
top candidates and close, a vote of nynorsk-only word forms (``lang/nn/markers.txt``) decides.
A language forced by the caller (document or settings) always wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from konflikt.document import Document
from konflikt.langdata import read_wordlist
from konflikt.pipeline import register_stage
from konflikt.settings import Settings

SUPPORTED = ("nb", "nn", "da", "sv", "en")
_WORD = re.compile(r"\w+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")  # a letter: digits and symbols say nothing of the language


# lingua's high-accuracy mode loads n-gram models of five sizes (about 1.2 s at first use); its
# low-accuracy mode (trigrams only) loads at once and agrees with it on every article we have
# (the 16 examples, nn included, and the 214 NorQuAD articles), but not on single sentences.
# So articles use the fast detector and short texts the accurate one.
SHORT_TEXT = 200  # characters


@lru_cache(maxsize=2)
def _detector(accurate: bool):
    from lingua import Language, LanguageDetectorBuilder

    langs = {Language.BOKMAL: "nb", Language.NYNORSK: "nn", Language.DANISH: "da",
             Language.SWEDISH: "sv", Language.ENGLISH: "en"}
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if not accurate:
        builder = builder.with_low_accuracy_mode()
    return builder.build(), langs


def detect_language(text: str, sample_chars: int = 2000) -> str:
    """The most likely of nb/nn/da/sv/en for a text; 'nb' when there is nothing to go on."""
    sample = text[:sample_chars]
    if not _LETTER.search(sample):
        return "nb"
    detector, codes = _detector(accurate=len(sample) < SHORT_TEXT)
    values = detector.compute_language_confidence_values(sample)
    if not values:
        return "nb"
    ranked = [(codes[v.language], v.value) for v in values]
    best, best_p = ranked[0]
    second, second_p = ranked[1] if len(ranked) > 1 else (None, 0.0)
    if {best, second} == {"nb", "nn"} and best_p - second_p < 0.5:
        markers = read_wordlist("nn", "markers.txt")
        words = [w.lower() for w in _WORD.findall(sample)]
        nn_votes = sum(1 for w in words if w in markers)
        return "nn" if nn_votes >= max(2, len(words) // 100) else "nb"
    return best


@register_stage("language", requires=("text",), assigns=("language",))
class LanguageStage:
    """Detect the language unless the document or the settings give it."""

    def __init__(self, settings: Settings):
        self.forced = settings.language or None

    def __call__(self, doc: Document) -> Document:
        if self.forced:
            doc.language = self.forced
        elif not doc.language:
            doc.language = detect_language(doc.text)
        return doc
