"""Bytes to text: the encodings Norwegian news files arrive in, and what is not text at all.

The strategies are tried in order and the first that gives text wins (the order explained
once, here):

1. ``utf-8``: the norm, with or without a byte-order mark (the BOM is dropped, so offsets
   index the article, not the marker). Strict: a single invalid byte moves on to 2.
2. ``bom``: a UTF-16/UTF-32 byte-order mark names the encoding (Windows "Unicode" exports).
3. ``binary``: NUL bytes left after 1-2 mean a binary file (image, zip, PDF): stop with an error.
4. ``detect``: charset-normalizer (a dependency of trafilatura) guesses the legacy code page;
   for Norwegian this is nearly always cp1252 or latin-1 (æøå as single bytes).
5. After decoding, a text with a high share of control characters is treated as binary too.
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
    strategy: str   # utf-8 | bom | detect


def decode_bytes(raw: bytes, source: str) -> Decoded:
    """Decode one file's bytes, or raise InputError naming `source` and the reason."""
    if not raw.strip():
        raise InputError(source, "empty file")
    decoded = _utf8(raw) or _bom(raw)
    if decoded is None:
        if b"\x00" in raw:
            raise InputError(source, "binary file (contains NUL bytes), not text")
        decoded = _detect(raw)
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


def _detect(raw: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(raw.decode(best.encoding), best.encoding, "detect")
    except (UnicodeDecodeError, LookupError):
        return None
