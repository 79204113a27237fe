"""Attribution stage: who says so ('ifølge Reuters', 'hevder SDF') over which text (issue 6).

Needs: text, sentences, actors, language. Adds: attributions.

The cues are data (``lang/<code>/attribution.toml``). Strategies, first that finds a source wins
for each cue:
1. a prefix cue ('ifølge', 'heter det i en uttalelse fra', an inverted reporting verb 'hevder',
   'opplyser') followed, inside its clause, by a named actor: that actor;
2. a reporting verb followed by 'at' or ending the clause ('Reuters skriver at ...'): the last
   actor named before it in the clause (its subject);
3. after a prefix cue with no registered actor: the words up to the next stop word, uncanonicalised
   ('ifølge lokale kilder').
A media outlet named with 'på'/'til' in a sentence that has a cue ('På statlig irakisk TV
hevder ...', '... opplyser politiet til NTB') is a source too. The scope of an attribution is its
sentence, carried over to the next sentence of the same paragraph when that one continues the
report (hedged as reported speech, opening with a pronoun, or giving more numbers at the same
places) and names no source of its own. A reporting verb whose subject is no registered actor
has the words before it as its source ('Hæren opplyser at ...').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from konflikt.actors import load_registry
from konflikt.coding.text import lemmatize, paragraph_bounds
from konflikt.document import ActorMention, Attribution, Document, Sentence
from konflikt.langdata import read_toml
from konflikt.pipeline import register_stage
from konflikt.settings import Settings

_WORD = re.compile(r"\w[\w-]*", re.UNICODE)


@dataclass(frozen=True)
class Cues:
    prefix: tuple[str, ...]
    window: int
    verbs: frozenset[str]
    statements: tuple[str, ...]
    carry_markers: tuple[str, ...]
    carry_openers: frozenset[str]
    stop: frozenset[str]
    back_openers: tuple[str, ...] = ()
    conjunctions: frozenset[str] = frozenset()
    inverting: frozenset[str] = frozenset()
    documents: tuple[str, ...] = ()
    document_links: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    speaker_links: frozenset[str] = frozenset()
    passive_auxiliaries: frozenset[str] = frozenset()
    outlet_prepositions: tuple[str, ...] = ("til ", "på ", "to ", "on ")
    relatives: frozenset[str] = frozenset()
    continuation_openers: tuple[str, ...] = ()
    office_links: dict = field(default_factory=dict)
    passive_forms: frozenset[str] = frozenset()


def load_cues(lang: str) -> Cues:
    data = read_toml(lang, "attribution.toml")
    # longest first, so 'heter det i en uttalelse fra' wins over 'i en uttalelse fra'
    prefix = tuple(sorted(data.get("prefix_cues", []), key=len, reverse=True))
    return Cues(prefix, int(data.get("window", 90)), frozenset(data.get("reporting_verbs", [])),
                tuple(data.get("statement_cues", [])), tuple(data.get("carry_markers", [])),
                frozenset(data.get("carry_openers", [])), frozenset(data.get("source_stop", [])),
                tuple(data.get("back_openers", [])), frozenset(data.get("conjunctions", [])),
                frozenset(data.get("inverting_openers", [])),
                tuple(sorted((d.casefold() for d in data.get("document_nouns", [])), key=len, reverse=True)),
                frozenset(data.get("document_links", [])),
                frozenset(data.get("speaker_nouns", [])), frozenset(data.get("speaker_links", [])),
                frozenset(data.get("passive_auxiliaries", [])),
                tuple(p + " " for p in data.get("outlet_prepositions", ["til", "på"])) + ("to ", "on "),
                frozenset(data.get("relatives", [])),
                tuple(data.get("continuation_openers", [])),
                {k: tuple(v) for k, v in data.get("office_links", {}).items()},
                frozenset(data.get("passive_forms", [])))


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where the clause that starts at `start` ends: a comma, full stop, colon or 'at'."""
    m = re.compile(r"[,.;:!?–\n]| at ").search(text, start, limit)
    return m.start() if m else limit


