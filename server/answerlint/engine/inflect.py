"""Verbs in a rewrite take the form their place in the sentence asks for.

A rule's `replace` may name a verb by its base form in braces:

- `{fit:brief}`: in the form the replaced verb had where it stood: the base after a modal,
  "to" or "do" ("would definitely let him know" -> "would definitely brief him"), the
  participle after "have" ("I'd passed it to" -> "I'd brought in"), the past in a past
  sentence, the present otherwise ("she lets" -> "she briefs");
- `{past:get}`: in the simple past ("we were able to get" -> "we got"); regex groups may
  fill it (`{past:\\2}`);
- `{past?:word}`: the same if the word is a verb in its base form, else the word as it is:
  for a verb joined to the first ("we were able to print a pass and get the family
  through" -> "we printed a pass and got...", but "..., and we posted" stays).

Inflection is lemminflect's, not hand-made -ed rules: its verbs, written out once as a small
table (answerlint/verbs.tsv.gz, see verb_table.py), and lemminflect itself for a verb the
table lacks.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache

from answerlint.verb_table import TABLE, TAGS

FORMS = ("fit", "past", "past?")
MARKER = re.compile(r"\{(" + "|".join(re.escape(form) for form in FORMS) + r"):([^{}]*)\}")
_ANY_MARKER = re.compile(r"\{([^{}:]*):")

# Words that govern the verb after them, skipping adverbs ("would definitely let").
_BASE_AFTER = {"would", "could", "should", "might", "may", "will", "shall", "can", "must",
               "'d", "'ll", "to", "do", "does", "did", "don't", "didn't", "doesn't", "won't",
               "wouldn't", "couldn't", "shouldn't", "can't", "cannot", "let's", "please"}
_PARTICIPLE_AFTER = {"have", "has", "had", "'ve", "having", "been"}
_THIRD_PERSON = {"he", "she", "it", "who", "that", "which", "everyone", "nobody", "someone"}
_WORD = re.compile(r"[A-Za-z']+")
# What is done as a rule, not once: "I always let my manager know".
_HABIT = re.compile(r"\b(?:always|usually|normally|generally|often|whenever|every time|tend to)\b",
                    re.IGNORECASE)
# A "do" the rewrite replaces says the tense itself ("didn't argue back" -> "treated").
_PRESENT_DO = {"do", "does", "don't", "doesn't"}
_PAST_DO = {"did", "didn't"}
_ADVERBS = {"also", "then", "just", "still", "first", "never", "always", "soon", "even", "not"}
# "'d" is "had" before a participle and "would" before a base form: read from the verb.
_AMBIGUOUS = {"'d", "'s"}


def unknown_forms(template: str) -> list[str]:
    """The names in `{name:...}` markers of a template that are no verb form ("{pst:x}")."""
    return [m.group(1) for m in _ANY_MARKER.finditer(template) if m.group(1) not in FORMS]


def inflect(template: str, before: str, replaced: str, past: bool) -> str:
    """The template with each `{fit:...}` and `{past:...}` filled in; `before` is the
    sentence's text up to the replaced words, `replaced` the words themselves, `past`
    whether the sentence tells the past."""
    if "{" not in template:
        return template
    return MARKER.sub(lambda m: _form(m.group(1), m.group(2).strip(), before, replaced, past),
                      template)


def _form(kind: str, verb: str, before: str, replaced: str, past: bool) -> str:
    if not verb:
        return verb
    if kind == "past?" and not _base_verb(verb.lower()):
        return verb
    lemma = _lemma(verb.lower())
    tag = "VBD" if kind.startswith("past") else _fitting_tag(before, replaced, past)
    word = _inflection(lemma, tag)
    return word[0].upper() + word[1:] if verb[0].isupper() else word


def _fitting_tag(before: str, replaced: str, past: bool) -> str:
    """The Penn tag the replaced verb's slot asks for."""
    words = [w.lower() for w in _WORD.findall(before)]
    while words and _adverb(words[-1]):
        words.pop()  # adverbs between the governing word and the verb
    last = words[-1] if words else ""
    if "'" in last and not last.endswith("n't"):
        last = last[last.index("'"):]  # "i'd" -> "'d", "we've" -> "'ve"
    first = next((w for w in (w.lower() for w in _WORD.findall(replaced)) if not _adverb(w)), "")
    if first in _PRESENT_DO:
        return "VBZ" if first.startswith("does") else "VBP"  # "if you don't react" -> "if you treat"
    if first in _PAST_DO:
        return "VBD"
    if last in _AMBIGUOUS:
        return "VBN" if _is_participle(first) else "VB"
    if last in _BASE_AFTER:
        return "VB"
    if last in _PARTICIPLE_AFTER:
        return "VBN"
    if _is_past(first):
        return "VBD"
    if _base_verb(first) and not _same_in_the_past(first):
        # a verb in the present keeps it, whatever else the sentence tells: "if you stay
        # patient" -> "if you treat"
        return "VBZ" if last in _THIRD_PERSON else "VBP"
    if past:
        return "VBD"
    if _same_in_the_past(first) and not _HABIT.search(before):
        return "VBD"  # "I let my manager know", "I put him through": a story tells the past
    return "VBZ" if last in _THIRD_PERSON else "VBP"


