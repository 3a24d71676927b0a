"""share: too many sentences of one role (the 20% rule for conflict); covers their paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import make
from answerlint.rules.conditions import Condition
from answerlint.rules.kind import Kind, KindOptions, option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel, Sentence
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    role: str = option("role", "the role whose sentences are counted", "", required=True)
    min_sentences: int = option("count", "fire from this many sentences of the role", 1)
    min_share: float = option("share", "fire from this share of the answer's sentences", 0.0)
    clause_words: int = option(
        "count", "a sentence longer than this counts as one sentence per this many words, and "
        "one of the role as one per place that tells it (0: every sentence counts once)", 0)
    when: Condition | None = option("condition", "only in answers where this holds")


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []
    if options.when is not None and not options.when(context.counts):
        return []
    flagged = model.role_sentences(options.role)

    def units(sentence: Sentence) -> int:
        # a run-on sentence ("..., and then he..., and when I..., and he said...") is
        # several sentences' worth of the answer
        if not options.clause_words:
            return 1
        return max(1, sentence.words // options.clause_words)

    count = sum(min(units(s), s.places.get(options.role, 1)) for s in flagged)
    total = sum(units(s) for s in model.sentences)
    share = count / total
    if count < options.min_sentences or share < options.min_share:
        return []
    paragraphs = {s.paragraph for s in flagged}
    covered = [s for s in model.sentences if s.paragraph in paragraphs]
    split = total > len(model.sentences)
    message = rule.message.format(
        count=count, total=total, share=f"{share:.0%}", limit=f"{options.min_share:.0%}",
        sentences="sentence parts" if split else "sentences",
    )
    return [make(rule, model, covered[0].start, covered[-1].end, message)]


KIND = Kind(
    name="share",
    summary="one finding over the paragraphs when a kind of sentence takes too much of the answer",
    fires="when at least `min_sentences` sentences and `min_share` of them have `role`; covers their paragraphs",
    reads="the answer's sentence roles",
    options=Options,
    placeholders=("count", "total", "share", "limit", "sentences"),
    check=check,
)
