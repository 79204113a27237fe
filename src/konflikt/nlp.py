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
            nlp = spacy.load(target)
        except Exception as exc:  # noqa: BLE001 - any load failure is reported as a resource error
            raise ResourceError(f"cannot load the spaCy pipeline at {target}: {exc}") from exc
        return use_numpy_matmul(nlp)
    if path:
        raise ResourceError(f"no spaCy pipeline at {target} (no config.cfg there)")
    return _fallback_nlp()


def numpy_ops():
    """thinc's CPU ops with matrix products done by numpy (OpenBLAS) instead of blis."""
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=False)


def use_numpy_matmul(nlp):  # noqa: ANN001, ANN201 - spaCy types stay out of the signature
    """Run the pipeline's layers with :func:`numpy_ops`; returns `nlp`.

    Why: thinc multiplies matrices with blis by default, and the blis wheel falls back to its
    generic kernels on some CPUs (on our 2-core AMD EPYC: 25 GFLOP/s against numpy's 75 on one
    thread for a 5000x384 by 384x384 product). The CNN tok2vecs and the parser/NER hidden
    layers are such products, so the whole pipeline runs ~1.7x faster (nob-dev, one thread:
    5,100 -> 8,700 words/s) with identical annotations. The transition loop of parser and NER
    still calls blis from Cython; that part is unchanged.
    """
    one_blas_thread()
    ops = numpy_ops()
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp


_BLAS_THREAD_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                        "openblas_set_num_threads64_", "openblas_set_num_threads")


def one_blas_thread() -> bool:
    """Limit numpy's bundled OpenBLAS to one thread unless the user set a thread count.

    Why: the model's products are small (a few hundred rows), and with numpy's default of one
    thread per core they ran slower, not faster: 7,000 words/s with 2 threads against 9,300
    with one on nob-dev (2-core machine); `--jobs N` workers would also oversubscribe the cores.
    blis, used before, ran single-threaded anyway. Returns whether a limit was set; without
    numpy's OpenBLAS (another BLAS build) nothing happens.
    """
    import os

    if any(os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")):
        return False
    import ctypes

    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for lib in sorted(libs.glob("*openblas*.so*")):
        try:
            handle = ctypes.CDLL(str(lib))
        except OSError:
            continue
        for name in _BLAS_THREAD_SETTERS:
            setter = getattr(handle, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def _fallback_nlp():
    import spacy

    from konflikt.nbspacy import LINE_BREAKS, TOKENIZER_NAME

    nlp = spacy.blank("nb", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    # A line break ends a sentence in news text (headline, captions, crossheads).
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe("sentencizer")
    return nlp