def _clause_start(text: str, end: int, floor: int) -> int:
    for i in range(end - 1, floor - 1, -1):
        if text[i] in ",.;:!?–\n":
            return i + 1
    return floor


def _is_source(m: ActorMention) -> bool:
    # civilians and generic descriptions do not report; everybody else may
    return m.registry_id not in {"civilians", "gunmen", "suicide_bomber"}


def _mk(m: ActorMention, cue: str, scope: tuple[int, int]) -> Attribution:
    return Attribution(source_name=m.name, source_text=m.text, source_start=m.start,
                       source_end=m.end, cue=cue, scope_start=scope[0], scope_end=scope[1])


_PHRASE_PREPS = frozenset({"til", "i", "på", "for", "med"})


def _phrase_after(text: str, start: int, limit: int, stop: frozenset[str],
                  max_words: int = 6, verbs: frozenset[int] = frozenset(),
                  cues: Cues | None = None) -> tuple[int, int] | None:
    """The words after a cue up to a stop word, a verb (`verbs`: the start offsets of the
    parse's verbs, when there is a parse) or punctuation (at most `max_words`). A speaker noun
    keeps its link ('en talsperson for politiet', 'en kilde i hæren')."""
    speakers = cues.speakers if cues else frozenset()
    links = cues.speaker_links if cues else frozenset()
    office_links = cues.office_links if cues else {}
    words: list[re.Match] = []
    for w in _WORD.finditer(text, start, limit):
        if text[words[-1].end():w.start()].strip() if words else text[start:w.start()].strip():
            break  # punctuation between words ends the phrase
        if words and w.start() in verbs:
            break  # 'ifølge øyenvitner åpnet soldatene ild': the finite verb after the source
        low = w.group().casefold()
        prev = words[-1].group().casefold() if words else ""
        if words and (low in links and prev in speakers or low in office_links.get(prev, ())) \
                and len(words) < max_words - 1:
            words.append(w)
            continue
        if words and prev in speakers and low not in links and not w.group()[:1].isupper():
            # 'ifølge lokale kilder angrep opprørerne': the speaker noun ends the source, but a
            # title goes on into the name after it ('guvernør Pavlo Kyrylenko')
            break
        article_ok = low in {"det", "den", "de"} and (not words or prev in links)
        if low in stop and not article_ok or len(words) >= max_words:
            break  # a stop word ends it, but a phrase (or a speaker's link) may go on with an article
        words.append(w)
    if words and words[-1].group().casefold() in {"det", "den", "de"}:
        words = words[:-1]
    if not words:
        return None
    return words[0].start(), words[-1].end()


def _after_auxiliary(low: str, i: int, cues: Cues) -> bool:
    """Whether the word before position `i` is a passive auxiliary ('er bekreftet', 'ble meldt')."""
    m = re.search(r"(\w+)\s+$", low[max(0, i - 20):i])
    return m is not None and m.group(1) in cues.passive_auxiliaries


def _relative_before(text: str, cs: int, verb: int, floor: int, cues: Cues) -> int | None:
    """Where the comma before a relative clause stands when the verb follows ', som ...,'
    straight away (its clause, from `cs`, is empty); else None."""
    if text[cs:verb].strip() or cs <= floor or text[cs - 1] != ",":
        return None
    rs, rel = _words_before(text, cs - 1, floor)
    if rel and rel[0].group().casefold() in cues.relatives and rs > floor and text[rs - 1] == ",":
        return rs - 1
    return None


def _document_head(text: str, span: tuple[int, int], cues: Cues,
                   actors: list[ActorMention]) -> tuple[bool, int | None]:
    """Whether the phrase after 'ifølge' names a document ('avtalen', 'våpenhvileavtalen',
    'tall fra X', 'en rapport fra X'), and where its source starts when a link word names one
    ('fra'); a document without one is no source (round 4: 'Ifølge avtalen skal ...')."""
    words = list(_WORD.finditer(text, span[0], span[1]))
    k = 0
    while k < len(words) - 1 and words[k].group().casefold() in {"en", "et", "ei", "den", "det", "de",
                                                                 "ein", "eit", "dei", "nye", "siste",
                                                                 "ferske", "foreløpige", "offisielle"}:
        k += 1
    if k >= len(words):
        return False, None
    head = words[k].group().casefold()
    if words[k].group()[0].isupper() and "-" not in head:
        return False, None  # a name ('Plan International'), not the noun
    if any(a.start < words[k].end() and words[k].start() < a.end for a in actors):
        return False, None  # 'FN-rapporten': the report of a registered actor is that actor's
    if not any(head.endswith(d) or (head.startswith(d) and len(head) - len(d) <= 3)
               for d in cues.documents if len(d) >= 3):
        return False, None
    if k + 2 < len(words) and words[k + 1].group().casefold() in cues.document_links:
        return True, words[k + 2].start()
    return True, None


