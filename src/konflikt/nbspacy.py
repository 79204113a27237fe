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

    Runs before the parser, which respects sentence starts that are already set.
    """
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or tok.text_with_ws.endswith("\n"):
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
