"""spaCy pieces of the shipped Norwegian pipeline: the news tokenizer and the line-break rule.

Both are registered with spaCy's registries when this module is imported, so that
``spacy.load`` of ``konflikt/models/nb_konflikt`` (whose config names them) can build them;
``konflikt.nlp`` imports this module before loading. The tokenizer's extra rules are data:
``lang/nb/abbreviations.txt`` and ``lang/nb/tokenizer.toml``.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from konflikt.langdata import read_toml, read_wordlist

TOKENIZER_NAME = "konflikt.nb_tokenizer.v1"
LINE_BREAKS = "konflikt_line_breaks"


def abbreviation_cases(lang: str = "nb") -> dict[str, list[dict]]:
    """Special cases keeping each abbreviation whole, in lower case and capitalised."""
    cases: dict[str, list[dict]] = {}
    for abbr in read_wordlist(lang, "abbreviations.txt"):
        for form in {abbr, abbr[:1].upper() + abbr[1:]}:
            cases[form] = [{"ORTH": form}]
    return cases


def customise_tokenizer(tokenizer, lang: str = "nb"):
    """Add the news rules of ``lang/<lang>/tokenizer.toml`` and the abbreviations to a tokenizer."""
    rules = read_toml(lang, "tokenizer.toml")
    nlp_defaults = spacy.blank(lang).Defaults if lang != "nb" else _NB_DEFAULTS
    suffixes = list(rules.get("suffixes", [])) + list(nlp_defaults.suffixes or [])
    infixes = list(nlp_defaults.infixes or []) + list(rules.get("infixes", []))
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for orth, case in abbreviation_cases(lang).items():
        tokenizer.add_special_case(orth, case)
    return tokenizer


def _nb_defaults():
    from spacy.lang.nb import Norwegian

    return Norwegian.Defaults


_NB_DEFAULTS = _nb_defaults()


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_nb_tokenizer() -> Callable[[Language], object]:
    """spaCy's Norwegian tokenizer plus konflikt's news rules (registered for spacy.load)."""
    from spacy.tokenizer import Tokenizer

    def make(nlp: Language):
        default = spacy.util.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        assert isinstance(default, Tokenizer)
        return customise_tokenizer(default, "nb")

    return make


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence in news text (headlines, captions, crossheads).

    Runs before the parser, which respects sentence starts that are already set. spaCy's
    tokenizer splits at every whitespace character, so a line break is always inside a
    whitespace token: only those are visited (found with one array call; iterating all tokens
    or reading ``doc.text`` costs ~10x more per article).
    """
    from spacy.attrs import IS_SPACE

    n = len(doc)
    for i in doc.to_array([IS_SPACE]).reshape(-1).nonzero()[0].tolist():
        if i < n - 1 and "\n" in doc[i].text:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


LEMMA_BACKOFF = "konflikt_lemma_backoff"


@Language.factory(LEMMA_BACKOFF, default_config={"pos": ["VERB", "ADJ"], "langs": ["nb", "nn"],
                                                  "skip_morph": ["VerbForm=Inf"]})
def make_lemma_backoff(nlp: Language, name: str, pos: list[str], langs: list[str], skip_morph: list[str]):
    return LemmaBackoff(pos, langs, skip_morph)


class LemmaBackoff:
    """Where the trained lemmatizer left a word of a tagged class unchanged, ask simplemma.

    The edit-tree lemmatizer learns from NDT's 300k tokens and misses rarer strong verbs
    ('skjøt' -> 'skyte'); simplemma's dictionary knows them. Only the word classes in `pos`
    are touched (nouns such as 'angrep' must keep their own lemma), and tokens with a feature in
    `skip_morph` are left alone: an infinitive is its own lemma, and simplemma reads many
    infinitives as other words ('si' -> 'sin', 'klare' -> 'klar'). Chosen on Bokmål dev, see
    the model card.
    """

    def __init__(self, pos: list[str], langs: list[str], skip_morph: list[str] = ()):
        self.pos = frozenset(pos)
        self.langs = tuple(langs)
        self.skip = tuple(f.split("=", 1) for f in skip_morph)

    def __call__(self, doc: Doc) -> Doc:
        import simplemma

        for tok in doc:
            if tok.pos_ in self.pos and tok.lemma_.lower() == tok.text.lower():
                if any(val in tok.morph.get(key) for key, val in self.skip):
                    continue
                lemma = simplemma.lemmatize(tok.text, lang=self.langs)
                if lemma and lemma.lower() != tok.text.lower():
                    tok.lemma_ = lemma.lower()
        return doc

    # stateless: nothing to save, but spaCy calls these when saving and loading the pipeline
    def to_disk(self, path, exclude=tuple()):  # noqa: ANN001
        pass

    def from_disk(self, path, exclude=tuple()):  # noqa: ANN001
        return self
