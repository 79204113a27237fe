"""Training tools: the entity-swap augmenter (konflikt.training.augment) and the sweep runner's
reading of spaCy's console log (konflikt.training.sweep). Sentences written here."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from konflikt.training.augment import create_entity_swap, mention_pool, swap_entities
from konflikt.training.sweep import Curve, command, parse_log, read_experiments

NLP = spacy.blank("nb")


def _doc(words: list[str], tags: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(NLP.vocab, words=words, spaces=spaces or [True] * len(words), ents=tags)


SENTENCE = _doc(["Statsminister", "Ola", "Nordmann", "besøkte", "Tromsø", "og", "NATO", "."],
                ["O", "B-PER", "I-PER", "O", "B-GPE_LOC", "O", "B-ORG", "O"],
                [True, True, True, True, True, True, False, False])
POOL = {"PER": [(("Kari", " "), ("Li", ""))], "GPE_LOC": [(("Bodø", ""),)],
        "ORG": [(("Forsvarets", " "), ("forskningsinstitutt", ""))]}


def test_swap_replaces_every_entity_with_one_of_its_label_and_keeps_the_rest():
    words, spaces, tags = swap_entities(SENTENCE, POOL, random.Random(0), swap_prob=1.0)
    doc = _doc(words, tags, spaces)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Kari Li", "PER"), ("Bodø", "GPE_LOC"), ("Forsvarets forskningsinstitutt", "ORG")]
    assert doc.text == "Statsminister Kari Li besøkte Bodø og Forsvarets forskningsinstitutt."
    # the words outside the entities are untouched
    assert [t.text for t in doc if not t.ent_type_] == ["Statsminister", "besøkte", "og", "."]


def test_swap_with_probability_zero_changes_nothing():
    assert swap_entities(SENTENCE, POOL, random.Random(0), swap_prob=0.0) is None


def test_label_without_pool_entries_keeps_its_mention():
    words, _, tags = swap_entities(SENTENCE, {"PER": POOL["PER"]}, random.Random(0), swap_prob=1.0)
    assert "Tromsø" in words and "NATO" in words and "Kari" in words
    assert tags.count("B-PER") == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Oslo", "Kyiv", "Hamas", "Jonas", "Gahr", "FN", "i", "og", "drepte"]),
                          st.sampled_from(["O", "B-GPE_LOC", "B-ORG", "B-PER", "I-PER"])), min_size=1, max_size=12),
       st.integers(0, 10_000))
def test_swap_keeps_entity_count_labels_and_text_consistency(tokens, seed):
    """Property: any IOB-valid sentence keeps its number of entities and their labels in order."""
    words = [w for w, _ in tokens]
    tags = []
    for _, tag in tokens:  # repair I- tags that follow no entity of their label
        if tag.startswith("I-") and not (tags and tags[-1][2:] == tag[2:]):
            tag = "B-" + tag[2:]
        tags.append(tag)
    doc = _doc(words, tags)
    result = swap_entities(doc, POOL, random.Random(seed), swap_prob=0.7)
    if result is None:
        return
    new_words, new_spaces, new_tags = result
    new = _doc(new_words, new_tags, new_spaces)
    assert [e.label_ for e in new.ents] == [e.label_ for e in doc.ents]
    assert new.text.split() == [t.text for t in new]


def test_augmenter_yields_the_original_and_a_swapped_copy(tmp_path):
    path = tmp_path / "train.spacy"
    other = _doc(["Kari", "Li", "kom", "fra", "Bodø", "."], ["B-PER", "I-PER", "O", "O", "B-GPE_LOC", "O"])
    DocBin(docs=[SENTENCE, other]).to_disk(path)
    assert {label: len(m) for label, m in mention_pool(path).items()} == {"PER": 2, "GPE_LOC": 2, "ORG": 1}
    augment = create_entity_swap(str(path), level=1.0, swap_prob=1.0, seed=3)
    examples = []
    for _ in range(5):  # the pool holds the original names too: some copies come out unchanged
        examples += list(augment(NLP, Example(NLP.make_doc(SENTENCE.text), SENTENCE)))
    originals = [e for e in examples if e.reference.text == SENTENCE.text]
    copies = [e for e in examples if e.reference.text != SENTENCE.text]
    assert len(originals) >= 5 and copies
    for copy in copies:
        assert [e.label_ for e in copy.reference.ents] == ["PER", "GPE_LOC", "ORG"]
        assert copy.predicted.text == copy.reference.text


@pytest.mark.parametrize("level, swap", [(-0.1, 0.5), (0.3, 1.5)])
def test_augmenter_rejects_shares_outside_zero_one(tmp_path, level, swap):
    path = tmp_path / "train.spacy"
    DocBin(docs=[SENTENCE]).to_disk(path)
    with pytest.raises(ValueError, match="level and swap_prob"):
        create_entity_swap(str(path), level=level, swap_prob=swap)


LOG = """\x1b[38;5;4mℹ Pipeline: ['tok2vec', 'ner']\x1b[0m
E    #       LOSS TOK2VEC  LOSS NER  ENTS_F  ENTS_P  ENTS_R  SCORE 
---  ------  ------------  --------  ------  ------  ------  ------
  0       0          0.00     67.13    0.00    0.00    0.00    0.00
  0     500      10871.67   5657.43   53.32   55.16   51.60    0.53
  1    1000       9000.00   3000.00   61.50   60.00   63.00    0.62
Traceback (most recent call last):
"""


def test_parse_log_reads_updates_and_entity_f():
    curve = parse_log(LOG)
    assert curve.points == [(0, 0.0), (500, 53.32), (1000, 61.5)]
    assert curve.best() == (1000, 61.5)
    assert curve.at(500) == 53.32 and curve.at(2000) is None


def test_parse_log_of_a_run_that_never_evaluated_is_empty():
    assert parse_log("Traceback (most recent call last):\n  boom\n").points == []
    assert Curve([]).best() == (0, 0.0)


def test_shipped_experiments_build_commands(tmp_path):
    experiments = read_experiments()
    names = [e.name for e in experiments]
    assert "baseline" in names and len(names) == len(set(names))
    swap = next(e for e in experiments if e.name == "swap60")
    cmd = command(swap, tmp_path, 100)
    assert cmd[cmd.index("--ner-out") + 1] == "sweep-swap60"
    sets = [cmd[i + 1] for i, c in enumerate(cmd) if c == "--set"]
    assert any(s.startswith("corpora.train.augmenter=") and str(tmp_path) in s and "${work}" not in s for s in sets)
