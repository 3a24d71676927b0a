"""existence: flag every place where one of the rule's patterns occurs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.rules.conditions import Condition
from answerlint.rules.kind import Kind, KindOptions, option
from answerlint.rules.kinds.rewrite import fix_all_option, flagged, swap_option
from answerlint.rules.model import Pattern

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel, Hit
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    patterns: list[Pattern] = option("patterns", "the words to flag", required=True)
    unless: list[Pattern] = option("unless", "a hit of these in the sentence vetoes the rule there")
    claims_only: bool = option("flag", "ignore hits that are negated, hypothetical or only suggested", False)
    outside_quotes: bool = option("flag", "ignore hits inside quotation marks", False)
    in_roles: list[str] = option("roles", "only in sentences of these roles")
    when: Condition | None = option("condition", "only in answers where this holds")
    swap: list[Pattern] = swap_option()
    fix_all: bool = fix_all_option()


def hits_in_roles(model: AnswerModel, rule: Rule, patterns: str, in_roles: list[str]) -> list[Hit]:
    """The rule's hits of one pattern option, kept to sentences of `in_roles` if it names any."""
    hits = model.hits(rule.id, patterns)
    if in_roles:
        roles = set(in_roles)
        hits = [h for h in hits if h.sentence is not None and roles & set(h.sentence.roles)]
    return hits


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if options.when is not None and not options.when(context.counts):
        return []
    return [flagged(rule, model, hit.start, hit.end, rule.message.format(match=hit.text),
                    options.fix_all)
            for hit in hits_in_roles(model, rule, "patterns", options.in_roles)]


KIND = Kind(
    name="existence",
    summary="flags the words where they occur",
    fires="on every hit",
    reads="its patterns' hits",
    options=Options,
    placeholders=("match",),
    check=check,
)
