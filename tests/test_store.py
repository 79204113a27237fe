"""The store: schema and migrations, idempotent ingest, queries, round trips, killed-run resume."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from sqlalchemy import create_engine, text as sql

from konflikt.document import (ActorRef, Count, DateValue, Document, DocumentRef, Evidence,
                               Fatalities, Location, PublicationDate, Record, SourceRef)
from konflikt.errors import StoreError
from konflikt.ingest import BatchReport, collect_files, ingest_files
from konflikt.pipeline import build_pipeline, register_stage
from konflikt.store import RecordQuery, Store, open_store
from konflikt.store.migrations import MIGRATIONS, Migration, latest_version, migrate
from konflikt.store.sql import store_url


def make_doc(text: str, date_text: str | None = "2019-05", path: str = "a.txt") -> Document:
    return Document(text=text, title=text.split("\n")[0], path=path,
                    published=PublicationDate.parse(date_text) if date_text else None)


def make_record(doc: Document, n: int, *, country: str | None = "IQ", event_type: str = "Battles",
                sub: str = "Armed clash", day: str | None = "2019-05-07", actor: str | None = "Den irakiske hæren",
                kind: str = "event") -> Record:
    """A record whose spans point into doc.text (the sentence holding the n-th word)."""
    words = doc.text.split()
    w = words[n % len(words)]
    start = doc.text.index(w)
    return Record(
        id=f"r{n}", kind=kind, document=doc.ref(), evidence=Evidence(w, start, start + len(w)),
        event_type=event_type if kind == "event" else None, sub_event_type=sub if kind == "event" else None,
        actor1=ActorRef(actor, w, 1, [start, start + len(w)]) if actor else None,
        date=DateValue(day, day, "day", w, [start, start + len(w)]) if day else None,
        location=Location("Mosul", 99072, 36.34, 43.13, country, "Nineveh", 1, w, [start, start + len(w)])
        if country else None,
        fatalities=Fatalities(best=3, low=3, high=3) if kind == "event" else None,
        status="displaced" if kind == "figure" else None, who="civilians" if kind == "figure" else None,
        count=Count(100, 100, 100, "exact", w, [start, start + len(w)]) if kind == "figure" else None,
        sources=[SourceRef("Reuters", w, [start, start + len(w)])], confidence=0.7)


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "k.sqlite") as s:
        yield s


@pytest.fixture(scope="module")
def pg_server():
    """A throwaway PostgreSQL cluster (initdb + pg_ctl on a private socket); skipped without one."""
    pytest.importorskip("psycopg")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    # Not under pytest's tmp folder: that is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="konflikt-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser")
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    data, port = root / "data", str(54000 + os.getpid() % 900)
    try:
        subprocess.run(as_user + [initdb, "-D", str(data), "-A", "trust", "-U", "konflikt"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run(as_user + [pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                                  f"-k {root} -p {port} -c listen_addresses=''", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"cannot start a PostgreSQL server: {exc} {detail.decode(errors='replace')[-300:]}")
    yield f"postgresql://konflikt@/{{db}}?host={root}&port={port}"
    subprocess.run(as_user + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(root, ignore_errors=True)


_pg_dbs = iter(range(10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """The same tests on both backends: SQLite always, PostgreSQL when a server can be started."""
    if request.param == "sqlite":
        with open_store(tmp_path / "k.sqlite") as s:
            yield s
        return
    template = request.getfixturevalue("pg_server")  # skips when no server can be started
    import psycopg

    name = f"t{next(_pg_dbs)}"
    with psycopg.connect(template.format(db="postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    with open_store(template.format(db=name)) as s:
        yield s


# ------------------------------------------------------------------------ schema, migrations

def test_new_store_is_migrated_to_latest_with_wal_and_foreign_keys(store):
    assert isinstance(store, Store)
    stats = store.stats()
    assert stats.schema_version == latest_version() >= 1
    with store.engine.connect() as conn:
        assert conn.execute(sql("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sql("PRAGMA foreign_keys")).scalar() == 1
        rows = conn.execute(sql("SELECT version FROM schema_version ORDER BY version")).all()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]


def test_migrations_run_in_order_once(tmp_path):
    engine = create_engine(store_url(tmp_path / "m.sqlite"))
    calls = []
    steps = MIGRATIONS + [
        Migration(3, "third", lambda c: calls.append(3)),
        Migration(2, "second: add a column", lambda c: (calls.append(2), c.execute(
            sql("ALTER TABLE documents ADD COLUMN outlet_country TEXT")))),
    ]
    assert migrate(engine, steps) == 3
    assert calls == [2, 3]
    assert migrate(engine, steps) == 3 and calls == [2, 3]        # nothing runs twice
    with engine.connect() as conn:
        cols = [r[1] for r in conn.execute(sql("PRAGMA table_info(documents)"))]
    assert "outlet_country" in cols


def test_database_newer_than_code_is_refused(tmp_path):
    db = tmp_path / "new.sqlite"
    open_store(db).close()
    engine = create_engine(store_url(db))
    with engine.begin() as conn:
        conn.execute(sql("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')"))
    with pytest.raises(StoreError, match="newer than this konflikt knows"):
        open_store(db)


def test_unopenable_store_is_a_store_error(tmp_path):
    bad = tmp_path / "not_a_db.sqlite"
    bad.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError):
        open_store(bad)


def test_postgres_url_is_mapped_to_psycopg_driver():
    assert store_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert store_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert store_url("x.sqlite").startswith("sqlite:////")


# --------------------------------------------------------------------------- idempotent writes

def test_same_document_twice_stores_nothing_new(any_store):
    store = any_store
    doc = make_doc("Tittel\nKamper brøt ut i Mosul tirsdag.")
    recs = [make_record(doc, 1), make_record(doc, 2)]
    assert store.add_document(doc, recs) is True
    before = store.stats()
    assert store.add_document(make_doc(doc.text, path="other/path.txt"), recs) is False
    assert store.stats() == before
    assert (before.documents, before.records) == (1, 2)
    assert store.has_document(doc.id)


def test_evidence_rows_point_into_the_document_text(store):
    doc = make_doc("Tittel\nOpprørere angrep en kontrollpost ved Kirkuk.")
    store.add_document(doc, [make_record(doc, 3), make_record(doc, 5, kind="figure")])
    with store.engine.connect() as conn:
        rows = conn.execute(sql("SELECT e.field, e.start, e.end, e.text, d.text FROM evidence e "
                                "JOIN documents d ON d.id = e.document_id")).all()
    assert {r[0] for r in rows} >= {"record", "actor1", "date", "location", "sources[0]", "count"}
    for field, start, end, text, doc_text in rows:
        assert doc_text[start:end] == text, field


def test_duplicate_record_ids_in_one_document_are_refused_whole(any_store):
    store = any_store
    doc = make_doc("Tittel\nTo hendelser samme dag.")
    with pytest.raises(StoreError, match="share the id"):
        store.add_document(doc, [make_record(doc, 1), make_record(doc, 1)])
    assert store.stats().documents == 0        # the transaction left nothing behind


def test_replace_records(any_store):
    store = any_store
    doc = make_doc("Tittel\nEn ny versjon av pipelinen.")
    store.add_document(doc, [make_record(doc, 1), make_record(doc, 2)])
    store.replace_records(doc.id, [make_record(doc, 3)])
    assert [r.id for r in store.records()] == ["r3"]
    assert store.stats().evidence == len({"record", "actor1", "date", "location", "sources[0]"})


# ------------------------------------------------------------------------------------ queries

@pytest.fixture()
def filled(any_store):
    store = any_store
    a = make_doc("Alfa\nKamper i Mosul.", "2017-07", "a.txt")
    b = make_doc("Beta\nLuftangrep i Idlib.", "2019-05", "b.txt")
    c = make_doc("Gamma\nFlyktninger fra Aleppo.", "2016-12", "c.txt")
    store.add_document(a, [make_record(a, 1, day="2017-07-04", actor="Islamsk stat (IS)")])
    store.add_document(b, [make_record(b, 1, country="SY", event_type="Explosions/Remote violence",
                                       sub="Air/drone strike", day="2019-05-07", actor="Det syriske flyvåpenet")])
    store.add_document(c, [make_record(c, 1, country="SY", kind="figure", day=None, actor=None)])
    return store


@pytest.mark.parametrize("query,expected", [
    (RecordQuery(), ["Alfa", "Beta", "Gamma"]),
    (RecordQuery(country="sy"), ["Beta", "Gamma"]),                          # code, any case
    (RecordQuery(event_type="battles"), ["Alfa"]),                            # event type
    (RecordQuery(event_type="Air/drone strike"), ["Beta"]),                   # sub-event type
    (RecordQuery(event_type="figure"), ["Gamma"]),                            # kind
    (RecordQuery(since=date(2017, 7, 5)), ["Beta"]),                          # record day after
    (RecordQuery(until=date(2016, 12, 31)), ["Gamma"]),                       # no record date: article month
    (RecordQuery(since=date(2017, 1, 1), until=date(2018, 1, 1)), ["Alfa"]),
    (RecordQuery(actor="islamsk"), ["Alfa"]),
    (RecordQuery(actor="(IS)"), ["Alfa"]),                                    # LIKE wildcards escaped
    (RecordQuery(actor="SYRISKE FLYVÅPENET"), ["Beta"]),                      # non-ASCII casefold
    (RecordQuery(actor="%"), []),
    (RecordQuery(limit=1), ["Alfa"]),
])
def test_record_filters(filled, query, expected):
    assert [r.document.title for r in filled.records(query)] == expected


def test_documents_listing(filled):
    docs = list(filled.documents())
    assert [d.title for d in docs] == ["Alfa", "Beta", "Gamma"]
    assert all(d.n_records == 1 for d in docs)
    assert filled.get_document(docs[0].id).text == "Alfa\nKamper i Mosul."
    assert filled.get_document("nope") is None


# ------------------------------------------------------------------------------ round trip

_txt = st.text(max_size=40)
_opt_int = st.none() | st.integers(min_value=-10**12, max_value=10**12)
_span = st.none() | st.lists(st.integers(0, 10**6), min_size=2, max_size=2)
_float = st.none() | st.floats(allow_nan=False, allow_infinity=False)
_actor = st.none() | st.builds(ActorRef, name=_txt, text=_txt, type=st.none() | st.integers(1, 8) | _txt, span=_span)
records_st = st.builds(
    Record,
    id=st.text(min_size=1, max_size=20), kind=st.sampled_from(["event", "figure"]),
    document=st.builds(DocumentRef, id=_txt, path=st.none() | _txt, url=st.none() | _txt,
                       date=st.none() | _txt, title=st.none() | _txt, language=st.none() | _txt),
    evidence=st.builds(Evidence, text=_txt, start=st.integers(0, 10**6), end=st.integers(0, 10**6)),
    event_type=st.none() | _txt, sub_event_type=st.none() | _txt, actor1=_actor, actor2=_actor,
    date=st.none() | st.builds(DateValue, start=st.none() | _txt, end=st.none() | _txt, precision=_txt,
                               text=_txt, span=_span),
    location=st.none() | st.builds(Location, name=st.none() | _txt, geonameid=_opt_int, lat=_float,
                                   lon=_float, country_code=st.none() | st.text(max_size=3),
                                   admin1=st.none() | _txt, precision=st.none() | st.integers(1, 7),
                                   text=_txt, span=_span),
    fatalities=st.none() | st.builds(Fatalities, low=_opt_int, best=_opt_int, high=_opt_int,
                                     civilians=_opt_int, side_a=_opt_int, side_b=_opt_int, unknown=_opt_int),
    status=st.none() | _txt, who=st.none() | _txt,
    count=st.none() | st.builds(Count, low=_opt_int, best=_opt_int, high=_opt_int, qualifier=_txt,
                                text=_txt, span=_span),
    sources=st.lists(st.builds(SourceRef, name=_txt, text=_txt, span=_span), max_size=3),
    background=st.booleans(), confidence=st.floats(0, 1),
    field_evidence=st.dictionaries(st.sampled_from(["actor1", "location", "date"]),
                                   st.builds(Evidence, text=_txt, start=st.integers(0, 99), end=st.integers(0, 99)),
                                   max_size=2),
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("prop") / "p.sqlite") as s:
        yield s


_counter = iter(range(10**9))


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(records_st, max_size=3, unique_by=lambda r: r.id))
def test_any_record_reads_back_equal(shared_store, records):
    doc = Document(text=f"dokument {next(_counter)}")    # a fresh document per example
    assert shared_store.add_document(doc, records)
    assert list(shared_store.records(RecordQuery(document_id=doc.id))) == records


# ----------------------------------------------------------------- batches, failures, resume

@register_stage("io_test_records", requires=("text",), assigns=("records",))
class _FakeRecords:
    """One record per document; raises on documents that say BOOM (to test batch failures)."""

    def __init__(self, settings):
        pass

    def __call__(self, doc):
        if "BOOM" in doc.text:
            raise RuntimeError("exploded on purpose")
        doc.records = [Record(id="r0", kind="event", document=doc.ref(),
                              evidence=Evidence(doc.text[:5], 0, 5))]
        return doc


def _folder(tmp_path: Path, n: int, bad: dict[int, str] | None = None) -> Path:
    folder = tmp_path / "arts"
    folder.mkdir()
    for i in range(n):
        body = (bad or {}).get(i, f"Artikkel {i}\nKamper i by nummer {i}.")
        (folder / f"{i:03d}.txt").write_text(f" date 2020-01-{i % 28 + 1:02d} {body}", encoding="utf-8")
    return folder


def test_stage_failure_on_one_document_does_not_stop_the_batch(any_store, tmp_path):
    store = any_store
    folder = _folder(tmp_path, 4, bad={2: "Artikkel\nBOOM"})
    report = BatchReport()
    files = collect_files([folder], report)
    ingest_files(files, store, build_pipeline(names=["io_test_records"]), report)
    assert (report.stored, report.records, len(report.failures)) == (3, 3, 1)
    f = report.failures[0]
    assert f.kind == "stage" and f.source.endswith("002.txt") and "io_test_records" in f.problem


_RESUME_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[4])
    import test_store  # registers the io_test_records stage
    from konflikt.ingest import BatchReport, collect_files, ingest_files
    from konflikt.pipeline import build_pipeline
    from konflikt.settings import Settings
    from konflikt.store import open_store
    folder, db, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])
    report = BatchReport()
    files = collect_files([folder], report)
    def progress(path):
        print("done", path, flush=True)
        time.sleep(pause)
    with open_store(db) as store:
        # batches of 4: the kill lands after some batches are stored, mid-way through the files
        pipeline = build_pipeline(Settings(batch_size=4), names=["io_test_records"])
        ingest_files(files, store, pipeline, report, progress=progress)
    print("report", report.stored, report.skipped, len(report.failures), flush=True)
""")


