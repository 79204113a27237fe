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
        self.requested_names = tuple(names) if names else None
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from konflikt.pipeline import build_pipeline

            self._pipeline = build_pipeline(self.settings, self.requested_names)
        return self._pipeline

    def __call__(self, doc: Document) -> Document:
        return self.pipeline(doc)

    def run_many(self, docs: list[Document]) -> list[Document | KonfliktError]:
        return self.pipeline.run_many(docs)


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
    return _records(pipeline(doc), pipeline)


def _records(doc: Document, pipeline: "Pipeline | LazyPipeline") -> list[Record]:
    floor = pipeline.settings.min_confidence
    records = [r for r in doc.records if r.confidence >= floor]
    doc.spacy_doc = None  # the parse is large and not needed once the records exist
    return records


def _where(doc: Document) -> str:
    return doc.path or doc.url or doc.id[:12]


@dataclass(frozen=True, slots=True)
class _FileDone:
    """Marks, in the stream of documents, that every document of a file has come before it: the
    progress callback fires when the marker comes out of the pipeline, i.e. once the file's
    documents are processed (and stored, when ingesting)."""

    path: str


def _documents(files: Iterable[Path], settings: Settings, date: str | None,
               report: BatchReport) -> Iterator[Document | _FileDone]:
    """Readable documents, lazily, each file followed by its marker; unreadable inputs go into
    `report`."""
    for path in files:
        for item in read_file(path, settings, date):
            if isinstance(item, InputError):
                report.failures.append(_failure(item, "input"))
                continue
            report.documents += 1
            yield item
        yield _FileDone(str(path))


# One pipeline per worker process, built by the pool's initializer (the model loads once per
# worker, not once per document).
_WORKER_PIPELINE: "Pipeline | None" = None


def _init_worker(settings_values: dict, names: tuple[str, ...] | None) -> None:
    global _WORKER_PIPELINE
    from konflikt.pipeline import build_pipeline

    _WORKER_PIPELINE = build_pipeline(Settings(**settings_values), names)


def _work(doc: Document | _FileDone) -> "tuple[Document, list[Record] | None, str | None] | _FileDone":
    if isinstance(doc, _FileDone):
        return doc
    try:
        return doc, _run(doc, _WORKER_PIPELINE), None
    except KonfliktError as exc:  # sent back as text: exceptions with custom __init__ do not unpickle
        return doc, None, str(exc)


Result = tuple[Document, "list[Record] | None", "str | None"]


def _extract(items: Iterable[Document | _FileDone], pipeline: "Pipeline | LazyPipeline",
             jobs: int) -> Iterator[Result | _FileDone]:
    """(document, records, None) or (document, None, error) in input order, file markers in their
    places; `jobs` > 1 spreads the pipeline over that many worker processes (the caller stays the
    only store writer). A sequential run hands `settings.batch_size` documents to the pipeline at
    once: the analysis model is faster on a batch (benchmarks/records.py prints both speeds)."""
    if jobs <= 1:
        yield from _extract_batched(items, pipeline, max(1, pipeline.settings.batch_size))
        return
    import multiprocessing

    # fork where there is one: workers inherit the stage registry (and any stage a caller
    # registered), and start without re-importing; spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    names = pipeline.names if isinstance(pipeline, Pipeline) else pipeline.requested_names
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(jobs, initializer=_init_worker,
                  initargs=(pipeline.settings.as_dict(), names)) as pool:
        yield from pool.imap(_work, items, chunksize=2)


def _extract_batched(items: Iterable[Document | _FileDone], pipeline: "Pipeline | LazyPipeline",
                     size: int) -> Iterator[Result | _FileDone]:
    pending: list[Document | _FileDone] = []

    def flush() -> Iterator[Result | _FileDone]:
        docs = [d for d in pending if isinstance(d, Document)]
        done = iter(pipeline.run_many(docs) if docs else [])
        for item in pending:
            if isinstance(item, _FileDone):
                yield item
                continue
            result = next(done)
            if isinstance(result, KonfliktError):
                yield item, None, str(result)
            else:
                yield result, _records(result, pipeline), None
        pending.clear()

    n_docs = 0
    for item in items:
        pending.append(item)
        n_docs += isinstance(item, Document)
        if n_docs >= size:
            yield from flush()
            n_docs = 0
    yield from flush()


def extract_files(files: Iterable[Path], pipeline: "Pipeline | LazyPipeline", report: BatchReport, *,
                  settings: Settings | None = None, date: str | None = None,
                  progress: Progress | None = None, jobs: int = 1
                  ) -> Iterator[tuple[Document, list[Record]]]:
    """(document, records) for every readable document, in input order; failures go into `report`."""
    settings = settings or pipeline.settings
    docs = _documents(files, settings, date, report)
    for item in _extract(docs, pipeline, jobs):
        if isinstance(item, _FileDone):
            if progress:
                progress(item.path)
            continue
        doc, records, error = item
        if records is None:
            report.failures.append(Failure(_where(doc), error or "failed", "stage"))
            continue
        report.records += len(records)
        yield doc, records


def ingest_files(files: Iterable[Path], store: "Store", pipeline: "Pipeline | LazyPipeline",
                 report: BatchReport, *, settings: Settings | None = None, date: str | None = None,
                 reextract: bool = False, progress: Progress | None = None,
                 jobs: int = 1) -> BatchReport:
    """Read, extract and store, one transaction per document. A document already stored (same
    content hash) is skipped before the pipeline runs, unless `reextract`, which replaces its
    records with fresh ones. `jobs` > 1 runs the pipeline in that many processes."""
    settings = settings or pipeline.settings

    def skip(doc: Document) -> None:
        report.skipped += 1
        report.skipped_sources.append(_where(doc))

    def todo() -> Iterator[Document | _FileDone]:
        for doc in _documents(files, settings, date, report):
            if isinstance(doc, _FileDone):
                yield doc
                continue
            try:
                if store.has_document(doc.id) and not reextract:
                    skip(doc)
                    continue
            except KonfliktError as exc:
                report.failures.append(_failure(exc, "store", doc))
                continue
            yield doc

    for item in _extract(todo(), pipeline, jobs):
        if isinstance(item, _FileDone):
            if progress:
                progress(item.path)
            continue
        doc, records, error = item
        if records is None:
            report.failures.append(Failure(_where(doc), error or "failed", "stage"))
            continue
        try:
            if reextract and store.has_document(doc.id):
                store.replace_records(doc.id, records)
                skip(doc)
            elif store.add_document(doc, records):
                report.stored += 1
            else:  # stored meanwhile by a parallel run
                skip(doc)
                continue
            report.records += len(records)
        except KonfliktError as exc:
            report.failures.append(_failure(exc, "store", doc))
    return report