def _words_before(text: str, verb: int, floor: int) -> tuple[int, list[re.Match]]:
    cs = _clause_start(text, verb, floor)
    return cs, list(_WORD.finditer(text, cs, verb))


def _subject_before(text: str, verb: int, floor: int, cues: Cues) -> bool:
    """Whether a reporting verb has its subject before it (no V2 inversion): its clause opens
    with words that are neither a time/adverb nor a preposition nor only a conjunction
    ('Pasjinjan kunngjorde', not 'Mandag bekreftet', '– Sitat, sier' or 'På TV hevder')."""
    cs, words = _words_before(text, verb, floor)
    if not words and cs > floor and text[cs - 1] == ",":
        _, rel = _words_before(text, cs - 1, floor)
        if rel and rel[0].group().casefold() in cues.relatives:
            return True  # 'X, som kontrolleres av Y, oppgir': the subject stands before
    if not words or text[cs:words[0].start()].strip(" ") in {"–", "-", "«", "»", '"'}:
        return False
    low = [w.group().casefold() for w in words]
    if low[0] in cues.inverting or all(w in cues.stop or w in cues.conjunctions for w in low):
        return False
    return True


def _clause_end_back(text: str, verb: int) -> int:
    """The end of the words right before a verb (its subject's end)."""
    return len(text[:verb].rstrip())


def _names_a_person(gap: str) -> bool:
    """'innenriksminister Süleyman Soylu': a title then a capitalised name of two words or
    more, and nothing else, between a state and its speaking verb."""
    words = gap.split()
    caps = [w for w in words if w[:1].isupper()]
    return len(words) >= 3 and len(caps) >= 2 and words[0][:1].islower() and \
        all(w[:1].isupper() for w in words[1:]) and not any(c in gap for c in ",.;:")


def _subject_phrase(text: str, verb: int, floor: int, cues: Cues,
                    max_words: int = 8) -> tuple[int, int] | None:
    """The unregistered subject right before a reporting verb: the clause's words, or, when
    the verb follows a comma straight away, the appositive before it (', Oleksandr
    Hontsjarenko, anslår')."""
    cs, words = _words_before(text, verb, floor)
    if not words and cs > floor and text[cs - 1] == ",":
        cs, words = _words_before(text, cs - 1, floor)
        if words and words[0].group().casefold() in cues.relatives and cs > floor and text[cs - 1] == ",":
            # 'Helsemyndighetene i X, som kontrolleres av Y, oppgir': the relative clause
            # describes the subject before it (round 4, dev3 309 pattern)
            cs, words = _words_before(text, cs - 1, floor)
    if words and words[-1].group().casefold() in cues.conjunctions:
        return None  # a coordinated verb ('..., kaller angrepet grovt og sier at'): no subject here
    while words and words[0].group().casefold() in cues.conjunctions:
        words = words[1:]
    if not words or len(words) > max_words or words[0].group()[0].isdigit():
        return None
    low = [w.group().casefold() for w in words]
    if all(w in cues.stop for w in low) or low[0] in cues.inverting:
        return None
    return words[0].start(), words[-1].end()


def _verb_starts(doc: Document, sent: Sentence) -> frozenset[int]:
    """Start offsets of the verbs the parse finds in a sentence (none without a parse)."""
    sdoc = doc.spacy_doc
    if sdoc is None:
        return frozenset()
    try:
        span = sdoc.char_span(sent.start, sent.end, alignment_mode="expand")
    except (AttributeError, ValueError):
        return frozenset()
    if span is None:
        return frozenset()
    return frozenset(t.idx for t in span if t.pos_ in ("VERB", "AUX"))


