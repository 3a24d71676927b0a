"""The dev set's figures must not drop below the ones recorded in accuracy_floor.json.

Run `python -m answerlint.eval ../shared/dev-set --json tests/accuracy_floor.json` to record
new figures after an improvement.
"""

import json
from pathlib import Path

import pytest

from answerlint.eval import evaluate

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "dev-set"
FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures():
    if not (DEV_SET / "labels.tsv").is_file():
        pytest.skip(f"the dev set is not at {DEV_SET}")
    return evaluate(DEV_SET)


@pytest.mark.parametrize("check", [c for c in FLOOR if c != "level"])
def test_check_keeps_its_precision_and_recall(figures, check):
    score = figures[0][check]
    assert score.precision >= FLOOR[check]["precision"] - 1e-9, score.false_positives
    assert score.recall >= FLOOR[check]["recall"] - 1e-9, score.false_negatives


def test_level_agreement_and_no_basic_expert_swaps(figures):
    level = figures[1]
    assert level.agreement >= FLOOR["level"]["agreement"] - 1e-9, level.wrong
    assert level.extreme == []
