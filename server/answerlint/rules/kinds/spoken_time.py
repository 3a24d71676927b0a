"""spoken-time: the answer runs past its time spoken aloud; flags from the first word past it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import make
from answerlint.rules.kind import Kind, KindOptions, option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    max_seconds: float = option("seconds", "the time the answer may take to say", 120)


def spoken(seconds: float) -> str:
    """Spoken time as m:ss, the way a candidate rehearses it."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    wpm = context.words_per_minute
    allowed = math.floor(options.max_seconds * wpm / 60)
    if model.words <= allowed:
        return []
    start = model.word_starts[allowed]  # the first word past the limit
    message = rule.message.format(spoken=spoken(model.words * 60 / wpm),
                                  limit=spoken(options.max_seconds), words=model.words,
                                  wpm=round(wpm))
    return [make(rule, model, start, model.sentences[-1].end, message)]


KIND = Kind(
    name="spoken-time",
    summary="flags from the first word past the time limit",
    fires="from the first word past the limit at the user's words per minute",
    reads="the answer's words and the words-per-minute setting",
    options=Options,
    placeholders=("spoken", "limit", "words", "wpm"),
    check=check,
)
