"""Every rule's bad examples trigger it and its good examples do not."""

import pytest

from answerlint.config import Settings
from answerlint.engine import lint, rules_for

RULES = rules_for(Settings()).rules
EXPERT = Settings(target="expert")


def _cases():
    for rule in RULES.values():
        for text in rule.bad:
            yield pytest.param(rule.id, text, True, id=f"{rule.id}-bad-{text[:30]}")
        for text in rule.good:
            yield pytest.param(rule.id, text, False, id=f"{rule.id}-good-{text[:30]}")


@pytest.mark.parametrize(("rule_id", "text", "flagged"), list(_cases()))
def test_rule_example(rule_id, text, flagged):
    result = lint(text, EXPERT)
    if rule_id == "level":  # bad examples are Basic, good ones Expert
        assert [s.level for s in result.summaries] == [1 if flagged else 3]
        return
    fired = [f for f in result.findings if f.rule == rule_id]
    assert bool(fired) == flagged, [f.message for f in result.findings]


def test_every_rule_has_a_doc_page(root):
    for rule_id in RULES:
        assert (root / "docs" / "rules" / f"{rule_id}.md").is_file(), rule_id