def sentence_attributions(doc: Document, sent: Sentence, cues: Cues) -> list[Attribution]:
    """The attributions whose cue sits in one sentence (scope: the sentence itself)."""
    text, low = doc.text, doc.text.casefold()
    scope = (sent.start, sent.end)
    actors = [a for a in doc.actors if sent.start <= a.start and a.end <= sent.end and _is_source(a)]
    found: list[Attribution] = []
    taken: set[int] = set()
    verbs = _verb_starts(doc, sent)
    # 1 and 3: prefix cues
    for cue in cues.prefix:
        pos = sent.start
        while True:
            i = low.find(cue, pos, sent.end)
            if i < 0:
                break
            pos = i + len(cue)
            before_ok = i == 0 or not text[i - 1].isalnum()
            after_ok = pos >= len(text) or not text[pos].isalnum()
            if not (before_ok and after_ok) or any(i <= t < pos for t in taken):
                continue
            taken.update(range(i, pos))
            limit = _clause_end(text, pos, min(sent.end, pos + cues.window))
            is_verb = lemmatize(cue, doc.language or "nb") in cues.verbs or cue in cues.verbs
            if is_verb and (_after_auxiliary(low, i, cues) or cue in cues.passive_forms):
                # a passive participle ('Tre er bekreftet drept'): no source unless 'av X' names one
                agent = re.compile(r"\s+av\s+").match(text, pos)
                if agent is None:
                    continue
                pos, is_verb = agent.end(), False
                limit = _clause_end(text, pos, min(sent.end, pos + cues.window))
            if not is_verb:
                # 'ifølge X': X is the phrase right after the cue ('ifølge mediesenteret til
                # SDF', 'ifølge menneskerettighetsgrupper er ...'); an actor named after that
                # phrase ('... er 41 demonstranter drept') is no source
                span = _phrase_after(text, pos, min(sent.end, pos + cues.window),
                                     cues.stop - _PHRASE_PREPS, max_words=8, verbs=verbs, cues=cues)
                if span is not None:
                    is_doc, source_at = _document_head(text, span, cues, actors)
                    if is_doc and source_at is None:
                        continue  # 'ifølge avtalen': a document says it, nobody reports it
                    if is_doc:
                        span = (source_at, span[1])
                    inside = [a for a in actors if span[0] <= a.start and a.end <= span[1]]
                    if inside:
                        found.append(_mk(inside[0], cue, scope))
                    else:
                        found.append(Attribution(source_name=text[span[0]:span[1]],
                                                 source_text=text[span[0]:span[1]],
                                                 source_start=span[0], source_end=span[1],
                                                 cue=cue, scope_start=scope[0], scope_end=scope[1]))
                    continue
            # an outlet after 'til'/'på' is where it was said ('opplyser politiet til NTB'),
            # not who said it
            # a verb whose subject stands before it takes no source after it ('FN har
            # registrert tre millioner flyktninger fra Ukraina': not Ukraine)
            subject_first = is_verb and _subject_before(text, i, sent.start, cues)
            after = [] if subject_first else [a for a in actors if pos <= a.start < limit and not (
                is_verb and low[max(pos, a.start - 8):a.start].endswith(cues.outlet_prepositions))]
            if after and is_verb:
                # the source is the phrase right after the verb; an actor named only beyond it
                # belongs to something else ('opplyser myndighetene i Chiles hovedstad':
                # the authorities, not Chile; round 4, dev3 305 pattern)
                span = _phrase_after(text, pos, limit, cues.stop, verbs=verbs, cues=cues)
                if span and after[0].start >= span[1] and not text[span[0]].isdigit():
                    found.append(Attribution(source_name=text[span[0]:span[1]],
                                             source_text=text[span[0]:span[1]],
                                             source_start=span[0], source_end=span[1], cue=cue,
                                             scope_start=scope[0], scope_end=scope[1]))
                    continue
            if after:
                found.append(_mk(after[0], cue, scope))
                continue
            # a verb cue with its subject after it: 'opplyser innenriksdepartementet mandag';
            # not when its subject stands before it ('Pasjinjan kunngjorde avtalen')
            span = _phrase_after(text, pos, limit, cues.stop, verbs=verbs, cues=cues) if is_verb and not \
                _subject_before(text, i, sent.start, cues) else None
            if span and not text[span[0]].isdigit():
                found.append(Attribution(source_name=text[span[0]:span[1]],
                                         source_text=text[span[0]:span[1]],
                                         source_start=span[0], source_end=span[1], cue=cue,
                                         scope_start=scope[0], scope_end=scope[1]))
                continue
            # a verb cue with its subject before it: 'Reuters skriver at ...'
            if is_verb:
                cs = _clause_start(text, i, sent.start)
                before = [a for a in actors if cs <= a.start and a.end <= i]
                rel_start = _relative_before(text, cs, i, sent.start, cues)
                if not before and rel_start is not None:
                    # 'Helsemyndighetene i X, som kontrolleres av Y, oppgir': the clause before
                    # the relative one holds the subject; Y is no source
                    cs2 = _clause_start(text, rel_start - 1, sent.start)
                    before = [a for a in actors if cs2 <= a.start and a.end <= rel_start]
                elif not before:
                    # an appositive subject: 'USAs utsending, Brett McGurk, skriver ...'
                    before = [a for a in actors if a.end <= i and i - a.end <= 4]
                if before:
                    a = before[-1]
                    gap = text[a.end:_clause_end_back(text, i)]
                    span = _subject_phrase(text, i, sent.start, cues)
                    if span and span[0] <= a.start and _names_a_person(gap):
                        # 'Tyrkias innenriksminister Süleyman Soylu sier': the state is only the
                        # speaker's office; the source is the person (dev4 503 pattern)
                        found.append(Attribution(source_name=text[span[0]:span[1]],
                                                 source_text=text[span[0]:span[1]],
                                                 source_start=span[0], source_end=span[1], cue=cue,
                                                 scope_start=scope[0], scope_end=scope[1]))
                        continue
                    found.append(_mk(a, cue, scope))
                    continue
                # an unregistered subject: the words before the verb ('Hæren opplyser at',
                # 'Ordføreren i Kramatorsk, Oleksandr Hontsjarenko, anslår at')
                span = _subject_phrase(text, i, sent.start, cues)
                if span:
                    found.append(Attribution(source_name=text[span[0]:span[1]],
                                             source_text=text[span[0]:span[1]],
                                             source_start=span[0], source_end=span[1], cue=cue,
                                             scope_start=scope[0], scope_end=scope[1]))
                continue
            span = _phrase_after(text, pos, limit, cues.stop, verbs=verbs, cues=cues)
            if span:
                s, e = span
                found.append(Attribution(source_name=text[s:e], source_text=text[s:e],
                                         source_start=s, source_end=e, cue=cue,
                                         scope_start=scope[0], scope_end=scope[1]))
    # 'ifølge tall fra X' is found by 'ifølge' and by 'tall fra': one attribution per source span
    seen_spans: set[tuple[int, int]] = set()
    found = [f for f in found if (f.source_start, f.source_end) not in seen_spans
             and not seen_spans.add((f.source_start, f.source_end))]
    if found:
        registry = load_registry()
        for a in actors:
            entry = registry.get(a.registry_id)
            if entry is None or entry.kind != "media":
                continue
            prev = low[max(sent.start, a.start - 8):a.start]
            if prev.endswith(cues.outlet_prepositions) and all(
                    f.source_start != a.start for f in found):
                found.append(_mk(a, "medium", scope))
    return found


