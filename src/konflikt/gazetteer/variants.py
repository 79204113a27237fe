"""Other forms of a place name, tried only when the name as written finds nothing.

News writes many place names in a form the gazetteer does not file: abbreviated generic words
('Mt. Pleasant', 'Platte Co.'), a generic word GeoNames leaves out ('Oaxaca State', 'Norwich
City'), plural demonyms ('Ohioans', 'Syrians'), or a longer name of something inside a place
('Colorado State University', 'Dubai World Cup', 'Bank of Japan'). The word lists are language
data (``lang/<code>/places_lookup.toml``); the rules here only say in which order the forms are
tried and how much a match through them is trusted:

0. abbreviations expanded (and expansions abbreviated): the same name, looked up beside the
   name as written (``expanded``), not only when it finds nothing;
1. a generic last word dropped, with the hint it gives (region or town);
2. a demonym ending cut off ('Ohio|ans');
3. a shorter run of the name's capitalised words, longest first, not made only of generic words
   ('North', 'Street', 'Bank'): only a strong candidate (a country, a first-order region, a
   curated name or a town of STRONG_PART_POPULATION people) is taken, so that 'Royal Street'
   does not become a village called Royal; after another name word ('Camp David') only a
   country, a region or a city of STRONG_AFTER_NAME_POPULATION; among runs of one length, a
   place before a demonym ('British Embassy Tokyo': Tokyo), then the stronger prior.

Forms of steps 1-3 are matches of something else than the whole name, so the resolver counts
them as alternate names at best (see ``Resolver.candidates``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from konflikt.errors import ResourceError
from konflikt.langdata import read_toml

# A part of a longer name stands for the place only when it names a large place on its own:
# 'Dubai World Cup' -> Dubai, while 'Royal Street' has no town Royal of this size. A part after
# another name word is more often a person's name ('Camp David', 'Fort Bragg'): only a country,
# a region or a city of STRONG_AFTER_NAME_POPULATION ('Smart Dubai Office').
STRONG_PART_POPULATION = 15_000
STRONG_AFTER_NAME_POPULATION = 100_000
# Languages whose places_lookup.toml are read together (the resolver reads any language's text).
LOOKUP_LANGUAGES = ("en", "nb")

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Variant:
    form: str
    hint: str | None = None
    strong_only: bool = False     # accept only a country, region, curated name or large town
    after_name: bool = False      # a part after another name word: a country, region or city only


@dataclass(frozen=True, slots=True)
class LookupVariants:
    abbreviations: dict[str, str]       # 'mt' -> 'Mount' (and back)
    suffixes: dict[str, str]            # 'state' -> 'A'
    demonym_endings: tuple[str, ...]
    generic: frozenset[str] = frozenset()   # words a part of a name must not consist of

    def expanded(self, text: str) -> str | None:
        """`text` with its abbreviated generic words written out (or the other way round):
        the same name, so its matches are as good as the name's own."""
        out = self._expand(text.split())
        return out if out and out != text else None

    def forms(self, text: str) -> list[Variant]:
        """The other forms of `text`, in the order they are to be tried."""
        out: list[Variant] = []
        words = text.split()
        if len(words) >= 2:
            last = words[-1].rstrip(".").casefold()
            if last in self.suffixes:
                head = " ".join(words[:-1])
                out.append(Variant(head, self.suffixes[last]))
                head_x = self._expand(words[:-1])
                if head_x and head_x != head:
                    out.append(Variant(head_x, self.suffixes[last]))
        if len(words) <= 3 and text[:1].isupper():
            for end in self.demonym_endings:
                if text.endswith(end) and len(text) - len(end) >= 4:
                    out.append(Variant(text[: -len(end)]))
        if len(words) >= 2:
            for n in range(len(words) - 1, 0, -1):
                for i in range(len(words) - n + 1):
                    part = words[i:i + n]
                    if all(w[:1].isupper() for w in part) and not all(self._generic(w) for w in part):
                        out.append(Variant(" ".join(part).rstrip(",;:"), strong_only=True,
                                           after_name=not self._may_head(words, i)))
        return out

    def _generic(self, word: str) -> bool:
        return word.strip(".,;:").casefold() in self.generic

    def _may_head(self, words: list[str], i: int) -> bool:
        """Whether a place may start at word i of a longer name: at its start ('Dubai World
        Cup'), after a lower-case word ('Bank of Japan') or after generic words only ('South
        Venezuela'); not after another name word ('Camp David' is no town David)."""
        return i == 0 or not words[i - 1][:1].isupper() or all(self._generic(w) for w in words[:i])

    def _expand(self, words: list[str]) -> str | None:
        changed = False
        out = []
        for w in words:
            key = w.rstrip(".").casefold()
            if key in self.abbreviations:
                out.append(self.abbreviations[key])
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None


@lru_cache(maxsize=None)
def lookup_variants(languages: tuple[str, ...] = LOOKUP_LANGUAGES) -> LookupVariants:
    """The variant rules of `languages` together (a missing file contributes nothing)."""
    abbreviations: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    endings: set[str] = set()
    generic: set[str] = set()
    for lang in languages:
        try:
            data = read_toml(lang, "places_lookup.toml")
        except ResourceError:
            continue
        for short, full in data.get("abbreviations", {}).items():
            abbreviations[short.casefold()] = full
            # the expansion abbreviated too: 'Saint Louis' is filed as 'St. Louis'
            abbreviations.setdefault(full.casefold(), short.capitalize() + ".")
        for word, hint in data.get("suffixes", {}).items():
            if hint not in ("A", "P"):
                raise ResourceError(f"places_lookup.toml ({lang}): suffix {word!r} wants 'A' or 'P', got {hint!r}")
            suffixes[word.casefold()] = hint
        endings.update(data.get("demonym_endings", {}).get("endings", ()))
        generic.update(w.casefold() for w in data.get("parts", {}).get("generic", ()))
    return LookupVariants(abbreviations, suffixes, tuple(sorted(endings, key=len, reverse=True)),
                          frozenset(generic))
