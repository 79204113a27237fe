"""Resolving place mentions to gazetteer entries, using the document as context.

Each mention's candidates are scored in two passes:

1. Priors, which rank but never decide alone: population (log scale), feature kind (a country
   or first-order region is more often meant than a village of the same name; a town is more
   often meant than the district named after it), how well the name matched (canonical, curated
   Norwegian name, alternate, transliteration skeleton), and the hint a compound gives
   ('Raqqa-provinsen' wants a region, 'byen Raqqa' a town).
2. Context from the whole document: the country focus (countries and regions that the other
   mentions point at, demonyms included: 'irakiske styrker' votes for Iraq), the first-order
   region focus (an article naming Louisiana and Rapides Parish wants Alexandria, Louisiana),
   an explicit container ('Mosul i Irak', 'Alexandria, Virginia', 'i Nineve-provinsen'), and
   closeness to the places the other mentions resolve to.

Mentions with the same name, hint and container are resolved once per document (one sense
per discourse), which is also what makes long documents cheap. A mention without candidates
resolves to None and never affects the others.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np

from konflikt.gazetteer.build import Q_ALTERNATE, Q_CURATED, Q_GENERATED, haversine_km
from konflikt.gazetteer.index import Candidate, Gazetteer
from konflikt.gazetteer.normalise import name_key
from konflikt.gazetteer.variants import (
    STRONG_AFTER_NAME_POPULATION, STRONG_PART_POPULATION, LookupVariants, lookup_variants,
)

# Weights of the scoring terms, set by reasoning about the failure modes listed in the design
# notes (population bias), then checked with a small grid (24 settings) on the dev halves only
# of GWN, LGL and the Norwegian set (benchmarks/toponyms.py): the surface is flat (within one
# point), the test halves were not used.
W_POP = 0.3           # per decade of population
KIND_PRIOR = {"PCL": 1.2, "CONT": 1.0, "ADM1": 0.55, "PPLC": 0.9, "P": 0.35, "ADM2": 0.0, "RGN": 0.9,
              "H": 0.3, "L": 0.3}
QUALITY_PRIOR = {0: 0.0, 1: 0.15, 2: -0.6, 3: -0.6}
SKELETON_PENALTY = -0.9
W_HINT = 0.9
W_COUNTRY_FOCUS = 1.6
W_ADMIN1_FOCUS = 2.0
# The second-order region (county) focus: a town's county, or a county itself, voted for by the
# other mentions as for the admin1 focus. Local news names several places of one county ('New
# London', 'Mt. Pleasant' and 'Winfield' are all in Henry County, Iowa), or a town and its
# county ('Huntsville' and 'Walker County', Texas), while each name alone has a dozen namesakes
# in other states. Chosen on the dev halves (LGL-dev within 161 km 88.2 % at 0; 88.3, 89.0,
# 89.1, 89.1, 89.1 % at 1, 2, 3, 4, 8; GWN-dev and nb-dev unchanged).
W_ADMIN2_FOCUS = 3.0
W_CONTAINER = 2.5
W_NEAR = 0.8
NEAR_KM = 150.0
NAMESAKE_PENALTY = 0.8
# A town candidate this close to the point of the region it is said to lie in may lie in it
# (see Resolver._outside_its_region).
NEAR_CONTAINER_KM = 150.0
# The score of such a region: there is no share of candidates to report; the text says the place
# lies there, the gazetteer only lacks the town.
REGION_FALLBACK_SCORE = 0.5
# A weak match (alternate name, other form, skeleton) in a country with less than this share of
# the other mentions' votes, while another country has DOMINANT_FOCUS (Saudi Arabia's share in
# an article also naming Yemen, Iran and the US), is left unresolved.
FOREIGN_FOCUS_MAX = 0.02
# Rounds of document context: 1 = the other mentions vote with their priors only; 2 = they
# vote again with the scores of round 1. Chosen on the dev halves (GWN-dev 76.4/76.4/76.4%,
# LGL-dev 85.9/87.3/87.5% within 161 km for 1/2/3 rounds); 3 buys little for a third more time.
CONTEXT_ROUNDS = 2
DOMINANT_FOCUS = 0.3


@dataclass(frozen=True, slots=True)
class Query:
    """A mention to resolve: its text, an optional feature-class hint ('A', 'P' or 'L') and the
    text of a place said to contain it ('Y' in 'X i Y' / 'X, Y'), if any."""

    text: str
    hint: str | None = None
    container: str | None = None
    names: tuple[str, ...] = ()   # lookup forms to try after the text ('Mosul' for 'Mosuls')


@dataclass(frozen=True, slots=True)
class Resolution:
    candidate: Candidate
    score: float          # 0..1: the winner's share of the softmax over its candidates
    precision: int        # UCDP where_prec


def kind_of(c: Candidate) -> str:
    if c.feature_code.startswith("PCL"):
        return "PCL"
    if c.id < 0:
        return "RGN"          # a region or sea from places.toml
    if c.feature_code in ("ADM1", "ADM2", "PPLC", "RGN", "CONT"):
        return c.feature_code
    if c.feature_class == "A":
        return "ADM2"
    return c.feature_class if c.feature_class in ("P", "H", "L") else "L"


def precision_of(c: Candidate, hint: str | None = None, region_precision: dict[int, int] | None = None) -> int:
    """UCDP where_prec: 1 town, 2 area around a town, 3 second-order admin, 4 region, 6 country,
    7 sea or international."""
    if region_precision and c.id in region_precision:
        return region_precision[c.id]
    k = kind_of(c)
    if k == "PCL":
        return 6
    if k == "CONT" or c.feature_class == "H":
        return 7
    if k in ("ADM1", "RGN", "L"):
        return 4
    if k == "ADM2":
        return 3
    if k == "H":
        return 7
    return 2 if hint == "L" else 1


class Resolver:
    def __init__(self, gazetteer: Gazetteer, region_precision: dict[int, int] | None = None,
                 variants: LookupVariants | None = None):
        self.gaz = gazetteer
        self.region_precision = region_precision or {}
        self.variants = variants or lookup_variants()

    # -- candidates ----------------------------------------------------------------------
    def candidates(self, q: Query) -> tuple[Candidate, ...]:
        """Candidates of the text and of its other forms together ('Norges' is the genitive of
        'Norge' as much as a French village); a match through another form counts as an
        alternate name at best."""
        upper = q.text.isupper()
        out: dict[int, Candidate] = {}
        expanded = self.variants.expanded(q.text)
        forms = (q.text, expanded, *q.names) if expanded else (q.text, *q.names)
        for n, form in enumerate(forms):
            n = 0 if expanded and n == 1 else n   # 'Mt. Pleasant' is 'Mount Pleasant'
            for c in self.gaz.lookup(form):
                if c.quality == Q_GENERATED and not upper:
                    continue  # 'US', 'IQ' as codes only when written in capitals
                if n and c.quality < Q_ALTERNATE:
                    c = replace(c, quality=Q_ALTERNATE)
                if c.id not in out or c.quality < out[c.id].quality:
                    out[c.id] = c
        if not out:
            return self._variant_candidates(q.text)
        return tuple(out.values())

    def _variant_candidates(self, text: str) -> tuple[Candidate, ...]:
        """Candidates of the first other form of a name that finds any (see ``variants``):
        'Mt. Pleasant', 'Oaxaca State', 'Ohioans', 'Colorado State University'. A form other
        than an expanded abbreviation names something else than the whole mention, so its
        matches count as alternate names at best."""
        best: tuple[tuple, list[Candidate]] | None = None
        for v in self.variants.forms(text):
            n_words = len(v.form.split())
            if best is not None and n_words < best[0][0]:
                break          # a longer part found something: shorter ones are not wanted
            found = [c for c in self.gaz.lookup(v.form, False) if c.quality != Q_GENERATED]
            if v.strong_only:
                found = [c for c in found if _strong(c, STRONG_AFTER_NAME_POPULATION if v.after_name
                                                     else STRONG_PART_POPULATION)]
            if v.hint:
                wanted = [c for c in found if c.feature_class == v.hint]
                found = wanted or found
            if not found:
                continue
            if not v.strong_only:
                best = ((n_words,), found)
                break
            # among parts of one length: a place before a demonym, then the stronger prior
            rank = (n_words, not any(c.demonym for c in found), max(self.prior(c, None) for c in found))
            if best is None or rank > best[0]:
                best = (rank, found)
        if best is None:
            return ()
        return tuple(c if c.quality >= Q_ALTERNATE else replace(c, quality=Q_ALTERNATE) for c in best[1])

    def prior(self, c: Candidate, hint: str | None) -> float:
        s = W_POP * math.log10(c.population + 10) + KIND_PRIOR.get(kind_of(c), 0.0)
        s += QUALITY_PRIOR.get(c.quality, SKELETON_PENALTY)
        if hint:
            wanted = "A" if hint == "A" else "P"
            if (c.feature_class == wanted) or (hint == "A" and kind_of(c) == "RGN"):
                s += W_HINT
        return s

    def _priors(self, q: Query, cs: tuple[Candidate, ...]) -> list[float]:
        ps = [self.prior(c, q.hint) for c in cs]
        # A district or province named after its town ('Mosul', 'Raqqa') is meant less often
        # than the town itself, unless the text says so ('Raqqa-provinsen').
        # The town must bear the name itself and hold a good share of the region's people
        # (Mosul, Raqqa, Gao), not be a village with the region's name as an alias.
        towns = [c for c in cs if c.feature_class == "P"]
        if towns and q.hint != "A":
            for k, c in enumerate(cs):
                if kind_of(c) in ("ADM1", "ADM2") and any(
                        t.country_code == c.country_code and t.quality <= c.quality
                        and t.population * 20 >= c.population
                        and (t.admin1_code == c.admin1_code
                             or haversine_km(t.lat, t.lon, c.lat, c.lon) < 150) for t in towns):
                    ps[k] -= NAMESAKE_PENALTY
        return ps

    # -- the document --------------------------------------------------------------------
    def resolve(self, queries: list[Query]) -> list[Resolution | None]:
        groups: dict[Query, list[int]] = defaultdict(list)
        for i, q in enumerate(queries):
            groups[q].append(i)
        uniq = list(groups)
        cands = [self.candidates(q) for q in uniq]
        priors = [self._priors(q, cs) for q, cs in zip(uniq, cands)]

        by_text = {q.text: i for i, q in enumerate(uniq)}
        family = _families(cands, uniq)
        # Round 1: each distinct mention votes for countries and admin1 regions with its prior
        # distribution (weighted by how often it occurs), and its prior winner is an anchor for
        # nearness. Later rounds vote with the previous round's scores instead, so that a name
        # shared by many states ('Henderson County') votes for the one its neighbours chose.
        dists = [_softmax(ps) for ps in priors]
        tops = [cs[max(range(len(cs)), key=ps.__getitem__)] if cs else None
                for cs, ps in zip(cands, priors)]
        scores_all: list[list[float]] = priors
        for _ in range(CONTEXT_ROUNDS):
            scores_all = self._score_round(uniq, groups, cands, priors, dists, tops, by_text, family)
            dists = [_softmax(sc) for sc in scores_all]
            tops = [cs[max(range(len(cs)), key=sc.__getitem__)] if cs else None
                    for cs, sc in zip(cands, scores_all)]
        prior_dists = [_softmax(ps) for ps in priors]
        country_votes, _, _, total = self._votes(uniq, groups, cands, prior_dists)
        own_votes: dict[frozenset[int], tuple] = {}    # per family: the members share them
        out: list[Resolution | None] = [None] * len(queries)
        for qi, (q, cs, scores) in enumerate(zip(uniq, cands, scores_all)):
            region = self._outside_its_region(q, cs, scores, uniq, family[qi], by_text, tops)
            if region is not None:
                res = Resolution(region, REGION_FALLBACK_SCORE, precision_of(region, None, self.region_precision))
                for i in groups[q]:
                    out[i] = res
                continue
            if not cs:
                continue
            best = max(range(len(cs)), key=scores.__getitem__)
            if family[qi] not in own_votes:
                own_votes[family[qi]] = _own_votes(family[qi], uniq, groups, cands, prior_dists)
            weight, own_cc, _, _ = own_votes[family[qi]]
            others = total - weight
            if others > 0 and self._foreign_weak_match(cs[best], country_votes, own_cc, others):
                continue   # 'Khurais' (a Saudi oil field) is not 'Khurai' in India
            share = _softmax(scores)[best]
            res = Resolution(cs[best], round(share, 3),
                             precision_of(cs[best], q.hint, self.region_precision))
            for i in groups[q]:
                out[i] = res
        return out

    @staticmethod
    def _votes(uniq, groups, cands, dists):
        """Country, admin1 and admin2 votes of every mention that has candidates, and their weight."""
        with_candidates = frozenset(i for i, cs in enumerate(cands) if cs)
        total, country_votes, admin_votes, admin2_votes = _own_votes(with_candidates, uniq, groups, cands, dists)
        return country_votes, admin_votes, admin2_votes, total

    def _score_round(self, uniq, groups, cands, priors, dists, tops, by_text, family) -> list[list[float]]:
        """Every candidate's score given the other mentions' vote distributions `dists` and
        their current winners `tops` (anchors for nearness and containers). The votes and the
        anchor of a mention's own family (the same name, see ``_families``) do not count for it."""
        country_votes, admin_votes, admin2_votes, total = self._votes(uniq, groups, cands, dists)
        # points of the other mentions' winners (countries are too coarse to be near)
        anchor_idx = [i for i, t in enumerate(tops) if t is not None and not t.is_country]
        anchor_countries = [tops[i].country_code for i in anchor_idx]
        anchors = np.radians(np.array([[tops[i].lat, tops[i].lon] for i in anchor_idx]).reshape(-1, 2))
        out: list[list[float]] = []
        own_votes: dict[frozenset[int], tuple] = {}    # per family: the members share them
        for qi, (q, cs, ps, dist) in enumerate(zip(uniq, cands, priors, dists)):
            if not cs:
                out.append([])
                continue
            # the name's own votes are taken out: a name does not confirm itself
            if family[qi] not in own_votes:
                own_votes[family[qi]] = _own_votes(family[qi], uniq, groups, cands, dists)
            weight, own_cc, own_adm, own_adm2 = own_votes[family[qi]]
            container = self._container(self._family_container(q, uniq, family[qi]), by_text, tops)
            near = self._nearness(cs, family[qi], anchor_idx, anchors, anchor_countries)
            scores = []
            others = total - weight
            for c, p, nr in zip(cs, ps, near):
                s = p
                if others > 0:
                    if c.country_code:
                        s += W_COUNTRY_FOCUS * (country_votes[c.country_code] - own_cc[c.country_code]) / others
                    if c.admin1_code:
                        s += W_ADMIN1_FOCUS * (admin_votes[c.admin1_code] - own_adm[c.admin1_code]) / others
                    if c.admin2_code:
                        s += W_ADMIN2_FOCUS * (admin2_votes[c.admin2_code] - own_adm2[c.admin2_code]) / others
                if container is not None and container.id != c.id:
                    s += W_CONTAINER * _contains(container, c)
                s += W_NEAR * nr
                scores.append(s)
            out.append(scores)
        return out

    @staticmethod
    def _foreign_weak_match(c: Candidate, country_votes, own_cc, others: float) -> bool:
        """A match through an alternate name, another form or the skeleton only, in a country
        the rest of the document never points at while it clearly points at another one: the
        name is more likely a place the index lacks than a namesake abroad. Left unresolved."""
        if c.quality < Q_ALTERNATE or c.is_country or not c.country_code or others < 2:
            return False
        def focus(cc: str) -> float:
            return (country_votes[cc] - own_cc.get(cc, 0.0)) / others
        if focus(c.country_code) >= FOREIGN_FOCUS_MAX:
            return False
        return any(focus(cc) >= DOMINANT_FOCUS for cc in country_votes if cc != c.country_code)

    def _outside_its_region(self, q: Query, cs: tuple[Candidate, ...], scores: list[float], uniq,
                            members: frozenset[int], by_text, tops) -> Candidate | None:
        """The region or country a town is said to lie in ('Grantville, Pennsylvania', 'X i
        Nineve-provinsen') when none of the name's candidates lies there: the index lacks the
        town (cities500 has no place under 500 people), and its region is right where a namesake
        in another state would be wrong. Only for a name that is a town: its best candidate a
        town, none a country or a first-order region (a list of countries or regions, 'Iraq,
        Afghanistan', 'Georgia, Alabama', is no container; 'Greenwood' may also be a county);
        only for a container in a country the name has candidates in ('Saipan, Guam' and 'Kansas
        City, North' are lists); a name without candidates takes any region or country it is
        said to lie in."""
        container = self._container(self._family_container(q, uniq, members), by_text, tops)
        if container is None or kind_of(container) not in ("PCL", "ADM1", "ADM2"):
            return None
        if cs and (kind_of(cs[max(range(len(cs)), key=scores.__getitem__)]) not in ("P", "PPLC")
                   or any(kind_of(c) in ("PCL", "ADM1", "RGN", "CONT") for c in cs)):
            return None
        if cs and not any(c.country_code == container.country_code for c in cs):
            return None
        # a candidate near the container may lie in it under another coding of its regions
        # (Baalbek is filed under Baalbek-Hermel, split from 'Bekaa-dalen' in 2014)
        if any(_contains(container, c)
               or haversine_km(c.lat, c.lon, container.lat, container.lon) < NEAR_CONTAINER_KM for c in cs):
            return None
        return container

    @staticmethod
    def _family_container(q: Query, uniq: list[Query], members: frozenset[int]) -> str | None:
        """The container of a mention, or else the one container that other mentions of the same
        name were given (one sense per discourse: 'Grantville, Pennsylvania' early in an obituary
        places the later 'Grantville' too)."""
        if q.container or len(members) < 2:
            return q.container
        found = {uniq[j].container for j in members if uniq[j].container}
        return found.pop() if len(found) == 1 else None

    def _container(self, container: str | None, by_text: dict[str, int], tops: list) -> Candidate | None:
        if not container:
            return None
        i = by_text.get(container)
        if i is not None and tops[i] is not None:
            return tops[i]
        found = self.candidates(Query(container))
        return found[0] if found else None

    @staticmethod
    def _nearness(cs: tuple[Candidate, ...], own: frozenset[int], anchor_idx: list[int], anchors,
                  anchor_countries: list[str | None] | None = None) -> list[float]:
        """exp(-d / NEAR_KM) for each candidate, d the distance to the nearest anchor of
        another name (not in `own`); for a country, 1 when another anchor lies in it."""
        keep = [k for k, i in enumerate(anchor_idx) if i not in own]
        if not keep or len(cs) < 2:
            return [0.0] * len(cs)
        inside = {anchor_countries[k] for k in keep} if anchor_countries else set()
        pts = anchors[keep]
        c = np.radians(np.array([[x.lat, x.lon] for x in cs]))
        dlat = c[:, None, 0] - pts[None, :, 0]
        dlon = c[:, None, 1] - pts[None, :, 1]
        a = np.sin(dlat / 2) ** 2 + np.cos(c[:, None, 0]) * np.cos(pts[None, :, 0]) * np.sin(dlon / 2) ** 2
        d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
        near = np.exp(-d.min(axis=1) / NEAR_KM).tolist()
        return [float(x.country_code in inside) if x.is_country else n for x, n in zip(cs, near)]


