"""Name keys for the gazetteer: one function used both when the index is built and when a
mention is looked up, so that the two sides always agree.

Two keys per name:

- ``name_key``: case folded, diacritics removed (Unidecode), punctuation and hyphens as single
  spaces. 'Mosul', 'MOSUL' and 'Móṣul' share it; 'al-Raqqa' becomes 'al raqqa'.
- ``skeleton``: a looser key for transliteration variants of Arabic, Persian, Slavic ... names:
  Arabic articles dropped (al-/el-/ar-/as-/ad-/an- ...), q→k, doubled letters single, a final
  'h' after a vowel dropped, j/y→i, Norwegian tsj/dsj/sj/zj as ch/j/sh/zh. 'Raqqa', 'Raqqah',
  'ar-Raqqah' and 'Rakka' share 'raka'; 'Sjusja' and 'Shusha' share 'susa'.
  It is only consulted when the exact key finds nothing.

The Norwegian inflection helpers (genitive -s, 'Raqqa-provinsen') live in ``variants`` because
they depend on the language data (the list of generic suffixes), not on the name alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Arabic definite article in its assimilated spellings, as a separate word (after unidecode,
# casefold and punctuation-to-space): 'al raqqa', 'ar ramadi', 'ash shaddadi', 'el fasher'.
_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ash|ad|an|at|az|ath|adh|ez|es|ed|en|et)\s+(?=\w{3})")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: 'Al-Qā'im' -> 'al qaim'."""
    text = unicodedata.normalize("NFKC", name).replace("’", "").replace("'", "").replace("ʿ", "").replace("ʾ", "")
    text = unidecode(text).casefold().replace("'", "")
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Loose key for transliteration variants: 'ar-Raqqah' -> 'raka', 'Rakka' -> 'raka'."""
    key = name_key(name)
    key = _ARTICLE.sub("", key)
    # Norwegian transliterations of Cyrillic/Turkic names: 'Latsjin' (Lachin), 'Sjusja'
    # (Shusha), 'Kalbadsjar' (Kalbajar), 'Zaporizjzja' (Zaporizhzhia)
    key = key.replace("tsj", "ch").replace("dsj", "j").replace("sj", "sh").replace("zj", "zh")
    key = key.replace("q", "k").replace("j", "i").replace("y", "i").replace("ph", "f")
    key = key.replace("kh", "h").replace("gh", "g").replace("dh", "d").replace("th", "t")
    key = key.replace("sh", "s").replace("ou", "u").replace("oo", "u").replace("ee", "i")
    key = key.replace(" ", "")
    key = _DOUBLE.sub(r"\1", key)
    if len(key) > 3 and key.endswith("h") and key[-2] in "aeiou":
        key = key[:-1]
    return key


def is_latin(name: str) -> bool:
    """True when every letter of a name is Latin script (with or without diacritics).

    Names in other scripts cannot occur in Norwegian or English text, so the index skips them.
    """
    for ch in name:
        if ch.isalpha() and not ("LATIN" in unicodedata.name(ch, "")):
            return False
    return True


def abbreviation_key(name: str) -> str | None:
    """'W. Va.' -> 'wva.': the key of an abbreviation written with its full stop; None when the
    name does not end in one (so 'Kan' never meets 'Kan.')."""
    if not name.rstrip().endswith("."):
        return None
    return name_key(name).replace(" ", "") + "."
