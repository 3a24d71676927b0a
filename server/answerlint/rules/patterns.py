"""The token-pattern language of rule files, compiled to spaCy `Matcher` patterns.

A pattern is words separated by spaces. Each word matches by lemma, so "kept my cool"
also finds "keep my cool" and "keeps my cool":
  word        the word's lemma (case-insensitive)
  a|b|c       any of these lemmas
  =word       this exact word form, not its other forms
  @class      any word of a class from rules/vocabulary.yaml
  !a|b        one word that is none of these;  !a|b{0,6} from none to six such words
  _           any one word;  _{0,3} from none to three words
  %past       any verb in the simple past ("fixed", "went"; not "have fixed")
  x?          x is optional (any of the forms above)
Whitespace tokens between words (line breaks, bullets masked out) are skipped.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from answerlint.engine.nlp import lemma, pipeline

PAST = "answerlint_past"  # a token extension the analyzer sets before matching
_SPACES: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}
_REPEAT = re.compile(r"^_\{(\d+),(\d+)\}$")
_NOT_REPEAT = re.compile(r"^(.+)\{(\d+),(\d+)\}$")  # !a|b{0,6}: up to six words, none of these


class PatternError(ValueError):
    pass


@functools.cache
def _pieces(word: str) -> tuple[str, ...]:
    """How the tokenizer splits one written word ("follow-up": follow, -, up)."""
    return tuple(t.text for t in pipeline().make_doc(word))


_PLAIN = re.compile(r"[a-z]+|'[a-z]+|n't|\d+|[^\w\s]", re.I)


def check_one_word(word: str, every: bool = False) -> None:
    """A term matches one token: a word the tokenizer splits ("check-in", "i'd", "5-star")
    could never match, so it is an error that says how the matcher sees it. Plain words
    are not tokenized here (loading stays fast) unless `every` (the tests of the shipped
    rules ask: "gonna" and "cannot" split too)."""
    if not every and _PLAIN.fullmatch(word):
        return
    if word.startswith("'"):
        return  # a clitic ("'d", "'m"): one token after the word it leans on
    pieces = _pieces(word)
    if len(pieces) > 1:
        raise PatternError(
            f"'{word}' is {len(pieces)} words to the matcher ({', '.join(repr(p) for p in pieces)})"
            f"; write them as words in a row: {' '.join(pieces)}")


def _lemmas(words: str, vocabulary: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for word in words.split("|"):
        if not word:
            raise PatternError("empty alternative in '|' list")
        if word.startswith("@"):
            name = word[1:]
            if name not in vocabulary:
                raise PatternError(f"unknown word class @{name}")
            out.extend(vocabulary[name])
        else:
            check_one_word(word)
            out.append(lemma(word))
    return sorted(set(out))


def _term(term: str, vocabulary: dict[str, list[str]]) -> dict[str, Any]:
    if term.startswith("?"):
        # "^?=because" read as the word "?=because", which no text holds
        raise PatternError(f"'{term}': '?' goes after the term it makes optional (x?)")
    optional = term.endswith("?") and len(term) > 1
    if optional:
        term = term[:-1]
    repeat = _REPEAT.match(term)
    if repeat:
        low, high = int(repeat.group(1)), int(repeat.group(2))
        if low > high:
            raise PatternError(f"'{term}': the lower bound is above the upper one")
        return {"IS_SPACE": False, "OP": f"{{{low},{high}}}"}
    _check_alternatives(term)
    spec: dict[str, Any]
    if term == "%past":
        spec = {"_": {PAST: True}}
    elif term == "_":
        spec = {"IS_SPACE": False}
    elif term.startswith("="):
        forms = [w.lower().removeprefix("=") for w in term[1:].split("|") if w]
        if not forms:
            raise PatternError("'=' needs a word after it")
        for form in forms:
            check_one_word(form)
        if "n't" in forms:
            forms.append("nt")  # notes typed fast: "wasnt", "cant" split into "was" "nt", "ca" "nt"
        spec = {"LOWER": {"IN": forms}}
    elif term.startswith("!"):
        words, count = term[1:], None
        repeat = _NOT_REPEAT.match(words)
        if repeat:
            words, low, high = repeat.group(1), int(repeat.group(2)), int(repeat.group(3))
            if low > high:
                raise PatternError(f"'{term}': the lower bound is above the upper one")
            count = f"{{{low},{high}}}"
        spec = {"LEMMA": {"NOT_IN": _lemmas(words, vocabulary)}, "IS_SPACE": False}
        if count:
            spec["OP"] = count
    else:
        spec = {"LEMMA": {"IN": _lemmas(term, vocabulary)}}
    if optional:
        spec["OP"] = "?"
    return spec


def _check_alternatives(term: str) -> None:
    """Alternatives are of one sort: exact forms (=a|b, or =a|=b), or lemmas and classes
    (a|@b), or %past alone. A mixed list ("had|=been", "=had|@faulty", "a|%past") would
    silently match nothing of the odd ones out."""
    body = term[1:] if term.startswith("!") else term
    words = body.split("|")
    if any(w in ("", "=") for w in words):
        # "=.|=!|=?" is "=.|=!|=" made optional: the "?" never reaches the list
        raise PatternError(f"'{term}' has an empty alternative; a '?' at the end of a term "
                           "makes it optional, so '?' cannot be matched as a word")
    if len(words) < 2:
        return
    if any(w.startswith("%") for w in words):
        raise PatternError(f"'{term}': %past cannot be one of several alternatives; "
                           "write two patterns")
    exact = words[0].startswith("=")
    if exact and any(w.lstrip("=").startswith("@") for w in words):
        raise PatternError(f"'{term}' mixes exact forms (=word) and a class (@name); "
                           "write two patterns")
    if not exact and any(w.startswith("=") for w in words[1:]):
        raise PatternError(f"'{term}' mixes exact forms (=word) with lemmas; start the list "
                           "with = for exact forms only, or write two patterns")


def compile_pattern(source: str, vocabulary: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One Matcher pattern from one line of the pattern language."""
    terms = source.split()
    if not terms:
        raise PatternError("empty pattern")
    compiled: list[dict[str, Any]] = []
    for n, term in enumerate(_split_contractions(terms)):
        if n:
            compiled.append(dict(_SPACES))
        compiled.append(_term(term, vocabulary))
    return compiled