def test_killed_run_keeps_what_it_committed_and_resumes_without_duplicates(tmp_path):
    folder = _folder(tmp_path, 20)
    db = tmp_path / "resume.sqlite"
    args = [sys.executable, "-c", _RESUME_SCRIPT, str(folder), str(db)]
    tests_dir = str(Path(__file__).parent)
    proc = subprocess.Popen(args + ["0.3", tests_dir], stdout=subprocess.PIPE, text=True)
    done = 0
    for line in proc.stdout:
        done += line.startswith("done")
        if done == 5:
            os.kill(proc.pid, signal.SIGKILL)   # no cleanup, no atexit: as hard as a power cut
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as s:
        kept = s.stats()
    assert 5 <= kept.documents < 20 and kept.records == kept.documents

    out = subprocess.run(args + ["0", tests_dir], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    stored, skipped, failed = map(int, out.stdout.strip().splitlines()[-1].split()[1:])
    assert (stored, skipped, failed) == (20 - kept.documents, kept.documents, 0)
    with open_store(db) as s:
        final = s.stats()
        ids = [r.document.id for r in s.records()]
    assert (final.documents, final.records) == (20, 20)
    assert len(set(ids)) == 20


def test_reingest_never_builds_the_pipeline_and_reextract_replaces_records(any_store, tmp_path):
    store = any_store
    from konflikt.ingest.batch import LazyPipeline
    from konflikt.settings import Settings

    folder = _folder(tmp_path, 3)
    first = BatchReport()
    ingest_files(collect_files([folder], first), store, build_pipeline(names=["io_test_records"]), first)
    assert first.stored == 3

    lazy = LazyPipeline(Settings(), names=["io_test_records"])
    again = BatchReport()
    ingest_files(collect_files([folder], again), store, lazy, again)
    assert (again.stored, again.skipped) == (0, 3)
    assert lazy._pipeline is None                      # nothing new: the model never loaded

    redo = BatchReport()
    ingest_files(collect_files([folder], redo), store, lazy, redo, reextract=True)
    assert (redo.stored, redo.skipped, redo.records) == (0, 3, 3) and lazy._pipeline is not None
    assert store.stats().records == 3                  # replaced, not added


def test_parallel_ingest_and_extract_match_sequential(any_store, tmp_path):
    """--jobs: the pipeline runs in worker processes, the store has one writer, order is kept."""
    from konflikt.ingest import extract_files
    from konflikt.ingest.batch import LazyPipeline
    from konflikt.settings import Settings

    store = any_store
    folder = _folder(tmp_path, 9, bad={4: "Artikkel\nBOOM"})
    lazy = LazyPipeline(Settings(), names=["io_test_records"])
    report = BatchReport()
    ingest_files(collect_files([folder], report), store, lazy, report, jobs=2)
    assert (report.stored, report.records, len(report.failures)) == (8, 8, 1)
    assert report.failures[0].source.endswith("004.txt") and "exploded" in report.failures[0].problem
    assert lazy._pipeline is None                      # the parent never built one

    seq, par = BatchReport(), BatchReport()
    one = [d.path for d, _ in extract_files(collect_files([folder], seq), lazy, seq)]
    two = [d.path for d, _ in extract_files(collect_files([folder], par), lazy, par, jobs=2)]
    assert one == two and len(one) == 8
