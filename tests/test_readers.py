"""Readers: seed format, plain text, JSONL, HTML, folders, encodings and bad input (issue 2).

Sample articles are short texts written for these tests (tests/data/io/); bad inputs are made
in a temporary folder by each test.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from konflikt.document import PublicationDate
from konflikt.errors import InputError
from konflikt.ingest import decode_bytes, iter_documents, read_file, read_path
from konflikt.ingest.html import looks_like_html
from konflikt.ingest.jsonl import parse_jsonl_line
from konflikt.ingest.text import parse_text
from konflikt.settings import Settings

from conftest import SEED, need_shared

DATA = Path(__file__).parent / "data" / "io"
S = Settings()


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


# ------------------------------------------------------------------ seed format and plain text

@pytest.mark.parametrize("raw,text,date,title", [
    # the seed's shape: leading space, 'date', month-only date, article on the same line
    (" date 2017-07 Overskrift her\n\nBrødtekst.", "Overskrift her\n\nBrødtekst.", "2017-07", "Overskrift her"),
    # a day date, no leading space (hand-made files often drop it)
    ("date 2019-05-10 Tittel\nTekst.", "Tittel\nTekst.", "2019-05-10", "Tittel"),
    # a year only
    (" date 2014 Tittel\nTekst.", "Tittel\nTekst.", "2014", "Tittel"),
    # plain text: no date line, headline is the first non-empty line
    ("\n\nTittel uten dato\nTekst.", "\n\nTittel uten dato\nTekst.", None, "Tittel uten dato"),
    # 'date' inside a word is not a date line
    ("dateringen av funnet er usikker.", "dateringen av funnet er usikker.", None,
     "dateringen av funnet er usikker."),
])
def test_parse_text_table(raw, text, date, title):
    doc = parse_text(raw, "x.txt")
    assert doc.text == text
    assert (doc.published.text if doc.published else None) == date
    assert doc.title == title


@pytest.mark.parametrize("raw,why", [
    (" date 2017-13 Tittel\nTekst.", "month 13"),                 # impossible month
    (" date juli Tittel\nTekst.", "a word, not a date"),            # Norwegian month name
    (" date 2017-02-30 Tittel\nTekst.", "no 30 February"),
    (" date 2017-07 ", "date line and nothing after it"),
])
def test_malformed_date_line(raw, why):
    with pytest.raises(InputError) as err:
        parse_text(raw, "bad.txt")
    assert err.value.source == "bad.txt", why


def test_file_date_wins_over_caller_date_and_caller_fills_in():
    assert parse_text(" date 2017-07 T\nx", "a", date="2020-01-01").published.text == "2017-07"
    assert parse_text("T\nx", "a", date="2020-01-01").published.text == "2020-01-01"
    with pytest.raises(InputError):
        parse_text("T\nx", "a", date="januar")


def test_seed_file_offsets_index_the_article():
    need_shared(SEED)
    doc = read_path(SEED)
    raw = SEED.read_text(encoding="utf-8")
    assert raw.endswith(doc.text)                     # the text after the marker, unchanged
    assert not doc.text.startswith(" date")
    assert doc.published == PublicationDate.parse("2017-07")
    assert doc.title and doc.text.startswith(doc.title)


def test_sample_folder_reads_every_format_in_sorted_order():
    items = list(iter_documents([DATA], S))
    assert all(not isinstance(i, InputError) for i in items), items
    paths = [Path(d.path).relative_to(DATA).as_posix() for d in items]
    assert paths == ["articles.jsonl", "articles.jsonl", "folder/a.txt", "folder/sub/b.txt",
                     "folder/sub/c_duplicate.txt", "page.html", "plain.txt", "seed_style.txt"]
    by_path = {Path(d.path).name: d for d in items}
    assert by_path["seed_style.txt"].id == by_path["c_duplicate.txt"].id   # same text, same id
    html = by_path["page.html"]
    assert html.title == "Angrep på konvoi i Sahel"
    assert html.published.text == "2022-08-14"
    assert html.url == "https://example.org/nyheter/konvoi"
    assert "elleve sjåfører" in html.text and "Kontakt oss" not in html.text  # boilerplate gone


def test_folder_skips_hidden_and_unknown_suffixes(tmp_path):
    _write(tmp_path, "a.txt", "Tittel\nTekst.")
    _write(tmp_path, ".hidden.txt", "Tittel\nTekst.")
    _write(tmp_path, ".git/x.txt", "Tittel\nTekst.")
    _write(tmp_path, "b.gold.json", "{}")
    _write(tmp_path, "c.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    names = [Path(d.path).name for d in iter_documents([tmp_path], S)]
    assert names == ["a.txt"]


def test_explicit_file_is_read_whatever_its_suffix(tmp_path):
    p = _write(tmp_path, "notat.md", "Tittel\nTekst.")
    assert read_path(p).title == "Tittel"


def test_missing_path_is_an_error_item(tmp_path):
    items = list(iter_documents([tmp_path / "nope.txt"], S))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "no such file" in items[0].problem


# ---------------------------------------------------------------------------------- JSONL

def test_jsonl_bad_line_reported_with_line_number_and_rest_go_on(tmp_path):
    lines = [
        json.dumps({"text": "Første\nTekst.", "date": "2020-03", "language": "nb"}),
        "{not json",
        json.dumps({"title": "no text field"}),
        "",
        json.dumps({"text": "Tredje\nTekst.", "date": "2020-13"}),
        json.dumps({"text": "Fjerde\nTekst.", "url": "https://example.org/4"}),
        json.dumps(["a", "list"]),
    ]
    p = _write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    items = list(read_file(p, S))
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.title for d in docs] == ["Første", "Fjerde"]
    assert docs[0].language == "nb" and docs[1].url == "https://example.org/4"
    assert [e.source for e in errors] == [f"{p}:2", f"{p}:3", f"{p}:5", f"{p}:7"]


@pytest.mark.parametrize("line,problem", [
    ('{"text": 5}', "no 'text'"),                         # text not a string
    ('{"text": "   "}', "no 'text'"),                     # blank text
    ('{"text": "x", "url": 3}', "'url' should be a string"),
    ('{"text": "x", "date": "i går"}', "bad date"),
    ('{"text": "a\\u0000b"}', "NUL"),                       # a NUL escaped in JSON
])
def test_jsonl_line_problems(line, problem):
    with pytest.raises(InputError) as err:
        parse_jsonl_line(line, "f:1")
    assert problem in err.value.problem


def test_jsonl_line_size_limit_and_empty_file(tmp_path):
    p = _write(tmp_path, "big.jsonl", json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "kort"}))
    items = list(read_file(p, Settings(max_input_bytes=200)))
    assert isinstance(items[0], InputError) and "too large" in items[0].problem
    assert items[1].text == "kort"
    empty = _write(tmp_path, "empty.jsonl", "\n\n")
    assert [type(i) for i in read_file(empty, S)] == [InputError]


# ----------------------------------------------------------------------------------- HTML

def test_html_sniffed_in_txt_file_and_date_falls_back(tmp_path):
    html = ("<html><head><title>Side</title></head><body><article><p>" + "Soldater rykket inn i byen. " * 8
            + "</p></article></body></html>")
    p = _write(tmp_path, "page.txt", html)
    doc = read_path(p, S, date="2021-06")
    assert "Soldater rykket inn" in doc.text and "<p>" not in doc.text
    assert doc.published.text == "2021-06"   # the page has no date of its own: --date fills in
    assert looks_like_html(html) and not looks_like_html("Tittel\n<b>ikke html</b>")


def test_html_without_text_is_an_input_error(tmp_path):
    p = _write(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_path(p)


# ------------------------------------------------------------------------ encodings, bad input

NORSK = "Været i Tromsø var grått, og Ærlig talt: Åsen var stengt for «alle»."


@pytest.mark.parametrize("raw,strategy", [
    (NORSK.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + NORSK.encode("utf-8"), "utf-8"),             # Windows Notepad BOM
    (NORSK.encode("utf-16"), "bom"),                                 # "Unicode" export
    (NORSK.encode("cp1252"), "cp1252"),                              # legacy Windows file
    (NORSK.encode("latin-1"), "cp1252"),                             # latin-1 letters = cp1252's
])
def test_encodings_decode_to_the_same_text(raw, strategy):
    d = decode_bytes(raw, "f")
    assert d.text == NORSK and d.strategy == strategy


def test_damaged_utf8_keeps_the_good_letters():
    raw = NORSK.encode("utf-8")[:-3] + b"\xc3"    # cut inside the last character
    d = decode_bytes(raw, "f")
    assert d.strategy == "utf-8-damaged" and d.text.startswith("Været i Tromsø")


@pytest.mark.parametrize("raw,problem", [
    (b"", "empty"),
    (b"  \n\t\n ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),                       # NUL bytes
    (bytes(range(1, 32)) * 20 + b"abc", "binary"),                            # control characters
    (b"Tittel\nGyldig UTF-8 med \x00 inni.", "NUL"),                          # valid UTF-8, one NUL
    (bytes((7 * i) % 94 + 129 for i in range(400)) + b"\x01\x02" * 50, "not valid UTF-8"),  # invalid UTF-8, no code page fits
])
def test_bad_bytes(raw, problem):
    with pytest.raises(InputError) as err:
        decode_bytes(raw, "f")
    assert problem in err.value.problem


def test_oversized_file_is_reported_not_read(tmp_path):
    p = _write(tmp_path, "big.txt", "Tittel\n" + "ord " * 100)
    with pytest.raises(InputError, match="too large.*max_input_bytes"):
        read_path(p, Settings(max_input_bytes=100))


def test_unreadable_file(tmp_path):
    p = _write(tmp_path, "locked.txt", "Tittel\nTekst.")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        with pytest.raises(InputError, match="cannot read"):
            read_path(p)
    finally:
        p.chmod(0o644)


def test_a_folder_is_not_a_readable_file(tmp_path):
    with pytest.raises(InputError):
        read_path(tmp_path)


# ------------------------------------------------------------------------------ properties

_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                                       blacklist_characters="\ufeff\u2028\u2029\x85")
                | st.sampled_from("\n\t "), min_size=1, max_size=300)


@hsettings(max_examples=150, deadline=None)
@given(_text)
def test_utf8_round_trip(text):
    if not text.strip():
        return
    assert decode_bytes(text.encode("utf-8"), "f").text == text


@hsettings(max_examples=150, deadline=None)
@given(st.dates().map(lambda d: d.isoformat()), _text)
def test_seed_format_round_trip(day, text):
    """Whatever the article, ' date D ' + article reads back as exactly the article and D."""
    if not text.strip():
        return
    doc = parse_text(f" date {day} {text}", "f")
    assert doc.text == text
    assert doc.published.text == day


@hsettings(max_examples=100, deadline=None)
@given(_text, st.none() | st.text(max_size=30), st.none() | st.dates().map(lambda d: d.isoformat()))
def test_jsonl_line_round_trip(text, url, day):
    """Any article written as a JSONL object reads back with the same text, url and date."""
    if not text.strip():
        return
    doc = parse_jsonl_line(json.dumps({"text": text, "url": url, "date": day}), "f:1")
    assert (doc.text, doc.url) == (text, url or None)
    assert (doc.published.text if doc.published else None) == day


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_dash_reads_one_article_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(" date 2019-05-10 Tittel\n\nTekst fra en pipe.".encode("cp1252")))
    items = list(iter_documents(["-"], S))
    assert len(items) == 1 and items[0].title == "Tittel" and items[0].path is None
    assert items[0].published.text == "2019-05-10"
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 500))
    err = list(iter_documents(["-"], Settings(max_input_bytes=100)))[0]
    assert isinstance(err, InputError) and err.source == "<stdin>" and "more than 100 bytes" in err.problem


# ----------------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Testavisa</title>
<item><title>Angrep mot kontrollpost</title><link>https://example.org/1</link>
  <pubDate>Tue, 07 May 2019 10:00:00 +0200</pubDate>
  <description>&lt;p&gt;To soldater ble &lt;b&gt;såret&lt;/b&gt; i natt.&lt;/p&gt;</description></item>
<item><title></title><description></description></item>
<item><title>Bare en tittel</title><link>https://example.org/3</link></item>
</channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomavisa</title>
<entry><title>Protester i hovedstaden</title><link href="https://example.org/a"/>
  <updated>2020-08-10T21:00:00Z</updated><summary>Flere tusen demonstrerte.</summary></entry>
</feed>"""


