"""Bytes to text: the encodings Norwegian news files arrive in, and what is not text at all.

The strategies are tried in order and the first that gives text wins (the order explained
once, here):

1. ``utf-8``: the norm, with or without a byte-order mark (the BOM is dropped, so offsets
   index the article, not the marker). Strict: a single invalid byte moves on to 2.
2. ``bom``: a UTF-16/UTF-32 byte-order mark names the encoding (Windows "Unicode" exports).
3. ``binary``: NUL bytes left after 1-2 mean a binary file (image, zip, PDF): stop with an error.
4. ``utf-8-damaged``: mostly valid UTF-8 with a stray bad byte or a truncated last character
   (a cut download, a mixed-up concatenation): decoded with U+FFFD for the bad bytes, since
   re-reading the whole file as a legacy code page would garble every correct letter.
5. ``cp1252``: the legacy encoding of Norwegian (Windows, and a superset of latin-1's letters),
   taken when it decodes and its non-ASCII characters are mostly letters and typographic
   punctuation (æøå, “”, –). Tried before 6 because detectors guess wrong on short Nordic
   texts (charset-normalizer reads 'Været i Tromsø' in cp1252 as cp1250: 'Vćret i Tromsř').
6. ``detect``: charset-normalizer (a dependency of trafilatura), limited to the Latin-script
   code pages of the languages konflikt reads (DOS Nordic, Mac Roman, ISO 8859 Nordic ...), so
   it cannot read Nordic bytes as CJK.
7. After decoding, a text with a high share of control characters is treated as binary too.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from konflikt.errors import InputError

# Control characters other than tab, newline, carriage return and form feed.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
MAX_CONTROL_SHARE = 0.02  # real text has none; a few stray ones are tolerated

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str   # the codec that produced `text`
    strategy: str   # utf-8 | bom | utf-8-damaged | cp1252 | detect


def decode_bytes(raw: bytes, source: str) -> Decoded:
    """Decode one file's bytes, or raise InputError naming `source` and the reason."""
    if not raw.strip():
        raise InputError(source, "empty file")
    decoded = _utf8(raw) or _bom(raw)
    if decoded is None and b"\x00" in raw:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    if decoded is not None and "\x00" in decoded.text:
        # No article has a NUL character; and PostgreSQL text columns cannot hold one.
        raise InputError(source, "binary file (contains NUL characters), not text")
    if decoded is None:
        decoded = _utf8_damaged(raw) or _cp1252(raw) or _detect(raw)
        if decoded is None:
            raise InputError(source, "not valid UTF-8, and no legacy encoding (cp1252, latin-1 ...) fits")
    if not decoded.text.strip():
        raise InputError(source, "empty file (only whitespace)")
    share = control_share(decoded.text)
    if share > MAX_CONTROL_SHARE:
        raise InputError(source, f"binary file ({share:.0%} control characters), not text")
    return decoded


def control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " or "\x7f" <= ch < "\xa0") and ch not in _ALLOWED_CONTROLS)
    return bad / len(text)


def _utf8(raw: bytes) -> Decoded | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return Decoded(text, "utf-8", "utf-8")


def _bom(raw: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                # The utf-16/utf-32 codecs read the BOM to pick the byte order and drop it.
                return Decoded(raw.decode(codec), codec, "bom")
            except UnicodeDecodeError:
                return None
    return None


def _utf8_damaged(raw: bytes) -> Decoded | None:
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")  # valid multi-byte characters
    if good and bad <= max(2, good // 20):
        return Decoded(text.removeprefix("\ufeff"), "utf-8", "utf-8-damaged")
    return None


# Non-ASCII characters that cp1252 text in our languages is made of besides letters.
_CP1252_PUNCT = set("“”‘’„–—…€«»°§½¼¾·•±×÷©®™ \xa0´¨")
MIN_LETTER_SHARE = 0.8


def _cp1252(raw: bytes) -> Decoded | None:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:  # one of its five unassigned bytes: not cp1252
        return None
    high = [ch for ch in text if ch > "\x7f"]
    if high and sum(1 for ch in high if ch.isalpha() or ch in _CP1252_PUNCT) / len(high) < MIN_LETTER_SHARE:
        return None
    return Decoded(text, "cp1252", "cp1252")


LATIN_CODEPAGES = ["cp1252", "latin_1", "iso8859_15", "iso8859_4", "iso8859_10", "cp850", "cp865",
                   "mac_roman", "cp1257", "mac_iceland"]


def _detect(raw: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(raw, cp_isolation=LATIN_CODEPAGES).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(raw.decode(best.encoding), best.encoding, "detect")
    except (UnicodeDecodeError, LookupError):
        return None