NEGATORS = {"n't", "not", "never", "no", "nobody", "nothing", "none", "nowhere", "cannot"}


def _split_contractions(terms: list[str]) -> list[str]:
    """The tokenizer splits "didn't" into "did" and "n't", so an alternative "didn't" could
    never match one word. A term with such alternatives becomes two: the optional verbs
    ("did", "was") and then "n't" among the term's other negatives, so "=wasn't|=never"
    matches "was n't" and "never"."""
    out: list[str] = []
    for term in terms:
        prefix = term[:1] if term[:1] == "=" else ""
        body, optional = term[len(prefix):], ""
        if body.endswith("?") and len(body) > 1:
            body, optional = body[:-1], "?"
        words = [w.removeprefix("=") for w in body.split("|")]
        glued = [w for w in words if w.lower().endswith("n't") and len(w) > 3]
        if term.startswith(("!", "_", "%")) or not glued:
            out.append(term)
            continue
        bases = sorted({w[:-3] for w in glued})
        rest = [w for w in words if w not in glued]
        joiner = "|=" if prefix else "|"
        if not NEGATORS.issuperset(w.lower() for w in rest):
            # a list that mixes negatives with other words ("was|were|wasn't"): a lone "n't"
            # there would match after any word, so "n't" may only follow the list's own
            # words ("was n't"), and a glued form whose verb is not in the list is an error
            missing = [w for w in glued if w[:-3] not in rest]
            if missing:
                word = missing[0]
                raise PatternError(
                    f"'{word}' is two words to the matcher ('{word[:-3]}' and 'n't'), and "
                    f"'{word[:-3]}' is not in the list '{term}'; add it, or write "
                    f"'={word[:-3]} =n't' in a pattern of its own")
            out.append(prefix + joiner.join(rest) + optional)
            out.append("=n't?")
            continue
        rest += [] if "n't" in rest else ["n't"]
        out.append(prefix + joiner.join(bases) + "?")
        out.append(prefix + joiner.join(rest) + optional)
    return out


def vocabulary_lemmas(words: list[str]) -> list[str]:
    """A word class's members as lemmas (multi-word members are not allowed)."""
    return sorted({lemma(w) for w in words})
