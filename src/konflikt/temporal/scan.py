"""Running the time grammar's patterns over a text quickly, with the matches `finditer` gives.

Why: find_times runs every pattern of the lexicon (68 for Bokmål) over the whole text. Each
`finditer` tries a match at every character, and for our patterns (two lookbehinds and an
optional 'siden' group before the body) that costs ~0.12 ms per pattern on a 1,300-character
article, whatever the body: ~8 ms of the ~11 ms the times stage took per golden article.

How: every pattern is START, the optional 'since' words ('siden', 'fra'), the body. A match
can only start where START holds (after a space or punctuation: a few hundred positions, not
every character), and there either the 'since' words start (``TimeLexicon.since_re``, a few
places) or the body does, so the character there is one the body can start with
(``Pattern.first``, read off the parsed body by :func:`first_char_gate`). Only such positions
are tried, with ``regex.match(text, pos)``, left to right, skipping those inside the previous
match: the same matches as ``regex.finditer(text)`` (lookbehinds see the text before `pos`, as
they do in finditer). A body whose first character cannot be read off (an element such as '.',
a flag change, an empty match possible) runs with `finditer` as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Every pattern of the lexicon starts with these lookbehinds (lexicon._compile).
START = r"(?<![\w])(?<!\d[.,])"
_STARTS = re.compile(START)
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_GATES: dict[re.Pattern, re.Pattern | None] = {}
_GATE_OK: dict[tuple[re.Pattern, str], bool] = {}


class _Unknown(Exception):
    """The first character of a match cannot be read off the pattern."""


def _char(c: int) -> str:
    return re.escape(chr(c))


def _render_in(items) -> str:  # noqa: ANN001 - sre_parse items
    parts = []
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            parts.insert(0, "^")
        elif name == "LITERAL":
            parts.append(_char(av))
        elif name == "RANGE":
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            raise _Unknown(name)
    return "[" + "".join(parts) + "]"


def _firsts(seq) -> tuple[list[str], bool]:  # noqa: ANN001 - an sre_parse SubPattern or list
    """One-character patterns that the first consumed character of `seq` matches one of, and
    whether `seq` can match the empty string."""
    out: list[str] = []
    for op, av in seq:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width; skipping a condition only widens the set
        if name == "LITERAL":
            return out + [_char(av)], False
        if name == "NOT_LITERAL":
            return out + [f"[^{_char(av)}]"], False
        if name == "IN":
            return out + [_render_in(av)], False
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown("flags")  # the gate is compiled with the pattern's outer flags
            firsts, empty = _firsts(sub)
        elif name == "BRANCH":
            firsts, empty = [], False
            for branch in av[1]:
                f, e = _firsts(branch)
                firsts += f
                empty = empty or e
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, _hi, sub = av
            firsts, empty = _firsts(sub)
            empty = empty or lo == 0
        elif name == "ATOMIC_GROUP":
            firsts, empty = _firsts(av)
        else:
            raise _Unknown(name)  # '.', a group reference, ...
        out += firsts
        if not empty:
            return out, False
    return out, True


def first_char_gate(regex: re.Pattern) -> re.Pattern | None:
    """A one-character pattern that the first character of every match of `regex` matches, or
    None when that cannot be read off (then every position is possible)."""
    if regex not in _GATES:
        gate = None
        try:
            from re import _parser  # the parser `re` compiles with (Python >= 3.11)

            firsts, empty = _firsts(_parser.parse(regex.pattern, regex.flags))
            if firsts and not empty:
                gate = re.compile("|".join(firsts), regex.flags)
        except (_Unknown, ImportError, AttributeError, re.error, ValueError, TypeError):
            gate = None
        _GATES[regex] = gate
    return _GATES[regex]


class StartIndex:
    """The positions of a text where the lexicon's patterns may start, by their character."""

    def __init__(self, text: str, since_re: re.Pattern | None = None):
        self.text = text
        by_char: dict[str, list[int]] = {}
        for m in _STARTS.finditer(text):
            p = m.start()
            if p < len(text):
                by_char.setdefault(text[p], []).append(p)
        self.by_char = by_char
        self.since = [m.start() for m in since_re.finditer(text)] if since_re is not None else []
        self._positions: dict[re.Pattern, list[int]] = {}

    def finditer(self, regex: re.Pattern, first: re.Pattern | None) -> Iterator[re.Match]:
        """The matches of ``regex.finditer(text)``, for a pattern made of START, the optional
        words of `since_re` and a body whose first character matches `first`."""
        if first is None:
            yield from regex.finditer(self.text)
            return
        positions = self._positions.get(first)
        if positions is None:  # patterns with the same first characters share the list
            positions = list(self.since)
            for c, ps in self.by_char.items():
                ok = _GATE_OK.get((first, c))
                if ok is None:
                    ok = _GATE_OK[(first, c)] = first.match(c) is not None
                if ok:
                    positions += ps
            positions.sort()  # a since position may come twice: the second try fails as the first
            self._positions[first] = positions
        end = 0
        text = self.text
        for p in positions:
            if p < end:
                continue  # inside the previous match: finditer goes on from its end
            m = regex.match(text, p)
            if m is not None:
                end = m.end()
                yield m
