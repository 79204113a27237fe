"""Counts of people: a number phrase, what it counts (who) and what the sentence says happened
to them (status).

A number becomes a :class:`~konflikt.document.Quantity` when
1. a noun for people follows it ('ti tusen sivile', 'Fire SDF-krigere', 'hundrevis av mennesker'),
   possibly after up to two adjectives ('fire amerikanske soldater'); or
2. it stands alone ('12 ble drept', 'Tusener har lagt på flukt') or before a noun we do not know
   ('femten fiskere er savnet') and the sentence gives it a status; vague plurals ('tusener')
   stand for people even without one.
Units, money, time and things ('500 meter', '22 år', '40 hus') never count; nor do numbers after
'klokken', 'artikkel' and the like, or bare years ('i 2014'; the times stage's spans are skipped).

Status is chosen in this order (first found wins), which keeps each number with its own verb in
'Angrepet drepte 12 og såret 30' and 'Minst 12 ble drept og 30 såret':
1. a status word right before the number ('drepte 12', 'har arrestert hundrevis');
2. the nearest status word after it, before the next number in the sentence;
3. the nearest status word before it, with no other number in between.
Rules 2 and 3 stop at a word that opens another clause (``clause_breaks`` in counts.toml: 'at',
'etter at', ', og' ...): in '52 ble pågrepet etter at tusenvis ... stormet' the thousands were
not arrested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from konflikt.counting.lexicon import CountLexicon, Token, count_lexicon, number_lexicon
from konflikt.counting.numbers import NumberPhrase, scan_numbers
from konflikt.document import Quantity
from konflikt.lemmas import lemma as dictionary_lemma
from konflikt.sentences import split_sentences

_COORDINATORS = ("og", ",", "and", "eller", "or")
# passive auxiliaries between an elided count and its status ('og 30 ble såret'); copulas that
# name what a part of a group is ('tre av dem var barn')
_AUXILIARIES = frozenset({"ble", "blei", "vart", "er", "var", "blir", "were", "was"})
_COPULAS = frozenset({"er", "var", "is", "are", "was", "were"})


@dataclass(slots=True)
class _Cue:
    status: str
    start: int
    end: int
    text: str


def _cues(sentence: str, offset: int, toks: Sequence[Token], lex: CountLexicon,
          lemma_lang: str | None, spacy_lemmas: dict[int, str]) -> list[_Cue]:
    """Status words in one sentence, by surface form and, for single words, by lemma."""
    found: dict[tuple[int, int], _Cue] = {}
    for status, pattern in lex.status:
        for m in pattern.finditer(sentence):
            key = (m.start() + offset, m.end() + offset)
            if key not in found or found[key].end - found[key].start < key[1] - key[0]:
                found[key] = _Cue(status, key[0], key[1], m.group())
    if lemma_lang or spacy_lemmas:
        for t in toks:
            if t.kind != "word" or (t.start, t.end) in found:
                continue
            lemma = spacy_lemmas.get(t.start) or (dictionary_lemma(t.lower, lemma_lang) if lemma_lang else None)
            if lemma and lemma in lex.status_words:
                found[(t.start, t.end)] = _Cue(lex.status_words[lemma], t.start, t.end, t.text)
    # drop cues inside longer ones ('på flukt' inside 'lagt på flukt')
    cues = sorted(found.values(), key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cue] = []
    for c in cues:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def _joined(gap: str, lex: CountLexicon) -> bool:
    """Does the text between two counts join them under one verb? 'og', ',', ', blant dem', or a
    short attached phrase before the joiner ('i Leger Uten Grenser og'): no verb, at most six words."""
    g = gap.strip().lower()
    if g in _COORDINATORS:
        return True
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+", g)
    if not words or any(ch.isdigit() for ch in g):
        return False
    joiners = lex.joiners or frozenset(_COORDINATORS)
    # the joiner at the end: 'og', 'blant dem', or nothing after a comma (', blant dem,' / ',')
    tail = None
    for n in (2, 1):
        if len(words) >= n and " ".join(words[-n:]) in joiners:
            tail = n
            break
    if tail is None and not g.endswith(","):
        return False
    head = words[:-tail] if tail else words
    if not head:
        return True
    if head[0] not in lex.attached_prepositions or len(head) > 6:
        return False
    # nothing in the attached phrase may be a verb or a clause word ('som', 'ble', 'har')
    return not any(w in lex.function_words and w not in lex.attached_prepositions for w in head[1:])


def _looks_adjective(word: str, pos: str | None) -> bool:
    if pos:
        return pos in ("ADJ", "ADV", "DET", "NUM")
    w = word.lower()
    return len(w) > 3 and (w.endswith("e") or w.endswith("ske") or w.endswith("ige")) and "-" not in w


def _who(phrase: NumberPhrase, toks: Sequence[Token], lex: CountLexicon,
         pos_of: dict[int, str]) -> tuple[str, str | None, Token | None]:
    """('who', category, noun token) | ('bare', None, None) | ('unknown', None, noun) | ('no', None, tok)."""
    k = phrase.last_token + 1
    if k < len(toks) and toks[k].lower in lex.of_words:
        k += 1
        if k < len(toks) and toks[k].lower in lex.of_determiners:
            k += 1
            if k < len(toks) and toks[k].lower in ("som",):
                return "bare", None, None
    steps = 0
    while k < len(toks):
        t = toks[k]
        if t.kind != "word":
            return ("no", None, t) if t.text == "%" else ("bare", None, None)
        w = t.lower
        hit = lex.noun_class(w, lex.who)
        if hit:
            return "who", lex.who[hit[0]], t
        if t.text.isupper() and len(t.text) >= 2 and steps < 2 and k + 1 < len(toks):
            steps += 1  # an acronym before the noun: '2500 IS fighters', 'fire SDF soldater'
            k += 1
            continue
        if lex.noun_class(w, lex.not_people):
            return "no", None, t
        if w in lex.function_words or w in lex.status_words:
            return "bare", None, None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if steps < 2 and _looks_adjective(t.text, pos_of.get(t.start)) and nxt is not None \
                and nxt.kind == "word" and nxt.lower not in lex.function_words \
                and nxt.lower not in lex.status_words:
            steps += 1
            k += 1
            continue
        return "unknown", None, t
    return "bare", None, None


def _choose_status(phrase: NumberPhrase, phrases: list[NumberPhrase], cues: list[_Cue],
                   toks: Sequence[Token], index: int,
                   breaks: Sequence[int] = (), partitive: bool = False) -> tuple[_Cue | None, int]:
    first_tok = toks[phrase.first_token] if phrase.first_token < len(toks) else None
    start = min(phrase.start, first_tok.start) if first_tok else phrase.start
    prev_end = phrases[index - 1].end if index > 0 else -1
    next_start = phrases[index + 1].start if index + 1 < len(phrases) else 10 ** 12
    # 1. a status word right before the number (only spaces between)
    before_tokens = [t for t in toks if t.end <= start]
    if before_tokens:
        last = before_tokens[-1]
        for c in cues:
            if c.end == last.end:
                return c, 1
    # 2. nearest after, before the next number and before a word that opens another clause
    after_limit = min([b for b in breaks if b >= phrase.end] + [next_start])
    after = [c for c in cues if c.start >= phrase.end and c.start < after_limit]
    if after:
        return after[0], 2
    # 3. nearest before, after the previous number and after the last clause opener before it;
    # a part of a group named before ('..., og 30 av dem var barn') may reach back over ', og'
    if partitive:
        breaks = [b for b in breaks if _tok_text_at(toks, b) != ","]
    before_limit = max([b for b in breaks if b <= start] + [prev_end])
    before = [c for c in cues if c.end <= start and c.start >= before_limit]
    if before:
        return before[-1], 3
    return None, 0


def _tok_text_at(toks: Sequence[Token], pos: int) -> str | None:
    """The text of the token starting at `pos`, if any."""
    for t in toks:
        if t.start == pos:
            return t.text
    return None


def _partitive(phrase: NumberPhrase, toks: Sequence[Token], lex: CountLexicon) -> bool:
    """'30 av dem', 'to av dei': a part of a group the text named before."""
    k = phrase.last_token + 1
    return k + 1 < len(toks) and toks[k].lower in lex.of_words and toks[k + 1].lower in lex.of_determiners


def _own_status(q: Quantity, toks: Sequence[Token], lex: CountLexicon, count_nouns: set[int]) -> bool:
    """Is the status word of a one-person article count about that person? Not when a people
    noun that is no count of its own comes between them: in 'En væpnet mann åpnet ild mot folk som
    var samlet' the status belongs to 'folk', so 'En' stays an article ('en kvinne og en mann ble
    skadd' shares its verb: 'mann' is a count)."""
    if q.status_span is None or q.who_span is None:
        return True
    lo, hi = sorted((q.who_span[1], q.status_span[0]))
    return not any(t.kind == "word" and lo <= t.start and t.end <= hi and t.start not in count_nouns
                   and lex.noun_class(t.lower, lex.who) for t in toks)


