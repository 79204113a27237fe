"""Places stage: place names recognised and resolved to GeoNames (issue 4).

Needs: text, sentences, entities. Adds: places.

Recognition has two sources, and a place found by either is kept:

1. the model's entities labelled GPE_LOC, LOC, GPE_ORG (NorNE; 'Norge' as a coalition member is
   GPE_ORG and is still a place mention: whether it is an event place is the events stage's call);
2. gazetteer matching over runs of capitalised words, for what the model misses (transliterated
   Middle East names above all), with guards against common words: a stoplist
   (``lang/<code>/places_stop.txt``), capitals required, a minimum population for a single
   word that the model did not mark, stricter rules at the start of a sentence and for words
   also seen in lower case in the same text, and no match inside a person or organisation
   entity.

Norwegian forms: genitive -s ('Mosuls'), compounds with a generic word ('Raqqa-provinsen',
'Kabul-området', a hint for the resolver), country compounds ('USA-ledede') and adjectives or
inhabitant nouns ('irakiske', 'syrere') become ``kind="demonym"``: context for the country
focus, never event places by themselves. The genitive of a country or region ('Syrias
demokratiske styrker', 'USAs spesialutsending') is ``kind="genitive"``: a state as an actor.

Resolution is ``konflikt.gazetteer.resolve.Resolver`` over all mentions of the document at
once; containment ('Mosul i nordlige Irak', 'Alexandria, Virginia') and hints are read here
from the words around each mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from konflikt.document import Document, Entity, PlaceMention
from konflikt.gazetteer import open_gazetteer
from konflikt.gazetteer.curated import PlaceLanguage, place_language
from konflikt.gazetteer.index import Candidate, Gazetteer
from konflikt.gazetteer.normalise import abbreviation_key, name_key
from konflikt.gazetteer.resolve import Query, Resolver
from konflikt.pipeline import register_stage
from konflikt.settings import Settings

PLACE_LABELS = frozenset({"GPE_LOC", "LOC", "GPE_ORG", "GPE"})
# A person or organisation entity blocks a weak gazetteer match inside it ('Hamar Andersen');
# a strong one (a curated name, a country or region, a town of 100,000+) overrides the model,
# whose early checkpoints call 'Basra' a person. DRV ('Raqqa-provinsen', 'USA-ledede') never blocks.
BLOCKING_LABELS = frozenset({"PER", "ORG"})
STRONG_POPULATION = 100_000
# A word: letters/digits with inner hyphens or apostrophes ('Raqqa-provinsen', "N'Djamena").
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# Lower-case name particles that may sit inside a place name ('Deir ez-Zor', 'Rio de Janeiro').
_PARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "ez", "es", "de", "del", "da",
                        "do", "dos", "di", "la", "le", "les", "los", "van", "von", "upon", "on", "am"})
MAX_TOKENS = 4
MIN_POPULATION = 15_000            # a single word the model did not mark must name a town this big
MIN_POPULATION_SENTENCE_START = 100_000
PERSON_NAME_POPULATION = 1_000_000  # a town this big is meant even next to another name
# two capitalised words in a row ('Harry Kane', 'Boris Johnson')
_NAME_PAIR = re.compile(r"(?=\b([A-ZÆØÅ][\w'’-]+) ([A-ZÆØÅ][\w'’-]+))")


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    lookup: tuple[str, ...]       # forms to look up ('Raqqa' for 'Raqqa-provinsen')
    hint: str | None = None
    kind: str = "place"
    source: str = "gazetteer"
    candidates: tuple[Candidate, ...] = ()
    container: str | None = None
    genitive: bool = False        # found through its genitive form ('Syrias', 'Mosuls')


class PlaceRecogniser:
    """Finds place mentions in a text (NER entities plus guarded gazetteer matches)."""

    def __init__(self, gazetteer: Gazetteer, lang: PlaceLanguage, lang_code: str = "nb"):
        self.gaz = gazetteer
        self.lang = lang
        self.lang_code = lang_code
        self._parts_text: str | None = None
        self._parts: frozenset[str] = frozenset()
        self._phrases: tuple[str, ...] | None = None
        self.demonym_keys = frozenset(
            k for (k,) in gazetteer.conn.execute("SELECT DISTINCT key FROM names WHERE demonym = 1"))

    # -- lookups with Norwegian forms --------------------------------------------------
    def forms(self, text: str) -> tuple[tuple[str, ...], str | None, bool]:
        """(lookup forms, hint, genitive) for a mention text."""
        forms = [text]
        hint = None
        head, sep, tail = text.rpartition("-")
        if sep and tail.casefold() in self.lang.suffixes:
            forms.append(head)
            hint = self.lang.suffixes[tail.casefold()]
        genitive = False
        for f in list(forms):
            if len(f) > 3 and f[-1] in "sS" and not f.endswith("ss"):
                forms.append(f[:-2] if f[-2] in "'’" else f[:-1])
        return tuple(forms), hint, genitive

    def lookup(self, forms: tuple[str, ...], upper_ok: bool) -> tuple[tuple[Candidate, ...], int]:
        """Candidates of the form whose best name match is best (the first on a tie: 'USAs'
        is the genitive of 'USA' because 'USA' is a curated name), and which form it was."""
        best: tuple[tuple[Candidate, ...], int] = ((), -1)
        best_rank = None
        for i, f in enumerate(forms):
            found = self.gaz.lookup(f)
            found = tuple(c for c in found if not c.demonym and (upper_ok or c.quality != 3))
            if not found:
                continue
            # a curated name as written beats another form's match: 'Khurais' (an oil field in
            # places.toml) is not the genitive of the Indian town Khurai
            rank = min(0 if (i == 0 and c.quality == 1) else c.quality for c in found)
            if best_rank is None or rank < best_rank:
                best, best_rank = (found, i), rank
        return best

    def _stopped(self, surface: str) -> bool:
        """On the stoplist or the organisation list, whole or by the first part of a hyphen
        compound ('Twitter-kontoen', 'NTB-kilder')."""
        key = surface.casefold()
        head = key.split("-", 1)[0]
        # a hyphenated name that is itself in the index is not stopped by its head
        return key in self.lang.stopwords or ("-" in key and head in self.lang.stopwords
                                              and not self.gaz.lookup(surface))

    def _in_name(self, text: str, start: int) -> bool:
        """Whether an organisation of several words on the lists starts here ('Leger Uten
        Grenser': the model may take its first word for a place)."""
        if self._phrases is None:
            self._phrases = tuple(w for w in self.lang.stopwords if " " in w)
        ahead = text[start:start + 60].casefold()
        return any(ahead.startswith(p) for p in self._phrases)

    def locative_before(self, text: str, start: int) -> bool:
        """'i Abqaiq', 'ved Tikrit', 'byen X': a preposition of place or a town word right
        before the name. It overrides a person entity over the name (the round-2 model tagged
        'Abqaiq' in 'anlegget i Abqaiq' as a person); the name must still pass the guards."""
        before = text[max(0, start - 30):start].split()
        if not before or text[start - 1:start] != " ":
            return False
        single = {w.casefold() for w in self.lang.containment if " " not in w}
        return before[-1].casefold() in single or self.town_cue(text, start)

    def town_cue(self, text: str, start: int) -> bool:
        """Whether the word before `start` says a town follows ('byen X', 'millionbyen X',
        'havnebyen X'): a containment cue that makes X a place."""
        before = text[max(0, start - 30):start].split()
        if not before or text[start - 1:start] != " ":
            return False
        prev = before[-1].casefold()
        return prev in {w.casefold() for w in self.lang.town_words} or (
            prev.isalpha() and prev.islower() and any(prev.endswith(x) for x in self.lang.town_suffixes))

    # -- recognition --------------------------------------------------------------------
    def recognise(self, doc: Document) -> list[_Span]:
        text = doc.text
        spans: list[_Span] = []
        blocked: list[tuple[int, int]] = []
        blocked_ents: list[Entity] = []
        lower_words = {m.group().casefold() for m in _TOKEN.finditer(text) if m.group()[0].islower()}
        sentence_starts = {s.start for s in doc.sentences}
        for e in map(_trimmed, doc.entities):
            if e.label in PLACE_LABELS:
                e = _name_part(e)   # 'millionbyen Mosul' -> 'Mosul', 'Chibok nordaust' -> 'Chibok'
            if not e.text:
                continue
            if e.label in PLACE_LABELS and not self._stopped(e.text) and not self._in_name(text, e.start):
                forms, hint, _ = self.forms(e.text)
                cands, used = self.lookup(forms, upper_ok=e.text.isupper())
                if not cands and " " not in e.text and e.text.casefold() in self._name_parts(text):
                    continue  # 'Shekau', 'Duterte': a surname (written after a first name elsewhere)
                if " " not in e.text and _is_word(e.text.casefold(), self.lang_code):
                    if not cands:
                        continue  # 'Offensiven' opening a sentence: a common noun the model took for a place
                    # 'Kampene', 'Store' opening a sentence: a Norwegian word that names a town
                    # abroad; kept when it names a country, a curated place, a big town or a
                    # town at home ('Moss', 'Ski' in a Norwegian text)
                    at_start = e.start in sentence_starts or _after_sentence_end(text, e.start)
                    home = any(c.country_code in self.lang.home_countries for c in cands)
                    if (at_start or e.text.casefold() in lower_words) and not (_strong(cands) or home):
                        continue
                spans.append(_Span(e.start, e.end, e.text, forms, hint, "place", "ner", cands,
                                   genitive=used > 0 and hint is None))
            elif e.label in BLOCKING_LABELS:
                blocked.append((e.start, e.end))
                blocked_ents.append(e)
        taken = [(s.start, s.end) for s in spans]
        tokens = list(_TOKEN.finditer(text))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            word = tok.group()
            if word.casefold() in self.demonym_keys and not _overlaps(tok.start(), tok.end(), taken):
                cands = tuple(c for c in self.gaz.lookup(word) if c.demonym)
                if cands:
                    spans.append(_Span(tok.start(), tok.start() + len(word), word, (word,), None,
                                       "demonym", "gazetteer", cands))
                i += 1
                continue
            if not _starts_name(word):
                i += 1
                continue
            match = self._longest_match(tokens, i, text, taken, blocked, lower_words, sentence_starts)
            if match is None:
                i += 1
                continue
            span, n = match
            spans.append(span)
            taken.append((span.start, span.end))
            i += n
        spans.sort(key=lambda s: s.start)
        spans += self._placed_by_neighbours(text, spans, blocked_ents, lower_words, sentence_starts)
        spans.sort(key=lambda s: s.start)
        self._read_context(text, spans)
        return spans

    def _placed_by_neighbours(self, text: str, spans: list[_Span], ents: list[Entity],
                              lower_words, sentence_starts) -> list[_Span]:
        """A name the model took for a person or organisation is a town when its neighbours say
        so (dev3 304 pattern): 'Zaranj i Nimroz-provinsen' (followed by a place that contains
        one of its towns) or 'falt Sar-e Pul og Taloqan' (joined by 'og' or a comma to a town
        in the same country). The guards for a gazetteer match still apply."""
        contain = sorted(self.lang.containment, key=len, reverse=True)
        directions = sorted(self.lang.directions, key=len, reverse=True)
        places = [s for s in spans if s.kind == "place"]
        out: list[_Span] = []
        for e in ents:
            if _overlaps(e.start, e.end, [(s.start, s.end) for s in spans]) or self._stopped(e.text):
                continue
            span = self._candidate_span(e.start, e.end, e.text, len(e.text.split()), text,
                                        lower_words, sentence_starts)
            forms, _, _ = self.forms(e.text)
            found, used = self.lookup(forms, upper_ok=False)
            towns = [c for c in (span.candidates if span else found)
                     if c.feature_class == "P" and c.quality <= 2]
            if not towns:
                continue
            after = next((s for s in places if s.start >= e.end), None)
            before = next((s for s in reversed(places) if s.end <= e.start), None)
            ok = False
            if after is not None and _is_containment(text[e.end:after.start], contain, directions):
                ok = any(_inside(t, c) for t in towns for c in after.candidates)
                if ok and span is None and e.text.casefold() not in lower_words and not any(
                        ch.isupper() for ch in e.text[1:].replace("-", " ").replace(" ", "")):
                    # a town inside the place named after it is proof enough for a spelling
                    # GeoNames keeps as an alternate name ('Sheberghan i Jowzjan-provinsen')
                    span = _Span(e.start, e.end, e.text, forms, None, "place", "gazetteer", found)
            if span is None:
                continue
            for nb, gap in ((before, text[before.end:e.start] if before else ""),
                            (after, text[e.end:after.start] if after else "")):
                if nb is not None and " ".join(gap.split()) in ("og", ",", "og ", "eller"):
                    ok = ok or any(c.feature_class == "P" and c.country_code == t.country_code
                                   for c in nb.candidates for t in towns)
            if ok:
                span.candidates = tuple(towns)
                span.hint = "P"
                out.append(span)
        return out

    def _longest_match(self, tokens, i: int, text: str, taken, blocked, lower_words, sentence_starts):
        # the run of name-like tokens starting at i, separated by single spaces
        run = [tokens[i]]
        for t in tokens[i + 1: i + MAX_TOKENS]:
            gap = text[run[-1].end():t.start()]
            w = t.group()
            if gap != " " or not (_starts_name(w) or w.casefold() in _PARTICLES):
                break
            run.append(t)
        for n in range(len(run), 0, -1):
            if run[n - 1].group().casefold() in _PARTICLES:
                continue
            start, end = run[0].start(), run[n - 1].end()
            surface = text[start:end]
            # an abbreviation keeps its full stop ('Alexandria, Va.', 'W.Va.')
            if text[end:end + 1] == "." and len(surface) <= 6:
                abbr = abbreviation_key(surface + ".")
                if abbr and self.gaz.has_key(abbr):
                    end += 1
                    surface += "."
            if _overlaps(start, end, taken) or self._stopped(surface):
                continue
            span = self._candidate_span(start, end, surface, n, text, lower_words, sentence_starts)
            if span is not None and (not _overlaps(start, end, blocked) or _strong(span.candidates)
                                     or self.locative_before(text, start)):
                return span, n
        return None

    def _candidate_span(self, start, end, surface, n_tokens, text, lower_words, sentence_starts):
        forms, hint, _ = self.forms(surface)
        upper = surface.isupper()
        # ISO codes ('TV', 'BY') are never matched in running text; 'USA' is a curated name
        cands, used = self.lookup(forms, upper_ok=False)
        if not cands:
            # 'USA-ledede', 'Irak-krigen': a country compound is context, like a demonym
            head, sep, tail = surface.partition("-")
            if sep and tail[:1].islower():
                hc, _ = self.lookup((head,), upper_ok=head.isupper())
                state = tuple(c for c in hc if (c.is_country or c.feature_code == "RGN") and c.quality <= 2)
                if state:
                    return _Span(start, start + len(head), head, (head,), None, "demonym",
                                 "gazetteer", state)
            return None
        if not self._plausible(surface, forms[used], cands, n_tokens, start, end, text,
                               lower_words, sentence_starts):
            return None
        return _Span(start, end, surface, forms, hint, "place", "gazetteer", cands,
                     genitive=used > 0 and hint is None)

    def _plausible(self, surface: str, base: str, cands: tuple[Candidate, ...], n_tokens: int,
                   start: int, end: int, text: str, lower_words, sentence_starts) -> bool:
        """The guards for a gazetteer match that no NER entity supports, in order."""
        # a curated name (places.toml, CLDR) or a country's own name needs no further proof
        curated = any(c.quality == 1 or (c.is_country and (c.quality == 0 or
                                                            (c.quality == 2 and len(base) >= 5)))
                      for c in cands)
        good = [c for c in cands if c.quality <= 2]          # not through the skeleton
        pop = max((c.population for c in good), default=0)
        canonical_pop = max((c.population for c in cands if c.quality == 0), default=0)
        if surface.isupper():
            # acronyms ('MDG', 'IS', 'TV') only as curated country names ('USA', 'SPANIA')
            return any(c.is_country and c.quality == 1 for c in cands)
        if n_tokens > 1:
            return curated or pop >= 1000 or any(c.feature_class == "A" for c in good)
        if curated:
            return True
        if self.town_cue(text, start) and any(c.feature_class == "P" for c in good):
            return True                                       # 'havnebyen Hodeidah', 'byen Kunduz'
        if any(ch.isupper() for ch in surface[1:].replace("-", "")) and "-" not in surface:
            return False                                      # 'MiL', 'RBKs'
        if not good:                                          # a skeleton match alone
            # 'al-Raqqa' alone, but not 'Abu Bakr al-Baghdadi' (a name part after a name)
            prev = text[max(0, start - 30):start].split()
            after_name = bool(prev) and prev[-1][:1].isupper() and not _after_sentence_end(text, start)
            return surface[:3].casefold() in ("al-", "ar-", "el-", "as-", "ad-", "an-") and not after_name
        if len(base) <= 3 and canonical_pop < MIN_POPULATION:
            return False                                      # 'Per', 'Ben', 'Bø' via alternates
        if not canonical_pop and (pop < STRONG_POPULATION or len(base) < 5):
            return False                                      # 'Tour', 'Pops': alternate names
        at_start = start in sentence_starts or _after_sentence_end(text, start)
        need = MIN_POPULATION_SENTENCE_START if at_start else MIN_POPULATION
        if pop < need or base.casefold() in lower_words:
            return False
        # 'Kampene' (the battles) opening a sentence is a Norwegian word, not the Congolese town
        if at_start and _is_word(surface.casefold(), self.lang_code):
            return False
        # next to another capitalised word it is likely part of a person's name ('Harry Kane'),
        # and so is the same word alone later in the text
        if base.casefold() in self._name_parts(text) and pop < PERSON_NAME_POPULATION:
            return False
        return True

    def _name_parts(self, text: str) -> frozenset[str]:
        """Words that stand next to another capitalised word somewhere in the text."""
        if self._parts_text is not text:
            parts = set()
            for m in _NAME_PAIR.finditer(text):   # overlapping pairs, through the lookahead
                first = m.group(1).casefold()
                if not (_after_sentence_end(text, m.start(1)) and
                        (first in self.lang.stopwords or _is_word(first, self.lang_code))):
                    parts.add(first)
                parts.add(m.group(2).casefold())
            self._parts_text, self._parts = text, frozenset(parts)
        return self._parts

    def _read_context(self, text: str, spans: list[_Span]) -> None:
        """Hints from the word before ('byen Raqqa'), containers from what follows ('X i Y')."""
        town = {w.casefold() for w in self.lang.town_words}
        region = {w.casefold() for w in self.lang.region_words}
        contain = sorted(self.lang.containment, key=len, reverse=True)
        directions = sorted(self.lang.directions, key=len, reverse=True)
        for k, s in enumerate(spans):
            before = text[max(0, s.start - 30):s.start].split()
            prev = before[-1].casefold() if before else ""
            if s.hint is None and (prev in town or self.town_cue(text, s.start)):
                s.hint = "P"
            elif s.hint is None and prev in region:
                s.hint = "A"
            if k + 1 < len(spans) and spans[k + 1].kind != "demonym":
                gap = text[s.end:spans[k + 1].start]
                if _is_containment(gap, contain, directions):
                    s.container = spans[k + 1].text


def _is_containment(gap: str, contain: list[str], directions: list[str]) -> bool:
    g = " ".join(gap.split()).casefold()
    if g in (",", ""):
        return g == ","
    for c in contain:
        if g == c:
            return True
        if g.startswith(c + " ") and g[len(c) + 1:] in directions:
            return True
    return False


def _trimmed(e: Entity) -> Entity:
    """The entity without surrounding spaces or punctuation (a model may take 'Raqqa\n\n')."""
    start, end = e.start, e.end
    while start < end and not e.text[start - e.start].isalnum():
        start += 1
    while end > start and not e.text[end - 1 - e.start].isalnum():
        end -= 1
    if (start, end) == (e.start, e.end):
        return e
    return Entity(e.label, start, end, e.text[start - e.start:end - e.start])


def _name_part(e: Entity) -> Entity:
    """The entity without lower-case words at its edges: a model may take 'millionbyen Mosul',
    'byen Mosul' or 'Chibok nordaust' as one place. Name particles inside ('Deir ez-Zor') stay,
    and so do lower-case words between capitalised ones ('Bosnia og Hercegovina')."""
    toks = list(_TOKEN.finditer(e.text))
    if len(toks) < 2:
        return e
    i, j = 0, len(toks)
    while i < j and not _starts_name(toks[i].group()):
        i += 1
    while j > i and not _starts_name(toks[j - 1].group()):
        j -= 1
    if i == j or (i, j) == (0, len(toks)):
        return e
    start, end = toks[i].start(), toks[j - 1].end()
    return Entity(e.label, e.start + start, e.start + end, e.text[start:end])


CITY_STATE_SHARE = 0.8  # a capital holding this share of its country's people is the country


def _city_state(country: Candidate, cands: tuple[Candidate, ...]) -> Candidate | None:
    """'Hongkong', 'Singapore': a country that is one city is named as the city (its capital of
    the same name, PPLC, holding nearly all its people), so marches in its streets are placed
    in the city at precision 1, not at country level (dev3 308 pattern). 'Djibouti' and
    'Luxembourg', whose capitals hold a smaller share, stay countries."""
    if not country.is_country or not country.population:
        return None
    return next((c for c in cands if c.feature_code == "PPLC" and c.country_code == country.country_code
                 and c.population >= CITY_STATE_SHARE * country.population), None)


def _inside(town: Candidate, container: Candidate) -> bool:
    """A town inside a country or a first-order region (by its codes)."""
    if container.is_country:
        return town.country_code == container.country_code
    return container.feature_code == "ADM1" and town.country_code == container.country_code \
        and town.admin1_code is not None and town.admin1_code == container.admin1_code


def _strong(cands: tuple[Candidate, ...]) -> bool:
    return any(c.quality == 1 or (c.quality <= 2 and (c.is_country or c.feature_code == "RGN"
                                                      or c.population >= STRONG_POPULATION))
               for c in cands)


def _is_word(word: str, lang: str) -> bool:
    """Whether simplemma knows `word` as a word of the language (inflected forms included)."""
    import simplemma

    try:
        return simplemma.is_known(word, lang=lang)
    except (ValueError, KeyError):  # a language simplemma lacks: no opinion
        return False


def _starts_name(word: str) -> bool:
    if not word or not word[0].isalpha():
        return False
    if word[0].isupper():
        return True
    # 'al-Raqqa', 'ar-Ramadi': a lower-case Arabic article before a capitalised name
    head, sep, tail = word.partition("-")
    return bool(sep) and head in _PARTICLES and tail[:1].isupper()


def _after_sentence_end(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\"«(–-":
        j -= 1
    return j < 0 or text[j] in ".!?:\n"


def _overlaps(start: int, end: int, ranges) -> bool:
    return any(start < e and s < end for s, e in ranges)


@register_stage("places", requires=("text", "sentences", "entities"), assigns=("places",))
class PlacesStage:
    """Recognise place mentions and resolve them to GeoNames with the document as context."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.gaz = open_gazetteer(settings)
        self._recognisers: dict[str, PlaceRecogniser] = {}

    def recogniser(self, lang: str) -> PlaceRecogniser:
        if lang not in self._recognisers:
            self._recognisers[lang] = PlaceRecogniser(self.gaz, place_language(lang), lang)
        return self._recognisers[lang]

    def __call__(self, doc: Document) -> Document:
        lang = doc.language or "nb"
        rec = self.recogniser(lang if lang in ("nb", "nn", "da", "sv") else "nb")
        spans = rec.recognise(doc)
        resolver = Resolver(self.gaz, rec.lang.region_precision)
        queries = [Query(s.text, s.hint, s.container, s.lookup[1:]) for s in spans]
        results = resolver.resolve(queries)
        doc.places = []
        for s, r in zip(spans, results):
            if r is None and s.source == "gazetteer":
                continue   # a gazetteer match the resolver turned down (a weak match abroad)
            m = PlaceMention(text=s.text, start=s.start, end=s.end, kind=s.kind, source=s.source)
            if r is not None:
                c = r.candidate
                precision = r.precision
                city = _city_state(c, s.candidates) if s.kind == "place" and not s.genitive else None
                if city is not None:
                    c, precision = city, 1
                m.name, m.geonameid, m.lat, m.lon = c.name, c.geonameid, c.lat, c.lon
                m.country_code, m.feature_class, m.feature_code = c.country_code, c.feature_class, c.feature_code
                m.admin1 = self.gaz.admin1_name(c.admin1_code) or (c.name if c.feature_code == "ADM1" else None)
                m.precision = 6 if s.kind == "demonym" else precision
                if s.genitive and (c.is_country or c.feature_code in ("ADM1", "RGN")):
                    m.kind = "genitive"   # 'USAs spesialutsending': the state as an actor
                m.score = r.score
            doc.places.append(m)
        return doc
