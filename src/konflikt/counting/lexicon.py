"""The language data of the count grammar, read once per language from ``lang/<code>/numbers.toml``
and ``lang/<code>/counts.toml`` into typed tables.

Bokmål documents are read with the nynorsk additions as well (``lang/nn/*.toml`` extends
``lang/nb``): lingua calls nynorsk bokmål (design notes), so a document labelled ``nb`` may be
nynorsk, and the nynorsk forms ('fleire', 'drepne', 'menneske') never mean anything else in bokmål.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from konflikt.errors import ResourceError
from konflikt.temporal.layered import read_layered_toml

# Which data a document language reads (see the module docstring).
DATA_LANGUAGE = {"nb": "nn", "nn": "nn"}

# Words and punctuation as the count grammar sees them. Digits keep their Norwegian separators
# ('10.000', '10 000', '2,5') only when the groups after the first have three digits.
_TOKEN = r"(?P<num>\d{{1,3}}(?:[{thou}]\d{{3}})+(?:{dec}\d+)?(?!\d)|\d+(?:{dec}\d+)?)|(?P<word>[^\W\d_]+(?:[-–][^\W\d_]+)*)|(?P<punct>%|[^\w\s])"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    lang: str
    words: dict[str, int]
    scales: dict[str, int]
    factors: dict[str, float]
    vague: dict[str, int]
    vague_determiners: dict[str, int]
    approximate_nouns: dict[str, int]
    qualifiers: dict[tuple[str, ...], str]   # tokenised phrase -> label
    range_open: frozenset[str]
    range_join: frozenset[str]
    articles: frozenset[str]
    joiners: frozenset[str]
    decimal: str
    thousands: tuple[str, ...]
    token_re: re.Pattern
    morpheme_re: re.Pattern

    def tokens(self, text: str, offset: int = 0) -> list["Token"]:
        out = []
        for m in self.token_re.finditer(text):
            kind = m.lastgroup or "punct"
            out.append(Token(m.group(), m.start() + offset, m.end() + offset, kind))
        return out

    def to_float(self, digits: str) -> float:
        """'10.000' -> 10000, '2,5' -> 2.5 (Norwegian); '10,000' -> 10000 (English). The token
        pattern lets separators through only between groups of three digits, so dropping them is safe."""
        s = digits
        for sep in self.thousands:
            if sep != self.decimal:
                s = s.replace(sep, "")
        return float(s.replace(self.decimal, "."))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # num | word | punct

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class CountLexicon:
    lang: str
    who: dict[str, str]                 # noun -> category
    status: tuple[tuple[str, re.Pattern], ...]   # (status, whole-word pattern)
    status_words: dict[str, str]        # single-word cue -> status, for lemma matching
    not_people: frozenset[str]
    blockers_before: frozenset[str]
    function_words: frozenset[str]
    of_words: frozenset[str]
    of_determiners: frozenset[str]
    # words that join counts sharing one verb ('og', 'blant dem'); prepositions that may open a
    # phrase between a count and the joiner ('Tolv ansatte i Leger Uten Grenser og ti pasienter')
    joiners: frozenset[str] = frozenset()
    attached_prepositions: frozenset[str] = frozenset()
    # words that open another clause ('etter at', 'fordi'): a status word beyond one belongs to
    # that clause, not to the count ('52 ble pågrepet etter at tusenvis ... stormet')
    clause_breaks: re.Pattern | None = None
    # who categories that carry their status when the sentence gives none ('over tre millioner
    # flyktninger' are displaced)
    implied_status: dict[str, str] = field(default_factory=dict)
    # definite plural endings and the indefinite endings they stand for ('soldatene' ->
    # 'soldater', nynorsk 'soldatane' -> 'soldatar', 'barna' -> 'barn'): the lists hold the
    # indefinite forms, a partitive names the group in the definite ('to av soldatene')
    definite_endings: tuple[tuple[str, str], ...] = ()

    def noun_class(self, word: str, table: dict[str, str] | frozenset[str]) -> tuple[str, str] | None:
        """(entry, matched ending) when `word` (or its indefinite form) or its last compound
        part is in `table`."""
        hit = self._noun_class(word, table)
        if hit is not None:
            return hit
        w = word.lower()
        for definite, indefinite in self.definite_endings:
            if w.endswith(definite) and len(w) - len(definite) >= 3:
                hit = self._noun_class(w[:len(w) - len(definite)] + indefinite, table)
                if hit is not None:
                    return hit
        return None

    def _noun_class(self, word: str, table: dict[str, str] | frozenset[str]) -> tuple[str, str] | None:
        w = word.lower()
        if w in table:
            return w, w
        if "-" in w:
            last = w.rsplit("-", 1)[1]
            if last in table:
                return last, last
        # closed compounds: 'regjeringssoldater' ends with 'soldater'; the longest ending wins
        for cut in range(3, len(w) - 2):
            tail = w[cut:]
            if tail in table and len(tail) >= 4:
                return tail, tail
        return None


def _words_pattern(phrases: list[str]) -> re.Pattern | None:
    """Whole-word, case-blind alternatives (longest first), or None for an empty list."""
    if not phrases:
        return None
    alts = sorted({" ".join(p.lower().split()) for p in phrases}, key=len, reverse=True)
    # whole words: no word character just before an alternative that starts with one (', og' may
    # follow a word directly)
    return re.compile("|".join(("(?<!\\w)" if a[:1].isalnum() else "") + re.escape(a).replace(r"\ ", r"\s+")
                               for a in alts).join(("(?:", r")(?!\w)")), re.IGNORECASE)


def _split(phrase: str, lex_token_re: re.Pattern) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in lex_token_re.finditer(phrase))


@lru_cache(maxsize=None)
def number_lexicon(lang: str) -> NumberLexicon:
    code = DATA_LANGUAGE.get(lang, lang)
    d = read_layered_toml(code, "numbers.toml")
    try:
        dec = d.get("decimal", ",")
        thou = d.get("thousands", ["."])
        token_re = re.compile(_TOKEN.format(thou="".join(re.escape(t) for t in thou if t != dec),
                                            dec=re.escape(dec)))
        words = {k.lower(): int(v) for k, v in d["words"].items()}
        scales = {k.lower(): int(v) for k, v in d.get("scales", {}).items()}
        factors = {k.lower(): float(v) for k, v in d.get("factors", {}).items()}
        morphemes = sorted(set(words) | set(scales) | set(factors) | set(d.get("joiners", [])),
                           key=len, reverse=True)
        morpheme_re = re.compile("|".join(re.escape(m) for m in morphemes))
        return NumberLexicon(
            lang=lang, words=words, scales=scales, factors=factors,
            vague={k.lower(): int(v) for k, v in d.get("vague", {}).items()},
            vague_determiners={k.lower(): int(v) for k, v in d.get("vague_determiners", {}).items()},
            approximate_nouns={k.lower(): int(v) for k, v in d.get("approximate_nouns", {}).items()},
            qualifiers={_split(k, token_re): v for k, v in d.get("qualifiers", {}).items()},
            range_open=frozenset(x.lower() for x in d.get("ranges", {}).get("open", [])),
            range_join=frozenset(x.lower() for x in d.get("ranges", {}).get("join", [])),
            articles=frozenset(x.lower() for x in d.get("articles", [])),
            joiners=frozenset(x.lower() for x in d.get("joiners", [])),
            decimal=dec, thousands=tuple(thou), token_re=token_re, morpheme_re=morpheme_re)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"lang/{code}/numbers.toml: {type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=None)
def count_lexicon(lang: str) -> CountLexicon:
    code = DATA_LANGUAGE.get(lang, lang)
    d = read_layered_toml(code, "counts.toml")
    try:
        who = {}
        for cat, nouns in d["who"].items():
            for n in nouns:
                who.setdefault(n.lower(), cat)
        status = []
        status_words = {}
        for st, pats in d["status"].items():
            # one pattern per status (the longest alternatives first, so 'lagt på flukt' beats 'på flukt')
            alts = sorted(pats, key=len, reverse=True)
            status.append((st, re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in alts) + r")(?!\w)",
                                          re.IGNORECASE)))
            for p in pats:
                if re.fullmatch(r"[^\W\d_]+", p):
                    status_words.setdefault(p.lower(), st)
        notp = set()
        for words in d.get("not_people", {}).values():
            notp.update(w.lower() for w in words)
        ctx = d.get("context", {})
        return CountLexicon(
            lang=lang, who=who, status=tuple(status), status_words=status_words,
            not_people=frozenset(notp),
            blockers_before=frozenset(w.lower().rstrip(".") for w in ctx.get("blockers_before", [])),
            function_words=frozenset(w.lower() for w in ctx.get("function_words", [])),
            of_words=frozenset(w.lower() for w in ctx.get("of_words", [])),
            of_determiners=frozenset(w.lower() for w in ctx.get("of_determiners", [])),
            joiners=frozenset(" ".join(w.lower().split()) for w in ctx.get("joiners", [])),
            attached_prepositions=frozenset(w.lower() for w in ctx.get("attached_prepositions", [])),
            clause_breaks=_words_pattern([w for w in ctx.get("clause_breaks", [])
                                          if w.lower() not in {x.lower() for x in ctx.get("not_clause_breaks", [])}]),
            implied_status={k.lower(): str(v) for k, v in d.get("implied_status", {}).items()},
            definite_endings=tuple((str(k).lower(), str(v).lower())
                                   for k, v in ctx.get("definite_endings", [])))
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ResourceError(f"lang/{code}/counts.toml: {type(exc).__name__}: {exc}") from exc
