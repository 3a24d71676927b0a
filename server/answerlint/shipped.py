"""Where the rule files and rule pages that ship with answerlint are.

The repository keeps them in `rules/` and `docs/rules/`. A built package carries copies
(pyproject.toml maps those folders into it as `builtin_rules/` and `rule_docs/`); a
checkout, installed editable or not at all, reads them where they are written. No links.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # server/answerlint/ -> the repository


def _folder(in_package: str, in_checkout: str) -> Path:
    packaged = PACKAGE / in_package
    return packaged if packaged.is_dir() else CHECKOUT / in_checkout


def rules_folder() -> Path:
    """The built-in rule files (YAML)."""
    return _folder("builtin_rules", "rules")


def rule_docs_folder() -> Path:
    """The rule pages, one Markdown file per rule, that hovers and diagnostics link to."""
    return _folder("rule_docs", "docs/rules")
