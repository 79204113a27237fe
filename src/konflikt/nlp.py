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

    import konflikt.nbspacy  # noqa: F401 - registers the tokenizer and components the config names

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

    from konflikt.nbspacy import LINE_BREAKS, TOKENIZER_NAME

    nlp = spacy.blank("nb", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    # A line break ends a sentence in news text (headline, captions, crossheads).
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe("sentencizer")
    return nlp
