"""The Norwegian news tokenizer (konflikt.nbspacy, rules in lang/nb/)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def nlp():
    import spacy

    from konflikt.nbspacy import TOKENIZER_NAME

    return spacy.blank("nb", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


# (text, expected tokens, where the case comes from). Sentences written for these tests.
CASES = [
    ("Møtet starter kl. 14.30.", ["Møtet", "starter", "kl.", "14.30", "."],
     "issue 3: '14.30.' at the end of a sentence splits the final period; 'kl.' stays whole"),
    ("Angrepet kom 14.30. Mange døde.", ["Angrepet", "kom", "14.30", ".", "Mange", "døde", "."],
     "issue 3: clock time before the next sentence"),
    ("Avtalen ble signert 12.03.2024.", ["Avtalen", "ble", "signert", "12.03.2024", "."],
     "full date at the end of a sentence (tokenizer.toml suffix rule)"),
    ("Han sa—nei.", ["Han", "sa", "—", "nei", "."], "brief: em dash between words splits"),
    ("Kampene i Gaza–Egypt-grensen", ["Kampene", "i", "Gaza", "–", "Egypt-grensen"],
     "brief: en dash splits, the hyphen does not"),
    ("«Vi angriper»,sa han.", ["«", "Vi", "angriper", "»", ",", "sa", "han", "."],
     "brief: «» quotes split, also when glued to a comma"),
    ("IS-krigere rykket inn i Mosul-regionen.", ["IS-krigere", "rykket", "inn", "i", "Mosul-regionen", "."],
     "brief: hyphenated names stay one token"),
    ("Opprørerne drepte bl.a. ca. 20 sivile.", ["Opprørerne", "drepte", "bl.a.", "ca.", "20", "sivile", "."],
     "brief: abbreviations bl.a., ca."),
    ("Skadene er f.eks. anslått til 5 mill. kroner.",
     ["Skadene", "er", "f.eks.", "anslått", "til", "5", "mill.", "kroner", "."],
     "brief: abbreviations f.eks., mill."),
    ("Resolusjon nr. 2334 ble vedtatt.", ["Resolusjon", "nr.", "2334", "ble", "vedtatt", "."],
     "brief: abbreviation nr."),
    ("Kl. 06 smalt det.", ["Kl.", "06", "smalt", "det", "."],
     "capitalised abbreviation at the start of a sentence"),
    ("Flere drept\nHæren angrep", ["Flere", "drept", "\n", "Hæren", "angrep"],
     "a line break is a token of its own (so it can end a sentence)"),
]


@pytest.mark.parametrize("text,expected,source", CASES, ids=[c[0][:30] for c in CASES])
def test_tokenizer_cases(nlp, text, expected, source):
    assert [t.text for t in nlp(text)] == expected, source


def test_abbreviations_come_from_the_data_file():
    from konflikt.langdata import read_wordlist
    from konflikt.nbspacy import abbreviation_cases

    words = read_wordlist("nb", "abbreviations.txt")
    assert {"bl.a.", "ca.", "kl.", "f.eks.", "nr.", "mill."} <= words
    cases = abbreviation_cases("nb")
    assert "Kl." in cases and "kl." in cases


def test_line_breaks_start_sentences():
    import spacy

    from konflikt.nbspacy import LINE_BREAKS

    nlp = spacy.blank("nb")
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe("sentencizer")
    doc = nlp("Tre drept i Kabul\nTalibans talsmann bekreftet angrepet.")
    assert [s.text.strip() for s in doc.sents] == ["Tre drept i Kabul", "Talibans talsmann bekreftet angrepet."]


ALPHABET = st.sampled_from(list("abcæøåABCÆØÅ0123456789 .,-–—«»:\n") + ["kl.", "14.30.", "bl.a."])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab .\n\r\t") + ["kl.", "Kabul", "  \n", "\n\n"]), max_size=30).map("".join))
def test_line_breaks_visit_only_whitespace_tokens_yet_find_every_break(text):
    # the component looks for line breaks in whitespace tokens only (fast); the rule it implements
    # is stated over every token: a token holding a line break ends the sentence before the next
    from konflikt.nbspacy import TOKENIZER_NAME, line_breaks

    nlp = _cached_blank(TOKENIZER_NAME)
    doc = line_breaks(nlp(text))
    expected = {i + 1 for i, tok in enumerate(doc[:-1]) if "\n" in tok.text_with_ws and not doc[i + 1].is_space}
    assert {t.i for t in doc if t.i > 0 and t.is_sent_start} == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_tokens_cover_the_text_exactly(text):
    # spaCy's guarantee, re-checked because our rules add infixes and special cases
    from konflikt.nbspacy import TOKENIZER_NAME

    nlp = _cached_blank(TOKENIZER_NAME)
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text


_BLANK = {}


def _cached_blank(name):
    import spacy

    if name not in _BLANK:
        _BLANK[name] = spacy.blank("nb", config={"nlp": {"tokenizer": {"@tokenizers": name}}})
    return _BLANK[name]
