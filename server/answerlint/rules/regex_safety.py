"""Which rule regexes can backtrack without bound, so the loader refuses them.

Python's `re` has no time limit: `(a+)+$` takes 49 s on a line of 29 a's and a b, because
the outer repeat can split a run of a's between its turns in exponentially many ways. A
repeat without an upper bound whose body holds another repeat is refused unless the body
also needs a character the inner repeat cannot take: `(?: [a-z]+)*` needs its space before
each word, so a run splits one way only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_FEW = 10  # an outer repeat bounded this low ("(?:\s+\w+){0,3}") cannot blow up
_SAMPLE = [chr(c) for c in range(32, 127)] + ["\t", "\n", "é", "’", "—", "😀"]
_CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdigit, sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre.CATEGORY_SPACE: str.isspace, sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def unbounded_backtracking(source: str) -> str | None:
    """The part of the regex that can backtrack without bound, or None."""
    try:
        tree = sre_parse.parse(source, re.I)
    except re.error:
        return None  # the loader reports the syntax error itself
    return _find(list(tree))


def _find(items: list[tuple[Any, Any]]) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            inner = [sub for sub in _walk(body) if sub[0] in _REPEATS and sub[1][1] > 1]
            if (high == sre.MAXREPEAT or high > _FEW) and inner and not _separated(body, inner):
                return "a repeated group holding another repeat, with nothing between its turns that the inner repeat cannot match (like (a+)+)"
        for sub in _children(op, av):
            found = _find(sub)
            if found:
                return found
    return None


def _children(op: Any, av: Any) -> list[list[tuple[Any, Any]]]:
    if op in _REPEATS:
        return [list(av[2])]
    if op == sre.SUBPATTERN:
        return [list(av[-1])]
    if op == sre.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[1])]
    return []


def _walk(items: list[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        for sub in _children(op, av):
            yield from _walk(sub)


def _separated(body: list[tuple[Any, Any]], inner: list[tuple[Any, Any]]) -> bool:
    """Whether the body needs, outside its repeats, a character no inner repeat can take."""
    taken = {c for _, av in inner for c in _SAMPLE if _takes(list(av[2]), c)}
    for op, av in _sequence(body):
        chars = _one_char(op, av)
        if chars is not None and not (chars & taken):
            return True
    return False


def _sequence(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The items one after another, with plain groups opened: "((ab)+c)" is (ab)+ then c."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op == sre.SUBPATTERN:
            out += _sequence(list(av[-1]))
        else:
            out.append((op, av))
    return out


def _takes(items: list[tuple[Any, Any]], char: str) -> bool:
    """Whether any single-character item in these can match `char` (a loose test)."""
    for op, av in _walk(items):
        chars = _one_char(op, av)
        if chars is not None and char in chars:
            return True
    return False


def _one_char(op: Any, av: Any) -> set[str] | None:
    """The sample characters one character-matching item takes; None for other items."""
    if op == sre.LITERAL:
        return {c for c in _SAMPLE if c.lower() == chr(av).lower()}
    if op == sre.NOT_LITERAL:
        return {c for c in _SAMPLE if c.lower() != chr(av).lower()}
    if op == sre.ANY:
        return set(_SAMPLE)
    if op == sre.IN:
        return {c for c in _SAMPLE if _in_set(av, c)}
    return None


def _in_set(members: list[tuple[Any, Any]], char: str) -> bool:
    negate, hit = False, False
    for op, av in members:
        if op == sre.NEGATE:
            negate = True
        elif op == sre.LITERAL:
            hit = hit or char.lower() == chr(av).lower()
        elif op == sre.RANGE:
            hit = hit or av[0] <= ord(char.lower()) <= av[1] or av[0] <= ord(char.upper()) <= av[1]
        elif op == sre.CATEGORY:
            test = _CATEGORIES.get(av)
            hit = hit or (test is not None and test(char))
    return hit != negate
