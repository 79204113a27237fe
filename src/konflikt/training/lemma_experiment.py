"""Lemma accuracy on Bokmål dev: trained edit-tree lemmatizer vs simplemma vs the two combined.

    python -m konflikt.training.lemma_experiment training/output/model-best

Prints accuracy (all tokens, and verbs only) for: the trained lemmatizer alone, simplemma alone,
and the trained lemmatizer with konflikt_lemma_backoff (infinitives skipped) for several
word-class sets. Gold
tokens and gold lemmas from ndt-nob dev; the dev split only (never test).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(model: Path, shared: Path) -> dict:
    import simplemma
    import spacy
    from spacy.tokens import Doc

    import konflikt.nbspacy  # noqa: F401
    from konflikt.training.corpus import chunks, read_ndt, sentences_to_doc

    nlp = spacy.load(model, exclude=["parser", "ner"])
    if "konflikt_lemma_backoff" in nlp.pipe_names:
        nlp.remove_pipe("konflikt_lemma_backoff")
    gold = [sentences_to_doc(nlp.vocab, g) for g in chunks(read_ndt(shared / "data/norne/ndt-nob/nob-dev.conll"), 10)]
    preds = [nlp(Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])) for d in gold]

    def acc(get) -> dict:
        ok = n = vok = vn = 0
        for g, p in zip(gold, preds):
            for gt, pt in zip(g, p):
                hit = get(pt).lower() == gt.lemma_.lower()
                ok += hit
                n += 1
                if gt.pos_ == "VERB":
                    vok += hit
                    vn += 1
        return {"all": round(100 * ok / n, 2), "verbs": round(100 * vok / vn, 2)}

    out = {"trained": acc(lambda t: t.lemma_),
           "simplemma": acc(lambda t: simplemma.lemmatize(t.text, lang=("nb", "nn")))}
    for classes in (["VERB"], ["VERB", "ADJ"], ["VERB", "ADJ", "NOUN"]):
        def backoff(t, classes=frozenset(classes)):
            if (t.pos_ in classes and t.lemma_.lower() == t.text.lower()
                    and "Inf" not in t.morph.get("VerbForm")):
                return simplemma.lemmatize(t.text, lang=("nb", "nn"))
            return t.lemma_
        out["trained+backoff " + "+".join(classes)] = acc(backoff)
    return out


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[3]
    print(json.dumps(run(Path(sys.argv[1]), root.parent / "shared"), indent=2))
