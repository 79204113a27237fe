"""Loading the actor registry and finding its actors in a text.

The registry is data: ``actors.tsv`` lists organisations, groups and sources with aliases per
language; ``countries.tsv`` and ``lang/<code>/actors_forces.tsv`` generate every country's
forces, police and government ('irakiske styrker', 'Russlands hær', 'Iraqi forces') instead of
listing them by hand; country names in each language come from CLDR (babel).

Matching works on tokens normalised through the lemmatiser (simplemma), so inflected and
definite forms match ('hæren', 'styrkene', 'Talibans'); acronyms written in capitals match
case-sensitively ('IS' but not the Norwegian word 'is'); a hyphenated compound is a member of
the group it starts with ('IS-krigere', 'SDF-styrkene') unless its head says otherwise
('al-Qaida-veteran'). Aliases and text go through the same normaliser, so whatever the
lemmatiser does, it does to both.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from konflikt.errors import ResourceError
from konflikt.langdata import read_toml, read_tsv
from konflikt.lemmas import lemma

LANGS = ("nb", "nn", "da", "sv", "en")
# force nouns that name a country's own forces when followed by 'i <country>' ('hæren i Mali');
# 'soldater i Irak' may be anybody's soldiers, so not those
LOCATED_FORCES = frozenset({"hær", "militær", "militæret", "sikkerhetsstyrke", "army", "military"})
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ACRONYM = re.compile(r"^[A-ZÆØÅ0-9]{2,6}$")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    canonical: str
    inter: int | None
    country: str | None
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def is_source_only(self) -> bool:
        """Media, monitors, international bodies and persons report; they are not event actors."""
        return self.kind in {"media", "monitor", "intl", "person"}

    @property
    def is_armed(self) -> bool:
        return self.inter in (1, 2, 3, 4, 8)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    text: str
    entry: ActorEntry


def _data_dir() -> Path:
    return Path(str(resources.files("konflikt") / "actors"))


def _read_table(name: str) -> list[dict[str, str]]:
    path = _data_dir() / name
    if not path.is_file():
        raise ResourceError(f"actor registry file missing: {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")
        return [{k: (v or "").strip() for k, v in r.items()} for r in rows]


def token_variants(raw: str, lang: str) -> frozenset[str]:
    """The keys one text token may match: case-folded, lemma, without a genitive -s, and the
    exact capitals ('=IS') for acronyms."""
    cf = raw.casefold()
    out = {cf, lemma(cf, lang)}
    if lang in ("nb", "nn") and len(cf) > 5:
        # nynorsk plurals read as bokmål ones ('styrkar' -> 'styrker', 'soldatane' ->
        # 'soldatene'): lingua calls nynorsk bokmål, and the force nouns are listed in bokmål
        for nn_end, nb_end in (("ane", "ene"), ("ar", "er")):
            if cf.endswith(nn_end):
                out.add(cf[:-len(nn_end)] + nb_end)
                out.add(lemma(cf[:-len(nn_end)] + nb_end, lang))
    if len(cf) > 5 and cf.endswith("ske"):
        # an adjective the lemmatiser does not know ('hongkongske' -> 'hongkongsk')
        out.add(cf[:-1])
        out.add(lemma(cf[:-1], lang))
    if len(cf) > 3 and cf.endswith("s"):
        out.add(cf[:-1])
        out.add(lemma(cf[:-1], lang))
        out.add(lemma(cf[:-1], lang))
    out.add("=" + raw)
    if raw.endswith("s") and len(raw) > 2:
        out.add("=" + raw[:-1])
    return frozenset(out)


def alias_key(alias: str, lang: str, determiners: frozenset[str]) -> tuple[str, ...]:
    toks = _TOKEN.findall(alias)
    while len(toks) > 1 and toks[0].casefold() in determiners:
        toks = toks[1:]
    return tuple(("=" + t) if _ACRONYM.match(t) else lemma(t.casefold(), lang) for t in toks)


@dataclass
class _Settings:
    determiners: frozenset[str]
    non_member_heads: frozenset[str]
    locatives: frozenset[str]


@dataclass
class Registry:
    """All entries, and a token trie per language for matching."""

    entries: dict[str, ActorEntry]
    _aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, entry id)
    _tries: dict[str, dict] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str | None) -> ActorEntry | None:
        return self.entries.get(entry_id) if entry_id else None

    def _settings(self, lang: str) -> _Settings:
        data = read_toml(lang if lang in LANGS else "nb", "actors.toml")
        return _Settings(frozenset(data.get("determiners", [])),
                         frozenset(data.get("non_member_heads", [])),
                         frozenset(data.get("locative_prepositions", [])))

    def trie(self, lang: str) -> dict:
        if lang not in self._tries:
            settings = self._settings(lang)
            root: dict = {}
            for alias, eid in self._aliases:
                key = alias_key(alias, lang, settings.determiners)
                if not key:
                    continue
                node = root
                for k in key:
                    node = node.setdefault(k, {})
                # the first alias listed for a key wins (explicit rows come before generated ones)
                node.setdefault("", eid)
            self._tries[lang] = root
        return self._tries[lang]

    def match(self, text: str, lang: str = "nb") -> list[ActorMatch]:
        """Every registry actor in `text`, longest match first, not overlapping."""
        lang = lang if lang in LANGS else "nb"
        settings = self._settings(lang)
        root = self.trie(lang)
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        variants = [token_variants(t[2], lang) for t in toks]
        out: list[ActorMatch] = []
        i = 0
        while i < len(toks):
            best_end, best_id = -1, None
            frontier = [(root, i)]
            while frontier:
                node, j = frontier.pop()
                if "" in node and j > i and j > best_end:
                    best_end, best_id = j, node[""]
                if j >= len(toks) or (j > i and not _joined(text, toks[j - 1][1], toks[j][0])):
                    continue
                for v in variants[j]:
                    child = node.get(v)
                    if child is not None:
                        frontier.append((child, j + 1))
            if best_id is None or _genitive_place_end(text, toks, i, best_end, settings):
                i += 1
                continue
            start, end = toks[i][0], toks[best_end - 1][1]
            # a hyphenated compound: 'IS-krigere' is IS, 'al-Qaida-veteran' is not al-Qaida
            k = best_end
            member = True
            while k < len(toks) and text[end:toks[k][0]] == "-":
                if variants[k] & settings.non_member_heads:
                    member = False
                end = toks[k][1]
                k += 1
            if member:
                out.append(ActorMatch(start, end, text[start:end], self.entries[best_id]))
            i = max(k, i + 1)
        return out


def _genitive_place_end(text: str, toks: list[tuple[int, int, str]], i: int, end: int,
                        settings: "_Settings") -> bool:
    """A located alias cut short by a genitive: 'myndighetene i Chiles hovedstad' are the
    capital's authorities, not 'myndighetene i Chile' (round 4, dev3 305 pattern)."""
    if end - i < 3 or end >= len(toks):
        return False
    last, before = toks[end - 1][2], toks[end - 2][2].casefold()
    nxt = toks[end][2]
    return (before in settings.locatives and last.endswith("s") and nxt[:1].islower()
            and text[toks[end - 1][1]:toks[end][0]] == " ")


