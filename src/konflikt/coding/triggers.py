"""Event triggers: finding them in a sentence and deciding which ones report an incident.

The lexicons are data (``lang/<code>/triggers.toml`` and ``events.toml``). Triggers match on
lemmas: single words (a verb's or noun's lemma), nouns inside compounds ('bilbombeangrep' is a
car bomb, 'granatangrep' a grenade attack: the modifier wins when it is itself a more specific
trigger), and sequences ('ta ... over', 'erklære ... kalifat'). Then the filters, in order:
negation, future/hypothetical, denial; whole sentences that are captions, social-media
statements or weapon lists give no events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from konflikt.coding.taxonomy import event_type
from konflikt.coding.text import Tok, is_definite_noun, lemmatize
from konflikt.langdata import read_toml

_CAPTION_LABEL = re.compile(r"^\s*[A-ZÆØÅ][A-ZÆØÅ0-9 \-]{2,}:")


@dataclass(frozen=True)
class TriggerSpec:
    sub: str
    strength: float
    priority: int
    weak: bool
    civilian: str | None
    state: str | None
    needs: frozenset[str]
    toll: bool = False
    generic: bool = False
    local: bool = False
    sequence: tuple[str, ...] = ()
    gap: int = 0
    block: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    near_place: int = 0     # a place (or a word for one) this many tokens before or after it
    # a list of the targets of the article's remote attack ('Blant målene var ...'): counts
    # only in an article with such an attack, takes its type, and each place is one event
    targets: bool = False

    @property
    def event_type(self) -> str:
        return event_type(self.sub)


@dataclass(frozen=True)
class Hit:
    spec: TriggerSpec
    start: int      # token index of the (first) trigger word
    end: int        # token index after the last trigger word
    text: str
    char_start: int
    char_end: int


@dataclass
class Lexicon:
    words: dict[str, TriggerSpec] = field(default_factory=dict)        # lemma -> spec
    sequences: list[TriggerSpec] = field(default_factory=list)
    compound_keys: list[str] = field(default_factory=list)             # longest first
    filters: dict = field(default_factory=dict)
    not_events: frozenset[str] = frozenset()
    not_prefixes: tuple[str, ...] = ()
    by_suffix: dict[str, list[str]] = field(default_factory=dict)      # last 4 letters -> keys
    by_first: dict[str, list[TriggerSpec]] = field(default_factory=dict)


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon:
    data = read_toml(lang, "triggers.toml")
    filters = read_toml(lang, "events.toml")
    lex = Lexicon(filters=filters, not_events=frozenset(filters.get("not_events", [])))
    inflected: list[tuple[str, TriggerSpec]] = []
    for t in data.get("trigger", []):
        base = dict(sub=t["sub"], strength=float(t.get("strength", 0.6)),
                    priority=int(t.get("priority", 50)), weak=bool(t.get("weak", False)),
                    civilian=t.get("civilian"), state=t.get("state"),
                    needs=frozenset(t.get("needs", [])), toll=bool(t.get("toll", False)),
                    generic=bool(t.get("generic", False)), local=bool(t.get("local", False)),
                    not_before=frozenset(t.get("not_before", [])),
                    near_place=int(t.get("near_place", 0)), targets=bool(t.get("targets", False)))
        event_type(t["sub"])  # an unknown sub-event type is a data error: fail at load
        if "sequence" in t:
            seq = tuple(lemmatize(w.casefold(), lang) for w in t["sequence"])
            lex.sequences.append(TriggerSpec(**base, sequence=seq, gap=int(t.get("gap", 3)),
                                             block=frozenset(t.get("block", []))))
        for w in t.get("words", []):
            parts = w.split()
            if len(parts) > 1:
                seq = tuple(lemmatize(p.casefold(), lang) for p in parts)
                lex.sequences.append(TriggerSpec(**base, sequence=seq, gap=1))
                continue
            spec = TriggerSpec(**base)
            key = w.casefold()
            if key not in lex.words or lex.words[key].priority < spec.priority:
                lex.words[key] = spec
            lemma = lemmatize(key, lang)
            if lemma != key:
                inflected.append((lemma, spec))
    # an inflected entry ('bombet') adds its lemma ('bombe') only where no entry names it:
    # the verb form must not make every noun 'bombe' an air strike
    for lemma, spec in inflected:
        if lemma not in lex.words:
            lex.words[lemma] = spec
    lex.compound_keys = sorted((k for k in lex.words if len(k) >= 4), key=len, reverse=True)
    lex.not_prefixes = tuple(sorted(lex.not_events))
    for k in lex.compound_keys:
        lex.by_suffix.setdefault(k[-4:], []).append(k)
    for spec in lex.sequences:
        lex.by_first.setdefault(spec.sequence[0], []).append(spec)
    return lex


_ENDINGS = ("ene", "ane", "en", "et", "er", "a", "e")


def _stems(tok: Tok) -> list[str]:
    out = [tok.lower, tok.lemma]
    for e in _ENDINGS:
        if tok.lower.endswith(e) and len(tok.lower) - len(e) >= 4:
            out.append(tok.lower[: -len(e)])
    return out


def _word_spec(tok: Tok, lex: Lexicon) -> TriggerSpec | None:
    keys = tok.keys
    if keys & lex.not_events:
        return None
    specs = [lex.words[k] for k in keys if k in lex.words]
    if specs:
        return max(specs, key=lambda s: s.priority)
    if len(tok.lower) < 6:
        return None
    # a compound: the head is a trigger; a trigger modifier in front of it may be more specific
    for stem in _stems(tok):
        if stem.startswith(lex.not_prefixes):
            return None
        for key in lex.by_suffix.get(stem[-4:], ()):
            # a compound needs a real modifier and a head long enough not to hide in other
            # words ('re-aksjon', 'trenings-kamp' are no triggers)
            if stem.endswith(key) and len(stem) - len(key) >= 3 and len(key) >= 5:
                head = lex.words[key]
                modifier = stem[: -len(key)].rstrip("s-")
                best = head
                for k2 in lex.by_suffix.get(modifier[-4:], ()):
                    if modifier.endswith(k2) and lex.words[k2].priority > best.priority:
                        best = lex.words[k2]
                return best
    return None


def find_triggers(toks: list[Tok], lex: Lexicon) -> list[Hit]:
    """Every trigger in a sentence's tokens (no filtering yet)."""
    hits: list[Hit] = []
    for i, tok in enumerate(toks):
        if not tok.is_word:
            continue
        if i > 0 and tok.text[:1].isupper() and toks[i - 1].text not in {"–", "-", "«", ":", '"'}:
            continue  # a name inside the sentence ('Morten', 'Kampen'), not a trigger word
        spec = _word_spec(tok, lex)
        if spec is not None and not (i + 1 < len(toks) and toks[i + 1].lower in spec.not_before):
            hits.append(Hit(spec, i, i + 1, tok.text, tok.start, tok.end))
    # sequences ('ta ... over'): the first match of each, from the tokens that can open it
    done: set[int] = set()
    for i, tok in enumerate(toks):
        for spec in {id(x): x for k in tok.keys for x in lex.by_first.get(k, ())}.values():
            if id(spec) in done:
                continue
            j, ok = i, True
            for want in spec.sequence[1:]:
                found = None
                for k in range(j + 1, min(len(toks), j + 2 + spec.gap)):
                    if toks[k].lower in spec.block:
                        break
                    if want in toks[k].keys:
                        found = k
                        break
                if found is None:
                    ok = False
                    break
                j = found
            if ok:
                hits.append(Hit(spec, i, j + 1, " ".join(t.text for t in toks[i:j + 1]),
                                toks[i].start, toks[j].end))
                done.add(id(spec))
    return hits