def test_rss_items_become_documents_and_a_bad_item_is_reported(tmp_path):
    p = _write(tmp_path, "nyheter.rss", RSS)
    items = list(read_file(p, S))
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.title for d in docs] == ["Angrep mot kontrollpost", "Bare en tittel"]
    first = docs[0]
    assert first.text == "Angrep mot kontrollpost\n\nTo soldater ble såret i natt."   # markup gone
    assert (first.url, first.outlet, first.published.text) == ("https://example.org/1", "Testavisa", "2019-05-07")
    assert docs[1].text == "Bare en tittel" and docs[1].published is None
    assert [e.source for e in errors] == [f"{p}:item 2"]


def test_atom_entries_and_xml_suffix(tmp_path):
    p = _write(tmp_path, "feed.xml", ATOM_FEED)
    (doc,) = list(read_file(p, S, date="2020-08"))
    assert (doc.title, doc.url, doc.published.text, doc.outlet) == (
        "Protester i hovedstaden", "https://example.org/a", "2020-08-10", "Atomavisa")
    assert doc.text.endswith("Flere tusen demonstrerte.")


@pytest.mark.parametrize("content,problem", [
    ("<html><body>not a feed</body></html>", "without items"),          # wrong kind of XML
    ("<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
     "<rss><channel><item><title>&b;</title></item></channel></rss>", None),  # entities not expanded
])
def test_feed_edge_cases(tmp_path, content, problem):
    items = list(read_file(_write(tmp_path, "x.rss", content), S))
    if problem:
        assert isinstance(items[0], InputError) and problem in items[0].problem
    else:
        assert all("aaaa" not in getattr(i, "text", "") for i in items)