def _joined(text: str, a: int, b: int) -> bool:
    """Two tokens belong to one name when only spaces or a hyphen/apostrophe separate them."""
    gap = text[a:b]
    return len(gap) <= 2 and all(c in " -'’" for c in gap)


def _generated(countries: list[dict[str, str]]) -> tuple[dict[str, ActorEntry], list[tuple[str, str]]]:
    """Country forces, police, governments from adjectives x force nouns, plus country names."""
    from babel import Locale

    entries: dict[str, ActorEntry] = {}
    aliases: list[tuple[str, str]] = []
    locales = {lang: Locale.parse(lang) for lang in LANGS}
    forces = {lang: read_tsv(lang, "actors_forces.tsv") for lang in ("nb", "en")}
    for row in countries:
        code = row["code"]
        names = {lang: locales[lang].territories.get(code, "") for lang in LANGS}
        others = [n for n in row.get("other_names", "").split("|") if n]
        adjs = {"nb": row["nb_adj"], "nn": row["nb_adj"], "da": row["da_adj"] or row["nb_adj"],
                "sv": row["sv_adj"] or row["nb_adj"], "en": row["en_adj"]}
        for lang in LANGS:
            for f in forces["en" if lang == "en" else "nb"]:
                canonical = f["role"].format(country=row["en_name"])
                eid = f"{code.lower()}:{f['role'].split(' ')[0].lower()}"
                if eid not in entries:
                    entries[eid] = ActorEntry(eid, canonical, int(f["inter"]), code, "state"
                                              if int(f["inter"]) == 1 else "generated")
                aliases.append((f"{adjs[lang]} {f['noun']}", eid))
                if names[lang]:
                    sep = "'s " if lang == "en" else "s "
                    aliases.append((f"{names[lang]}{sep}{f['noun']}", eid))
                    if f["role"].startswith(("Police", "Government")) or f["noun"] in LOCATED_FORCES:
                        # 'politiet i Hviterussland', 'police in Belarus'
                        prep = "in" if lang == "en" else "i"
                        aliases.append((f"{f['noun']} {prep} {names[lang]}", eid))
            for other in others if lang == "nb" else ():
                for f in forces["nb"]:
                    eid = f"{code.lower()}:{f['role'].split(' ')[0].lower()}"
                    aliases.append((f"{other}s {f['noun']}", eid))
                    if f["role"].startswith(("Police", "Government")) or f["noun"] in LOCATED_FORCES:
                        aliases.append((f"{f['noun']} i {other}", eid))
        # the bare country name in an actor role stands for its state ('Russland angrep ...')
        eid = f"{code.lower()}:military"
        for other in others:
            if eid in entries:
                aliases.append((other, eid))
        for lang in LANGS:
            if names[lang] and eid in entries:
                aliases.append((names[lang], eid))
        if row["en_name"] and eid in entries:
            aliases.append((row["en_name"], eid))
    return entries, aliases


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The packaged registry (read once per process)."""
    entries: dict[str, ActorEntry] = {}
    aliases: list[tuple[str, str]] = []
    for row in _read_table("actors.tsv"):
        inter = row["inter"]
        try:
            inter_code = int(inter) if inter else None
        except ValueError as exc:
            raise ResourceError(f"actors.tsv: bad inter code {inter!r} for {row['id']}") from exc
        names = []
        for lang in LANGS:
            names.extend(a.strip() for a in row.get(lang, "").split("|") if a.strip())
        names.append(row["canonical"])
        entry = ActorEntry(row["id"], row["canonical"], inter_code, row["country"] or None,
                           row["kind"], tuple(dict.fromkeys(names)))
        if entry.id in entries:
            raise ResourceError(f"actors.tsv: duplicate id {entry.id!r}")
        entries[entry.id] = entry
        aliases.extend((a, entry.id) for a in entry.aliases)
    gen_entries, gen_aliases = _generated(_read_table("countries.tsv"))
    for eid, e in gen_entries.items():
        entries.setdefault(eid, e)
    aliases.extend(gen_aliases)
    return Registry(entries=entries, _aliases=aliases)