# ------------------------------------------------------------------------------------------
# Filters
# ------------------------------------------------------------------------------------------


def is_caption(line: str, lex: Lexicon) -> bool:
    low = line.casefold()
    return any(m in low for m in lex.filters.get("caption_markers", [])) or bool(
        _CAPTION_LABEL.match(line))


def is_statement(sentence: str, statement_cues: list[str] | tuple[str, ...]) -> bool:
    low = sentence.casefold()
    return any(c in low for c in statement_cues)


def is_weapon_list(toks: list[Tok], lex: Lexicon) -> bool:
    """'miner, granater, bilbomber og snikskyttere': weapon nouns in a list (joined by commas
    or 'og', a few words apart), not weapons spread over clauses ('kampfly bombet Gaza, mens
    Hizbollah avfyrte raketter')."""
    weapons = set(lex.filters.get("weapons", []))
    idx = [i for i, t in enumerate(toks) if t.keys & weapons and t.pos not in ("VERB", "AUX")]
    need = int(lex.filters.get("weapon_list_min", 3))
    chain: list[int] = []
    best = 0
    for i in idx:
        gap = toks[chain[-1] + 1:i] if chain else []
        if chain and len(gap) <= 4 and any(t.text == "," or t.lower in ("og", "og", "eller") for t in gap):
            chain.append(i)
        else:
            chain = [i]
        best = max(best, len({toks[k].alt for k in chain}))
    return best >= need


