"""Time expressions (issue 5): the table in tests/data/times_cases.tsv, property tests, the stage
on the seed article, and the conventions named in konflikt/temporal/resolve.py."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from konflikt.document import Document, PublicationDate
from konflikt.temporal import find_times, time_lexicon
from conftest import SEED, need_shared

DATA = Path(__file__).parent / "data" / "times_cases.tsv"
NB_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
             "oktober", "november", "desember"]


def _rows() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


CASES = _rows()


def _find(text: str, expr: str) -> tuple[int, int]:
    i = text.find(expr)
    assert i >= 0, f"case error: {expr!r} not in {text!r}"
    return i, i + len(expr)


def test_table_is_large_and_sourced():
    assert len(CASES) >= 150
    assert all(r["source"].strip() for r in CASES)


@pytest.mark.parametrize("row", CASES, ids=[f"{i}:{r['expr']}" for i, r in enumerate(CASES)])
def test_time_table(row):
    text = row["text"].replace("\\n", "\n")
    pub = row["published"] or None
    mentions = find_times(text, pub, lang=row["lang"])
    for m in mentions:  # every mention keeps its raw text and span
        assert text[m.start:m.end] == m.text
    a, b = _find(text, row["expr"])
    hits = [m for m in mentions if m.start < b and a < m.end]
    if row["start"] == "NONE":
        assert not hits, f"{row['source']}: found {hits}"
        return
    assert hits, f"{row['source']}: nothing found in {text!r} (found {mentions})"
    m = hits[0]
    got = (m.start_date.isoformat() if m.start_date else "", m.end_date.isoformat() if m.end_date else "")
    assert got == (row["start"], row["end"]), row["source"]
    if row["precision"]:
        assert m.precision == row["precision"], row["source"]


# --------------------------------------------------------------------------- properties


pub_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
any_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=150, deadline=None)
@given(day=any_dates, pub=pub_dates, numeric=st.booleans(), zero_pad=st.booleans())
def test_norwegian_date_round_trip(day: date, pub: date, numeric: bool, zero_pad: bool):
    """Any date written the Norwegian way parses back to itself against any publication date."""
    if numeric:
        written = f"{day.day:02d}.{day.month:02d}.{day.year}" if zero_pad else f"{day.day}.{day.month}.{day.year}"
    else:
        written = f"{day.day}. {NB_MONTHS[day.month - 1]} {day.year}"
    text = f"Angrepet skjedde {written}, opplyser kilder."
    found = find_times(text, pub.isoformat())
    assert len(found) == 1
    m = found[0]
    assert (m.start_date, m.end_date, m.precision) == (day, day, "day")
    assert m.text == written and text[m.start:m.end] == written


@settings(max_examples=100, deadline=None)
@given(pub=pub_dates, weekday=st.integers(0, 6))
def test_weekday_is_most_recent_on_or_before_publication(pub: date, weekday: int):
    name = list(time_lexicon("nb").weekdays)[weekday]
    m = find_times(f"Angrepet skjedde {name}.", pub.isoformat())[0]
    assert m.start_date == m.end_date
    assert m.start_date.weekday() == weekday
    assert timedelta(0) <= pub - m.start_date < timedelta(days=7)


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1990, 2030), month=st.integers(1, 12), weekday=st.integers(0, 6))
def test_weekday_in_month_publication_stays_in_month(year: int, month: int, weekday: int):
    """A publication known to the month: a weekday is an interval inside that month, never a guess."""
    pub = PublicationDate.parse(f"{year}-{month:02d}")
    name = list(time_lexicon("nb").weekdays)[weekday]
    m = find_times(f"{name.capitalize()} ble tre drept.", pub)[0]
    assert pub.start <= m.start_date <= m.end_date <= pub.end
    assert m.start_date.weekday() == weekday and m.end_date.weekday() == weekday
    assert (m.end_date - m.start_date).days <= 31


@settings(max_examples=80, deadline=None)
@given(n=st.integers(100, 99999), pub=pub_dates)
def test_counts_are_never_years(n: int, pub: date):
    assert find_times(f"Rundt {n} soldater deltok, og {n} mennesker flyktet.", pub.isoformat()) == []


def test_without_publication_relative_is_unresolved():
    m = find_times("Tirsdag ble tre drept.", None)[0]
    assert (m.start_date, m.end_date, m.precision) == (None, None, "unresolved")


def test_nynorsk_reads_through_bokmal_document():
    # lingua calls nynorsk bokmål: a document labelled nb still reads nynorsk forms
    m = find_times("Tysdag vart tre drepne.", "2019-05-10", lang="nb")[0]
    assert m.start_date == date(2019, 5, 7)


def test_bad_data_names_the_file(monkeypatch):
    from konflikt.errors import ResourceError
    from konflikt.temporal import lexicon

    monkeypatch.setattr(lexicon, "read_layered_toml", lambda lang, name: {"months": {}, "weekdays": {},
                                                                          "pattern": [{"rule": "x", "re": "{NOPE}"}]})
    lexicon.time_lexicon.cache_clear()
    try:
        with pytest.raises(ResourceError, match="time.toml"):
            lexicon.time_lexicon("xx")
    finally:
        lexicon.time_lexicon.cache_clear()


# --------------------------------------------------------------------------- the stage


def test_times_stage_on_seed():
    """The seed's dates (gold E1, E2, E4/E6, F2/F3, E5) through the pipeline's stages."""
    need_shared(SEED)
    from konflikt.api import load
    from konflikt.pipeline import build_pipeline

    doc = load(SEED)[0]
    doc = build_pipeline(names=["language", "analysis", "times"])(doc)
    by_text: dict[str, list] = {}
    for m in doc.times:
        assert doc.text[m.start:m.end] == m.text
        by_text.setdefault(m.text.lower(), []).append(m)
    assert [(m.start_date, m.end_date) for m in by_text["i juni 2014"]] == [(date(2014, 6, 1), date(2014, 6, 30))]
    assert [(m.start_date, m.kind) for m in by_text["4. juli"]] == [(date(2014, 7, 4), "anchored")]
    for key in ("tirsdag", "tirsdagens"):
        for m in by_text[key]:
            assert date(2017, 7, 1) <= m.start_date <= date(2017, 7, 4) <= m.end_date <= date(2017, 7, 31)
    assert [(m.start_date, m.end_date) for m in by_text["i oktober i fjor"]] == [(date(2016, 10, 1), date(2016, 10, 31))]
    assert [(m.start_date, m.end_date) for m in by_text["i juni"]] == [(date(2017, 6, 1), date(2017, 6, 30))]


def test_times_stage_registered_and_uses_publication():
    from konflikt.pipeline import build_pipeline

    doc = Document(text="I går ble fem soldater såret.", published=PublicationDate.parse("2019-05-10"))
    doc = build_pipeline(names=["language", "analysis", "times"])(doc)
    assert [(t.text, t.start_date) for t in doc.times] == [("I går", date(2019, 5, 9))]


def test_regression_dagens_is_not_today():
    # found in the NorQuAD development articles: 'dagens bygningsmasse' means the present one
    assert find_times("Dagens regjering lovet mer penger.", "2019-05-10") == []


_WORDS = ["i", "går", "juni", "2014", "4.", "juli", "tirsdag", "natt", "til", "søndag", "siden", "for",
          "5000", "år", "uker", "mellom", "og", "3.", "mai", "fjor", "12.05.2016", "31.", "februar",
          "00.00.2000", "tidlig", "neste", "forrige", "uke", "helgen", "høsten", "1990-tallet", "\n\n", ","]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=14), pub=st.one_of(st.none(), pub_dates))
def test_any_text_keeps_spans_and_never_fails(words, pub):
    text = " ".join(words)
    for m in find_times(text, pub.isoformat() if pub else None):
        assert text[m.start:m.end] == m.text
        assert (m.start_date is None) == (m.precision == "unresolved") or m.kind == "span"
        if m.start_date and m.end_date:
            assert m.start_date <= m.end_date


@settings(max_examples=60, deadline=None)
@given(pub=pub_dates)
def test_regression_weekday_on_publication_weekday_is_that_day(pub: date):
    """Round 2 (events engineer, dev articles 004/005): 'sa mandag at han vil ...' in a Monday paper
    was next Monday, because a future word in the 'at' clause pushed the weekday forward."""
    name = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"][pub.weekday()]
    for text in (f"Ministeren sa {name} at hæren vil trekke seg ut.", f"Angrepet skjedde {name}.",
                 f"Regjeringen skal {name} legge fram planen."):
        m = find_times(text, pub.isoformat())[0]
        assert m.start_date == m.end_date == pub, text


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 8), max_value=date(2030, 12, 20)), k=st.integers(0, 6))
def test_regression_day_offset_counts_from_previous_day(day: date, k: int):
    """Round 2 (events engineer, dev article 006): 'Dagen før' / 'N dager senere' were unresolved."""
    words = ["null", "én", "to", "tre", "fire", "fem", "seks"]
    text = f"Byen falt {day.day}. {NB_MONTHS[day.month - 1]} {day.year}. {words[k].capitalize()} dager senere kom hæren. Dagen før ble broen sprengt."
    got = find_times(text, "2031-01-01")
    assert [(m.start_date, m.kind) for m in got[1:]] == [
        (day + timedelta(days=k), "anchored"), (day + timedelta(days=k - 1), "anchored")]
    for m in got:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("lang", ["nb", "nn", "sv", "da", "en"])
def test_gated_scan_gives_finditer_matches(lang):
    """find_times tries each pattern only where it can start (temporal/scan.py): the same
    matches, spans and groups as running finditer over the whole text."""
    from konflikt.temporal.scan import StartIndex

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").rglob("*.txt"))]
    texts += ["12.3. mars 2020, 1.mai 5,2. juni ... siden 4. juli.\n\nI fjor; fra  mandag.",
              "SIDEN MANDAG, frå 3. mai", "2014-2015 og 1990-tallet", "", "i"]
    lex = time_lexicon(lang)
    assert all(p.first is not None for p in lex.patterns)  # every pattern gets the fast path
    for text in texts:
        index = StartIndex(text, lex.since_re)
        for p in lex.patterns:
            want = [(m.span(), m.groupdict()) for m in p.regex.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in index.finditer(p.regex, p.first)] == want