def _adverb(word: str) -> bool:
    return word.endswith("ly") or word in _ADVERBS


@lru_cache(maxsize=1)
def _verbs() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """lemminflect's verbs as written out by answerlint.verb_table: each base form's past,
    participle, third person and -ing form, and each form's base."""
    forms: dict[str, tuple[str, ...]] = {}
    bases: dict[str, str] = {}
    with gzip.open(TABLE, "rt", encoding="utf-8") as table:
        for line in table:
            lemma, *inflected = line.rstrip("\n").split("\t")
            forms[lemma] = tuple(inflected)
            for form in inflected:
                bases.setdefault(form, lemma)
    return forms, bases


@lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    forms, bases = _verbs()
    if word in forms:
        return word
    if word in bases:
        return bases[word]
    from lemminflect import getLemma  # type: ignore[import-untyped]  # a verb the table lacks

    lemmas = getLemma(word, upos="VERB")
    return lemmas[0] if lemmas else word


@lru_cache(maxsize=4096)
def _inflection(lemma: str, tag: str) -> str:
    if tag in ("VB", "VBP"):
        return lemma
    forms, _ = _verbs()
    if lemma in forms:
        return forms[lemma][TAGS.index(tag)]
    from lemminflect import getInflection

    inflected = getInflection(lemma, tag=tag)
    return inflected[0] if inflected else lemma


def _is_past(word: str) -> bool:
    return bool(word) and word != _lemma(word) and word in (_inflection(_lemma(word), "VBD"),
                                                             _inflection(_lemma(word), "VBN"))


def _is_participle(word: str) -> bool:
    return bool(word) and word != _lemma(word) and word == _inflection(_lemma(word), "VBN")


def _base_verb(word: str) -> bool:
    """Whether the word is a verb in its base form ("get", "offer"), by the verb table."""
    return word in _verbs()[0]


def _same_in_the_past(word: str) -> bool:
    """A verb whose past is its base form ("let", "put", "set")."""
    return bool(word) and word == _lemma(word) and _inflection(word, "VBD") == word


def told_in_present(words: list[str]) -> bool | None:
    """Whether the verb these words open with (adverbs aside: "just", "quickly") is in the
    present ("check", "am"), in the past ("checked", "was"), or says nothing ("put": None)."""
    for word in (w.lower() for w in words):
        if _adverb(word) or word in ("never", "then", "first"):
            continue
        if word in ("am", "is", "are", "have", "has", "do", "does"):
            return True
        if word in ("was", "were", "had", "did"):
            return False
        if _same_in_the_past(word):
            return None
        if _is_past(word):
            return False
        return True if _base_verb(word) else None
    return None
