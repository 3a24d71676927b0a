"""spoken-time: the answer runs past its time spoken aloud; flags from the first word past it."""

from __future__ import annotations

import math

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, make
from answerlint.rules.model import Rule
from answerlint.views import spoken


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    wpm = context.words_per_minute
    limit = rule.options.get("max_seconds", 120)
    allowed = math.floor(limit * wpm / 60)
    if model.words <= allowed:
        return []
    start = model.word_starts[allowed]  # the first word past the limit
    message = rule.message.format(
        spoken=spoken(model.words * 60 / wpm), limit=spoken(limit), words=model.words, wpm=round(wpm)
    )
    end = model.sentences[-1].end
    return [make(rule, model, start, end, message, words=model.words)]

