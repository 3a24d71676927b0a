"""Rewrites for a rule's flagged words: the hits of its `swap` patterns, each with `replace`.

A substitution rule flags its swaps themselves; the other kinds that take `swap`
(existence, ratio, condition) flag what they always flag, and a swap hit over those words
gives the finding its rewrites and its range (the words the rewrite replaces).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from answerlint.engine.findings import make
from answerlint.rules.kind import option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel, Hit
    from answerlint.engine.findings import Finding
    from answerlint.rules.model import Rule

SWAP_DOC = "patterns with `replace`: rewrites for the flagged words they cover"
FIX_ALL_DOC = ("whether fix-all may apply these rewrites; false for a rewrite only the candidate "
               "can confirm (that a \"we\" was theirs)")


def swap_option() -> Any:
    return option("swap", SWAP_DOC)


def fix_all_option() -> Any:
    return option("flag", FIX_ALL_DOC, True)


def keep_case(original: str, replacement: str) -> str:
    """A rewrite of capitalised words starts with a capital too ("Told to" -> "Decided to")."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    pronoun_i = replacement == "I" or replacement.startswith(("I ", "I'", "I\u2019"))
    if original[:1].islower() and replacement[:1].isupper() and not pronoun_i:
        return replacement[0].lower() + replacement[1:]
    return replacement


def rewrites_of(hit: Hit) -> list[str]:
    """A swap hit's rewrites, in the case of the words they replace, each once."""
    fitted = [keep_case(hit.text, r) for r in hit.replacements]
    return list(dict.fromkeys(r for r in fitted if r != hit.text))


def swap_over(model: AnswerModel, rule: Rule, start: int, end: int) -> tuple[int, int, list[str]]:
    """The span and rewrites of the first swap hit over [start, end); else that span, none."""
    over = model.hits_over(rule.id, "swap", start, end)
    for hit in sorted(over, key=lambda h: (h.start, -h.end)):
        rewrites = rewrites_of(hit)
        if rewrites:
            return hit.start, hit.end, rewrites
    return start, end, []


def flagged(rule: Rule, model: AnswerModel, start: int, end: int, message: str,
            fix_all: bool) -> Finding:
    """The finding on flagged words [start, end), with the rewrites of a swap over them (and
    then their range)."""
    start, end, rewrites = swap_over(model, rule, start, end)
    return make(rule, model, start, end, message, replacements=rewrites, in_fix_all=fix_all)
