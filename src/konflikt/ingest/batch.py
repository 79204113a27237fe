"""Batches: many files through the pipeline, with or without the store.

These are the functions the CLI's ``extract`` and ``ingest`` wrap. A problem with one input
(unreadable file, bad JSONL line, a stage that fails on one article, a store write refused)
is collected as a :class:`Failure` and the batch goes on; the caller reports them at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from konflikt.document import Document, Record
from konflikt.errors import InputError, KonfliktError
from konflikt.ingest.readers import iter_files, read_file
from konflikt.pipeline import Pipeline
from konflikt.settings import Settings

if TYPE_CHECKING:
    from konflikt.store import Store


@dataclass(frozen=True, slots=True)
class Failure:
    source: str    # file, file:line, or the document's path/url
    problem: str
    kind: str      # input | stage | store

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class BatchReport:
    files: int = 0
    documents: int = 0      # read successfully
    stored: int = 0         # new documents written to the store
    skipped: int = 0        # already in the store (same content hash)
    records: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped_sources: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


Progress = Callable[[str], None]


class LazyPipeline:
    """A pipeline built on first use: re-ingesting a stored archive (all skipped) or resuming a
    killed run then never loads the model or the gazetteer for the articles already done."""

    def __init__(self, settings: Settings, names: Iterable[str] | None = None):
        self.settings = settings
        self._names = tuple(names) if names else None
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from konflikt.pipeline import build_pipeline

            self._pipeline = build_pipeline(self.settings, self._names)
        return self._pipeline

    def __call__(self, doc: Document) -> Document:
        return self.pipeline(doc)


def _failure(exc: KonfliktError, kind: str, doc: Document | None = None) -> Failure:
    if isinstance(exc, InputError):
        return Failure(exc.source, exc.problem, kind)
    where = (doc.path or doc.url or doc.id[:12]) if doc is not None else "?"
    return Failure(where, str(exc), kind)


def collect_files(paths: Iterable[str | Path], report: BatchReport) -> list[Path]:
    """Expand folders up front (so a progress bar knows the total); missing paths are failures."""
    files: list[Path] = []
    for item in iter_files(paths):
        if isinstance(item, InputError):
            report.failures.append(_failure(item, "input"))
        else:
            files.append(item)
    report.files = len(files)
    return files


def _run(doc: Document, pipeline: "Pipeline | LazyPipeline") -> list[Record]:
    doc = pipeline(doc)
    floor = pipeline.settings.min_confidence
    records = [r for r in doc.records if r.confidence >= floor]
    doc.spacy_doc = None  # the parse is large and not needed once the records exist
    return records


def extract_files(files: Iterable[Path], pipeline: Pipeline, report: BatchReport, *,
                  settings: Settings | None = None, date: str | None = None,
                  progress: Progress | None = None) -> Iterator[tuple[Document, list[Record]]]:
    """(document, records) for every readable document; failures go into `report`."""
    settings = settings or pipeline.settings
    for path in files:
        for item in read_file(path, settings, date):
            if isinstance(item, InputError):
                report.failures.append(_failure(item, "input"))
                continue
            report.documents += 1
            try:
                records = _run(item, pipeline)
            except KonfliktError as exc:
                report.failures.append(_failure(exc, "stage", item))
                continue
            report.records += len(records)
            yield item, records
        if progress:
            progress(str(path))


def ingest_files(files: Iterable[Path], store: "Store", pipeline: "Pipeline | LazyPipeline", report: BatchReport, *,
                 settings: Settings | None = None, date: str | None = None,
                 reextract: bool = False, progress: Progress | None = None) -> BatchReport:
    """Read, extract and store; a document already stored (same content hash) is skipped before
    the pipeline runs, unless `reextract`, which replaces its records with fresh ones."""
    settings = settings or pipeline.settings
    for path in files:
        for item in read_file(path, settings, date):
            if isinstance(item, InputError):
                report.failures.append(_failure(item, "input"))
                continue
            report.documents += 1
            try:
                known = store.has_document(item.id)
                if known and not reextract:
                    report.skipped += 1
                    report.skipped_sources.append(item.path or item.url or item.id[:12])
                    continue
                try:
                    records = _run(item, pipeline)
                except KonfliktError as exc:
                    report.failures.append(_failure(exc, "stage", item))
                    continue
                if known:
                    store.replace_records(item.id, records)
                    report.skipped += 1
                    report.skipped_sources.append(item.path or item.url or item.id[:12])
                elif store.add_document(item, records):
                    report.stored += 1
                else:  # stored meanwhile by a parallel run
                    report.skipped += 1
                    report.skipped_sources.append(item.path or item.url or item.id[:12])
                    continue
                report.records += len(records)
            except KonfliktError as exc:
                report.failures.append(_failure(exc, "store", item))
        if progress:
            progress(str(path))
    return report