def _blocked(phrase: NumberPhrase, toks: Sequence[Token], lex: CountLexicon) -> bool:
    i = phrase.first_token
    # an age after a name: 'Paul Whelan (48) ble pågrepet'
    if 0 < i and phrase.last_token + 1 < len(toks) and toks[i - 1].text == "(" \
            and toks[phrase.last_token + 1].text == ")":
        return True
    # the word before the number itself ('klokken 14', 'artikkel 2'), hedges aside
    j = i - 1
    if j >= 0 and toks[j].lower.rstrip(".") in lex.blockers_before and toks[j].end <= toks[i].start:
        return True
    if j >= 0 and toks[j].text == "." and j - 1 >= 0 and toks[j - 1].lower in lex.blockers_before:
        return True
    # ordinals: '4. juli', '2. verdenskrig' (a digit glued to a full stop, then a lower-case word)
    last = toks[phrase.last_token]
    # a number glued by a hyphen to a word is a modifier: '21-årige', '25-åringen', '3-0-seier'
    if phrase.last_token + 2 < len(toks):
        dash, word = toks[phrase.last_token + 1], toks[phrase.last_token + 2]
        if dash.text in "-–" and dash.start == last.end and word.start == dash.end:
            return True
    if phrase.digits and phrase.last_token + 2 < len(toks) + 1 and phrase.last_token + 1 < len(toks):
        nxt = toks[phrase.last_token + 1]
        if nxt.text == "." and nxt.start == last.end and phrase.last_token + 2 < len(toks):
            after = toks[phrase.last_token + 2]
            if after.kind == "word" and after.text[:1].islower():
                return True
    return False


