"""spoken-time: the answer runs past its time spoken aloud; flags from the first word past it."""

from __future__ import annotations

import math

from answerlint.analysis import AnswerModel
from answerlint.findings import Context, Finding, make
from answerlint.rule_model import Rule
from answerlint.views import spoken


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    wpm = context.words_per_minute
    limit = rule.options.get("max_seconds", 120)
    allowed = math.floor(limit * wpm / 60)
    if model.words <= allowed:
        return []
    first_over = model.word_ends[allowed]  # the end of the first word past the limit
    start = _word_start(model, allowed, first_over)
    message = rule.message.format(
        spoken=spoken(model.words * 60 / wpm), limit=spoken(limit), words=model.words, wpm=round(wpm)
    )
    end = model.sentences[-1].end
    return [make(rule, model, start, end, message, words=model.words)]


def _word_start(model: AnswerModel, index: int, end: int) -> int:
    """Where word number `index` starts: scan back from its end to the previous space."""
    for sentence in model.sentences:
        if sentence.start <= end <= sentence.end and sentence.span is not None:
            for token in sentence.span:
                if sentence.block_start + token.idx + len(token.text) == end:
                    return sentence.block_start + token.idx
    return end