def cancelled(hit: Hit, toks: list[Tok], lex: Lexicon) -> str | None:
    """Why a trigger does not report an incident (negated, future, denied), or None."""
    f = lex.filters
    neg = set(f.get("negators", []))
    win = int(f.get("negation_window", 3))
    for k in range(max(0, hit.start - win), hit.start):
        # 'ingen ble drept', 'ble ikke drept'; a comma in between ends the negation's scope
        if toks[k].lower in neg and not any(t.text == "," for t in toks[k:hit.start]):
            return "negated"
    for k in range(max(0, hit.start - 7), hit.start):
        # a cleft: 'det var ikke norske soldater som satte fyr'
        if toks[k].lower in neg and any(t.lower in {"som", "who", "that"} for t in toks[k:hit.start]) \
                and not any(t.text == "," for t in toks[k:hit.start]):
            return "negated"
    if hit.end < len(toks) and toks[hit.end].lower in neg:
        return "negated"
    modals = set(f.get("modals", []))
    mwin = int(f.get("modal_window", 5))
    for k in range(max(0, hit.start - mwin), hit.start):
        t = toks[k]
        if t.text in {",", ".", ";", ":"}:
            continue
        if (t.keys & modals) and not any(
                x.text in {",", ";"} for x in toks[k:hit.start]):
            return "hypothetical"
        # 'skal' + a verb is future ('Armenia skal overlevere ...', 'skal overvåke
        # våpenhvilen'); with 'ha'/'være' anywhere before the trigger it reports ('skal
        # etter sigende ha angrepet')
        if t.lower == "skal" and not any(x.lower in set(f.get("skal_reported", []))
                                         for x in toks[k + 1:hit.start + 1]):
            return "future"
    # 'for å angripe', 'tillatelse til å demonstrere': an infinitive of purpose or permission
    # tells what someone wants or may do, not what happened
    before_words = " ".join(t.lower for t in toks[max(0, hit.start - 3):hit.start])
    if any(f" {before_words}".endswith(f" {p}") for p in f.get("purpose_before", [])):
        return "hypothetical"
    # 'det er ventet store demonstrasjoner': phrases of expectation or plan before the trigger
    window = " ".join(t.lower for t in toks[max(0, hit.start - mwin):hit.start])
    if any(f" {p} " in f" {window} " for p in f.get("future_phrases", [])):
        return "future"
    # 'har anklaget X for å være terrorister som har iscenesatt angrep': an accusation scopes
    # over the rest of its clause
    acc = set(f.get("accusation_cues", []))
    for k in range(max(0, hit.start - int(f.get("accusation_window", 15))), hit.start):
        if toks[k].keys & acc and not any(x.text in {";", ":"} or (x.text == "," and x is not toks[k])
                                          for x in toks[k:hit.start]):
            return "hypothetical"
    # 'etter flere svært dødelige angrep': a quantifier of repetition before the trigger noun,
    # with only its modifiers in between
    # (modifiers by the model's part of speech: 'fleire hundre menneske demonstrert' is a crowd)
    hab = set(f.get("habitual_before", []))
    for k in range(hit.start - 1, max(-1, hit.start - 4), -1):
        t = toks[k]
        if t.lower in hab:
            return "habitual"
        if not t.is_word or t.pos not in ("ADJ", "ADV"):
            break
    # 'etter måneder med flyangrep og gatekamper', 'en lang rekke bombeangrep': the words right
    # after a stretch of time are many incidents, not one; a state it left behind ('lagt i
    # ruiner etter måneder med ...') is none either. An event of its own in the same sentence
    # stays ('inntok byen etter flere dager med kamper').
    if _in_habitual_span(hit, toks, f.get("habitual_span", [])):
        return "habitual"
    # 'har i fleire år plyndra landsbyar og kidnappa folk': repetition scoping the clause
    hc = [h.split() for h in f.get("habitual_clause", [])]
    cw = int(f.get("habitual_clause_window", 10))
    low = [t.lower for t in toks]
    present = set(low)
    for words in hc:
        n = len(words)
        if words and words[0] not in present:
            continue  # its first word is nowhere in the sentence: no window can match
        for i in range(max(0, hit.start - cw - n), min(len(low) - n + 1, hit.end + cw)):
            if low[i:i + n] != words:
                continue
            a, b = (i + n, hit.start) if i < hit.start else (hit.end, i)
            if not any(t.text in {",", ";", ":", "."} for t in toks[a:b]):
                return "habitual"
    # 'begravelse for de drepte', 'blant dei drepne', 'minnestund for de omkomne': after a
    # preposition 'de' is an article, not a subject ('de drepte ham'), and the participle names
    # the victims of an event told elsewhere
    if hit.end - hit.start == 1 and hit.start >= 2 and toks[hit.start - 1].lower in set(
            f.get("plural_articles", [])) and toks[hit.start - 2].lower in set(f.get("victim_prepositions", [])):
        return "victims"
    denials = set(f.get("denials", []))
    if any(t.keys & denials for t in toks[:hit.start]):
        return "denied"
    # 'Styrkene øver på å slå tilbake et angrep', 'under militærøvelsen simulerte de ...': what
    # an exercise practises did not happen (dev5 610 pattern); the rest of the sentence
    ex, ex_end = set(f.get("exercise_cues", [])), tuple(f.get("exercise_endings", []))
    if any(t.keys & ex or (ex_end and t.lower.endswith(ex_end)) for t in toks[:hit.start]):
        return "exercise"
    return None


