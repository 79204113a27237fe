"""Reading NorNE (NDT and UD CoNLL files) into spaCy ``Doc``s and ``DocBin``s.

`spacy convert` refuses the NDT files (their part-of-speech tags are not Universal POS tags),
so they are read here: the NDT tag goes to ``tag_``, a UPOS reading of it to ``pos_`` (see
``ndt_map.toml``), the NDT morphology to UD-style ``morph`` features, heads and NDT dependency
labels to the parse (the root is labelled ``ROOT``), lemmas (without NDT's '$' prefix on
punctuation) to ``lemma_`` and the ``name=`` IOB2 column to entities. NDT's paragraph tokens
('|', tag ``clb``, morphology ``<overskrift>`` ...) are dropped, as UD drops them.

The corpora and the DocBins made from them are never written into the repository: NorNE's
texts may not be republished (its annotations are CC0).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from konflikt.errors import InputError

MAP_FILE = Path(__file__).with_name("ndt_map.toml")
PARAGRAPH_FORM = "|"


@dataclass
class Token:
    form: str
    lemma: str
    tag: str
    pos: str
    morph: str
    head: int  # 1-based head index within the sentence, 0 = root
    dep: str
    ent: str  # IOB2: O, B-PER, I-PER ...
    space_after: bool = True


@dataclass
class Sentence:
    tokens: list[Token] = field(default_factory=list)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(t.form for t in self.tokens)


@lru_cache(maxsize=1)
def ndt_map() -> dict:
    with open(MAP_FILE, "rb") as fh:
        return tomllib.load(fh)


def ndt_pos(tag: str, morph: str, lemma: str) -> str:
    """A Universal POS for an NDT tag: proper nouns by 'prop', auxiliaries by lemma."""
    table = ndt_map()
    pos = table["pos"].get(tag, "X")
    feats = morph.split("|")
    if pos == "NOUN" and "prop" in feats:
        return "PROPN"
    if pos == "VERB" and lemma in table["aux"]["lemmas"]:
        return "AUX"
    return pos


def ndt_morph(morph: str) -> str:
    """UD-style 'Feat=Val|...' string for an NDT morphology column ('_' and unknowns dropped)."""
    table = ndt_map()["features"]
    feats: dict[str, str] = {}
    for part in morph.split("|"):
        ud = table.get(part)
        if ud:
            key, val = ud.split("=", 1)
            feats.setdefault(key, val)
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


def _ent_tag(misc: str) -> str:
    for part in misc.split("|"):
        if part.startswith("name="):
            return part[5:]
    return "O"


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    block: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise InputError(f"{path}:{lineno}", f"expected 10 tab-separated columns, got {len(cols)}")
            if "-" in cols[0] or "." in cols[0]:  # UD multiword / empty nodes
                continue
            block.append(cols)
    if block:
        yield block


def read_ndt(path: Path) -> Iterator[Sentence]:
    """Sentences of an NDT-format NorNE file, paragraph tokens dropped and heads re-linked."""
    for block in _blocks(Path(path)):
        keep = [c for c in block if c[1] != PARAGRAPH_FORM]
        if not keep:
            continue
        by_id = {int(c[0]): c for c in block}
        new_index = {int(c[0]): i + 1 for i, c in enumerate(keep)}
        root_id = next((int(c[0]) for c in keep if c[6] == "0"), int(keep[0][0]))
        sent = Sentence()
        for c in keep:
            head = int(c[6])
            # a dropped '|' token may head others: climb to its (kept) head, else the root
            seen = set()
            while head and head not in new_index and head not in seen:
                seen.add(head)
                head = int(by_id[head][6]) if head in by_id else 0
            own = int(c[0])
            if head and head not in new_index:
                head = 0
            if head == 0 and own != root_id:
                head = root_id
            lemma = c[2][1:] if c[2].startswith("$") and len(c[2]) > 1 else c[2]
            sent.tokens.append(Token(
                form=c[1], lemma=lemma, tag=c[3], pos=ndt_pos(c[3], c[5], lemma),
                morph=ndt_morph(c[5]), head=new_index.get(head, 0),
                dep="ROOT" if head == 0 else c[7], ent=_ent_tag(c[9])))
        yield sent


def read_ud(path: Path) -> Iterator[Sentence]:
    """Sentences of a NorNE UD file (name= tags in MISC), with SpaceAfter=No respected."""
    for block in _blocks(Path(path)):
        sent = Sentence()
        for c in block:
            misc = c[9]
            sent.tokens.append(Token(
                form=c[1], lemma=c[2], tag=c[4] if c[4] != "_" else c[3], pos=c[3],
                morph="" if c[5] == "_" else c[5], head=int(c[6]),
                dep="ROOT" if c[6] == "0" else c[7], ent=_ent_tag(misc),
                space_after="SpaceAfter=No" not in misc))
        yield sent


def sentences_to_doc(vocab, sents: list[Sentence], with_syntax: bool = True):
    """One spaCy Doc from consecutive sentences (joined by spaces)."""
    from spacy.tokens import Doc
    from spacy.training import biluo_tags_to_spans, iob_to_biluo

    words: list[str] = []
    spaces: list[bool] = []
    tags, poses, morphs, lemmas, heads, deps, iob, starts = [], [], [], [], [], [], [], []
    for sent in sents:
        offset = len(words)
        for i, t in enumerate(sent.tokens):
            words.append(t.form)
            last = i == len(sent.tokens) - 1
            spaces.append(True if last else t.space_after)
            tags.append(t.tag)
            poses.append(t.pos)
            morphs.append(t.morph)
            lemmas.append(t.lemma)
            heads.append(offset + (t.head - 1 if t.head else i))
            deps.append(t.dep)
            iob.append(t.ent)
            starts.append(i == 0)
    if spaces:
        spaces[-1] = False
    kwargs = dict(words=words, spaces=spaces, tags=tags, pos=poses, morphs=morphs, lemmas=lemmas)
    if with_syntax:
        kwargs.update(heads=heads, deps=deps)
    else:
        kwargs.update(sent_starts=starts)
    doc = Doc(vocab, **kwargs)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(_repair_iob(iob)))
    return doc


def _repair_iob(tags: list[str]) -> list[str]:
    """An I- tag after O or another type starts an entity (rare annotation slips)."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def chunks(sents: Iterable[Sentence], size: int) -> Iterator[list[Sentence]]:
    batch: list[Sentence] = []
    for s in sents:
        batch.append(s)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_docbin(sents: Iterable[Sentence], out: Path, per_doc: int = 10) -> int:
    """Write sentences as Docs of `per_doc` sentences to a DocBin file; returns the doc count."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("nb")
    db = DocBin(store_user_data=False)
    n = 0
    for group in chunks(sents, per_doc):
        db.add(sentences_to_doc(nlp.vocab, group))
        n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n
