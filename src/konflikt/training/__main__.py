"""Rebuild the shipped Norwegian pipeline from NorNE: ``python -m konflikt.training nb``.

Steps (each can be run alone with --step):
  corpus  NorNE files -> DocBins under --work (git-ignored training/ by default; never committed)
  train   spacy train with configs/nb.cfg (joint: tagging, lemmas, parse, NER) -> --work/output
  train-ner  spacy train with configs/nb_ner.cfg (NER with its own tok2vec) -> --work/output-ner
  ship    joint model-best, its NER replaced by the NER of output-ner/model-best (when present),
          plus the lemma backoff -> konflikt/models/nb_konflikt (--ship-dir elsewhere). Without a
          joint model in --work, the shipped pipeline is the base (only its NER is replaced).

Experiments: --set KEY=VALUE overrides the config (e.g. --set components.tok2vec.model.encode.width=96
for train-ner), --ner-out names the NER's output folder. Training runs with numpy's BLAS (see
konflikt.nlp.use_numpy_matmul): its matrix products ran 3x faster than blis here.

Training data: ndt-nob train (Bokmål) plus the Nynorsk NDT articles (ndt-nno/nno-all.conll)
minus every sentence that also appears in the UD Nynorsk dev or test files (matched on the
exact token sequence), so the Nynorsk test numbers stay held out. Model selection uses the
Bokmål dev split only; the test splits are read only by benchmarks/ner.py.
Not part of CI: it needs ../shared and takes about an hour on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from konflikt.training.corpus import read_ndt, read_ud, write_docbin

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_WORK = REPO / "training"
CONFIG = HERE / "configs" / "nb.cfg"
NER_CONFIG = HERE / "configs" / "nb_ner.cfg"
SHIP_DIR = REPO / "src" / "konflikt" / "models" / "nb_konflikt"


def build_corpus(shared: Path, work: Path, nynorsk: bool = True) -> dict[str, int]:
    norne = shared / "data" / "norne"
    corpus = work / "corpus"
    counts: dict[str, int] = {}
    train = list(read_ndt(norne / "ndt-nob" / "nob-train.conll"))
    counts["nob_train_sentences"] = len(train)
    if nynorsk:
        held_out = {s.forms for f in ("no_nynorsk-ud-dev.conllu", "no_nynorsk-ud-test.conllu")
                    for s in read_ud(norne / "ud" / f)}
        nno = [s for s in read_ndt(norne / "ndt-nno" / "nno-all.conll") if s.forms not in held_out]
        counts["nno_train_sentences"] = len(nno)
        train += nno
    counts["train_docs"] = write_docbin(train, corpus / "train.spacy")
    for split in ("dev", "test"):
        sents = list(read_ndt(norne / "ndt-nob" / f"nob-{split}.conll"))
        counts[f"nob_{split}_sentences"] = len(sents)
        write_docbin(sents, corpus / f"nob-{split}.spacy")
    (corpus / "counts.json").write_text(json.dumps(counts, indent=2))
    return counts


def train(work: Path, overrides: dict[str, object], config: Path = CONFIG, out_name: str = "output") -> Path:
    """`spacy train` of `config` into work/out_name, with numpy's BLAS for the matrix products.

    Same steps as spaCy's own train command, except that the layers are built with
    konflikt.nlp.numpy_ops (blis ran 3x slower than numpy's BLAS here, see konflikt.nlp).
    """
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp
    from thinc.api import set_current_ops

    import konflikt.nbspacy  # noqa: F401 - registers the tokenizer and line-break component
    import konflikt.training.augment  # noqa: F401 - registers konflikt.entity_swap.v1
    from konflikt.nlp import numpy_ops

    out = work / out_name
    out.mkdir(parents=True, exist_ok=True)
    cfg = util.load_config(config, overrides={
        "paths.train": str(work / "corpus" / "train.spacy"),
        "paths.dev": str(work / "corpus" / "nob-dev.spacy"),
        **overrides,
    }, interpolate=False)
    set_current_ops(numpy_ops())
    nlp = init_nlp(cfg, use_gpu=-1)
    train_nlp(nlp, out, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    return out


def compose(model_dir: Path, ner_dir: Path | None = None, lemma_backoff: bool = True,
            place_ruler: bool = False, shared: Path = DEFAULT_SHARED):
    """The pipeline to ship: the joint model, optionally with the NER of `ner_dir` in place of its own.

    `lemma_backoff` adds konflikt_lemma_backoff after the trained lemmatizer; `place_ruler` adds
    the GeoNames/CLDR entity ruler after the NER (both measured on dev: see the model card).
    """
    import spacy

    import konflikt.nbspacy  # noqa: F401

    nlp = spacy.load(model_dir) if (model_dir / "config.cfg").is_file() else _shipped()
    if ner_dir is not None and (ner_dir / "config.cfg").is_file():
        ner_nlp = spacy.load(ner_dir)
        # give the NER its own copy of its tok2vec, so it no longer listens to a shared one
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.remove_pipe("ner")
        nlp.add_pipe("ner", source=ner_nlp)
        # the dev entity scores in meta.json are those of the NER now in the pipeline
        perf = nlp.meta.setdefault("performance", {})
        for key, value in ner_nlp.meta.get("performance", {}).items():
            if key.startswith("ents_"):
                perf[key] = value
    if lemma_backoff and "konflikt_lemma_backoff" not in nlp.pipe_names:
        nlp.add_pipe("konflikt_lemma_backoff", after="trainable_lemmatizer")
    if place_ruler and "place_ruler" not in nlp.pipe_names:
        from konflikt.training.gazetteer import add_ruler, patterns

        add_ruler(nlp, patterns(read_ndt(shared / "data" / "norne" / "ndt-nob" / "nob-train.conll")))
    return nlp


def _shipped():
    """The shipped pipeline, as the base when no joint model was trained in this work folder."""
    import spacy

    print(f"note: no joint model trained here; composing on the shipped pipeline {SHIP_DIR}", file=sys.stderr)
    return spacy.load(SHIP_DIR)


def parse_sets(items: list[str]) -> dict[str, object]:
    """`--set section.key=value` pairs as spaCy config overrides (values read as JSON when they parse)."""
    out: dict[str, object] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep:
            raise SystemExit(f"error: --set wants KEY=VALUE, got {item!r}")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw
    return out


def ship(nlp, target: Path = SHIP_DIR) -> Path:
    """Write a composed pipeline into the package, keeping the model card."""
    nlp.meta.update({"name": "konflikt", "version": "0.1.0", "license": "CC0-1.0 annotations (NorNE); model MIT",
                     "description": "Norwegian Bokmål/Nynorsk pipeline trained on NorNE for konflikt"})
    card = target / "MODEL_CARD.md"
    keep = card.read_text(encoding="utf-8") if card.is_file() else None
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    if keep is not None:
        card.write_text(keep, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m konflikt.training", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lang", choices=["nb"], help="pipeline to build (Norwegian)")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ data folder")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder (git-ignored)")
    ap.add_argument("--step", choices=["all", "corpus", "train", "train-ner", "ship"], default="all")
    ap.add_argument("--no-nynorsk", action="store_true", help="train on Bokmål only")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many updates (0: epochs)")
    ap.add_argument("--max-epochs", type=int, default=0, help="override training.max_epochs")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override for train/train-ner, e.g. components.ner.model.tok2vec.encode.width=96")
    ap.add_argument("--ner-out", default="output-ner", help="folder under --work for train-ner and ship")
    ap.add_argument("--ship-dir", type=Path, default=SHIP_DIR,
                    help="where --step ship writes the pipeline (default: into the package)")
    ap.add_argument("--no-lemma-backoff", action="store_true", help="ship without the simplemma backoff")
    ap.add_argument("--place-ruler", action="store_true", help="ship with the place-name entity ruler")
    args = ap.parse_args(argv)
    if args.step in ("all", "corpus"):
        if not (args.shared / "data" / "norne").is_dir():
            print(f"error: no NorNE data under {args.shared}/data/norne", file=sys.stderr)
            return 2
        print(json.dumps(build_corpus(args.shared, args.work, nynorsk=not args.no_nynorsk)))
    if args.step in ("all", "train"):
        overrides: dict[str, object] = parse_sets(args.set)
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        if args.max_epochs:
            overrides["training.max_epochs"] = args.max_epochs
        train(args.work, overrides)
    if args.step in ("all", "train-ner"):
        overrides = parse_sets(args.set)
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        if args.max_epochs:
            overrides["training.max_epochs"] = args.max_epochs
        train(args.work, overrides, NER_CONFIG, args.ner_out)
    if args.step in ("all", "ship"):
        nlp = compose(args.work / "output" / "model-best", args.work / args.ner_out / "model-best",
                      lemma_backoff=not args.no_lemma_backoff, place_ruler=args.place_ruler,
                      shared=args.shared)
        print(ship(nlp, args.ship_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
