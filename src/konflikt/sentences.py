"""Sentence spans shared by the stages.

The analysis stage's model segments sentences; a model can split inside one (before a proper
noun, after a number: '10.000 sivile | fortsatt fanget'), and the stages downstream must not
lose a sentence's verb to such a split. So the analysis stage repairs its sentences once, here,
and every later stage uses ``doc.sentences`` as given. :func:`split_sentences` is the rough
fallback for code that runs on text without the analysis stage (the grammars' own APIs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a full stop, then space, then a capital: 'ca. 30' and '4. juli' go on
_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«–\"A-ZÆØÅ])|\n+")
# 'bl.a.', 'ca.', 'kl.' at the end of a piece: a split there is no sentence end before a digit
# or a lower-case word
_ABBREVIATION_END = re.compile(r"(?<![\w.])[a-zæøå]{1,3}\.$")
_CLOSERS = ".!?:;»\"”)"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A rough sentence split for texts without the analysis stage: (start, end) pairs."""
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def repair_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences from a model, rejoined where it split inside one: a boundary with no line break
    in between and no closing punctuation before it ('10.000 sivile | fortsatt fanget')."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out:
            p_start, p_end = out[-1]
            gap = text[p_end:start]
            prev = text[p_start:p_end].rstrip()
            last = prev[-1:]
            nxt = text[start:start + 1]
            abbreviation = bool(_ABBREVIATION_END.search(prev)) and (nxt.isdigit() or nxt.islower())
            if "\n" not in gap and last and (last not in _CLOSERS or abbreviation):
                out[-1] = (p_start, end)
                continue
        out.append((start, end))
    return out
