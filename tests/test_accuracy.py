"""The checks' figures on labelled answers must not drop below those in accuracy_floor.json:
our own answers (always here) and the dev set (when it is beside the project).

They are the roles' patterns alone: the answer classifier was trained on these same answers,
so with it the figures would show what it remembers, not what the patterns read. What the
classifier adds on answers it never saw: `python -m answerlint.train --folds 5 ...`.

Record new figures after an improvement:
`python -m answerlint.eval --patterns-only tests/own-answers ../shared/dev-set --json tests/accuracy_floor.json`
"""

import json
from pathlib import Path

import pytest

from answerlint.eval import evaluate

HERE = Path(__file__).resolve().parent
SETS = {"own-answers": HERE / "own-answers", "dev-set": HERE.parents[1] / "shared" / "dev-set"}
FLOOR = json.loads((HERE / "accuracy_floor.json").read_text(encoding="utf-8"))
CHECKS = [c for c in FLOOR["own-answers"] if c != "level"]


@pytest.fixture(scope="module", params=sorted(SETS))
def figures(request):
    folder = SETS[request.param]
    if not (folder / "labels.tsv").is_file():
        pytest.skip(f"the {request.param} answers are not at {folder} (a user's clone has no "
                    "dev set; our own answers carry the test)")
    return request.param, evaluate(folder, judge=False)


@pytest.mark.parametrize("check", CHECKS)
def test_check_keeps_its_precision_and_recall(figures, check):
    name, (scores, _) = figures
    score, floor = scores[check], FLOOR[name][check]
    assert score.precision >= floor["precision"] - 1e-9, score.false_positives
    assert score.recall >= floor["recall"] - 1e-9, score.false_negatives


def test_level_agreement_and_no_more_basic_expert_swaps(figures):
    name, (_, level) = figures
    assert level.agreement >= FLOOR[name]["level"]["agreement"] - 1e-9, level.wrong
    assert len(level.extreme) <= FLOOR[name]["level"]["extreme"], level.extreme