def _in_habitual_span(hit: Hit, toks: list[Tok], spans: list[str]) -> bool:
    low = [t.lower for t in toks]
    present = set(low)
    for phrase in spans:
        words = phrase.split()
        n = len(words)
        if words and words[0] not in present:
            continue  # its first word is nowhere in the sentence: no window can match
        for i in range(len(low) - n + 1):
            if low[i:i + n] != words:
                continue
            end = i + n
            # the trigger is what the stretch of time is made of: right after it, or joined
            # to it by 'og' ('måneder med flyangrep og gatekamper')
            if end <= hit.start <= end + 2 and all(
                    t.is_word and t.lower != "," for t in toks[end:hit.start]):
                return True
            # ... or right before it: 'flere angrep de siste årene', 'bombet byen de siste ukene'
            if hit.end <= i <= hit.end + 2 and all(t.is_word for t in toks[hit.end:i]):
                return True
            # a result or state before 'etter <span>' ('lagt i ruiner etter måneder med')
            if hit.end <= i and hit.spec.event_type == "Strategic developments" and \
                    "etter" in low[hit.end:i]:
                return True
    return False


def is_inert(sentence: str, lex: Lexicon) -> bool:
    """Old ordnance or a controlled detonation ('en flybombe fra andre verdenskrig ble sprengt
    under kontrollerte former'): no event."""
    low = sentence.casefold()
    return any(c in low for c in lex.filters.get("inert_cues", []))


