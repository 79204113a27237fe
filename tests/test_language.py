"""Language stage: nb/nn/da/sv/en, with forced languages winning."""

from __future__ import annotations

import pytest

from konflikt.document import Document
from konflikt.settings import Settings
from konflikt.stages.language import LanguageStage, detect_language

# Sentences written for this test, one per language, in the register of news reports.
CASES = [
    ("nb", "Ifølge politiet ble fire personer pågrepet etter demonstrasjonen i hovedstaden i går."),
    ("nn", "Ifølgje politiet vart fire personar arresterte etter demonstrasjonen i hovudstaden i går. "
           "Dei seier at ingen vart skadde."),
    ("da", "Ifølge politiet blev fire personer anholdt efter demonstrationen i hovedstaden i går."),
    ("sv", "Enligt polisen greps fyra personer efter demonstrationen i huvudstaden i går."),
    ("en", "According to the police, four people were arrested after the protest in the capital."),
]


@pytest.mark.parametrize("lang,text", CASES)
def test_detect(lang, text):
    assert detect_language(text) == lang


def test_empty_or_symbols_defaults_to_bokmal():
    assert detect_language("") == "nb"
    assert detect_language("— 123 —") == "nb"


def test_forced_language_wins():
    stage = LanguageStage(Settings(language="en"))
    assert stage(Document(text=CASES[0][1])).language == "en"


def test_document_language_is_kept():
    stage = LanguageStage(Settings())
    assert stage(Document(text=CASES[0][1], language="nn")).language == "nn"


# Whole articles go through lingua's fast (low-accuracy) detector: it must still tell nynorsk
# from bokmål there. The articles are our own examples (examples/README.md lists them).
@pytest.mark.parametrize("path,lang", [
    ("examples/004_chibok_nn.txt", "nn"),
    ("examples/dev2/202_christchurch_nn.txt", "nn"),
    ("examples/001_kramatorsk.txt", "nb"),
    ("examples/006_marawi.txt", "nb"),
    ("examples/dev2/205_capitol_stormet.txt", "nb"),
])
def test_whole_articles(path, lang):
    from pathlib import Path

    from konflikt.stages.language import SHORT_TEXT

    text = (Path(__file__).resolve().parents[1] / path).read_text(encoding="utf-8")
    assert len(text) >= SHORT_TEXT
    assert detect_language(text) == lang
