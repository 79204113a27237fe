"""NER (and tagging/parsing) scores, speed and load time of the shipped Norwegian pipeline.

    OMP_NUM_THREADS=1 python benchmarks/ner.py                 # all splits, speed, load time
    python benchmarks/ner.py --splits nob-dev --no-speed       # one split only
    python benchmarks/ner.py --model training/output/model-best --json out/ner.json
    python benchmarks/ner.py --splits "" --profile             # seconds per component

Scores: entity precision/recall/F1 per type and overall, exact match at entity level, on gold
tokens (spaCy's Scorer), for NorNE Bokmål dev and test (ndt-nob, paragraph tokens '|' dropped)
and Nynorsk test (ud/no_nynorsk-ud-test.conllu, name= tags in MISC). Sentences are grouped 10 to
a document, as in training. Also POS/morph/lemma accuracy, LAS and sentence F1 where the split
has them, and lemma accuracy of simplemma for comparison with the trained lemmatizer.
Speed: words/s of the whole pipeline (tokenizer included) on raw text rebuilt from the Bokmål
dev split, one process, one thread (OMP/OpenBLAS threads set to 1 before numpy loads).
Profile (--profile): seconds per pipeline component, one thread, on the nob-dev raw text
(batches of 64) and on the golden articles (examples/, seed) one document per call and batched.
Load: seconds for a cold `load_nlp()` in a fresh interpreter (spaCy import counted apart).
Needs ../shared (prints a note and exits 0 without it).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NORNE = ROOT.parent / "shared" / "data" / "norne"
SPLITS = {
    "nob-dev": ("ndt", NORNE / "ndt-nob" / "nob-dev.conll"),
    "nob-test": ("ndt", NORNE / "ndt-nob" / "nob-test.conll"),
    "nno-test": ("ud", NORNE / "ud" / "no_nynorsk-ud-test.conllu"),
}
TYPES = ["PER", "ORG", "GPE_LOC", "GPE_ORG", "LOC", "PROD", "EVT", "DRV", "MISC"]


def gold_docs(nlp, kind: str, path: Path) -> list:
    from konflikt.training.corpus import chunks, read_ndt, read_ud, sentences_to_doc

    sents = read_ndt(path) if kind == "ndt" else read_ud(path)
    return [sentences_to_doc(nlp.vocab, group) for group in chunks(sents, 10)]


def simplemma_lemma_acc(gold: list, lang: str) -> float:
    import simplemma

    ok = n = 0
    for doc in gold:
        for tok in doc:
            if tok.is_punct:
                continue
            n += 1
            ok += simplemma.lemmatize(tok.text, lang=lang).lower() == tok.lemma_.lower()
    return ok / max(n, 1)


def score_split(nlp, name: str, kind: str, path: Path) -> dict:
    from spacy.training import Example

    gold = gold_docs(nlp, kind, path)
    examples = [Example(_words_doc(nlp, d), d) for d in gold]
    scores = nlp.evaluate(examples)
    out = {"split": name, "file": str(path.relative_to(ROOT.parent)), "docs": len(gold),
           "tokens": sum(len(d) for d in gold), "entities": sum(len(d.ents) for d in gold)}
    keys = ["ents_p", "ents_r", "ents_f", "pos_acc", "lemma_acc", "sents_f"]
    if kind == "ndt":  # the UD files use UD labels and features; the model predicts NDT ones
        keys += ["morph_acc", "dep_uas", "dep_las"]
    for key in keys:
        if scores.get(key) is not None:
            out[key] = round(100 * scores[key], 2)
    out["per_type"] = {t: {k: round(100 * v, 1) for k, v in s.items()}
                       for t, s in (scores.get("ents_per_type") or {}).items()}
    out["simplemma_lemma_acc"] = round(100 * simplemma_lemma_acc(gold, "nn" if kind == "ud" else "nb"), 2)
    return out


def _words_doc(nlp, gold):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])


def speed(nlp, texts: list[str], repeat: int = 1) -> dict:
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - t0)
    return {"words": words, "seconds": round(best, 2), "words_per_s": round(words / best)}


def golden_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    return texts + [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))]


def profile(nlp, texts: list[str], batch_size: int = 64, repeat: int = 2) -> dict:
    """Best-of-`repeat` seconds per component (tokenizer first); batch_size 1 = one doc per call."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts]
        best["tokenizer"] = min(best.get("tokenizer", 1e9), time.perf_counter() - t0)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            if batch_size > 1 and hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(d) for d in docs]
            best[name] = min(best.get(name, 1e9), time.perf_counter() - t0)
    words = sum(len(t.split()) for t in texts)
    total = sum(best.values())
    return {"texts": len(texts), "words": words, "batch_size": batch_size, "seconds": round(total, 3),
            "words_per_s": round(words / total), "components": {k: round(v, 3) for k, v in best.items()}}


