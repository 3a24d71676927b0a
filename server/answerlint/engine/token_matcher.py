"""A matcher for the compiled token patterns, indexed by their rarest required word.

spaCy's `Matcher` tests every pattern at every token, and its set predicates ("lemma IN
[...]") run in Python, which made matching 80% of a lint. Nearly all our patterns need some
word from a known set, so a pattern is tried only in a block that holds a word of each of
its required terms, and walked term by term (on plain lists of lemmas and word forms, see
tokens.py) only from the tokens its first term accepts that lie close enough before its
rarest word. Results equal the Matcher's with greedy="LONGEST" (tests/test_token_matcher.py
checks this on the examples, our own answers and the dev set).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS


@dataclass(frozen=True)
class Term:
    column: str  # which list it reads: "lemma", "lower" or "past"
    words: frozenset[str | bool] | None  # the values it accepts; None for any word
    negate: bool  # accepts every value but those
    low: int  # how many tokens it takes: low..high (1..1 for a plain word, 0..1 if optional)
    high: int

    @property
    def required(self) -> bool:
        """A word from a known set must be there: the term can file and anchor a pattern."""
        return self.low > 0 and self.words is not None and not self.negate


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
        return Term("lemma", frozenset(spec["LEMMA"]["IN"]), False, low, high)
    if "LEMMA" in spec:
        return Term("lemma", frozenset(spec["LEMMA"]["NOT_IN"]), True, low, high)
    if "LOWER" in spec:
        return Term("lower", frozenset(spec["LOWER"]["IN"]), False, low, high)
    if "_" in spec:
        return Term("past", frozenset([True]), False, low, high)
    return Term("lemma", None, False, low, high)


@dataclass(frozen=True)
class _Compiled:
    key: int
    terms: tuple[Term, ...]
    # the word sets of its other required terms (its rarest word's set is present, or the
    # pattern would not be tried): a block that holds no word of one of them cannot match,
    # and the pattern is not walked there at all
    needs: tuple[frozenset[str | bool], ...]
    anchor: int  # which term is its rarest required word (-1: it has none)
    before: tuple[int, int]  # how many tokens the terms before the anchor take, at least/most
    at_sentence_start: bool = False  # "^": it may start only where a sentence does


def _rarity(term: Term) -> tuple[int, int]:
    """How rare a term's words are likely to be, from how often its words come up together: a
    function word ("the", "not", "to") as often as ten others, a mark more, the past tense
    most of all; then short words are more common than long ones."""
    assert term.words is not None
    often = sum(300 if not isinstance(w, str) else 50 if not w[:1].isalpha()
                else 10 if w in STOP_WORDS else 1 for w in term.words)
    return -often, min(len(w) if isinstance(w, str) else 3 for w in term.words)


class TokenMatcher:
    def __init__(self) -> None:
        self._patterns: list[_Compiled] = []
        self._by_word: dict[str | bool, list[int]] = defaultdict(list)
        self._anywhere: list[int] = []  # patterns without a required word
        self._terms: dict[Term, Term] = {}
        self._filed: frozenset[str | bool] = frozenset()  # the words patterns are filed under
        self._by_shape: dict[tuple[tuple[Term, ...], bool], int] = {}
        self._also: dict[int, list[int]] = {}  # index -> the keys of its equal patterns

    def add(self, key: int, compiled: list[dict[str, Any]], at_sentence_start: bool = False
            ) -> None:
        # equal terms become one object, so a block finds its positions once (by id)
        terms = tuple(self._terms.setdefault(t, t) for t in map(_term, compiled) if t is not None)
        same = self._by_shape.get((terms, at_sentence_start))
        if same is not None:  # the same pattern for another role or rule: walked once
            self._also[same].append(key)
            return
        required = [n for n, t in enumerate(terms) if t.required]
        index = len(self._patterns)
        self._by_shape[(terms, at_sentence_start)] = index
        self._also[index] = []
        if not required:
            self._patterns.append(_Compiled(key, terms, (), -1, (0, 0), at_sentence_start))
            self._anywhere.append(index)
            return
        anchor = max(required, key=lambda n: (_rarity(terms[n]), -n))
        before = (sum(t.low for t in terms[:anchor]), sum(t.high for t in terms[:anchor]))
        needs = tuple(words for n in required if n != anchor
                      if (words := terms[n].words) is not None)
        self._patterns.append(_Compiled(key, terms, needs, anchor, before, at_sentence_start))
        for word in terms[anchor].words:  # type: ignore[union-attr]
            self._by_word[word].append(index)  # found once per block, by its rarest word
        self._filed = frozenset(self._by_word)

    def __call__(self, lemmas: list[str], lowers: list[str], past: list[bool],
                 sentence_starts: frozenset[int] = frozenset(),
                 sentence_of: list[int] | None = None) -> list[tuple[int, int, int]]:
        """(key, start, end) in token indices, longest non-overlapping per pattern, in order.
        Patterns added `at_sentence_start` start only at `sentence_starts` (token indices),
        so a longer match in the middle of a sentence cannot hide the one at its start.
        With `sentence_of` (each token's sentence), no match runs from one sentence into
        the next."""
        present: set[str | bool] = {*lemmas, *lowers, *past}
        tried = set(self._anywhere)
        for word in present.intersection(self._filed):
            tried.update(self._by_word[word])
        columns: dict[str, list[Any]] = {"lemma": lemmas, "lower": lowers, "past": past}
        where: dict[str, dict[str | bool, list[int]]] = {}  # column -> value -> positions
        known: dict[int, list[int]] = {}  # by id(term): many patterns share a first word

        def positions(term: Term) -> list[int]:
            got = known.get(id(term))
            if got is None:
                if term.column not in where:
                    where[term.column] = _positions(columns[term.column])
                found = where[term.column]
                assert term.words is not None
                got = known[id(term)] = sorted(at for word in term.words & present
                                               for at in found.get(word, ()))
            return got

        found: list[tuple[int, int, int, int]] = []
        lacks = present.isdisjoint  # lacks(words): no word of the set is in the block
        for index in tried:
            pattern = self._patterns[index]
            if pattern.needs and any(map(lacks, pattern.needs)):
                continue
            first = pattern.terms[0]
            if pattern.anchor == -1:  # no required word at all: it may start anywhere
                starts: Iterable[int] = range(len(lemmas))
            elif pattern.anchor == 0:
                starts = positions(first)
            elif pattern.at_sentence_start and not first.required:
                # only where a sentence starts with the rarest word close enough after it
                # (fewer places than the rarest word's neighbours)
                low, high = pattern.before
                places = positions(pattern.terms[pattern.anchor])
                starts = [start for start in sorted(sentence_starts)
                          if (at := bisect_left(places, start + low)) < len(places)
                          and places[at] <= start + high]
            else:
                # a start must lie close enough before a place where the rarest word is
                low, high = pattern.before
                near = {at - taken for at in positions(pattern.terms[pattern.anchor])
                        for taken in range(low, high + 1) if at - taken >= 0}
                starts = sorted(near.intersection(positions(first)) if first.required
                                else near)
            if pattern.at_sentence_start and (pattern.anchor <= 0 or first.required):
                starts = [start for start in starts if start in sentence_starts]
            if len(pattern.terms) == 1 and first.high == 1 and first.required:
                # one word: no walk, and its matches cannot overlap
                found += [(start, start + 1, index, pattern.key) for start in starts]
                continue
            spans = [(start, end) for start in starts
                     for end in _ends(pattern.terms, start, columns) if end > start
                     and (sentence_of is None or sentence_of[start] == sentence_of[end - 1])]
            for start, end in _longest(spans):
                found.append((start, end, index, pattern.key))
        also = self._also
        found += [(start, end, index, other) for start, end, index, _ in list(found)
                  for other in also.get(index, ())]
        found.sort()
        return [(key, start, end) for start, end, _, key in found]


def _ends(terms: tuple[Term, ...], start: int, columns: dict[str, list]) -> set[int]:
    """Every position where the terms can end when they start at `start`."""
    reached = {start}
    for term in terms:
        column, words, negate = columns[term.column], term.words, term.negate
        size = len(column)
        if term.high == 1:  # one word, most terms (or an optional one): a set comprehension
            after = {at + 1 for at in reached if at < size
                     and (words is None or (column[at] in words) != negate)}
            if term.low == 0:
                after |= reached
        else:
            after = set()
            for at in reached:
                if term.low == 0:
                    after.add(at)
                taken = 0
                while taken < term.high and at + taken < size and (
                        words is None or (column[at + taken] in words) != negate):
                    taken += 1
                    if taken >= term.low:
                        after.add(at + taken)
        if not after:
            return after
        reached = after
    return reached


def _positions(column: list) -> dict[str | bool, list[int]]:
    out: dict[str | bool, list[int]] = defaultdict(list)
    for at, value in enumerate(column):
        out[value].append(at)
    return out


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest spans first, then the earliest, dropping any that overlap a kept one."""
    ordered = sorted(set(spans))
    if all(a[1] <= b[0] for a, b in pairwise(ordered)):
        return ordered  # no two overlap: all are kept
    # the kept spans never overlap, so they stay sorted by start and by end alike: a span
    # clashes only with its neighbours there (a bisection, not a walk over all kept spans,
    # which made one long paragraph of many sentences quadratic)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(ordered, key=lambda s: (-(s[1] - s[0]), s[0])):
        at = bisect_left(starts, start)
        if (at > 0 and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
    return list(zip(starts, ends, strict=True))
