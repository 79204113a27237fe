"""Numbers as written in news text: digits with Norwegian separators, number words and their
compounds, vague amounts, and the qualifiers that hedge them.

The grammar is driven by ``lang/<code>/numbers.toml`` (see :mod:`konflikt.counting.lexicon`).
A number word is split into known parts ('tjuefem' = tjue + fem, 'femogtjue' = fem + og + tjue,
'tohundre' = to + hundre); the parts are then evaluated left to right: small numbers add up,
'hundre' and 'dusin' multiply what stands before them, and 'tusen', 'million', 'milliard' close a
group ('to hundre og femti tusen' = 250 * 1000). Vague plurals ('tusener', 'flere hundre') give a
low bound and no best, as the record contract says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from konflikt.counting.lexicon import NumberLexicon, Token, number_lexicon

# Qualifier labels in the data that are not labels of the record contract.
_NEARLY = "nearly"  # 'nesten 500': approximately 500, and not more


@dataclass(slots=True)
class NumberPhrase:
    """A number as written, with its hedge: low/best/high follow the record contract."""

    text: str
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    vague: bool = False
    digits: bool = False          # written with digits only ('2014', not 'to tusen')
    first_token: int = 0          # index of the first token of the number itself (after hedges)
    last_token: int = 0           # index of the last token of the phrase
    article: bool = False         # 'en', 'ett' alone: one, or just the indefinite article


def segment(word: str, lex: NumberLexicon) -> list[str] | None:
    """The parts of a number word ('sekstisju' -> ['seksti', 'sju']); None if it is not one."""
    w = word.lower()
    return _segment(w, lex.lang)


@lru_cache(maxsize=20000)
def _segment(w: str, lang: str) -> list[str] | None:
    lex = number_lexicon(lang)
    parts = _segment_raw(w, lang)
    if not parts or parts[0] in lex.joiners or parts[-1] in lex.joiners:
        return None
    return list(parts)


@lru_cache(maxsize=20000)
def _segment_raw(w: str, lang: str) -> tuple[str, ...] | None:
    lex = number_lexicon(lang)
    known = lex.words.keys() | lex.scales.keys() | lex.factors.keys() | lex.joiners
    if w in known:
        return (w,)
    # longest part first, backtracking where a shorter one lets the rest split
    for size in range(len(w) - 1, 0, -1):
        head = w[:size]
        if head in known:
            rest = _segment_raw(w[size:], lang)
            if rest is not None:
                return (head,) + rest
    return None


def evaluate(parts: list[str], lex: NumberLexicon) -> float | None:
    """The value of number-word parts in order, or None when they do not form one number."""
    total = 0.0
    current = 0.0
    seen_any = False
    last_scale = None
    for p in parts:
        if p in lex.joiners:
            continue
        if p in lex.words:
            current += lex.words[p]
        elif p in lex.factors:
            current = (current or 1.0) * lex.factors[p]
        elif p in lex.scales:
            scale = lex.scales[p]
            if scale < 1000:  # 'hundre', 'dusin' multiply the group they end
                current = (current or 1.0) * scale
            else:
                if last_scale is not None and scale >= last_scale:
                    return None  # 'tusen millioner' and the like: not one of ours
                total += (current or 1.0) * scale
                current = 0.0
                last_scale = scale
        else:
            return None
        seen_any = True
    return total + current if seen_any else None


def parse_number(text: str, lang: str = "nb") -> float | None:
    """A whole string read as one number: '10.000', 'tjuefem', 'to hundre og femti', '2,5 millioner'.

    >>> parse_number("to hundre og femti tusen")
    250000.0
    """
    lex = number_lexicon(lang)
    toks = lex.tokens(text)
    if not toks:
        return None
    found = read_number(toks, 0, lex, allow_article=True)
    if found is None or found[1] != len(toks) - 1:
        return None
    return found[0]


def read_number(toks: list[Token], i: int, lex: NumberLexicon,
                allow_article: bool = False) -> tuple[float, int, int | None] | None:
    """The number starting at token i: (value, index of its last token, its closing scale or None)."""
    t = toks[i]
    parts: list[str] = []
    value: float | None = None
    j = i
    if t.kind == "num":
        # a number glued to a letter by a hyphen ('F-16') or part of a date/time ('12.05', '14.30')
        if i > 0 and toks[i - 1].text in "-–" and toks[i - 1].start == t.start - 1 and i > 1 \
                and toks[i - 2].kind == "word" and toks[i - 2].end == toks[i - 1].start:
            return None
        if i + 2 < len(toks) and toks[i + 1].text in ".:" and toks[i + 2].kind == "num" \
                and toks[i + 1].start == t.end and toks[i + 2].start == toks[i + 1].end:
            return None
        if i > 1 and toks[i - 1].text in ".:" and toks[i - 2].kind == "num" \
                and toks[i - 1].start == toks[i - 2].end and t.start == toks[i - 1].end:
            return None
        value = lex.to_float(t.text)
        # digits then scale words: '2,5 millioner', '1,2 mill.', '10 tusen'
        scale_parts: list[str] = []
        k = i + 1
        while k < len(toks) and toks[k].kind == "word" and toks[k].lower in lex.scales:
            scale_parts.append(toks[k].lower)
            k += 1
        if scale_parts:
            mult = evaluate(scale_parts, lex)
            if mult is None:
                return None
            value *= mult
            j = k - 1
            if j + 1 < len(toks) and toks[j + 1].text == "." and toks[j].lower in ("mill", "mrd", "mln") \
                    and toks[j + 1].start == toks[j].end:
                j += 1
        closing = lex.scales.get(scale_parts[-1]) if scale_parts else None
        return value, j, closing
    if t.kind != "word":
        return None
    k = i
    started_with_article = t.lower in lex.articles
    while k < len(toks) and toks[k].kind == "word":
        low = toks[k].lower
        if low in lex.joiners:
            # 'og' continues a number only where Norwegian puts it: after a scale ('to hundre og
            # femti', 'tusen og ett') or between a unit and a ten ('fem og tjue')
            nxt = None
            if k + 1 < len(toks) and toks[k + 1].kind == "word":
                nxt = segment(toks[k + 1].lower, lex) or _hyphen_compound(toks[k + 1].lower, lex)
            prev = parts[-1] if parts else None
            if nxt and prev and _joinable(prev, nxt[0], lex):
                parts.append(low)
                k += 1
                continue
            break
        seg = segment(low, lex)
        if seg is None and ("-" in low or "–" in low):
            seg = _hyphen_compound(low, lex)
        if seg is None:
            break
        if parts and parts[-1] in lex.words and seg[0] in lex.words \
                and not _joinable(parts[-1], seg[0], lex, glued=True):
            break  # 'fem seks soldater' is two numbers (or a loose range), not eleven
        parts.extend(seg)
        k += 1
    if not parts:
        return None
    last = k - 1
    # an article alone, or an article before something that does not scale it, is no number
    content = [p for p in parts if p not in lex.joiners]
    if started_with_article and not allow_article:
        if len(content) == 1 or not any(p in lex.scales or p in lex.factors for p in content[1:2]):
            if len(content) == 1:
                return None
            # 'en to tre' never happens; 'et dusin', 'en million', 'en halv million' do
            if content[1] not in lex.scales and content[1] not in lex.factors:
                return None
    value = evaluate(parts, lex)
    if value is None:
        return None
    closing = lex.scales.get(content[-1]) if content[-1] in lex.scales else None
    return value, last, closing


def _joinable(prev: str, nxt: str, lex: NumberLexicon, glued: bool = False) -> bool:
    """May number word `nxt` continue the number that ended with `prev`?"""
    if prev in lex.scales:
        return nxt in lex.words or nxt in lex.factors or (nxt in lex.scales and lex.scales[nxt] > lex.scales[prev])
    pv, nv = lex.words.get(prev), lex.words.get(nxt)
    if pv is None or nv is None:
        return glued
    if glued:  # 'tjue fem' written apart: a ten then a unit
        return pv >= 20 and pv % 10 == 0 and 0 < nv < 10
    return 0 < pv < 10 and nv >= 20 and nv % 10 == 0


def _hyphen_compound(word: str, lex: NumberLexicon) -> list[str] | None:
    """'tjue-fem' is 25 (tens then a unit); 'to-tre' is a range and is read elsewhere."""
    pieces = word.replace("–", "-").split("-")
    if len(pieces) != 2:
        return None
    a, b = (segment(p, lex) for p in pieces)
    if not a or not b or len(a) != 1 or len(b) != 1:
        return None
    va, vb = lex.words.get(a[0]), lex.words.get(b[0])
    if va is not None and vb is not None and va >= 20 and va % 10 == 0 and 0 < vb < 10:
        return a + b
    return None


def _hyphen_range(word: str, lex: NumberLexicon) -> tuple[int, int] | None:
    pieces = word.replace("–", "-").split("-")
    if len(pieces) != 2 or _hyphen_compound(word, lex):
        return None
    a, b = (parse_number(p, lex.lang) for p in pieces)
    if a is None or b is None or not a < b:
        return None
    return int(a), int(b)


def _qualifier_before(toks: list[Token], i: int, lex: NumberLexicon) -> tuple[str, int] | None:
    """The hedge that ends right before token i: (label, index of its first token)."""
    best = None
    for phrase, label in lex.qualifiers.items():
        n = len(phrase)
        if i - n < 0:
            continue
        window = toks[i - n:i]
        if tuple(t.lower for t in window) == phrase:
            if best is None or n > len(best[2]):
                best = (label, i - n, phrase)
    return (best[0], best[1]) if best else None


def scan_numbers(text: str, lang: str = "nb", offset: int = 0,
                 toks: list[Token] | None = None) -> list[NumberPhrase]:
    """Every number phrase in `text` (a sentence, say), left to right, with its hedge."""
    lex = number_lexicon(lang)
    toks = toks if toks is not None else lex.tokens(text, offset)
    out: list[NumberPhrase] = []
    i = 0
    while i < len(toks):
        phrase = _phrase_at(toks, i, lex, text, offset)
        if phrase is None:
            i += 1
            continue
        out.append(phrase)
        i = phrase.last_token + 1
    return out


def _phrase_at(toks: list[Token], i: int, lex: NumberLexicon, text: str, offset: int) -> NumberPhrase | None:
    t = toks[i]
    if t.kind == "word":
        w = t.lower
        # vague amounts: 'tusener', 'et titalls', 'flere hundre', 'hundrevis av'
        if w in lex.vague:
            return _make(toks, i, i, lex, text, offset, low=lex.vague[w], best=None, high=None,
                         qualifier="vague", vague=True)
        if w in lex.vague_determiners and i + 1 < len(toks) and toks[i + 1].kind == "word":
            nxt = toks[i + 1].lower
            if nxt in lex.scales and lex.scales[nxt] >= 10:
                # 'flere hundre tusen' = several hundred thousand
                low = lex.vague_determiners[w] * lex.scales[nxt]
                last = i + 1
                if last + 1 < len(toks) and toks[last + 1].lower in lex.scales \
                        and lex.scales[toks[last + 1].lower] >= 1000:
                    low *= lex.scales[toks[last + 1].lower]
                    last += 1
                return _make(toks, i, last, lex, text, offset, low=low, best=None, high=None,
                             qualifier="vague", vague=True)
            if nxt in lex.vague:
                return _make(toks, i, i + 1, lex, text, offset, low=lex.vague[nxt], best=None,
                             high=None, qualifier="vague", vague=True)
        if w in lex.articles and i + 1 < len(toks) and toks[i + 1].kind == "word":
            nxt = toks[i + 1].lower
            if nxt in lex.approximate_nouns:
                n = lex.approximate_nouns[nxt]
                return _make(toks, i, i + 1, lex, text, offset, low=None, best=n, high=None,
                             qualifier="approximately")
            if nxt in lex.vague:
                return _make(toks, i, i + 1, lex, text, offset, low=lex.vague[nxt], best=None,
                             high=None, qualifier="vague", vague=True)
        rng = _hyphen_range(w, lex) if ("-" in w or "–" in w) else None
        if rng:
            return _make(toks, i, i, lex, text, offset, low=rng[0], best=None, high=rng[1],
                         qualifier="range")
    found = read_number(toks, i, lex)
    if found is None:
        if t.kind == "word" and t.lower in lex.articles and i + 1 < len(toks) and toks[i + 1].kind == "word":
            # 'En soldat ble drept': one, when what follows is a person and something befell them
            # (people.py decides; alone the article is no number)
            return _make(toks, i, i, lex, text, offset, low=1, best=1, high=1, qualifier="exact",
                         article=True)
        return None
    value, last, closing = found
    # a range: 'mellom 3000 og 4000', 'fra 200 til 300', '300-400', 'mellom tre og fire tusen'
    j = last + 1
    if j + 1 < len(toks) and toks[j].lower in lex.range_join:
        opener = i > 0 and toks[i - 1].lower in lex.range_open
        dash = toks[j].text in ("-", "–")
        # 'to til tre', '40 til 50 demonstranter', '2 eller 3': a range when it rises;
        # 'og' needs an opener ('mellom 3000 og 4000'), else it joins two counts
        loose = toks[j].lower in lex.range_join and toks[j].lower not in lex.joiners
        if opener or dash or loose:
            second = read_number(toks, j + 1, lex)
            if second is not None:
                hi, hi_last, hi_closing = second
                lo = value
                if hi_closing and closing is None and lo < hi_closing and lo * hi_closing <= hi:
                    lo = lo * hi_closing
                if lo < hi and float(lo).is_integer() and float(hi).is_integer():
                    first = i - 1 if opener else i
                    return _make(toks, first, hi_last, lex, text, offset, low=int(lo), best=None,
                                 high=int(hi), qualifier="range", number_start=i)
    if not float(value).is_integer():
        return None
    n = int(value)
    q = _qualifier_before(toks, i, lex)
    label, first = (q if q else ("exact", i))
    low, best, high = _bounds(label, n)
    if label == _NEARLY:
        label = "approximately"
    return _make(toks, first, last, lex, text, offset, low=low, best=best, high=high,
                 qualifier=label, digits=toks[i].kind == "num" and last == i, number_start=i)


def _bounds(label: str, n: int) -> tuple[int | None, int | None, int | None]:
    return {
        "exact": (n, n, n),
        "approximately": (None, n, None),
        _NEARLY: (None, n, n),
        "at_least": (n, n, None),
        "more_than": (n, None, None),
        "up_to": (None, None, n),
        "fewer_than": (None, None, n),
    }.get(label, (n, n, n))


def _make(toks: list[Token], first: int, last: int, lex: NumberLexicon, text: str, offset: int, *,
          low, best, high, qualifier: str, vague: bool = False, digits: bool = False,
          number_start: int | None = None, article: bool = False) -> NumberPhrase:
    start, end = toks[first].start, toks[last].end
    return NumberPhrase(text=text[start - offset:end - offset], start=start, end=end, low=low,
                        best=best, high=high, qualifier=qualifier, vague=vague, digits=digits,
                        first_token=first if number_start is None else number_start, last_token=last,
                        article=article)