def _new_clause(gap: str) -> bool:
    """', og' / ', men' between two counts opens a new main clause: they do not share a verb
    ('75 ble skadet, blant dem 14 barn, og 39 mennesker er reddet ut': the 39 are not injured;
    round 4, dev3 303 pattern). A list of counts has no comma before 'og'."""
    return re.search(r",\s*(?:og|men|and|but)\s*$", gap.lower()) is not None


def _group_reference(before: NumberPhrase, ph: NumberPhrase, toks: Sequence[Token],
                     lex: CountLexicon, text: str) -> bool:
    """'To av de 25': the number after 'av de' right after a count is the group, not a count."""
    gap = text[before.end:ph.start].split()
    return (len(gap) == 2 and gap[0].lower() in lex.of_words and gap[1].lower() in lex.of_determiners)


def _elided(phrase: NumberPhrase, toks: Sequence[Token], lex: CountLexicon) -> bool:
    """A bare count opened by 'og' or a comma and followed straight away by its status word
    ('... og seks såret', '..., og 30 ble såret'): its noun is left out, the one before stands."""
    i, k = phrase.first_token, phrase.last_token + 1
    if i == 0 or toks[i - 1].lower not in _COORDINATORS or k >= len(toks):
        return False
    nxt = toks[k]
    if nxt.lower in _AUXILIARIES and k + 1 < len(toks):
        nxt = toks[k + 1]
    return nxt.kind == "word" and (nxt.lower in lex.status_words
                                   or dictionary_lemma(nxt.lower, lex.lang) in lex.status_words)


def _predicate_who(phrase: NumberPhrase, toks: Sequence[Token], lex: CountLexicon) -> str | None:
    """'Tre av de døde er barn', 'to av dem var politifolk': a partitive count whose copula names
    who they are."""
    k = phrase.last_token + 1
    if not (k + 1 < len(toks) and toks[k].lower in lex.of_words and toks[k + 1].lower in lex.of_determiners):
        return None
    for j in range(k + 2, min(k + 5, len(toks) - 1)):
        if toks[j].lower in _COPULAS:
            hit = lex.noun_class(toks[j + 1].lower, lex.who)
            return lex.who[hit[0]] if hit else None
    return None


