"""Loading the spaCy pipeline that the analysis stage runs.

The shipped Norwegian pipeline lives in ``konflikt/models/<name>/`` (see the model card there).
It is loaded once per process and path. When no trained pipeline is shipped (or a user points
at none), a rule-based fallback is used: spaCy's Norwegian tokenizer, line- and
punctuation-based sentences, no entities, so the rest of the pipeline still runs.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from konflikt.errors import ResourceError

SHIPPED_MODEL = "nb_konflikt"


def shipped_model_path() -> Path:
    return Path(str(resources.files("konflikt") / "models" / SHIPPED_MODEL))


@lru_cache(maxsize=4)
def load_nlp(path: str = "") -> "spacy.language.Language":  # noqa: F821
    """The spaCy pipeline at `path` ('' = shipped, else the rule-based fallback)."""
    import spacy

    target = Path(path) if path else shipped_model_path()
    if (target / "config.cfg").is_file():
        try:
            return spacy.load(target)
        except Exception as exc:  # noqa: BLE001 - any load failure is reported as a resource error
            raise ResourceError(f"cannot load the spaCy pipeline at {target}: {exc}") from exc
    if path:
        raise ResourceError(f"no spaCy pipeline at {target} (no config.cfg there)")
    return _fallback_nlp()


def _fallback_nlp():
    import spacy
    from spacy.language import Language

    @Language.component("konflikt_line_breaks")
    def line_breaks(doc):
        # A line break ends a sentence in news text (headline, captions, crossheads).
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text or tok.text_with_ws.endswith("\n"):
                doc[i + 1].is_sent_start = True
        return doc

    nlp = spacy.blank("nb")
    nlp.add_pipe("konflikt_line_breaks")
    nlp.add_pipe("sentencizer")
    return nlp