def _resolve_anaphora(doc: Document, atts: list[Attribution], table: dict) -> None:
    """'ifølge organisasjonen' -> the last source named before of a fitting kind."""
    registry = load_registry()
    for k, a in enumerate(atts):
        key = a.source_text.casefold()
        if key not in table:
            continue
        kinds = set(table[key])
        stem = key.rstrip("et").rstrip("en")
        for prev in reversed(atts[:k]):
            entry = None
            for m in doc.actors:
                if m.start == prev.source_start and m.end == prev.source_end:
                    entry = registry.get(m.registry_id)
            if (kinds and entry is not None and entry.kind in kinds) or (
                    not kinds and stem in prev.source_text.casefold() and prev.source_text.casefold() != key):
                a.source_name = prev.source_name
                break


def _trailing_source(sent: Sentence, atts: list[Attribution]) -> bool:
    """Whether the sentence names its source after what it reports ('..., ifølge ICRC.')."""
    return any(a.source_start - sent.start > len(sent.text) // 2 for a in atts)


def scope_reaches(found: list[Attribution], sent: Sentence) -> bool:
    """Whether an attribution found so far already covers `sent`."""
    return any(a.scope_start <= sent.start and sent.end <= a.scope_end for a in found)


def attribute(doc: Document) -> list[Attribution]:
    cues = load_cues(doc.language or "nb")
    out: list[Attribution] = []
    sents = list(doc.sentences)  # repaired once by the analysis stage
    per_sentence = [sentence_attributions(doc, s, cues) for s in sents]
    for k, (sent, atts) in enumerate(zip(sents, per_sentence)):
        if not atts:
            continue
        scope_end = sent.end
        nxt = sents[k + 1] if k + 1 < len(sents) else None
        if nxt is not None and not per_sentence[k + 1]:
            para = paragraph_bounds(doc.text, sent.start)
            # 'Ytterligere 110 personer ble skadet.' opening the next paragraph goes on with
            # the same report (round 4, dev3 302 pattern)
            goes_on = nxt.text.casefold().startswith(cues.continuation_openers) and any(
                nxt.start <= q.start < nxt.end for q in doc.quantities)
            if nxt.start < para[1] or goes_on:
                low = nxt.text.casefold()
                first = _WORD.match(low)
                # numbers carry only while they stay at the report's places: a sentence
                # that names a place of its own ('Tusener har flyktet fra byen X') is news
                # of its own
                here = {p.name or p.text for p in doc.places if sent.start <= p.start < sent.end}
                new_place = any(nxt.start <= p.start < nxt.end and (p.name or p.text) not in here
                                for p in doc.places)
                counts = not new_place and any(nxt.start <= q.start < nxt.end for q in doc.quantities)
                # hedged as reported speech, a pronoun pointing back, or more numbers from the
                # same report ('Rundt 300 mennesker er såret.')
                if (any(m in low for m in cues.carry_markers)
                        or (first and first.group() in cues.carry_openers) or counts):
                    scope_end = nxt.end
        scope_start = sent.start
        if _trailing_source(sent, atts):
            # '... tok imot 48 skadde. De fleste var barn, ifølge ICRC.': a source named at the
            # end of a sentence also covers the counts of the sentences before it in its
            # paragraph that name no source (round 4, dev3 309 and dev2 202 patterns)
            p0 = paragraph_bounds(doc.text, sent.start)[0]
            j = k
            while j > 0 and sents[j - 1].start >= p0 and not per_sentence[j - 1] \
                    and not scope_reaches(out, sents[j - 1]):
                j -= 1
            if j < k and any(sents[j].start <= q.start < sent.start and q.status
                             for q in doc.quantities):
                scope_start = sents[j].start
        if k > 0 and sent.text.casefold().startswith(cues.back_openers):
            # 'Det opplyste guvernøren.' covers what came before: the previous paragraph
            prev = sents[k - 1]
            p0, _ = paragraph_bounds(doc.text, prev.start)
            scope_start = min(s.start for s in sents[:k] if s.start >= p0) if p0 < sent.start else prev.start
        for a in atts:
            a.scope_start, a.scope_end = scope_start, scope_end
            out.append(a)
    _resolve_anaphora(doc, out, read_toml(doc.language or "nb", "attribution.toml").get(
        "anaphoric_sources", {}))
    return out


@register_stage("attribution", requires=("text", "sentences", "actors", "language"),
                assigns=("attributions",))
class AttributionStage:
    """Find each attribution's source and the stretch of text it covers."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.attributions = attribute(doc)
        return doc
