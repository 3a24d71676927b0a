"""Rule documentation generated from the rule files, the single source (as Ruff does).

`python -m answerlint.docs` writes one page per rule into docs/rules/ and the table of rule
kinds into docs/rules-format.md (both from the code and rule files, the single source);
`answerlint explain RULE` prints one page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from answerlint.rules.kinds import KINDS
from answerlint.rules.model import TARGETS, Rule


def summary_line(rule: Rule) -> str:
    """The rule in one sentence: the first of its rationale (`answerlint rules`, SARIF)."""
    return rule.rationale.split(". ")[0].rstrip(".") + "."


def source_line(rule: Rule) -> str:
    """Where the advice comes from, as a reader can follow it: the ideas by name and the
    page that tells them; a rule of the user's own without `coaching` shows its `seed`."""
    if rule.coaching:
        return f"From the coaching: {rule.coaching} ([docs/coaching.md](../coaching.md))."
    return f"Source: {rule.seed.rstrip('.')}."


def rule_page(rule: Rule, known_limits: str = "") -> str:
    by_target = ", ".join(f"{t}: {rule.severity_for(t) or 'off'}" for t in TARGETS)
    lines = [
        f"# {rule.id}",
        "",
        f"Kind: `{rule.kind}` ({KINDS[rule.kind].summary}). Severity by target level: {by_target}.",
        "",
        "## Why it matters",
        "",
        rule.rationale,
        "",
        source_line(rule),
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
KINDS_START = "<!-- the kinds table: written by `python -m answerlint.docs` from rules/kinds/ -->"
KINDS_END = "<!-- end of the kinds table -->"


def kinds_table() -> str:
    """The table of rule kinds for docs/rules-format.md, from each kind's declaration."""
    rows = ["| kind | keys | fires | placeholders |", "|---|---|---|---|"]
    for kind in KINDS.values():
        keys = ", ".join(f"`{spec.key}`" + (" (required)" if spec.required else "")
                         for spec in kind.options.specs())
        placeholders = ", ".join(f"`{{{p}}}`" for p in kind.placeholders) or "none"
        rows.append(f"| `{kind.name}` | {keys} | {kind.fires} | {placeholders} |")
    return "\n".join(rows)


def keys_of_kinds() -> str:
    """Each kind's keys, with what they mean, for docs/rules-format.md."""
    lines = []
    for kind in KINDS.values():
        lines.append(f"- `{kind.name}` ({kind.summary}; reads {kind.reads}):")
        for spec in kind.options.specs():
            default = spec.default
            if isinstance(default, bool):
                default = str(default).lower()  # as YAML writes it
            shown = "" if spec.required or default in (None, "") else f", default `{default}`"
            lines.append(f"  - `{spec.key}`: {spec.doc}{shown}")
    return "\n".join(lines)


def with_kinds_table(page: str) -> str:
    """docs/rules-format.md with its generated part written afresh."""
    start, end = page.index(KINDS_START), page.index(KINDS_END)
    generated = f"{KINDS_START}\n\n{kinds_table()}\n\n{keys_of_kinds()}\n\n"
    return page[:start] + generated + page[end:]


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


def main(argv: list[str]) -> None:
    docs = Path(argv[0]) if argv else Path("docs")
    for page in write_pages(docs / "rules"):
        print(page)
    formats = docs / "rules-format.md"
    formats.write_text(with_kinds_table(formats.read_text(encoding="utf-8")), encoding="utf-8")
    print(formats)


if __name__ == "__main__":
    main(sys.argv[1:])
