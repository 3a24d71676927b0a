"""A matcher for the compiled token patterns, indexed by their first word.

spaCy's `Matcher` tests every pattern at every token, and its set predicates ("lemma IN
[...]") run in Python, which made matching 80% of a lint. Most of our patterns start with a
required word from a known set, so an index from lemma / lower-case form to positions finds
the few places a pattern can start, and a small backtracking walk does the rest. Results
equal the Matcher's with greedy="LONGEST" (tests/test_token_matcher.py checks this on the
dev set and the examples).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from answerlint.patterns import PAST


@dataclass(frozen=True)
class Term:
    kind: str  # "lemma", "lower", "not-lemma", "any", "past"
    words: frozenset[str]
    low: int  # how many tokens it takes: low..high (1..1 for a plain word, 0..1 if optional)
    high: int

    def accepts(self, lemma: str, lower: str, past: bool) -> bool:
        if self.kind == "lemma":
            return lemma in self.words
        if self.kind == "lower":
            return lower in self.words
        if self.kind == "not-lemma":
            return lemma not in self.words
        if self.kind == "past":
            return past
        return True


def _term(spec: dict[str, Any]) -> Term | None:
    """A Term from one compiled spaCy token spec; None for the whitespace skipper."""
    if spec.get("IS_SPACE") is True:
        return None  # whitespace tokens are dropped before matching
    op = spec.get("OP")
    low, high = 1, 1
    if op == "?":
        low = 0
    elif isinstance(op, str) and op.startswith("{"):
        first, second = op[1:-1].split(",")
        low, high = int(first), int(second)
    if "LEMMA" in spec and "IN" in spec["LEMMA"]:
        return Term("lemma", frozenset(spec["LEMMA"]["IN"]), low, high)
    if "LEMMA" in spec:
        return Term("not-lemma", frozenset(spec["LEMMA"]["NOT_IN"]), low, high)
    if "LOWER" in spec:
        return Term("lower", frozenset(spec["LOWER"]["IN"]), low, high)
    if "_" in spec:
        return Term("past", frozenset(), low, high)
    return Term("any", frozenset(), low, high)


class TokenMatcher:
    def __init__(self) -> None:
        self._patterns: list[tuple[int, tuple[Term, ...]]] = []
        self._by_lemma: dict[str, list[int]] = defaultdict(list)
        self._by_lower: dict[str, list[int]] = defaultdict(list)
        self._by_past: list[int] = []
        self._anywhere: list[int] = []  # patterns that can start on any token

    def add(self, key: int, compiled: list[dict[str, Any]]) -> None:
        terms = tuple(t for t in (_term(spec) for spec in compiled) if t is not None)
        index = len(self._patterns)
        self._patterns.append((key, terms))
        first = terms[0]
        if first.low == 0 or first.kind in ("any", "not-lemma"):
            self._anywhere.append(index)
        elif first.kind == "lemma":
            for word in first.words:
                self._by_lemma[word].append(index)
        elif first.kind == "lower":
            for word in first.words:
                self._by_lower[word].append(index)
        else:
            self._by_past.append(index)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) in token indices of `doc`, longest non-overlapping per pattern."""
        words = [t for t in doc if not t.is_space]
        positions = [t.i for t in words]
        lemmas = [t.lemma_ for t in words]
        lowers = [t.lower_ for t in words]
        past = [bool(t._.get(PAST)) for t in words]
        starts: dict[int, set[int]] = defaultdict(set)
        for at, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
            for index in self._by_lemma.get(lemma, ()):
                starts[index].add(at)
            for index in self._by_lower.get(lower, ()):
                starts[index].add(at)
            if past[at]:
                for index in self._by_past:
                    starts[index].add(at)
        everywhere = range(len(positions))
        for index in self._anywhere:
            starts[index] = set(everywhere)
        found: list[tuple[int, int, int, int]] = []
        for index, candidates in starts.items():
            key, terms = self._patterns[index]
            spans = []
            for start in sorted(candidates):
                for end in _ends(terms, 0, start, lemmas, lowers, past):
                    if end > start:
                        spans.append((start, end))
            for start, end in _longest(spans):
                found.append((start, end, index, key))
        found.sort()
        out = []
        for start, end, _, key in found:
            first, last = positions[start], positions[end - 1] + 1
            out.append((key, first, last))
        return out


def _ends(terms: tuple[Term, ...], n: int, at: int, lemmas: list[str], lowers: list[str],
          past: list[bool]) -> set[int]:
    """Every position where terms[n:] can end when they start at `at`."""
    if n == len(terms):
        return {at}
    term = terms[n]
    out: set[int] = set()
    taken = 0
    if term.low == 0:
        out |= _ends(terms, n + 1, at, lemmas, lowers, past)
    while taken < term.high and at + taken < len(lemmas):
        i = at + taken
        if not term.accepts(lemmas[i], lowers[i], past[i]):
            break
        taken += 1
        if taken >= term.low:
            out |= _ends(terms, n + 1, at + taken, lemmas, lowers, past)
    return out


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest spans first, then the earliest, dropping any that overlap a kept one."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= a or start >= b for a, b in kept):
            kept.append((start, end))
    return kept
