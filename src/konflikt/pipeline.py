"""Stage registry and runner.

A stage is a callable that takes a :class:`~konflikt.document.Document`, adds the fields it
owns, and returns the document. Each declares what it ``requires`` (document fields other
stages must have filled) and what it ``assigns``, in the manner of spaCy's
``Language.component(requires=..., assigns=...)``. Stages are built once per pipeline from a
:class:`~konflikt.settings.Settings` (so heavy resources such as the model or the gazetteer load
once per process) and never reach into each other: they read the document.

The runner checks the declarations when the pipeline is assembled (a stage whose needs no
earlier stage assigns is a configuration error), and wraps any exception raised inside a stage
in a :class:`StageError` that names the stage and the document.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from konflikt.document import Document
from konflikt.errors import KonfliktError
from konflikt.settings import Settings

# Fields a freshly read document already carries.
INPUT_FIELDS = frozenset({"text", "id", "title", "published", "url", "path", "outlet"})


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    factory: Callable[[Settings], Callable[[Document], Document]]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, StageSpec] = {}

# The default order; each stage's module says why it sits where it does.
DEFAULT_STAGES: tuple[str, ...] = (
    "language", "analysis", "places", "times", "quantities", "actors", "attribution", "events",
)


class StageError(KonfliktError):
    """An exception inside a stage, with the stage and the document named."""

    def __init__(self, stage: str, doc: Document, cause: BaseException):
        where = doc.path or doc.url or doc.id[:12]
        super().__init__(f"stage '{stage}' failed on {where}: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.document = where
        self.cause = cause


class PipelineConfigError(KonfliktError):
    """The stages asked for cannot run in this order (unknown stage, unmet requirement)."""


def register_stage(name: str, *, requires: Iterable[str], assigns: Iterable[str]):
    """Class or factory decorator: ``@register_stage("times", requires=("sentences",), assigns=("times",))``.

    The decorated object is called with the pipeline's Settings and must return the stage
    callable (a class whose ``__init__(settings)`` builds it works as is).
    """

    def wrap(factory):
        _REGISTRY[name] = StageSpec(name=name, factory=factory, requires=tuple(requires),
                                    assigns=tuple(assigns), doc=(factory.__doc__ or "").strip())
        factory.stage_name = name
        return factory

    return wrap


def registered_stages() -> dict[str, StageSpec]:
    _import_builtin_stages()
    return dict(_REGISTRY)


def _import_builtin_stages() -> None:
    # Importing a stage module registers it; done lazily so that `import konflikt` stays cheap.
    from konflikt import stages  # noqa: F401


@dataclass
class StageTiming:
    name: str
    seconds: float = 0.0
    calls: int = 0


@dataclass
class Pipeline:
    """An ordered list of built stages. Build with :func:`build_pipeline`."""

    settings: Settings
    names: tuple[str, ...]
    _stages: list[tuple[StageSpec, Callable[[Document], Document]]] = field(default_factory=list)
    timings: dict[str, StageTiming] = field(default_factory=dict)

    def __call__(self, doc: Document) -> Document:
        for spec, stage in self._stages:
            t0 = time.perf_counter()
            doc = self._apply(spec, stage, doc)
            self._time(spec.name, time.perf_counter() - t0, 1)
        return doc

    @staticmethod
    def _apply(spec: StageSpec, stage: Callable[[Document], Document], doc: Document) -> Document:
        try:
            result = stage(doc)
        except KonfliktError:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised with the stage and document named
            raise StageError(spec.name, doc, exc) from exc
        if result is not None:
            doc = result
        doc.done.append(spec.name)
        return doc

    def _time(self, name: str, seconds: float, calls: int) -> None:
        t = self.timings.setdefault(name, StageTiming(name))
        t.seconds += seconds
        t.calls += calls

    def run_many(self, docs: list[Document]) -> list[Document | KonfliktError]:
        """Run every stage over a list of documents, stage by stage, so that a stage with a
        ``pipe(docs)`` method (the analysis model) sees them as one batch, which is faster than one
        call per document. Each result is the finished document, or the error that stopped it:
        one failing document does not stop the others. Results equal calling the pipeline on each
        document (tests/test_core.py)."""
        results: list[Document | KonfliktError] = list(docs)
        for spec, stage in self._stages:
            live = [i for i, d in enumerate(results) if isinstance(d, Document)]
            if not live:
                break
            t0 = time.perf_counter()
            batched = self._apply_batch(spec, stage, [results[i] for i in live])  # type: ignore[misc]
            if batched is None:  # no pipe(), or the batch failed: one by one, so the culprit is named
                for i in live:
                    try:
                        results[i] = self._apply(spec, stage, results[i])  # type: ignore[arg-type]
                    except KonfliktError as exc:
                        results[i] = exc
            else:
                for i, doc in zip(live, batched):
                    results[i] = doc
            self._time(spec.name, time.perf_counter() - t0, len(live))
        return results

    @staticmethod
    def _apply_batch(spec: StageSpec, stage, docs: list[Document]) -> list[Document] | None:
        pipe = getattr(stage, "pipe", None)
        if pipe is None or len(docs) < 2:
            return None
        try:  # a stage's pipe() must be safe to redo per document after it failed half-way
            out = list(pipe(docs))
        except Exception:  # noqa: BLE001 - retried per document, which names the failing one
            return None
        if len(out) != len(docs):
            return None
        for doc in out:
            doc.done.append(spec.name)
        return out

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Documents through the pipeline in input order, ``batch_size`` at a time (see
        :meth:`run_many`); raises the first document's error when it is reached."""
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch_size:
                yield from self._finish(self.run_many(chunk))
                chunk = []
        if chunk:
            yield from self._finish(self.run_many(chunk))

    @staticmethod
    def _finish(results: list[Document | KonfliktError]) -> Iterator[Document]:
        for r in results:
            if isinstance(r, KonfliktError):
                raise r
            yield r


def build_pipeline(settings: Settings | None = None, names: Iterable[str] | None = None) -> Pipeline:
    """Build the named stages (default: all, in DEFAULT_STAGES order) and check their needs."""
    settings = settings or Settings()
    specs = registered_stages()
    names = tuple(names or DEFAULT_STAGES)
    available = set(INPUT_FIELDS)
    pipeline = Pipeline(settings=settings, names=names)
    for name in names:
        if name not in specs:
            raise PipelineConfigError(
                f"unknown stage '{name}'; known stages: {', '.join(sorted(specs))}")
        spec = specs[name]
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineConfigError(
                f"stage '{name}' needs {', '.join(missing)}, which no earlier stage assigns "
                f"(order: {' -> '.join(names)})")
        available.update(spec.assigns)
        pipeline._stages.append((spec, spec.factory(settings)))
    return pipeline
