"""requirement: the answer must hold a sentence of a role, else one finding for the answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import Insertion, answer_anchor, make
from answerlint.rules.conditions import Condition
from answerlint.rules.kind import Kind, KindOptions, option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    role: str = option("role", "the role a sentence of the answer must have", "", required=True)
    snippet: str = option("text", "the sentence the quick fix inserts (LSP snippet syntax)", "")
    insert_after: list[str] = option("roles", "insert after the last sentence of the first of these roles the answer has")
    when: Condition | None = option("condition", "only in answers where this holds")
    also_when: Condition | None = option(
        "condition", "also in answers where this holds, whatever their sentences (the answer "
        "says the step never happened: \"we never did work out why\")")


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []  # an empty answer lacks nothing yet: there is nothing to coach
    # told: by its sentences, or by the answer classifier where the role defers to it
    told = bool(context.counts.get(options.role))  # then only `also_when` makes it fire
    if told and not (options.also_when is not None and options.also_when(context.counts)):
        return []
    if options.when is not None and not options.when(context.counts):
        return []
    start, end = answer_anchor(model, context.lines)
    # No inserted step where a sentence already reads as it (the classifier doubts it, or
    # the answer says it never happened: "We never did work out why" followed by "I found
    # that the real cause..." would contradict it): a second version would clash.
    read_as_it = bool(model.role_sentences(options.role))
    insertion = (Insertion(_insert_at(options, model, end), options.snippet)
                 if options.snippet and not read_as_it and not told else None)
    return [make(rule, model, start, end, rule.message, insertion=insertion)]


def _insert_at(options: Options, model: AnswerModel, fallback: int) -> int:
    """Where the missing step reads best: after the step it follows, else at the answer's end."""
    for role in options.insert_after:
        found = model.role_sentences(role)
        if found:
            return found[-1].end
    return model.sentences[-1].end if model.sentences else fallback


KIND = Kind(
    name="requirement",
    summary="one finding per answer that lacks a sentence of this kind",
    fires="once per answer that does not tell `role` (no sentence of it, unless the role is `judged` and the answer classifier is sure it is told; or the classifier is sure it is not), or where `also_when` holds, on its heading or last line; the quick fix inserts `snippet` after the last sentence of the first `insert_after` role the answer has, else after its last sentence, and none where a sentence reads as the role",
    reads="the answer's sentence roles",
    options=Options,
    placeholders=(),
    check=check,
)