def _drop_distributed_parts(found: list, phrases: list[NumberPhrase], text: str) -> list:
    """'To ble pågrepet utenfor Tyskland, én i Østerrike og én i Italia': counts listed after a
    count that add up to it are where its members are, not counts of their own (round 4, dev3
    307 pattern)."""
    drop: set[int] = set()
    for k, (q, _kind, _idx, _rule) in enumerate(found):
        if q.best is None or q.low != q.high or k in drop:
            continue
        total, parts = 0, []
        for j in range(k + 1, len(found)):
            p = found[j][0]
            if p.best is None or p.who_span is not None or p.low != p.high:
                break
            total += p.best
            parts.append(j)
            if total >= q.best:
                break
        if len(parts) >= 2 and total == q.best and "," in text[q.end:found[parts[0]][0].start]:
            drop.update(parts)
    return [f for k, f in enumerate(found) if k not in drop]


def _vague_noun(phrase: NumberPhrase, toks: Sequence[Token], nlex) -> bool:
    """Does the phrase end in a vague plural that is itself a noun ('tusener', 'hundrevis')?"""
    last = toks[phrase.last_token].lower
    return last in nlex.vague and last not in nlex.scales


def _looks_like_year(phrase: NumberPhrase, kind: str) -> bool:
    # a bare four-digit 1800-2100 with no noun after it is a year ('I juni 2014 tok ...')
    return (phrase.digits and phrase.qualifier == "exact" and phrase.best is not None
            and 1800 <= phrase.best <= 2100 and "." not in phrase.text and " " not in phrase.text
            and kind in ("bare", "unknown"))