def _families(cands: list[tuple[Candidate, ...]], uniq: list[Query] | None = None) -> list[frozenset[int]]:
    """For each distinct mention, the distinct mentions that are the same name: those with the
    same candidates ('Clinton' and the dateline 'CLINTON', 'New London' and 'New Londoners',
    'Albany' with and without a container), and a longer name found only through a part that
    another mention is ('Riverdale Luke Oil' and 'Riverdale': the gas station's name found only
    Riverdale, Georgia, the one Riverdale of 15,000 people). They must not confirm each other:
    'CLINTON' voting for Maryland and making its town the anchor that 'Clinton' is near only
    repeats the population prior."""
    ids = [frozenset(c.id for c in cs) if cs else frozenset((-1 - i,)) for i, cs in enumerate(cands)]
    parent = list(range(len(cands)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[frozenset[int], int] = {}
    for i, key in enumerate(ids):
        if key in first:
            parent[root(i)] = root(first[key])
        else:
            first[key] = i
    if uniq is not None:
        by_key: dict[str, list[int]] = defaultdict(list)
        words = [name_key(q.text).split() for q in uniq]
        for j, w in enumerate(words):
            by_key[" ".join(w)].append(j)
        for i, w in enumerate(words):
            if len(w) < 2 or not cands[i]:
                continue
            for n in range(1, len(w)):
                for k in range(len(w) - n + 1):
                    for j in by_key.get(" ".join(w[k:k + n]), ()):
                        if ids[i] <= ids[j]:
                            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        groups[root(i)].append(i)
    members = {r: frozenset(v) for r, v in groups.items()}
    return [members[root(i)] for i in range(len(cands))]


def _own_votes(members: frozenset[int], uniq, groups, cands, dists
               ) -> tuple[float, dict[str, float], dict[str, float], dict[str, float]]:
    """The weight and the country, admin1 and admin2 votes of a set of mentions (one family, or all)."""
    weight = 0.0
    own_cc: dict[str, float] = defaultdict(float)
    own_adm: dict[str, float] = defaultdict(float)
    own_adm2: dict[str, float] = defaultdict(float)
    for j in sorted(members):  # a fixed order, so the float sums repeat
        w = len(groups[uniq[j]])
        weight += w
        for c, p in zip(cands[j], dists[j]):
            if c.country_code:
                own_cc[c.country_code] += w * p
            if c.admin1_code:
                own_adm[c.admin1_code] += w * p
            if c.admin2_code:
                own_adm2[c.admin2_code] += w * p
    return weight, own_cc, own_adm, own_adm2


def _contains(container: Candidate, c: Candidate) -> float:
    """1 when `container` plausibly contains `c` (same country for a country, same admin1 for a
    region, within 50 km for a town), else 0."""
    k = kind_of(container)
    if k == "PCL":
        return float(c.country_code == container.country_code)
    if k == "ADM1":
        return float(c.admin1_code is not None and c.admin1_code == container.admin1_code)
    if c.country_code != container.country_code:
        return 0.0
    if k == "ADM2" and c.admin2_code and c.admin2_code == container.admin2_code:
        return 1.0   # a county's town, however far from the county's point
    return float(haversine_km(c.lat, c.lon, container.lat, container.lon) < 80.0)


def _strong(c: Candidate, min_population: int = STRONG_PART_POPULATION) -> bool:
    """A candidate that a part of a longer name may stand for: a country, a region, a continent
    or a large town, matched by its own or a curated name."""
    if c.is_country:
        return True
    if c.quality > Q_CURATED:
        return False
    return kind_of(c) in ("ADM1", "RGN", "CONT") or c.population >= min_population


def _softmax(xs: list[float]) -> list[float]:
    if not xs:
        return []
    m = max(xs)
    es = [math.exp(x - m) for x in xs]
    t = sum(es)
    return [e / t for e in es]