def is_reaction(hit: Hit, toks: list[Tok], lex: Lexicon) -> bool:
    """'fordømte angrepet', 'kalte åtaket feigt': a definite event noun right after a verb of
    reaction (`reaction_verbs`) is a statement about an event told elsewhere, not the event
    (dev4 501/502 pattern: reactions from abroad were placed where the speaker was). The
    caller applies it only where the article tells an incident of its own."""
    f = lex.filters
    react = set(f.get("reaction_verbs", []))
    if not react or hit.end - hit.start != 1 or not is_definite_noun(toks[hit.start]):
        return False
    for k in range(max(0, hit.start - int(f.get("reaction_window", 3))), hit.start):
        if toks[k].keys & react and not any(x.text in {",", ";", ":"} for x in toks[k:hit.start]):
            return True
    return False


def is_sport(lead: str, lex: Lexicon) -> bool:
    """A sports report: its headline and first paragraph name a match, a team or a title
    ('EM-finalen', 'håndballkvinner', `sport_cues` in events.toml) at least `sport_lead_min`
    times. Its war words are metaphors ('eksploderte i andre omgang', 'skutt i senk')."""
    low = lead.casefold()
    cues = lex.filters.get("sport_cues", [])
    return sum(1 for c in cues if c in low) >= int(lex.filters.get("sport_lead_min", 2))


def near_place(hit: Hit, toks: list[Tok], place_starts: list[int], words: set[str]) -> bool:
    """A trigger that needs a place next to it ('falt Sar-e Pul og Taloqan', 'byen falt'):
    a place mention, or a word for one, within spec.near_place tokens."""
    n = hit.spec.near_place
    if not n:
        return True
    glue = {"som", "også", "nå", "da", "så", "og"}
    # right after it ('falt Sar-e Pul og Taloqan'; the place's first token)
    if hit.end < len(toks) and toks[hit.end].start in place_starts:
        return True
    # before it, with only glue words between ('Kunduz falt', 'provinshovedstaden som falt')
    for k in range(hit.start - 1, max(-1, hit.start - 1 - n), -1):
        t = toks[k]
        if t.keys & words or t.start in place_starts:
            return True
        if t.lower not in glue and not t.text[:1].isupper():
            break
    return False


def hedged(sentence: str, lex: Lexicon) -> bool:
    low = sentence.casefold()
    return any(h in low for h in lex.filters.get("hedges", []))


def has_needs(hit: Hit, toks: list[Tok]) -> bool:
    """One of the trigger's `needs` in the sentence; a need of several words ('gå av') is
    their lemmas in a row, one word allowed between ('gikk så av')."""
    if not hit.spec.needs:
        return True
    if any(t.keys & hit.spec.needs for t in toks):
        return True
    for need in hit.spec.needs:
        parts = need.split()
        if len(parts) < 2:
            continue
        for i, t in enumerate(toks):
            if parts[0] not in t.keys:
                continue
            j, ok = i, True
            for want in parts[1:]:
                k = next((k for k in range(j + 1, min(len(toks), j + 3)) if want in toks[k].keys), None)
                if k is None:
                    ok = False
                    break
                j = k
            if ok:
                return True
    return False


def conflict_context(toks: list[Tok], lex: Lexicon) -> bool:
    words = set(lex.filters.get("conflict_words", []))
    # compounds of a conflict word ('militærkonvoi', 'regjeringsstyrkane', 'opprørsgruppa')
    prefixes = tuple(lex.filters.get("conflict_prefixes", []))
    return any(t.keys & words or (prefixes and t.lower.startswith(prefixes)) for t in toks)
