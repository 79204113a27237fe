"""Events stage: event and figure records assembled from the mentions (issue 6).

Needs: every mention. Adds: records.

For each sentence (captions, social-media statements and weapon lists excepted): find the
triggers (``coding.triggers``), drop the negated, hypothetical, future and denied ones and the
weak ones outside a conflict context, and code the strongest as one event. Its context is the
sentence, plus the sentence before it in the same paragraph when that one reports no event of
its own (it often carries the date and the source: 'Ifølge hæren angrep de tirsdag ... To
soldater skal ha mistet livet'), plus the next one when it continues with a pronoun ('Han
gjorde det i ... Mosul'). Arguments come from that context (``coding.arguments``); figures from
the quantities (``coding.figures``); then headline and body twins merge (``coding.merge``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from konflikt.coding import arguments as args
from konflikt.coding.confidence import score
from konflikt.coding.figure_counts import (coordinated, count_figures, cumulative_cues, since_the_strike,
                                           spread_tolls)
from konflikt.coding.figures import cumulative_for, is_cumulative, sources_for
from konflikt.coding.spans import NOENTRY as _NOENTRY
from konflikt.coding.spans import armed_in as _armed_in
from konflikt.coding.spans import counted_end as _counted_end
from konflikt.coding.spans import crowd_in as _crowd_in
from konflikt.coding.spans import role as _role
from konflikt.coding.place_scope import Scope, same_place
from konflikt.coding.merge import merge_events, merge_headlines, merge_refined, merge_retold
from konflikt.coding.roles import acled_roles, crowd_actor_after_merge
from konflikt.coding.taxonomy import event_type
from konflikt.coding import crowds
from konflikt.coding import targets as tg
from konflikt.coding.text import (Tok, is_definite_noun, line_sections,
                                  model_lemmas, paragraph_bounds, tokenize)
from konflikt.coding.triggers import (Hit, Lexicon, cancelled, conflict_context, find_triggers,
                                      has_needs, hedged, is_caption, is_inert, is_reaction, is_sport,
                                      is_statement,
                                      is_weapon_list, load_lexicon, near_place)
from konflikt.document import (ActorRef, Document, Evidence, Fatalities, Location,
                               Record, Sentence, stable_id)
from konflikt.langdata import read_toml
from konflikt.pipeline import register_stage
from konflikt.settings import Settings



@dataclass
class Candidate:
    k: int                 # sentence index
    hit: Hit
    toks: list[Tok]
    conflict: bool
    # the clause the event is told in, when its sentence tells more than one event
    # ('Aleppo ble bombet, og Idlib beskutt'): actors, place and deaths come from it
    clause: tuple[int, int] | None = None
    extra: bool = False    # a further event of a sentence, beside its strongest


class EventCoder:
    """Codes one document; built per document from the shared lexicons."""

    def __init__(self, doc: Document):
        self.doc = doc
        lang = doc.language or "nb"
        self.lex: Lexicon = load_lexicon(lang)
        f = self.lex.filters
        att = read_toml(lang, "attribution.toml")
        self.statements = att.get("statement_cues", [])
        self.reporting = frozenset(att.get("reporting_verbs", [])) | frozenset(
            c for c in att.get("prefix_cues", []) if " " not in c)
        self.locatives = list(f.get("locatives", []))
        # what the parse may set apart from an event's place (coding/place_scope.py)
        self.same_words = frozenset(f.get("same_words", []))
        self.scope = Scope(frozenset(f.get("origin_prepositions", [])), frozenset(
            w.casefold() for w in [*att.get("reporting_verbs", []), *f.get("reaction_verbs", [])]))
        self.civilian_who = set(f.get("civilian_who", []))
        self.places = args.usable_places(doc, list(f.get("member_cues", [])),
                                         tuple(f.get("not_place_before", [])))
        self.times = args.usable_times(doc, dict(f.get("anaphoric_days", {})))
        self.main = args.main_place(doc, self.places)
        self.loc_preps = frozenset(read_toml(lang, "actors.toml").get("locative_prepositions", []))
        self.mlem = model_lemmas(doc)
        self.force_nouns = args.force_nouns(lang)
        self.roles: dict[str, str] = {}
        self.meta: dict[str, dict] = {}
        self.sents = list(doc.sentences)  # repaired once by the analysis stage
        self.sections = line_sections(doc)
        self.section_main = [args.main_place(doc, self.places, a, b) for a, b in self.sections]

    # -- events -------------------------------------------------------------------------------

    def fallback_place(self, offset: int):
        """No place in the event's context: the focus of its section, else of the article."""
        for (a, b), place in zip(self.sections, self.section_main):
            if a <= offset < b and place is not None:
                return place
        return self.main

    def candidates(self) -> list[Candidate | None]:
        doc, lex = self.doc, self.lex
        out: list[Candidate | None] = []
        toks_all = [tokenize(doc, s.start, s.end, self.mlem) for s in self.sents]
        # the headline and the first paragraph of the body (blank lines between them skipped)
        lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", doc.text)][:2]
        lead = doc.text[:lines[-1].end()] if lines else doc.text
        # in a sports report only a conflict word of the sentence's own makes it conflict news;
        # the teams ('danskene') are no armed actors there
        sport = is_sport(lead, lex) or any(is_sport(x.text, lex) for x in self.sents[:2])

        def in_conflict(s: Sentence, t: list[Tok]) -> bool:
            return conflict_context(t, lex) or (not sport and _armed_in(doc, s.start, s.end))
        # an article about political violence lets weak triggers count in any of its sentences
        n_conflict = sum(1 for s, t in zip(self.sents, toks_all) if in_conflict(s, t))
        conflict_article = n_conflict >= int(lex.filters.get("conflict_article_sentences", 2))
        self.conflict_article = conflict_article
        self.n_conflict = n_conflict
        self.claims = self._claims(toks_all)
        # an article that names a clear incident ('Droneangrep ...') lets a generic word
        # ('ble truffet') count anywhere in it: it will fold into that incident
        hits_all = [find_triggers(t, lex) for t in toks_all]
        # cancelled() is asked up to four times of a hit below and its answer depends only on
        # the hit, its sentence's tokens and the lexicon: work it out once per hit
        verdicts: dict[int, str | None] = {}

        def cancelled_once(h: Hit, t: list[Tok]) -> str | None:
            if id(h) not in verdicts:  # the hits live in hits_all for the whole call
                verdicts[id(h)] = cancelled(h, t, lex)
            return verdicts[id(h)]
        # (a riot or protest is no such incident: 'skutt' in an article about riots may be
        # anything, and it would not fold into the riot)
        strong = any(not h.spec.weak and cancelled_once(h, t) is None
                     and h.spec.event_type not in ("Protests", "Riots")
                     for t, hs in zip(toks_all, hits_all) for h in hs)
        # an article that opens with old ordnance ('Bombe fra andre verdenskrig sprengt') tells
        # of no explosion or disrupted weapon anywhere
        self.inert_article = is_inert(lead, lex) or any(
            is_inert(x.text, lex) for x in self.sents[:2])
        # a target list ('Blant målene var ...') counts only in an article with a remote attack
        remote = any(not h.spec.weak and h.spec.event_type == "Explosions/Remote violence"
                     and has_needs(h, t) and cancelled_once(h, t) is None
                     for t, hs in zip(toks_all, hits_all) for h in hs)
        # an article about political violence whose headline tells arrests ('25 pågrepet for
        # kuppforsøk') lets an arrest word count in any of its sentences (dev3 307 pattern)
        arrests = conflict_article and any(
            h.spec.sub == "Arrests" and has_needs(h, t) and cancelled_once(h, t) is None
            for s, t, hs in zip(self.sents[:1], toks_all, hits_all) for h in hs if _role(doc, s) == "headline")
        perpetrators = set(lex.filters.get("perpetrator_nouns", []))
        place_starts = [x.start for x in self.places]
        place_words = set(lex.filters.get("place_words", []))
        for sent, toks, found in zip(self.sents, toks_all, hits_all):
            p0, p1 = paragraph_bounds(doc.text, sent.start)
            if is_caption(doc.text[p0:p1], lex) or is_statement(sent.text, self.statements):
                out.append(None)
                continue
            if is_weapon_list(toks, lex) or is_inert(sent.text, lex):
                out.append(None)
                continue
            conflict = in_conflict(sent, toks)
            # in a sports report a war word is a metaphor ('sto for den store bomben i sjette
            # runde', dev6 812) unless an armed actor or people hurt are in its sentence too
            hurt = any(q.status in ("killed", "injured") and sent.start <= q.start < sent.end
                       for q in doc.quantities)
            if sport and not (conflict and (hurt or _armed_in(doc, sent.start, sent.end))):
                out.append(None)
                continue
            # in a cumulative toll ('har blitt drept siden invasjonen') the weak words are the
            # toll and its period, not an incident: the toll becomes a figure
            cumulative = is_cumulative(sent.text, self._cum)
            killed = [q for q in doc.quantities
                      if q.status == "killed" and sent.start <= q.start < sent.end]
            if killed and not cumulative:
                # every count of dead in the sentence is a running toll ('27 barn er drept de
                # siste tre døgnene i provinsene ...')
                cumulative = all(cumulative_for(sent.text, q.start - sent.start, self._cum,
                                                self._cum_breaks) for q in killed)
            if killed and cumulative and since_the_strike(doc, lex, self.sents, sent, killed, self.times, self.mlem):
                cumulative = False
                self.not_toll.update(q.start for q in killed)
            # in an article about political violence, a generic word with a count of dead in
            # its own sentence ('Minst 84 mennesker ble drept') tells an incident too
            toll = conflict_article and any(
                q.status == "killed" and sent.start <= q.start < sent.end for q in doc.quantities)
            # an arrest told of the article's incident ('en kvinne som skal ha plassert bomben,
            # er pågrepet'; 'de 13 inntrengerne ble pågrepet'): the sentence points back to the
            # incident by a definite event noun or names its perpetrators (dev4 503/506)
            # (an arrest told in an article about arrests needs a town of its own: 'hentet i
            # sitt hjem i Frankfurt'; 'etter pågripelsen' points back)
            town = _role(doc, sent) == "body" and any(
                sent.start <= p.start < sent.end and (p.precision or 5) <= 3 for p in self.places)
            suspects = (strong or conflict_article) and (bool(perpetrators & {k for t in toks for k in t.keys}) or any(
                h.end - h.start == 1 and is_definite_noun(toks[h.start])
                and h.spec.event_type != "Strategic developments" for h in found))
            hits = [h for h in found
                    if has_needs(h, toks) and cancelled_once(h, toks) is None
                    and not (strong and is_reaction(h, toks, lex))
                    and (not h.spec.weak or conflict or _crowd_in(doc, sent.start, h.char_start)
                         or ((suspects or arrests and town and not (
                             h.end - h.start == 1 and is_definite_noun(toks[h.start])))
                             and h.spec.sub == "Arrests")
                         or (conflict_article and not h.spec.local)
                         or (strong and h.spec.generic) or (toll and h.spec.generic))
                    and not (cumulative and h.spec.toll) and (remote or not h.spec.targets)
                    and near_place(h, toks, place_starts, place_words)
                    and not crowds.series(h, toks, sent, lex, self.times)
                    and not (self.inert_article and h.spec.event_type == "Explosions/Remote violence"
                             or self.inert_article and h.spec.sub == "Disrupted weapons use")]
            if not hits:
                out.append(None)
                continue
            best = max(hits, key=lambda h: (h.spec.priority, h.spec.strength, -h.start))
            arrest = next((h for h in hits if h.spec.sub == "Arrests"), None)
            if arrest is not None and best.end - best.start == 1 and \
                    is_definite_noun(toks[best.start]):
                # 'en kvinne som skal ha plassert bomben, er pågrepet': 'bomben' points back to
                # the incident; the news of the sentence is the arrest (dev4 503 pattern)
                best = arrest
            summary = best.spec.event_type == "Explosions/Remote violence" and tg.multi_target(
                toks, set(lex.filters.get("target_nouns", [])),
                set(lex.filters.get("target_vague", [])), doc.language or "nb")
            if summary:
                self.summaries.add(sent.start)
            if summary or any(crowds.nationwide(h, toks, sent, lex, self.places) for h in found):
                # the dead of a strike on several sites or of protests across a country,
                # counted in its paragraph with no town of their own, are a toll over all the
                # sites (dev4 507, dev5 606 patterns)
                self.nationwide.update(x.start for x in self.sents if sent.start <= x.start < p1
                                       and not any(x.start <= p.start < x.end and (p.precision or 5) <= 3
                                                   for p in self.places))
            cand = Candidate(len(out), best, toks, conflict)
            self.extras += self._clause_events(cand, sent, hits)
            out.append(cand)
        return out

    def _clause_events(self, cand: Candidate, sent: Sentence, hits: list[Hit]) -> list[Candidate]:
        """Further events of a sentence that tells several, one a clause ('Aleppo ble bombet og
        Idlib beskutt', 'Fly bombet Gaza, mens Hizbollah skjøt raketter mot Haifa'). Hits part
        into clauses at a break word between them; a clause other than the strongest hit's is
        an event of its own when it names a place or a time of its own (a generic word also
        needs an actor of its own: 'og fem ble drept i Rafah' tells the same strike). Sets
        cand.clause when the sentence has more than one clause with a place."""
        toks = cand.toks
        breaks = set(self.lex.filters.get("clause_breaks", []))
        p_starts = {p.start for p in self.places}
        p_ends = {p.end for p in self.places}

        def is_break(k: int) -> bool:
            # 'falt Kobane og Raqqa': 'og' or a comma between two places joins the places
            return toks[k].lower in breaks and not (
                0 < k < len(toks) - 1 and toks[k - 1].end in p_ends and toks[k + 1].start in p_starts)

        hs = sorted(hits, key=lambda h: h.start)
        regions: list[list[Hit]] = [[hs[0]]]
        cuts: list[int] = []
        instr = set(self.lex.filters.get("instrument_prepositions", []))
        for h in hs[1:]:
            prev_end = max(x.end for x in regions[-1])
            # ('angrep ni mål i X og Y med raketter': the weapon is the verb's instrument)
            brk = [] if h.spec.event_type == "Explosions/Remote violence" and tg.instrument(
                toks, h.start, instr) else [
                k for k in range(prev_end, h.start) if is_break(k)]
            if brk:
                regions.append([h])
                cuts.append(brk[-1])
            else:
                regions[-1].append(h)
        if len(regions) == 1:
            return []
        edges = [sent.start] + [toks[k].start for k in cuts] + [sent.end]
        spans = list(zip(edges, edges[1:]))
        own_place = [[p for p in self.places if a <= p.start and p.end <= b] for a, b in spans]
        own_time = [[t for t in self.times if a <= t.start and t.end <= b] for a, b in spans]
        home = next(i for i, r in enumerate(regions) if cand.hit in r)
        out = []
        for i, (region, (a, b)) in enumerate(zip(regions, spans)):
            if i == home:
                continue
            best = max(region, key=lambda h: (h.spec.priority, h.spec.strength, -h.start))
            places = {p.name or p.text for p in own_place[i]} - {
                p.name or p.text for p in own_place[home]}
            if not places and not own_time[i]:
                continue
            if best.spec.generic and i < home and not args.event_actors(self.doc, *spans[home], self.loc_preps):
                # 'Væpnede menn angrep en skole i X og tok med seg hundre elever': two verbs of
                # one subject tell one event, the more specific one (dev5 607 pattern)
                continue
            if best.spec.generic and not any(
                    not args.is_civilian(x) for x in args.event_actors(self.doc, a, b, self.loc_preps)) \
                    and not (places and toks[best.start].keys & set(self.lex.filters.get("impact_words", []))):
                # ('og seks ble drept i Rafah' tells the same strike; 'og i Raqqa ble en skole
                # rammet' another target hit)
                continue
            out.append(Candidate(cand.k, best, toks, cand.conflict, clause=(a, b), extra=True))
        if out and own_place[home]:
            cand.clause = spans[home]
        return out

    def _claims(self, toks_all: list[list[Tok]]) -> list:
        """Actors that claim an attack or are said to be behind it ('har tatt på seg
        ansvaret', 'står bak'), unless negated or denied ('Ingen gruppe har tatt på seg ...',
        'avviser at russiske styrker sto bak')."""
        out = []
        cues = self.lex.filters.get("claim_cues", [])
        neg = set(self.lex.filters.get("negators", [])) | set(self.lex.filters.get("denials", []))
        low = self.doc.text.casefold()
        for sent, toks in zip(self.sents, toks_all):
            for cue in cues:
                i = low.find(cue, sent.start, sent.end)
                if i < 0:
                    continue
                if any(t.keys & neg for t in toks if t.start < i):
                    continue
                before = [a for a in args.event_actors(self.doc, sent.start, i, self.loc_preps)
                          if not args.is_civilian(a)]
                named = [a for a in before if not args.is_generic(a)] or before
                if named:
                    out.append(named[-1])
                break
        return out

    def context(self, k: int, cands: list[Candidate | None]) -> tuple[int, int]:
        sents = self.sents
        sent = sents[k]
        p0, p1 = paragraph_bounds(self.doc.text, sent.start)
        start, end = sent.start, sent.end
        if k > 0 and cands[k - 1] is None and sents[k - 1].start >= p0:
            start = sents[k - 1].start
        if k + 1 < len(sents) and cands[k + 1] is None and sents[k + 1].end <= p1:
            first = sents[k + 1].text.split(maxsplit=1)[0].casefold() if sents[k + 1].text else ""
            if first in {"han", "hun", "de", "det", "dette", "he", "she", "they"}:
                end = sents[k + 1].end
        return start, end

    def event(self, c: Candidate, ctx: tuple[int, int]) -> Record:
        doc, hit = self.doc, c.hit
        sent = self.sents[c.k]
        start, end = ctx
        # a sentence that tells several events: each takes its actors, place and dead from its
        # own clause (dates and sources stay the sentence's)
        a0, a1_ = c.clause or (start, end)
        s0, s1 = c.clause or (sent.start, sent.end)
        fe: dict[str, Evidence] = {"trigger": Evidence(doc.text[hit.char_start:hit.char_end],
                                                        hit.char_start, hit.char_end)}
        actors = args.event_actors(doc, a0, a1_, self.loc_preps)
        # fatalities and civilian victims from the trigger sentence
        qs = [q for q in coordinated(doc.text, doc.quantities) if s0 <= q.start
              and q.end <= s1 and not (q.status == "killed" and (cumulative_for(
                  sent.text, q.start - sent.start, self._cum, self._cum_breaks)
                  or sent.start in self.nationwide or q.start in self.spread) and q.start not in self.not_toll)]
        # a count of the trigger word itself counts the attackers ('to selvmordsbombere
        # sprengte seg'), not the dead (dev3 302 pattern)
        qs = [q for q in qs if not (q.start < hit.char_start < _counted_end(doc, q) + 1)]
        # a count of missing or abducted people after a generic attack makes it an abduction
        # ('Over 300 elevar er sakna etter at væpna menn gjekk til åtak': dev3 301 pattern)
        taken = any(q.status in ("kidnapped", "missing") for q in qs)
        # the counted dead and wounded ('13 amerikanske soldater ... ble drept') suffer the
        # event; they do not carry it out
        # (in a battle both sides fight: the dead of one side still fought)
        victims = [] if event_type(hit.spec.sub) == "Battles" else [a for a in actors if any(
            q.status in ("killed", "injured") and a.end > q.start and a.start <= _counted_end(doc, q)
            for q in qs)]
        # ('ifølge ukrainske myndigheter': an authority that reports does not act; an armed
        # group after 'ifølge' may, 'Ifølge SDF drepte de ...')
        reporting = [a for a in actors if not args.is_fighting_force(a) and any(
            x.cue == "ifølge" and x.source_start <= a.start < x.source_end for x in doc.attributions)]
        own = [a for a in actors if not args.in_attribution(a, doc.attributions) and a not in victims
               and a not in reporting]
        # a source may act too ('en offiser i hæren sier at de rykker fram'),
        # when it is a fighting force and nobody else in the context can
        if not any(not args.is_civilian(a) for a in own):
            own += [a for a in actors if a not in own and a not in victims and args.is_fighting_force(a)]
        sent_actors = [a for a in own if s0 <= a.start and a.end <= s1]
        first_end = c.toks[hit.start].end
        a1, a2 = args.assign_roles(doc, sent_actors or own, hit.char_start, first_end, c.toks)
        if a1 is None:
            a1 = next((a for a in own if not args.is_civilian(a) and a is not a2
                       and (a2 is None or a.name != a2.name)), None)
        if a2 is None and victims and (a1 is None or victims[0].name != a1.name):
            a2 = victims[0]
        civ = any(q.who in self.civilian_who and q.status in ("killed", "injured") for q in qs)
        e2 = args.entry_of(a2)
        civ = civ or (e2 is not None and e2.inter == 7)
        e1 = args.entry_of(a1)
        sub = hit.spec.sub
        if hit.spec.generic:
            # 'Israelske kampfly angrep ...': an attack from the air is an air strike
            air = tuple(self.lex.filters.get("air_agents", []))
            # also as the head of a compound: 'sjødroner', 'kamphelikoptre'
            # ... unless the aircraft suffers it: 'et militærhelikopter ble skutt ned'
            passive = set(self.lex.filters.get("passive_auxiliaries", []))
            before = c.toks[max(0, hit.start - 4):hit.start]
            if any((t.lower.endswith(air) or t.keys & set(air))
                   # 'helikopteret ble skutt', 'ble et helikopter skutt' (inverted)
                   and not any(x.lower in passive for x in before[max(0, j - 2):j] + before[j + 1:])
                   for j, t in enumerate(before)):
                sub = "Air/drone strike"
        if hit.spec.generic and taken and sub == hit.spec.sub:
            sub = "Abduction/forced disappearance"
        remote = self._remote_sub(hit, c)
        if remote is not None and sub == hit.spec.sub:
            sub = remote
            if a1 is None:  # the same attacker as the article's strike
                a1 = getattr(self, "remote_a1", None)
        if hit.spec.targets:
            # 'Blant målene var ...': the targets of the article's strike; the groups named
            # there are who the targets belong to, not the attackers (dev4 507 pattern)
            sub, a1, a2 = getattr(self, "remote_sub", None) or sub, getattr(self, "remote_a1", None), None
        if hit.spec.civilian and civ and sub == hit.spec.sub:
            sub = hit.spec.civilian
        if sub == "Armed clash" and a2 is not None and e2 is None and a2.inter is None and \
                a1 is not None and (e1 is not None and e1.inter not in (None, 7)):
            # armed men storming an unarmed organisation ('stormet et studio hos TV-kanalen
            # X'): a clash needs two armed sides; this is violence against civilians (dev4 506)
            sub = "Attack"
        if hit.spec.state and e1 is not None and e1.inter == 1:
            sub = hit.spec.state
        if event_type(sub) == "Battles" and a1 is None and a2 is None:
            # 'i kampane om Goma' with no side named: the armed actor the article is about
            # fought it (dev5 605 pattern)
            a1 = args.dominant_opponent(doc, None, None, args.event_actors(
                doc, 0, len(doc.text), self.loc_preps))
            e1 = args.entry_of(a1)
        if event_type(sub) == "Battles" and a2 is None and a1 is not None and \
                sub != "Non-state actor overtakes territory":
            # a battle has two sides: the second is the armed actor the article is about
            a2 = args.dominant_opponent(doc, a1.name, False if e1 is not None and e1.inter == 1 else None)
        if event_type(sub) == "Explosions/Remote violence" and (
                a1 is None or not (s0 <= a1.start < s1) or args.in_attribution(a1, doc.attributions)):
            nat = self._weapon_nationality(c, s0, s1)
            force = args.country_force(nat.country_code, nat) if nat is not None else None
            if force is not None and (a2 is None or a2.name != force.name):
                a1 = force
        # a state acting by force is its military ('Filippinenes president' -> the forces)
        if a1 is not None and a1.name.startswith("Government of ") and event_type(sub) in (
                "Battles", "Explosions/Remote violence"):
            a1 = replace(a1, name="Military Forces of " + a1.name[len("Government of "):])
        fat = args.fatalities(qs, doc, set(self.lex.filters.get("civilian_count_who", [])), a1, a2)
        if fat is None and event_type(sub) not in ("Strategic developments", "Protests"):
            # 'Det er ikke meldt om døde', 'uten at noen ble skadet': no one was killed
            p0, p1 = paragraph_bounds(doc.text, sent.start)
            para = doc.text[max(p0, start):p1].casefold()
            cue = next((c for c in self.lex.filters.get("zero_fatalities", []) if c in para), None)
            if cue is not None:
                fat = Fatalities(low=0, best=0, high=0)
                i = doc.text.casefold().index(cue, max(p0, start))
                fe["fatalities"] = Evidence(doc.text[i:i + len(cue)], i, i + len(cue))
        for q in qs:
            if q.status == "killed":
                fe.setdefault("fatalities", Evidence(q.text, q.start, q.end))
        # place
        places = self.places
        if event_type(sub) == "Explosions/Remote violence":
            # 'avfyrt fra et fly over Russland', 'raketter skutt fra Gaza': where a weapon was
            # fired from is not where it struck
            launch = tuple(self.lex.filters.get("launch_cues", []))

            def launched_from(p) -> bool:
                head = f" {doc.text[max(0, p.start - 25):p.start].casefold()}"
                for cue in launch:
                    i = head.rfind(f" {cue} ")
                    # ('bombet fra luften og Idlib': 'og' ends the phrase of 'fra')
                    if i >= 0 and not re.search(r",| og | and ", head[i + len(cue) + 1:]):
                        return True
                return False

            places = [p for p in places if not launched_from(p)]
        orient = list(self.lex.filters.get("orientation_cues", []))
        places = [p for p in places if not tg.orientation(doc, p, self.places, orient)]
        place = args.pick_place(doc, places, a0, a1_, hit.char_start, self.locatives, self.scope)
        if place is None and c.clause:
            place = args.pick_place(doc, places, start, end, hit.char_start, self.locatives, self.scope)
        if place is None:
            # 'i same by', 'på den same flyplassen': the place told before (dev6 805 pattern)
            place = same_place(doc, places, s0, s1, self.same_words, self.scope)
        in_text = place is not None
        if place is None:
            # a sentence with no place goes on with the town named before it in its paragraph
            # ('... truffet i Zaporizjzja. Minst tolv mennesker ble drept', dev5 601 pattern)
            p0, _ = paragraph_bounds(doc.text, sent.start)
            # (a town or region first, else a country; not for a toll over many sites)
            prior = next((x for x in (args.preceding_place(places, start, m, doc, self.scope) for m in (4, 6))
                          if x is not None and x.start >= p0), None)
            if sent.start in self.nationwide:
                prior = None
            place = self.fallback_place(start)
            if prior is not None and not ((prior.precision or 5) >= 6 and place is not None
                                          and place.country_code == prior.country_code):
                # (a country named before gives way to the focus town, when it lies there)
                place = prior
        elif (place.precision or 5) >= 6:
            # only a country named: the section's focus, when it lies in that country, is finer;
            # else a town of that country elsewhere in the sentence, when the clause names none
            # ('angrepene i Iran ..., da to eksplosjoner drepte ... i byen Kerman': dev5 603)
            town = args.pick_place(doc, [p for p in places if p.country_code == place.country_code],
                                   sent.start, sent.end, hit.char_start, self.locatives,
                                   self.scope) if c.clause else None
            place = town if town is not None else place
            focus = self.fallback_place(start)
            if focus is not None and focus.country_code == place.country_code and \
                    (focus.precision or 5) < 6:
                place = focus
        # protests met by force: the protesters are actor1, the force actor2 (ACLED's habit)
        protesters = [a for a in actors if (args.entry_of(a) or _NOENTRY).inter == 6]
        if protesters and event_type(sub) not in ("Protests", "Riots", "Strategic developments"):
            pname = protesters[0].name
            # (a country named as the owner of a target, 'ambassadane til USA', acts on nobody)
            force = next((a for a in (a1, a2) if a is not None and a.name != pname
                          and a.text.casefold() not in args.country_names()), None)
            if a1 is not None and a1.name == pname and protesters[0] not in victims and \
                    protesters[0].start < hit.char_start and not (
                    force is not None and sent.start <= force.start < sent.end and (
                        args.is_fighting_force(force) or (
                        args.entry_of(force) or _NOENTRY).inter == 1 and not force.name.startswith(
                        "Government"))):
                # the protesters act ('demonstranter stormet parlamentet') and no force acts
                # on them: a violent demonstration
                sub = "Violent demonstration"
            else:
                sub = "Excessive force against protesters" if fat and (fat.best or fat.low) \
                    else "Protest with intervention"
            a1, a2 = protesters[0], force
        elif event_type(sub) in ("Protests", "Riots"):
            # the protesters act; an armed group or civilians named nearby are not the protest,
            # but the force that intervenes is actor2
            force = next((a for a in (a1, a2) if a is not None and
                          (args.entry_of(a) or _NOENTRY).inter == 1), None)
            a1 = next((a for a in actors if (args.entry_of(a) or _NOENTRY).inter in (5, 6)), None)
            a2 = force if sub != "Peaceful protest" else None
        if a1 is not None and args.is_generic(a1) and event_type(sub) not in ("Protests", "Riots"):
            # 'Houthi-bevegelsen kapret skipet. Væpnede menn tok kontroll over det': the group
            # named before the generic 'væpnede menn' in the context is who acted (dev5 604)
            a1 = next((a for a in own if a.start < a1.start and not args.is_generic(a)
                       and args.is_fighting_force(a) and (a2 is None or a.name != a2.name)), a1)
        if (a1 is None or args.is_generic(a1)) and event_type(sub) not in (
                "Protests", "Riots", "Strategic developments"):
            claim = next((c for c in getattr(self, "claims", []) if c is not a1), None)
            if claim is not None:
                a1 = claim
                if a2 is not None and a2.name == a1.name:
                    a2 = None
        # 'hæren', 'politiet', 'en militæroperasjon': the forces of the event's country
        if place is not None and place.country_code and (a1 is None or a2 is None):
            force = args.bare_force(doc, c.toks, place.country_code, self.force_nouns)
            if force is not None and any(x.source_start <= force.start < x.source_end
                                         for x in doc.attributions):
                force = None  # 'ifølge politiet': the police report, they do not act
            crowd_event = event_type(sub) in ("Protests", "Riots")
            if force is not None:
                if a1 is None and not crowd_event and (a2 is None or a2.name != force.name):
                    a1 = force
                elif a2 is None and (a1 is None or a1.name != force.name) and (
                        a1 is not None or crowd_event) and sub != "Peaceful protest":
                    a2 = force
        a1, a2 = acled_roles(self.doc, sub, a1, a2, place, c.hit)
        if a1 is not None and not hit.spec.generic and event_type(sub) == "Explosions/Remote violence" \
                and getattr(self, "remote_a1", None) is None:
            self.remote_a1 = a1
        # date
        anaphoric = hit.end - hit.start == 1 and is_definite_noun(c.toks[hit.start])
        # a definite noun ('protestene') points at an event told elsewhere: a time near it
        # dates the telling ('sa mandag at protestene ...'), not the event
        times = self.times
        if anaphoric:
            times = [x for x in times if not self._after_reporting_verb(x.start)
                     and not self._dates_the_saying(x, hit.char_start)]
        t = args.pick_time(times, *((sent.start, sent.end) if hit.spec.generic else (start, end)),
                           hit.char_start)
        if t is None and not anaphoric:
            # the nearest time earlier in the same paragraph scopes what follows it
            # ('Tirsdag angrep IS byen. Tre gisler ble bortført.')
            p0, _ = paragraph_bounds(doc.text, sent.start)
            t = next((x for x in reversed(times) if p0 <= x.start and x.end <= start), None)
        value = t.to_value() if t is not None else args.publication_value(doc)
        if t is not None:
            fe["date"] = Evidence(t.text, t.start, t.end)
        sources = sources_for(doc, sent.start, sent.end)
        rec = Record(
            id=stable_id(doc.id, "event", start, end, sub, *([a0] if c.extra else [])),
            kind="event", document=doc.ref(),
            evidence=Evidence(doc.text[start:end], start, end), event_type=event_type(sub),
            sub_event_type=sub, actor1=self._ref(a1, fe, "actor1"),
            actor2=self._ref(a2, fe, "actor2"), date=value,
            location=Location.from_place(place) if place is not None else None,
            fatalities=fat, sources=sources, background=args.is_background(doc, value),
            field_evidence=fe)
        if place is not None:
            fe["location"] = Evidence(place.text, place.start, place.end)
        for s in sources:
            fe.setdefault("sources", Evidence(s.text, s.span[0], s.span[1]))
        rec.confidence = score(hit.spec.strength, actor=a1 is not None, place_in_text=in_text,
                               own_date=t is not None, sourced=bool(sources),
                               hedged=hedged(doc.text[start:end], self.lex),
                               headline_only=_role(doc, sent) != "body")
        self.roles[rec.id] = _role(doc, sent)
        trig_tok = c.toks[hit.start]
        # 'vart 300 jenter bortførte': the trigger is the status word of a count; the
        # sentence reports a figure of an event told elsewhere, not a new event
        counted = any(q.status_span and q.status_span[0] <= hit.char_start < q.status_span[1]
                      or q.end <= hit.char_start <= q.end + 30 and q.status in (
                          "kidnapped", "arrested", "injured", "killed", "missing")
                      for q in qs) and t is None
        # 'etter fredsavtalen i 1998', 'siden demonstrasjonene brøt ut': a definite event noun
        # after a preposition of time dates something else; alone it reports no event
        pp_ref = False
        if anaphoric:
            preps = set(self.lex.filters.get("time_prepositions", []))
            for k in range(hit.start - 1, max(-1, hit.start - 4), -1):
                t_ = c.toks[k]
                if t_.lower in preps:
                    pp_ref = True
                    break
                if not (t_.pos in ("ADJ", "DET") or t_.lower in {"de", "dei", "den", "det"}):
                    break
        self.meta[rec.id] = {"own_date": t is not None, "role": self.roles[rec.id], "pp_ref": pp_ref,
                             "anaphoric": (hit.end - hit.start == 1 and is_definite_noun(trig_tok))
                             or counted,
                             # a generic word typed by its context (an aircraft, the
                             # article's missile strike, the abducted) is specific now
                             "generic": hit.spec.generic and sub in (hit.spec.sub, hit.spec.civilian),
                             "toll": hit.spec.toll, "summary": sent.start in self.summaries,
                             "place_in_text": in_text,
                             "section": next((i for i, (a, b) in enumerate(self.sections)
                                              if a <= sent.start < b), -1)}
        return rec

    def _dates_the_saying(self, t, trigger: int) -> bool:
        """'sa i sin videotale søndag kveld at alle som står bak angrepet ...': a time before
        the complementiser of reported speech dates the speech, not the event it points at."""
        if t.end > trigger:
            return False
        between = f" {self.doc.text[t.end:trigger].casefold()} "
        return any(f" {c} " in between for c in self.lex.filters.get("complementisers", []))

    def _remote_sub(self, hit: Hit, c: Candidate) -> str | None:
        """The type of the article's remote attack, for a generic word of impact ('I Kharkiv
        ble et energianlegg truffet' in an article about a missile strike)."""
        if not (hit.spec.generic and c.toks[hit.start].keys & set(
                self.lex.filters.get("impact_words", []))):
            return None
        return getattr(self, "remote_sub", None)

    def _weapon_nationality(self, c: Candidate, s0: int, s1: int):
        """'truffet av et russisk missil', 'israelske kampfly bombet': a country adjective on
        the weapon or the trigger names the state that fired it (its military)."""
        weapons = set(self.lex.filters.get("weapons", [])) | set(self.lex.filters.get("air_agents", []))
        for i, t in enumerate(c.toks):
            if not (s0 <= t.start < s1) or not (t.keys & weapons or i == c.hit.start):
                continue
            for k in range(i - 1, max(-1, i - 3), -1):
                prev = c.toks[k]
                p = next((p for p in self.doc.places if p.start == prev.start and (p.precision or 0) >= 6
                          and p.text[:1].islower() and p.name), None)
                if p is not None:
                    return p
        return None

    def _after_reporting_verb(self, offset: int) -> bool:
        """'sa mandag at protestene ...': the time dates the saying, not the event."""
        words = self.doc.text[max(0, offset - 30):offset].split()
        if not words:
            return False
        from konflikt.coding.text import lemmatize
        # ('opplyser politiet tirsdag': the verb before its subject, dev5 608 pattern)
        return any(lemmatize(w, self.doc.language or "nb") in self.reporting or w in self.reporting
                   for w in (x.casefold().strip(",") for x in words[-2:]))

    @staticmethod
    def _ref(a, fe: dict[str, Evidence], key: str) -> ActorRef | None:
        if a is None:
            return None
        fe[key] = Evidence(a.text, a.start, a.end)
        return ActorRef(a.name, a.text, a.inter, [a.start, a.end])

    @property
    def _cum(self) -> list[str]:
        return cumulative_cues(self.lex)[0]

    @property
    def _cum_breaks(self) -> list[str]:
        return cumulative_cues(self.lex)[1]

    # -- figures ------------------------------------------------------------------------------

    def figures(self) -> list[Record]:
        # counts from a landslide or a match are no conflict figures: a figure needs an
        # article with an event, or with a conflict word or armed actor somewhere
        if not (self.has_events or self.n_conflict):
            return []
        if not self.has_events and getattr(self, "inert_article", False):
            return []  # old ordnance made safe: an evacuation is no conflict figure
        out = []
        for rec, sent in count_figures(self.doc, self.lex, self.sents, self.nationwide,
                                       self.places, self.times, self.locatives,
                                       self.fallback_place, frozenset(self.spread),
                                       frozenset(self.not_toll)):
            self.roles[rec.id] = _role(self.doc, sent)
            out.append(rec)
        return out

    def run(self) -> list[Record]:
        self.conflict_article, self.n_conflict = False, 0
        self.extras: list[Candidate] = []
        self.nationwide: set[int] = set()  # sentence starts whose dead are a nationwide toll
        self.summaries: set[int] = set()  # sentence starts of strikes on several targets
        self.spread = spread_tolls(self.doc, self.lex, self.sents)  # counts of spreading violence
        self.not_toll: set[int] = set()  # killed counts 'since' a strike told just before
        self.remote_a1 = None
        cands = self.candidates()
        self.remote_sub = next((c.hit.spec.sub for c in [*(c for c in cands if c), *self.extras]
                                if not c.hit.spec.generic
                                and c.hit.spec.event_type == "Explosions/Remote violence"), None)
        orient = tuple(self.lex.filters.get("orientation_cues", []))
        events = [r for c in [*(c for c in cands if c is not None), *self.extras]
                  for r in tg.split_places(self.doc, self.event(c, self.context(c.k, cands)),
                                           self.sents[c.k], self.places, self.sents, self.meta,
                                           self.roles, c.clause, c.hit.spec.targets,
                                           lambda p: tg.orientation(self.doc, p, self.places, orient))]
        events.sort(key=lambda r: r.evidence.start)
        for e in events:
            # a strike on several targets named only by a region: placed at its first site
            site = tg.first_site(e, events, self.meta) if self.meta.get(e.id, {}).get("summary") \
                and e.location is not None and (e.location.precision or 5) >= 4 else None
            if site is not None:
                e.location = site
        years = int(self.lex.filters.get("history_years", 0))
        events = [e for e in events if not args.is_history(self.doc, e.date, years)]
        self.has_events = bool(events)
        # mentions that only point back ('angrepet', 'fredsavtalen'), by their evidence
        pointing = {(e.evidence.start, e.evidence.end) for e in events
                    if self.meta.get(e.id, {}).get("anaphoric")}
        events = merge_events(events, self.meta)
        for e in events:
            crowd_actor_after_merge(e)
        # a time reference ('etter fredsavtalen i 1998') that nothing but other references
        # folded into reports no event, unless it tells the day or the dead ('siden
        # terrorangrepene i Paris 13. november i fjor, da 130 mennesker ble drept')
        events = [e for e in events if not (
            self.meta.get(e.id, {}).get("pp_ref") and e.fatalities is None
            and not (e.date is not None and e.date.precision == "day" and self.meta[e.id].get("own_date"))
            and all((v.start, v.end) in pointing for k, v in e.field_evidence.items()
                    if k.startswith("also")))]
        figures = [f for f in merge_refined(merge_retold(merge_headlines(self.figures(), self.roles)))
                   if not args.is_history(self.doc, f.date, years)]
        events = [e for e in events if not self._headline_toll(e, figures)]
        tg.drop_summary_tolls(events, figures, self.meta)
        return sorted(events + figures, key=lambda r: r.evidence.start)


    def _headline_toll(self, e: Record, figures: list[Record]) -> bool:
        """'Over 1000 drept' as a crosshead over a cumulative toll is that toll, not an event."""
        m = self.meta.get(e.id, {})
        if m.get("role") == "body" or not m.get("toll") or e.fatalities is None:
            return False
        if any(k.startswith("also") for k in e.field_evidence):
            return False
        n = {v for v in (e.fatalities.low, e.fatalities.best, e.fatalities.high) if v is not None}
        return any(f.status == "killed" and f.count is not None and
                   n & {v for v in (f.count.low, f.count.best, f.count.high) if v is not None}
                   for f in figures)


def code_document(doc: Document) -> list[Record]:
    """Every event and figure record of one document."""
    if not doc.sentences:
        return []
    return EventCoder(doc).run()


@register_stage("events", requires=("sentences", "places", "times", "quantities", "actors",
                                     "attributions"), assigns=("records",))
class EventsStage:
    """Code event and figure records from the mentions."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.records = code_document(doc)
        return doc
