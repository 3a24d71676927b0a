"""The bundled examples give exactly these findings (line, column 1-based, rule)."""

from pathlib import Path

import pytest

from answerlint.engine.lint import lint
from answerlint.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def findings(name: str):
    result = lint((EXAMPLES / name).read_text(encoding="utf-8"), Settings())
    lines = result.document.lines
    out = []
    for f in result.findings:
        p = lines.position(f.start)
        out.append((p.line + 1, p.character + 1, f.rule))
    return out, [s.level for s in result.summaries]


EXPECTED = {
    "answer-bank.md": (
        [
            (3, 4, 'level'),
            (3, 4, 'missing-follow-up'),
            (3, 4, 'missing-result'),
            (3, 4, 'missing-root-cause'),
            (3, 4, 'missing-scaling-fix'),
            (3, 4, 'missing-value'),
            (5, 42, 'hypothetical'),
            (5, 85, 'hypothetical'),
            (5, 120, 'hedging'),
            (7, 4, 'level'),
            (7, 4, 'missing-value'),
            (11, 4, 'level'),
            (11, 4, 'missing-acknowledgement'),
            (11, 4, 'missing-follow-up'),
            (11, 4, 'missing-result'),
            (11, 4, 'missing-root-cause'),
            (11, 4, 'missing-scaling-fix'),
            (11, 4, 'missing-value'),
            (13, 58, 'passive-talk'),
            (13, 95, 'passive-talk'),
        ],
        [1, 3, 1],
    ),
    "basic.md": (
        [
            (1, 3, 'level'),
            (1, 3, 'missing-follow-up'),
            (1, 3, 'missing-root-cause'),
            (1, 3, 'missing-scaling-fix'),
            (1, 3, 'missing-value'),
            (3, 1, 'too-much-story'),
            (3, 20, 'drama'),
            (3, 69, 'drama'),
            (3, 81, 'drama'),
            (3, 136, 'drama'),
            (3, 178, 'doormat'),
            (3, 216, 'passive-talk'),
            (3, 263, 'hedging'),
            (3, 278, 'hedging'),
        ],
        [1],
    ),
    "expert.md": (
        [
            (5, 3, 'level'),
        ],
        [3],
    ),
    "professional.md": (
        [
            (5, 3, 'level'),
            (5, 3, 'missing-follow-up'),
            (5, 3, 'missing-scaling-fix'),
        ],
        [2],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings_are_pinned(name):
    expected_findings, expected_levels = EXPECTED[name]
    got_findings, got_levels = findings(name)
    assert got_findings == expected_findings
    assert got_levels == expected_levels


def test_every_example_is_pinned():
    assert sorted(p.name for p in EXAMPLES.glob("*.md")) == sorted(EXPECTED)
