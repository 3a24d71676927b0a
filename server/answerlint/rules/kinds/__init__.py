"""The kinds of rule, one module each; a rule file's `kind:` names one of them."""

from __future__ import annotations

from typing import Any

from answerlint.rules.kind import Kind
from answerlint.rules.kinds import (
    condition,
    existence,
    level,
    ratio,
    requirement,
    share,
    spoken_time,
    substitution,
)

KINDS: dict[str, Kind[Any]] = {kind.name: kind for kind in (
    existence.KIND,
    substitution.KIND,
    requirement.KIND,
    share.KIND,
    ratio.KIND,
    spoken_time.KIND,
    condition.KIND,
    level.KIND,
)}
