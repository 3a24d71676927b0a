"""Inline switches: `<!-- answerlint-disable rule-id -->` ... `<!-- answerlint-enable rule-id -->`.

Without ids they switch every rule. A switch holds from the comment to the next switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from answerlint.engine.document import Comment

DIRECTIVE = re.compile(r"^answerlint-(disable|enable)(?:\s+(.*))?$", re.S)


@dataclass(frozen=True)
class Switch:
    offset: int
    disable: bool
    rules: frozenset[str]  # empty: every rule


def switches(comments: list[Comment]) -> list[Switch]:
    out = []
    for comment in comments:
        match = DIRECTIVE.match(comment.body)
        if match:
            ids = frozenset(i for i in re.split(r"[\s,]+", match.group(2) or "") if i)
            out.append(Switch(comment.start, match.group(1) == "disable", ids))
    return out


def is_suppressed(rule: str, offset: int, found: list[Switch]) -> bool:
    disabled = False
    for switch in found:
        if switch.offset > offset:
            break
        if not switch.rules or rule in switch.rules:
            disabled = switch.disable
    return disabled