def print_profile(name: str, p: dict) -> None:
    print(f"\nprofile {name}: {p['texts']} texts, {p['words']} words, batch {p['batch_size']}: "
          f"{p['seconds']} s, {p['words_per_s']} words/s")
    for comp, sec in p["components"].items():
        print(f"   {comp:26} {sec:7.3f} s {100 * sec / p['seconds']:5.1f} %")


def load_time(model: str) -> dict:
    code = ("import time; t0=time.perf_counter(); import spacy; t1=time.perf_counter();"
            "from konflikt.nlp import load_nlp; t2=time.perf_counter(); load_nlp(%r);"
            "t3=time.perf_counter(); print(t1-t0, t3-t2)" % model)
    env = dict(os.environ)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    spacy_import, load = (float(x) for x in res.stdout.split())
    return {"spacy_import_s": round(spacy_import, 2), "load_s": round(load, 2)}


def model_size(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def print_split(s: dict) -> None:
    print(f"\n== {s['split']} ({s['file']}): {s['docs']} docs, {s['tokens']} tokens, {s['entities']} gold entities")
    print(f"   entities P {s.get('ents_p')}  R {s.get('ents_r')}  F1 {s.get('ents_f')}")
    extra = {k: s[k] for k in ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f") if k in s}
    print("   " + "  ".join(f"{k} {v}" for k, v in extra.items()) + f"  simplemma_lemma_acc {s['simplemma_lemma_acc']}")
    print(f"   {'type':8} {'P':>6} {'R':>6} {'F1':>6}")
    for t in TYPES:
        if t in s["per_type"]:
            v = s["per_type"][t]
            print(f"   {t:8} {v['p']:6.1f} {v['r']:6.1f} {v['f']:6.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="", help="pipeline folder ('' = the shipped model)")
    ap.add_argument("--splits", default=",".join(SPLITS), help="comma-separated: " + ", ".join(SPLITS))
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--profile", action="store_true", help="also: seconds per component")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if not NORNE.is_dir():
        print(f"note: {NORNE} is absent; nothing to measure")
        return 0
    from konflikt.nlp import load_nlp, shipped_model_path

    nlp = load_nlp(args.model)
    path = Path(args.model) if args.model else shipped_model_path()
    report: dict = {"model": str(path), "pipeline": nlp.pipe_names, "size_mb": model_size(path), "splits": []}
    print(f"model {path}  ({report['size_mb']} MB)  pipeline {nlp.pipe_names}")
    for name in [s for s in args.splits.split(",") if s]:
        kind, file = SPLITS[name]
        s = score_split(nlp, name, kind, file)
        report["splits"].append(s)
        print_split(s)
    if not args.no_speed:
        texts = [d.text for d in gold_docs(nlp, *SPLITS["nob-dev"])]
        nlp(texts[0])  # warm up
        report["speed"] = speed(nlp, texts)
        report["load"] = load_time(args.model)
        print(f"\nspeed: {report['speed']['words_per_s']} words/s on one thread "
              f"({report['speed']['words']} words of nob-dev raw text in {report['speed']['seconds']} s)")
        print(f"load: {report['load']['load_s']} s for load_nlp() (+ {report['load']['spacy_import_s']} s to import spaCy)")
    if args.profile:
        dev_texts = [d.text for d in gold_docs(nlp, *SPLITS["nob-dev"])]
        golden = golden_texts()
        nlp(golden[0])  # warm up (simplemma loads its dictionaries on first use)
        report["profile"] = {"nob-dev": profile(nlp, dev_texts), "golden one by one": profile(nlp, golden, 1, 3),
                             "golden batched": profile(nlp, golden, 64, 3)}
        for name, p in report["profile"].items():
            print_profile(name, p)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
