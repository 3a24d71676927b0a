"""Text a person reads about a rule or an answer: hovers, code lens titles. LSP-free."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from answerlint.rules.kinds.spoken_time import spoken
from answerlint.shipped import rule_docs_folder

if TYPE_CHECKING:  # the engine loads spaCy; these are only types here
    from answerlint.engine.cache import Summary
    from answerlint.rules.model import Rule

BAR_WIDTH = 20
# The rule pages ship inside the package, so links work offline.
RULE_DOCS = rule_docs_folder()


def lens_title(summary: Summary) -> str:
    story = summary.shares.get("story", 0.0)
    return (f"Level {summary.level} · {summary.level_name} · {spoken(summary.spoken_seconds)} "
            f"spoken · story {story:.0%}")


def bar(share: float) -> str:
    filled = max(0, min(BAR_WIDTH, round(share * BAR_WIDTH)))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def answer_hover(summary: Summary, next_step: str = "") -> str:
    """Markdown: level, spoken time, word count and the story/action/result shares as bars."""
    title = summary.title or "This answer"
    rows = "\n".join(f"{name:<7}{bar(share)} {share:>4.0%}"
                     for name, share in summary.shares.items())
    text = (f"**{title}**: Level {summary.level} · {summary.level_name}\n\n"
            f"{spoken(summary.spoken_seconds)} spoken · {summary.words} words\n\n"
            f"```text\n{rows}\n```")
    if next_step:
        text += f"\n\n{next_step}"
    return text


def rule_hover(rule: Rule, message: str) -> str:
    """Markdown: the finding, why it matters, and a stronger sentence."""
    parts = [f"**{rule.id}**: {message}", f"*Why:* {rule.rationale}"]
    if rule.better:
        parts.append(f"*Stronger:* {rule.better}")
    return "\n\n".join(parts)


@functools.lru_cache(maxsize=256)  # called for every diagnostic: look each page up once
def docs_url(rule_id: str) -> str | None:
    """The file URI of a rule's page, when the rule is a built-in one with a page."""
    page = (RULE_DOCS / f"{rule_id}.md").resolve()
    return page.as_uri() if page.is_file() else None
