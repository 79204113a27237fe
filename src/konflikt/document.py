"""The typed document that flows through the pipeline, and the records it produces.

Every stage reads a :class:`Document` and adds the fields it owns (see ``pipeline.py``).
Every mention keeps its raw text and its character span into ``Document.text``, so that
``doc.text[m.start:m.end] == m.text`` always holds; normalised values sit beside the raw text
together with their precision.

The :class:`Record` is the contract shared by the CLI, the store, the exports and the tests;
``Record.to_dict()`` gives the JSON shape documented in README.md ("The record").
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "year", "range", "unresolved"]
RecordKind = Literal["event", "figure"]
Qualifier = Literal[
    "exact", "approximately", "at_least", "up_to", "more_than", "fewer_than", "range", "vague"
]


# --------------------------------------------------------------------------------------------
# Metadata and analysis
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PublicationDate:
    """The article's own date: an interval, since it may be known only to the month or year."""

    start: date
    end: date
    precision: DatePrecision
    text: str  # as given, e.g. "2017-07"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision, "text": self.text}

    @classmethod
    def parse(cls, text: str) -> "PublicationDate":
        """'2017', '2017-07' or '2017-07-04' (ISO); ValueError with the reason otherwise."""
        raw = text.strip()
        parts = raw.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
        year = int(parts[0])
        if len(parts) == 1:
            return cls(date(year, 1, 1), date(year, 12, 31), "year", raw)
        month = int(parts[1])
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {text!r}")
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return cls(date(year, month, 1), date(year, month, last), "month", raw)
        day = date(year, month, int(parts[2]))  # raises ValueError for 2017-02-30
        return cls(day, day, "day", raw)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """A named entity from the analysis stage (NorNE labels: PER ORG LOC GPE_LOC GPE_ORG ...)."""

    label: str
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# Mentions (added by the mention stages)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, resolved to GeoNames when possible (places stage)."""

    text: str
    start: int
    end: int
    name: str | None = None          # canonical GeoNames name
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature_class: str | None = None  # GeoNames class: P populated place, A admin, ...
    feature_code: str | None = None   # GeoNames code: PPLA, ADM1, PCLI, ...
    precision: int | None = None      # UCDP where_prec: 1 exact place ... 4 region ... 6 country
    score: float = 0.0
    kind: str = "place"               # place | demonym (adjective, 'irakiske'); demonyms are not event places
    source: str = "ner"               # ner | gazetteer

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class TimeMention:
    """A time expression normalised to an interval (times stage)."""

    text: str
    start: int
    end: int
    start_date: date | None
    end_date: date | None
    precision: DatePrecision
    kind: str = "absolute"  # absolute | relative | anchored | span | publication

    def to_value(self) -> "DateValue":
        return DateValue(
            start=self.start_date.isoformat() if self.start_date else None,
            end=self.end_date.isoformat() if self.end_date else None,
            precision=self.precision, text=self.text, span=[self.start, self.end])


@dataclass(slots=True)
class Quantity:
    """A count of people with its qualifier, what is counted and their status (quantities stage)."""

    text: str              # the number words as written: 'rundt 10.000'
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str         # see Qualifier
    who: str | None = None           # civilians | fighters | soldiers | police | children | people ...
    who_text: str | None = None
    who_span: tuple[int, int] | None = None
    status: str | None = None        # killed | injured | trapped | displaced | present | arrested | missing | kidnapped
    status_text: str | None = None
    status_span: tuple[int, int] | None = None


@dataclass(slots=True)
class ActorMention:
    """An actor named in the text, canonicalised through the registry when known (actors stage)."""

    text: str
    start: int
    end: int
    name: str                 # canonical name, or the text itself when the registry lacks it
    inter: int | None = None  # ACLED inter code 1..8
    country: str | None = None
    registry_id: str | None = None


