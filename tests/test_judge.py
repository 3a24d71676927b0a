"""The answer classifier's verdicts (engine/judge.py): where it is sure it overrules the
roles' sentences, for the checks and the level alike; without it the patterns decide."""

from types import SimpleNamespace

import pytest
from spacy.vocab import Vocab

from answerlint.engine.judge import (
    LABELS,
    answer_words,
    confidences,
    in_place_of_shipped,
    shipped,
)
from answerlint.engine.lint import lint
from answerlint.rules.loader import load_rules
from answerlint.settings import Settings

EXPERT = Settings(target="expert")
# no result, cause, follow-up or wider fix that the patterns read
THIN = ("A tenant rang me furious that his boiler had been off for two days. I listened, "
        "told him I understood, and booked the heating engineer for the next morning.")
# a cause found and a result, both told plainly
FULL = ("A tenant rang me furious that his boiler had been off for two days. I found the "
        "gas meter had run out of credit because his top-up card was faulty. I had a new card "
        "sent the same day, and that evening his heating was working again.")


class StandIn:
    """A classifier that is equally sure of every step."""

    def __init__(self, sure: float) -> None:
        self.sure = sure
        self.vocab = Vocab()

    def __call__(self, doc: object) -> SimpleNamespace:
        return SimpleNamespace(cats=dict.fromkeys(LABELS, self.sure))


def _rules(text: str, settings: Settings = EXPERT) -> set[str]:
    return {f.rule for f in lint(text, settings).findings}


def test_without_a_verdict_the_patterns_decide():
    with in_place_of_shipped(StandIn(0.6)):  # sure of nothing either way
        found = _rules(THIN)
    assert {"missing-result", "missing-root-cause", "missing-scaling-fix"} <= found
    assert "missing-acknowledgement" not in found  # "told him I understood"


def test_a_sure_verdict_that_the_steps_are_told_stands_over_the_sentences():
    with in_place_of_shipped(StandIn(0.99)):
        result = lint(THIN, EXPERT)
    found = {f.rule for f in result.findings}
    assert not found & {"missing-root-cause", "missing-scaling-fix", "missing-follow-up"}
    assert "missing-result" in found  # the result is the patterns' alone (see accuracy.md)
    # the level reads the same verdict: a fix beyond this customer makes it Expert, with no
    # "missing scaling fix" beside it
    assert [s.level for s in result.summaries] == [3]


def test_a_sure_verdict_that_a_step_is_missing_fires_with_no_second_version_inserted():
    with in_place_of_shipped(StandIn(0.6)):
        assert not {"missing-result", "missing-root-cause"} & _rules(FULL)
    with in_place_of_shipped(StandIn(0.01)):
        result = lint(FULL, EXPERT)
    by_rule = {f.rule: f for f in result.findings}
    assert "missing-root-cause" in by_rule
    assert "missing-result" not in by_rule
    # a sentence already reads as the cause: inserting another would clash with it
    assert by_rule["missing-root-cause"].insertion is None


def test_odd_characters_reach_the_classifier_masked():
    # a lone surrogate (an editor may send one) cannot be encoded for spaCy's tokenizer
    assert "level" in _rules("\ud800 A tenant rang me. I fixed his boiler.\udfff")


def test_patterns_only_leaves_the_classifier_out():
    with in_place_of_shipped(StandIn(0.99)):
        assert "missing-result" in _rules(THIN, Settings(target="expert", judge=False))


def test_the_shipped_classifier_loads_and_knows_every_step():
    assert shipped() is not None
    sure = confidences(answer_words(lint(FULL, EXPERT).models[0]))
    assert set(sure) == set(LABELS)
    assert all(0.0 <= value <= 1.0 for value in sure.values())


@pytest.mark.parametrize(("judged", "line", "reason"), [
    ("{label: outcome, told_above: 0.9, missing_below: 0.1}", 5,
     "role 'ended': unknown label 'outcome' (known: " + ", ".join(LABELS) + ")"),
    ("{label: result, told_above: 0.2, missing_below: 0.5}", 5,
     "role 'ended': missing_below must not be above told_above"),
    ("{label: result, told_above: 1.5, missing_below: 0.5}", 5,
     "'told_above' must be a number from 0 to 1"),
    ("{label: result, above: 0.9}", 5, "unknown key 'above' in role 'ended': judged"),
    ("yes", 5, "role 'ended': 'judged' must be a mapping of label, told_above and missing_below"),
])
def test_a_bad_judged_setting_is_an_error_at_its_line(tmp_path, judged, line, reason):
    (tmp_path / "roles.yaml").write_text(
        "roles:\n  ended:\n    description: how it ended\n    patterns: [\"in the end\"]\n"
        f"    judged: {judged}\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    (error,) = [e for e in rules.errors if "tmp" in e.path]
    assert (error.line, error.reason) == (line, reason)
