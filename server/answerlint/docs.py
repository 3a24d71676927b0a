"""Rule documentation generated from the rule files, the single source (as Ruff does).

`python -m answerlint.docs DIR` writes one page per rule; `answerlint explain RULE` prints one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from answerlint.rules.model import TARGETS, Rule

KIND_TEXT = {
    "existence": "flags the words where they occur",
    "substitution": "flags the words and offers rewrites as quick fixes",
    "requirement": "one finding per answer that lacks a sentence of this kind",
    "share": "one finding over the paragraphs when a kind of sentence takes too much of the answer",
    "ratio": "flags one kind of word when it outnumbers another",
    "spoken-time": "flags from the first word past the time limit",
    "condition": "fires when a condition over the answer holds",
    "level": "one information finding per answer with its level",
}


def rule_page(rule: Rule, known_limits: str = "") -> str:
    by_target = ", ".join(f"{t}: {rule.severity_for(t) or 'off'}" for t in TARGETS)
    lines = [
        f"# {rule.id}",
        "",
        f"Kind: `{rule.kind}` ({KIND_TEXT[rule.kind]}). Severity by target level: {by_target}.",
        "",
        "## Why it matters",
        "",
        rule.rationale,
        "",
        f"Source: seed {rule.seed}.",
        "",
        "## What it says",
        "",
        f"> {rule.message}",
        "",
        "## Flagged",
        "",
        *[f"- {text}" for text in rule.bad],
        "",
        "## Not flagged",
        "",
        *[f"- {text}" for text in rule.good],
    ]
    if rule.better:
        lines += ["", "## A stronger version", "", rule.better]
    if known_limits:
        lines += ["", known_limits.strip()]
    lines += ["", f"Defined in `rules/{rule.id}.yaml`."]
    return "\n".join(lines) + "\n"


LIMITS_MARK = "## Known limits"


def write_pages(folder: Path) -> list[Path]:
    """Write docs pages; a hand-written '## Known limits' section at a page's end is kept."""
    from answerlint.rules.loader import load_rules

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in load_rules().rules.values():
        path = folder / f"{rule.id}.md"
        limits = ""
        if path.exists():
            old = path.read_text(encoding="utf-8")
            if LIMITS_MARK in old:
                limits = old[old.index(LIMITS_MARK):].split("\nDefined in `rules/")[0]
        path.write_text(rule_page(rule, limits), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for page in write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules")):
        print(page)
