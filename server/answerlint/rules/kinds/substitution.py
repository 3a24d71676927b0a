"""substitution: flag weak words and offer one or more rewrites (the quick fixes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import make
from answerlint.rules.kind import Kind, KindOptions, option
from answerlint.rules.kinds.existence import hits_in_roles
from answerlint.rules.kinds.rewrite import rewrites_of
from answerlint.rules.model import Pattern

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    swap: list[Pattern] = option("swap", "patterns with `replace`: the words and their rewrites", required=True)
    patterns: list[Pattern] = option("patterns", "words flagged with no rewrite: none would be true to every sentence they occur in")
    advice: str = option("text", "what `{replacement}` says for those: how to put it in owner talk", "")
    unless: list[Pattern] = option("unless", "a hit of these in the sentence vetoes the rule there")
    claims_only: bool = option("flag", "ignore hits that are negated, hypothetical or only suggested", False)
    outside_quotes: bool = option("flag", "ignore hits inside quotation marks", False)
    in_roles: list[str] = option("roles", "only in sentences of these roles")


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    findings = []
    for hit in hits_in_roles(model, rule, "swap", options.in_roles):
        rewrites = rewrites_of(hit)
        message = rule.message.format(match=hit.text, replacement=" / ".join(rewrites))
        findings.append(make(rule, model, hit.start, hit.end, message, replacements=rewrites))
    rewritten = [(f.start, f.end) for f in findings]
    for hit in hits_in_roles(model, rule, "patterns", options.in_roles):
        if any(a < hit.end and hit.start < b for a, b in rewritten):
            continue  # the words already have a rewrite
        message = rule.message.format(match=hit.text, replacement=options.advice)
        findings.append(make(rule, model, hit.start, hit.end, message))
    return findings  # in the answer's order once lint sorts every finding


KIND = Kind(
    name="substitution",
    summary="flags the words and offers rewrites as quick fixes",
    fires="on every hit, with the rewrites as replacements (hits of `patterns` have none: `{replacement}` is then `advice`)",
    reads="its patterns' hits",
    options=Options,
    placeholders=("match", "replacement"),
    check=check,
)
