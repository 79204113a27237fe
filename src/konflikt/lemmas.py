"""Dictionary lemmas from simplemma, shared by every stage that matches words by lemma.

One cache for the whole process: the actors, attribution, events and quantities stages look up
the same words, and simplemma's per-language dictionary loads once (about a second for nb).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str = "nb") -> str:
    """simplemma's lemma of `word`, case-folded; the word itself for a language simplemma lacks."""
    import simplemma  # imported on first use: `import konflikt` stays cheap

    try:
        return simplemma.lemmatize(word, lang=lang).casefold()
    except ValueError:
        return word
