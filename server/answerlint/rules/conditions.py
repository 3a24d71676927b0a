"""Conditions in rule files: a small boolean language over an answer's counts.

    not real-case and (general or not narrative)
    doormat or words < 40

Names are sentence roles (true when a sentence of the answer has the role) and rule ids
(true when the rule found something in the answer); `NAME OP NUMBER` (or `NAME OP NAME`)
compares a count
(sentences with a role, findings of a rule, `words`, `sentences`, or `target`: 1 basic,
2 professional, 3 expert). It is parsed once
at load time and never executed as code.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(\()|(\))|(<=|>=|==|!=|<|>)|(\d+(?:\.\d+)?)|([a-z][a-z0-9-]*))")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


class ExpressionError(ValueError):
    pass


@dataclass(frozen=True)
class Condition:
    source: str
    names: frozenset[str]
    _evaluate: Callable[[Mapping[str, float]], bool]

    def __call__(self, counts: Mapping[str, float]) -> bool:
        return self._evaluate(counts)


def _tokens(source: str) -> list[str]:
    out, pos = [], 0
    source = source.rstrip()
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"cannot read {source[pos:].strip()!r} in condition {source!r}")
        out.append(next(g for g in match.groups() if g is not None))
        pos = match.end()
    return out


def parse_condition(source: str) -> Condition:
    tokens = _tokens(source)
    names: set[str] = set()
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ExpressionError(f"condition {source!r} ends too early")
        pos += 1
        return tokens[pos - 1]

    def disjunction() -> Callable[[Mapping[str, float]], bool]:
        parts = [conjunction()]
        while peek() == "or":
            take()
            parts.append(conjunction())
        return parts[0] if len(parts) == 1 else (lambda f: any(p(f) for p in parts))

    def conjunction() -> Callable[[Mapping[str, float]], bool]:
        parts = [negation()]
        while peek() == "and":
            take()
            parts.append(negation())
        return parts[0] if len(parts) == 1 else (lambda f: all(p(f) for p in parts))

    def negation() -> Callable[[Mapping[str, float]], bool]:
        if peek() == "not":
            take()
            inner = negation()
            return lambda f: not inner(f)
        return atom()

    def atom() -> Callable[[Mapping[str, float]], bool]:
        token = take()
        if token == "(":
            inner = disjunction()
            if take() != ")":
                raise ExpressionError(f"missing ')' in condition {source!r}")
            return inner
        if not re.fullmatch(r"[a-z][a-z0-9-]*", token) or token in ("and", "or", "not"):
            raise ExpressionError(f"unexpected {token!r} in condition {source!r}")
        names.add(token)
        if peek() in _COMPARE:
            compare = _COMPARE[take()]
            other = take()
            if re.fullmatch(r"[a-z][a-z0-9-]*", other) and other not in ("and", "or", "not"):
                names.add(other)  # two counts compared: "general > event"
                return lambda f: compare(f.get(token, 0), f.get(other, 0))
            try:
                limit = float(other)
            except ValueError:
                raise ExpressionError(f"{other!r} is not a number or a name in {source!r}") from None
            return lambda f: compare(f.get(token, 0), limit)
        return lambda f: bool(f.get(token, 0))

    evaluate = disjunction()
    if pos != len(tokens):
        raise ExpressionError(f"unexpected {tokens[pos]!r} in condition {source!r}")
    return Condition(source, frozenset(names), evaluate)