def extract_quantities(text: str, lang: str = "nb", sentences: Iterable[tuple[int, int]] | None = None,
                       exclude: Iterable[tuple[int, int]] = (), spacy_doc=None) -> list[Quantity]:
    """Counts of people in `text`, with qualifier, who and status, in text order.

    `sentences` are (start, end) offsets (the analysis stage's; a rough split otherwise);
    numbers overlapping an `exclude` span (the times stage's mentions) are skipped.
    """
    nlex = number_lexicon(lang)
    clex = count_lexicon(lang)
    lemma_lang = lang if lang in ("nb", "nn", "en", "da", "sv") else None
    spans = list(sentences) if sentences is not None else split_sentences(text)
    excl = sorted(exclude)
    pos_of: dict[int, str] = {}
    spacy_lemmas: dict[int, str] = {}
    if spacy_doc is not None:
        for t in spacy_doc:
            if t.pos_:
                pos_of[t.idx] = t.pos_
            if t.lemma_ and t.lemma_.lower() != t.text.lower():
                spacy_lemmas[t.idx] = t.lemma_.lower()
    out: list[Quantity] = []
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        toks = nlex.tokens(sentence, s_start)
        phrases = [p for p in scan_numbers(sentence, lang, s_start, toks)
                   if not any(a < p.end and p.start < b for a, b in excl)]
        if not phrases:
            continue
        cues = _cues(sentence, s_start, toks, clex, lemma_lang, spacy_lemmas)
        # where another clause opens ('etter at', 'fordi'): status words do not cross these
        breaks = [m.start() + s_start for m in clex.clause_breaks.finditer(sentence)] \
            if clex.clause_breaks is not None else []
        # ordinals, ages and clock times are not numbers of anything: drop them before they
        # come between a count and its verb ('Tre 25-åringer ble drept')
        phrases = [p for p in phrases if not _blocked(p, toks, clex)]
        kinds = [_who(ph, toks, clex, pos_of) for ph in phrases]
        # '18 og 19 år', '2 eller 3 kilometer': the unit of the second number is the first's too
        for idx in range(len(phrases) - 2, -1, -1):
            if kinds[idx][0] == "bare" and kinds[idx + 1][0] == "no" \
                    and text[phrases[idx].end:phrases[idx + 1].start].strip().lower() in _COORDINATORS:
                kinds[idx] = kinds[idx + 1]
        # 'To av de 25 ble pågrepet': the number after 'av de' names a group counted before, not
        # a new count; the part before it is the count and takes the verb after the group
        # (round 4, dev3 307 pattern)
        keep = [not (idx > 0 and _group_reference(phrases[idx - 1], ph, toks, clex, text))
                for idx, ph in enumerate(phrases)]
        phrases = [ph for ph, k in zip(phrases, keep) if k]
        kinds = [kd for kd, k in zip(kinds, keep) if k]
        # 'tre av fire innbyggere': a proportion, not a count of anybody ('tre av de fire' is one)
        for idx in range(len(phrases) - 1):
            if text[phrases[idx].end:phrases[idx + 1].start].strip().lower() in clex.of_words:
                kinds[idx] = kinds[idx + 1] = ("no", None, None)
        # 'Tre soldater ble drept og seks såret': a bare count after 'og' next to its status word
        # counts the same people as the count before it (round 4, dev3 304 pattern: '27 barn er
        # drept og 136 såret' are children both)
        for idx in range(1, len(phrases)):
            prev_kind, prev_who, _ = kinds[idx - 1]
            if kinds[idx][0] == "bare" and prev_kind == "who" and _elided(phrases[idx], toks, clex):
                kinds[idx] = ("who", prev_who, None)
        # 'Tre av de døde er barn': the part of a group named by its predicate noun
        for idx, ph in enumerate(phrases):
            if kinds[idx][0] == "bare":
                who = _predicate_who(ph, toks, clex)
                if who is not None:
                    kinds[idx] = ("who", who, None)
        found: list[tuple[Quantity, str, int, int]] = []
        for idx, ph in enumerate(phrases):
            kind, who, noun = kinds[idx]
            if kind == "no" or _looks_like_year(ph, kind):
                continue
            cue, rule = _choose_status(ph, phrases, cues, toks, idx, breaks,
                                       _partitive(ph, toks, clex))
            q = Quantity(text=ph.text, start=ph.start, end=ph.end, low=ph.low, best=ph.best,
                         high=ph.high, qualifier=ph.qualifier, who=who)
            if kind == "who" and noun is not None:
                q.who_text, q.who_span = noun.text, (noun.start, noun.end)
            elif kind == "unknown" and noun is not None and not (ph.vague and _vague_noun(ph, toks, nlex)):
                q.who_text, q.who_span = noun.text, (noun.start, noun.end)
            if cue is not None:
                q.status, q.status_text, q.status_span = cue.status, cue.text, (cue.start, cue.end)
            found.append((q, kind, idx, rule))
        # coordinated counts share the verb ('Tre soldater og fire politifolk ble drept', 'en kvinne
        # og en mann ... skadd'); that beats a status word found only before the first (rule 3)
        rules = [f[3] for f in found]
        for k in range(len(found) - 2, -1, -1):
            q, nq = found[k][0], found[k + 1][0]
            if (q.status is None or rules[k] == 3) and nq.status is not None and rules[k + 1] in (1, 2):
                end = q.who_span[1] if q.who_span else q.end
                if _joined(text[end:nq.start], clex) and not _new_clause(text[end:nq.start]):
                    q.status, q.status_text, q.status_span = nq.status, nq.status_text, nq.status_span
                    rules[k] = rules[k + 1]
        # ... and forwards: 'drepte minst 50 mennesker, blant dem fem barn', 'drepte 12 soldater og tre sivile'
        for k in range(1, len(found)):
            pq, q = found[k - 1][0], found[k][0]
            if q.status is None and pq.status is not None:
                end = pq.who_span[1] if pq.who_span else pq.end
                if _joined(text[end:q.start], clex) and not (
                        _new_clause(text[end:q.start]) and not _partitive(phrases[found[k][2]], toks, clex)):
                    q.status, q.status_text, q.status_span = pq.status, pq.status_text, pq.status_span
                    rules[k] = rules[k - 1]
        found = _drop_distributed_parts(found, phrases, text)
        count_nouns = {f[0].who_span[0] for f in found if f[0].who_span is not None}
        for q, kind, idx, _rule in found:
            ph = phrases[idx]
            if ph.article and not (kind == "who" and q.status is not None
                                   and _own_status(q, toks, clex, count_nouns)):
                continue  # 'en kommandant', 'ett år', 'en journalist sier': the article, not a count
            if q.status is None and q.who in clex.implied_status:
                # 'over tre millioner flyktninger': the noun says what happened to them
                q.status = clex.implied_status[q.who]
                if q.who_span is not None:
                    q.status_text, q.status_span = q.who_text, q.who_span
            if kind == "who":
                pass
            elif ph.vague and (kind == "bare" or (kind == "unknown" and _vague_noun(ph, toks, nlex))):
                # 'tusenvis gikk ut', 'titusener flyktet opp i fjellene': the plural is the noun
                q.who = "people"
            elif kind == "bare" and q.status is not None:
                q.who = "people"
            elif kind == "unknown" and q.status is not None:
                q.who = None
            else:
                continue
            out.append(q)
    return out
