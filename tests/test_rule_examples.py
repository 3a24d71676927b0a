"""Every rule's bad examples trigger it and its good examples do not."""

import pytest

from answerlint.engine.lint import lint, rules_for
from answerlint.settings import Settings

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


def test_doc_pages_are_generated_from_the_rules(root):
    """Pages come from the YAML (`python -m answerlint.docs docs/rules`); only a trailing
    hand-written '## Known limits' section is kept."""
    from answerlint.docs import LIMITS_MARK, rule_page

    for rule in RULES.values():
        page = (root / "docs" / "rules" / f"{rule.id}.md").read_text(encoding="utf-8")
        limits = ""
        if LIMITS_MARK in page:
            limits = page[page.index(LIMITS_MARK):].split("\nDefined in `rules/")[0]
        assert page == rule_page(rule, limits), f"docs/rules/{rule.id}.md is stale"


def test_every_rule_page_says_what_the_rule_gets_wrong(root):
    from answerlint.docs import LIMITS_MARK

    for rule in RULES.values():
        page = (root / "docs" / "rules" / f"{rule.id}.md").read_text(encoding="utf-8")
        assert LIMITS_MARK in page, f"docs/rules/{rule.id}.md has no known limits"
        limits = page[page.index(LIMITS_MARK) + len(LIMITS_MARK):].split("\nDefined in")[0]
        assert len(limits.split()) >= 12, rule.id


def test_doormat_quotes_the_words_that_carry_it_even_without_giving_in():
    # fired by composure told twice, with no "just apologised": each composure sentence is
    # quoted, never an empty pair of quotes
    text = ("A guest shouted at me about his room. I stayed calm and polite the whole time. "
            "I never lost my temper, and in the end he left.")
    # (where a rewrite turns it toward the error report, the squiggle covers the words it
    # replaces, and the message still quotes the composure)
    fired = [f for f in lint(text, EXPERT).findings if f.rule == "doormat"]
    assert [text[f.start:f.end] for f in fired] == ["stayed calm and polite the whole time",
                                                   "never lost my temper"]
    assert [f.message.split('" makes putting up')[0] for f in fired] == [
        '"I stayed calm and polite', '"never lost my temper']
    assert [f.replacements for f in fired] == [["treated the complaint as an error report"], []]


def test_a_plan_that_sets_out_finding_the_problem_is_a_method_and_one_that_only_soothes_is_not():
    method = ("If a tenant refused entry for a repair, my first step would be to find out why "
              "they were refusing. I would check their file and the repair history, explain why "
              "the work matters, and agree a time that suits them.")
    soothing = ("If a customer was angry, I would smile, stay calm and say sorry, and I would "
                "try to make them feel better about everything before they left.")
    (got,) = lint(method, EXPERT).summaries
    assert got.level == 2
    level = next(f for f in lint(method, EXPERT).findings if f.rule == "level")
    assert "To reach Expert, tell one real time you did it;" in level.message
    assert [s.level for s in lint(soothing, EXPERT).summaries] == [1]