@dataclass(slots=True)
class Attribution:
    """'ifølge Reuters', 'hevder SDF': who says what, over which stretch of text (attribution stage)."""

    source_name: str          # canonical
    source_text: str
    source_start: int
    source_end: int
    cue: str                  # the cue word(s): 'ifølge', 'hevder', 'heter det i en uttalelse fra'
    scope_start: int          # the text the attribution covers (usually its sentence)
    scope_end: int


# --------------------------------------------------------------------------------------------
# Records (the contract)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorRef:
    name: str
    text: str
    type: int | str | None = None
    span: list[int] | None = None


@dataclass(slots=True)
class DateValue:
    start: str | None
    end: str | None
    precision: str
    text: str = ""
    span: list[int] | None = None


@dataclass(slots=True)
class Location:
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None = None
    precision: int | None = None
    text: str = ""
    span: list[int] | None = None

    @classmethod
    def from_place(cls, place: PlaceMention) -> "Location":
        return cls(name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                   country_code=place.country_code, admin1=place.admin1, precision=place.precision,
                   text=place.text, span=[place.start, place.end])


@dataclass(slots=True)
class Fatalities:
    low: int | None = None
    best: int | None = None
    high: int | None = None
    civilians: int | None = None
    side_a: int | None = None
    side_b: int | None = None
    unknown: int | None = None


@dataclass(slots=True)
class Count:
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    text: str = ""
    span: list[int] | None = None


@dataclass(slots=True)
class SourceRef:
    name: str
    text: str
    span: list[int] | None = None


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class DocumentRef:
    id: str
    path: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None
    language: str | None = None


_NESTED = {
    "actor1": ActorRef, "actor2": ActorRef, "date": DateValue, "location": Location,
    "fatalities": Fatalities, "count": Count, "evidence": Evidence, "document": DocumentRef,
}


@dataclass(slots=True)
class Record:
    """One coded event or figure. ``to_dict()`` is the JSON contract; ``from_dict`` its inverse."""

    id: str
    kind: str  # RecordKind
    document: DocumentRef
    evidence: Evidence
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    date: DateValue | None = None
    location: Location | None = None
    fatalities: Fatalities | None = None
    status: str | None = None
    who: str | None = None
    count: Count | None = None
    sources: list[SourceRef] = field(default_factory=list)
    background: bool = False
    confidence: float = 0.5
    # evidence per field: {"actor1": Evidence, "location": Evidence, ...}
    field_evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "sources":
                out[f.name] = [asdict(s) for s in value]
            elif f.name == "field_evidence":
                out[f.name] = {k: asdict(v) for k, v in value.items()}
            elif value is not None and f.name in _NESTED:
                out[f.name] = asdict(value)
            else:
                out[f.name] = value
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "sources":
                value = [SourceRef(**s) for s in value or []]
            elif f.name == "field_evidence":
                value = {k: Evidence(**v) for k, v in (value or {}).items()}
            elif value is not None and f.name in _NESTED:
                value = _NESTED[f.name](**value)
            kwargs[f.name] = value
        return cls(**kwargs)


def stable_id(*parts: object, length: int = 16) -> str:
    """A deterministic id from its parts (same input, same id, on every run and machine)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def content_hash(text: str) -> str:
    """The document id: a hash of its text as read, so that ingest is idempotent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Document:
    """One article on its way through the pipeline. Stages fill the fields they own."""

    text: str
    id: str = ""
    title: str | None = None
    published: PublicationDate | None = None
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    language: str | None = None            # requested or detected: nb | nn | da | sv | en
    # analysis
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    spacy_doc: Any = field(default=None, repr=False, compare=False)  # spaCy Doc over `text`
    # mentions
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    # output
    records: list[Record] = field(default_factory=list)
    # which stages have run (the runner fills it)
    done: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    def ref(self) -> DocumentRef:
        return DocumentRef(id=self.id, path=self.path, url=self.url,
                           date=self.published.text if self.published else None,
                           title=self.title, language=self.language)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a character offset (sentences are sorted by start)."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
