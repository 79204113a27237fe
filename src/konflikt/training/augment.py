"""Entity-swap augmentation for training the NER: ``konflikt.entity_swap.v1``.

Why: on NorNE our NER scores about 9 F1 points lower on Bokmål test than on dev, and most of the
gap is in names the training text never shows (ORG, PROD, LOC). A model that has memorised
names instead of learning the contexts around them generalises badly to the next newspaper.
Mention replacement (Dai & Adel 2020, "An analysis of simple data augmentation for named entity
recognition") swaps an entity for another entity of the same label, so that the same context is
seen with many names. The names come from the training corpus itself: nothing from outside.

Used from a training config as the train corpus's augmenter::

    [corpora.train.augmenter]
    @augmenters = "konflikt.entity_swap.v1"
    pool_path = ${paths.train}
    level = 0.3        # share of training documents that also get a swapped copy
    swap_prob = 0.5    # share of the entities in such a copy that are swapped

Only words, spaces and entities are kept in the swapped copy (it is for NER-only training: the
tags, lemmas and heads of the original would no longer fit the new words).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab

# one entity as it was written: its tokens' texts and the whitespace after each
Mention = tuple[tuple[str, str], ...]


def mention_pool(path: str | Path) -> dict[str, list[Mention]]:
    """Every entity of a DocBin, by label, each distinct mention once (sorted, so runs repeat)."""
    pool: dict[str, set[Mention]] = {}
    for doc in DocBin().from_disk(path).get_docs(Vocab()):
        for ent in doc.ents:
            mention = tuple((t.text, t.whitespace_) for t in ent)
            pool.setdefault(ent.label_, set()).add(mention)
    return {label: sorted(mentions) for label, mentions in pool.items()}


def swap_entities(doc: Doc, pool: dict[str, list[Mention]], rng: random.Random,
                  swap_prob: float) -> tuple[list[str], list[bool], list[str]] | None:
    """Words, spaces and IOB tags of `doc` with some entities replaced; None when none was swapped."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    swapped = False
    i = 0
    for ent in doc.ents:
        for tok in doc[i:ent.start]:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            tags.append("O")
        candidates = pool.get(ent.label_, [])
        if candidates and rng.random() < swap_prob:
            mention = rng.choice(candidates)
            swapped = swapped or mention != tuple((t.text, t.whitespace_) for t in ent)
            texts = [text for text, _ in mention]
            # inner spaces from the new mention, the last one from the old: the sentence goes on as before
            gaps = [bool(ws) for _, ws in mention[:-1]] + [bool(ent[-1].whitespace_)]
        else:
            texts = [t.text for t in ent]
            gaps = [bool(t.whitespace_) for t in ent]
        for k, (text, gap) in enumerate(zip(texts, gaps)):
            words.append(text)
            spaces.append(gap)
            tags.append(("B-" if k == 0 else "I-") + ent.label_)
        i = ent.end
    for tok in doc[i:]:
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))
        tags.append("O")
    return (words, spaces, tags) if swapped else None


@registry.augmenters("konflikt.entity_swap.v1")
def create_entity_swap(pool_path: str, level: float = 0.3, swap_prob: float = 0.5,
                       seed: int = 0) -> Callable[[object, Example], Iterator[Example]]:
    """The augmenter: each example as it is, and for a share `level` of them a swapped copy too."""
    if not 0.0 <= level <= 1.0 or not 0.0 <= swap_prob <= 1.0:
        raise ValueError(f"entity_swap: level and swap_prob must lie in [0, 1], got {level}, {swap_prob}")
    pool = mention_pool(pool_path)
    rng = random.Random(seed)

    def augment(nlp, example: Example) -> Iterator[Example]:  # noqa: ANN001 - spaCy's Language
        yield example
        if rng.random() >= level:
            return
        swapped = swap_entities(example.reference, pool, rng, swap_prob)
        if swapped is None:
            return
        words, spaces, tags = swapped
        reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        yield Example(nlp.make_doc(reference.text), reference)

    return augment
