"""The `konflikt` command, run through the installed entry point (a subprocess, as a user would)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from konflikt.document import (ActorRef, DateValue, Document, Evidence, Fatalities, Location,
                               PublicationDate, Record, SourceRef)
from konflikt.store import open_store

KONFLIKT = Path(sys.executable).parent / "konflikt"
DATA = Path(__file__).parent / "data" / "io"
CONTRACT_KEYS = {"id", "kind", "event_type", "sub_event_type", "actor1", "actor2", "date", "location",
                 "fatalities", "status", "who", "count", "sources", "evidence", "background",
                 "confidence", "document"}

pytestmark = pytest.mark.skipif(not KONFLIKT.exists(), reason=f"{KONFLIKT} is not installed")


def run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KONFLIKT_")}
    full_env.update(env or {})
    return subprocess.run([str(KONFLIKT), *map(str, args)], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr, p.stderr


# ------------------------------------------------------------------------------ help, usage

def test_version():
    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == "konflikt 0.1.0"


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["records"], ["export"]])
def test_every_help_has_an_example(command):
    p = run(*command, "--help")
    assert p.returncode == 0
    assert "examples:" in p.stdout and "konflikt " in p.stdout.split("examples:")[1]


@pytest.mark.parametrize("args", [
    [],                                                   # no command
    ["extract"],                                          # no PATH
    ["extract", "x.txt", "--date", "juli 2017"],          # bad date
    ["extract", "x.txt", "--format", "xlsx"],             # unknown format
    ["extract", "x.txt", "--language", "de"],             # unsupported language
    ["ingest", "x.txt", "--jobs", "-1"],                  # negative worker count
    ["records", "--since", "2017-13"],
    ["export", "out.csv"],                                # --format is required
    ["frobnicate"],
])
def test_usage_errors_exit_2(args):
    p = run(*args)
    assert p.returncode == 2, (p.stdout, p.stderr)
    no_traceback(p)


# ------------------------------------------------------------------------- extract, ingest

def test_extract_jsonl_lines_have_the_contract_shape():
    p = run("extract", DATA / "seed_style.txt", DATA / "articles.jsonl", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    for line in p.stdout.splitlines():
        assert CONTRACT_KEYS <= set(json.loads(line))


def test_extract_missing_file_exits_1():
    p = run("extract", DATA / "does_not_exist.txt", "--format", "jsonl")
    assert p.returncode == 1 and "does_not_exist.txt: no such file" in p.stderr
    no_traceback(p)


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    """Good articles with every kind of bad input between them."""
    f = tmp_path / "mixed"
    f.mkdir()
    (f / "01_good.txt").write_text(" date 2020-02 God artikkel\n\nSoldater patruljerte i byen.", "utf-8")
    (f / "02_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (f / "03_empty.txt").write_bytes(b"")
    (f / "04_bad_utf8.txt").write_bytes(bytes((7 * i) % 94 + 129 for i in range(300)) + b"\x01\x02" * 40)
    (f / "05_huge.txt").write_text("Stor\n" + "ord " * 2000, "utf-8")
    (f / "06_bad_date.txt").write_text(" date 2020-14 Feil dato\n\nTekst.", "utf-8")
    (f / "07_legacy.txt").write_bytes(" date 2020-03 Gammel koding\n\nKamper nær Tromsø og Ålesund.".encode("cp1252"))
    (f / "08_dump.jsonl").write_text(
        json.dumps({"text": "Linje en\nTekst.", "date": "2020-04"}) + "\n{broken\n"
        + json.dumps({"text": "Linje tre\nTekst."}) + "\n", "utf-8")
    return f


BAD = {"02_binary.txt": "binary", "03_empty.txt": "empty", "04_bad_utf8.txt": "not valid UTF-8",
       "05_huge.txt": "too large", "06_bad_date.txt": "malformed date line", "08_dump.jsonl:2": "not a JSON"}


def test_ingest_folder_with_bad_files_stores_the_good_and_reports_the_bad(mixed_folder, tmp_path):
    db = tmp_path / "k.sqlite"
    env = {"KONFLIKT_MAX_INPUT_BYTES": "4000"}
    p = run("ingest", mixed_folder, "--db", db, env=env)
    assert p.returncode == 1, p.stderr
    no_traceback(p)
    for name, problem in BAD.items():
        line = next((x for x in p.stderr.splitlines() if f"{name}:" in x or x.strip().startswith(f"{mixed_folder / name}")), "")
        assert problem in line, (name, p.stderr)
    assert "4 stored" in p.stderr and f"{len(BAD)} failed" in p.stderr
    with open_store(db) as s:
        docs = list(s.documents())
    assert sorted(d.title for d in docs) == ["Gammel koding", "God artikkel", "Linje en", "Linje tre"]
    assert any("Tromsø og Ålesund" in d.text for d in docs)          # cp1252 decoded right

    again = run("ingest", mixed_folder, "--db", db, env=env)         # idempotent re-ingest
    assert again.returncode == 1 and "0 stored, 4 skipped" in again.stderr
    with open_store(db) as s:
        assert s.stats().documents == 4


def test_reingest_of_good_files_is_a_no_op_with_exit_0(tmp_path):
    db = tmp_path / "k.sqlite"
    first = run("ingest", DATA, "--db", db)
    assert first.returncode == 0, first.stderr
    assert "7 stored, 1 skipped" in first.stderr                    # one file repeats another's text
    second = run("ingest", DATA, "--db", db)
    assert second.returncode == 0 and "0 stored, 8 skipped" in second.stderr


# --------------------------------------------------------------------------- records, export

@pytest.fixture()
def filled_db(tmp_path: Path) -> Path:
    db = tmp_path / "filled.sqlite"
    rows = [("Mosul\nKamper i Mosul.", "2017-07", "IQ", "Mosul", 36.34, 43.13, "Battles", "Armed clash", "Iraqi Army"),
            ("Idlib\nLuftangrep i Idlib.", "2019-05", "SY", "Idlib", 35.93, 36.63,
             "Explosions/Remote violence", "Air/drone strike", "Syrian Air Force")]
    with open_store(db) as s:
        for text, d, cc, place, lat, lon, et, sub, actor in rows:
            doc = Document(text=text, title=place, published=PublicationDate.parse(d), path=f"{place}.txt")
            i = text.index(place, 1)
            s.add_document(doc, [Record(
                id="r1", kind="event", document=doc.ref(), evidence=Evidence(text[i:], i, len(text)),
                event_type=et, sub_event_type=sub, actor1=ActorRef(actor, actor, 1, None),
                date=DateValue(f"{d}-01", f"{d}-28", "range", "", None),
                location=Location(place, None, lat, lon, cc, None, 1, place, [i, i + len(place)]),
                fatalities=Fatalities(best=2), sources=[SourceRef("NTB", "NTB", None)])])
    return db


def test_records_table_and_filters(filled_db):
    p = run("records", "--db", filled_db)
    assert p.returncode == 0 and "Mosul (IQ)" in p.stdout and "Idlib (SY)" in p.stdout
    p = run("records", "--db", filled_db, "--country", "SY", "--format", "jsonl")
    assert [json.loads(x)["location"]["name"] for x in p.stdout.splitlines()] == ["Idlib"]
    p = run("records", "--db", filled_db, "--since", "2018", "--type", "air/drone strike", "--format", "jsonl")
    assert len(p.stdout.splitlines()) == 1
    p = run("records", "--db", filled_db, "--actor", "iraqi", "--until", "2017", "--format", "jsonl")
    assert [json.loads(x)["actor1"]["name"] for x in p.stdout.splitlines()] == ["Iraqi Army"]


def test_export_every_format(filled_db, tmp_path):
    for fmt in ("jsonl", "csv", "acled", "ucdp", "geojson"):
        target = tmp_path / "out" / f"records.{fmt}"
        p = run("export", "--db", filled_db, "--format", fmt, target)
        assert p.returncode == 0, p.stderr
        assert "2 record(s) written" in p.stderr
    geo = json.loads((tmp_path / "out" / "records.geojson").read_text("utf-8"))
    assert [f["geometry"]["coordinates"] for f in geo["features"]] == [[36.63, 35.93], [43.13, 36.34]]
    acled = list(csv.DictReader(io.StringIO((tmp_path / "out" / "records.acled").read_text("utf-8"))))
    assert [r["event_id_cnty"][:3] for r in acled] == ["SYR", "IRQ"]
    p = run("export", "--db", filled_db, "--format", "jsonl", "--country", "IQ", "-")
    assert len(p.stdout.splitlines()) == 1


def test_records_without_a_store_exit_1(tmp_path):
    p = run("records", "--db", tmp_path / "none.sqlite")
    assert p.returncode == 1 and "no store at" in p.stderr
    no_traceback(p)
    assert not (tmp_path / "none.sqlite").exists()


def test_db_from_environment(filled_db):
    p = run("records", "--format", "jsonl", env={"KONFLIKT_DB": str(filled_db)})
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 2
