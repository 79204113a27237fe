"""konflikt: event data from news about armed conflict and political violence.

Public API (pinned by tests/test_public_api.py)::

    import konflikt
    records = konflikt.extract("Tekst ...", date="2017-07")   # list[Record]
    docs = konflikt.load("articles/")                           # read files into Documents
    pipeline = konflikt.build_pipeline()                        # reuse across many documents
"""

from __future__ import annotations

from konflikt.api import extract, extract_document, load
from konflikt.document import Document, Record
from konflikt.errors import InputError, KonfliktError
from konflikt.pipeline import Pipeline, StageError, build_pipeline
from konflikt.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Document", "InputError", "KonfliktError", "Pipeline", "Record", "Settings", "StageError",
    "build_pipeline", "extract", "extract_document", "load", "__version__",
]
