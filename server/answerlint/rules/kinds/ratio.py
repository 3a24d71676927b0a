"""ratio: one kind of words outnumbers another (\"we\" against \"I\" when telling the action)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.rules.kind import Kind, KindOptions, option
from answerlint.rules.kinds.existence import hits_in_roles
from answerlint.rules.kinds.rewrite import fix_all_option, flagged, swap_option
from answerlint.rules.model import Pattern

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    patterns: list[Pattern] = option("patterns", "the words counted and flagged", required=True)
    against: list[Pattern] = option("patterns", "the words they are counted against", required=True)
    in_roles: list[str] = option("roles", "only in sentences of these roles")
    max_ratio: float = option("number", "fire when `patterns` outnumber `against` by more than this", 1.0)
    min_count: int = option("count", "and there are at least this many", 1)
    swap: list[Pattern] = swap_option()
    fix_all: bool = fix_all_option()


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    hits = hits_in_roles(model, rule, "patterns", options.in_roles)
    against = hits_in_roles(model, rule, "against", options.in_roles)
    if len(hits) < options.min_count or len(hits) <= options.max_ratio * len(against):
        return []
    return [flagged(rule, model, hit.start, hit.end,
                    rule.message.format(match=hit.text, count=len(hits), against=len(against)),
                    options.fix_all)
            for hit in hits]


KIND = Kind(
    name="ratio",
    summary="flags one kind of word when it outnumbers another",
    fires="on each hit of `patterns` when they outnumber `against` by more than `max_ratio`",
    reads="its patterns' hits",
    options=Options,
    placeholders=("match", "count", "against"),
    check=check,
)
