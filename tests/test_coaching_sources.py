"""What a user is told about where the coaching comes from points at things they have: the
ideas by name and docs/coaching.md, never the seed documents beside our own checkout."""

import re
from pathlib import Path

import pytest

from answerlint.cli import main
from answerlint.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = sorted(load_rules().rules)
# What would send a user to files they do not have.
UNREACHABLE = re.compile(r"\.\./shared|\bseeds?\b \d|\bseed 0|\b00\d:", re.IGNORECASE)


@pytest.mark.parametrize("rule_id", BUILTIN)
def test_explain_cites_the_idea_by_name_not_a_seed(rule_id, capsys):
    assert main(["explain", rule_id]) == 0
    out = capsys.readouterr().out
    assert not UNREACHABLE.search(out), out
    [source] = [line for line in out.splitlines() if line.startswith("From the coaching: ")]
    assert "docs/coaching.md" in source


def test_every_idea_a_rule_cites_is_on_the_coaching_page():
    """The first idea each rule names is a heading or a bold term of docs/coaching.md."""
    page = (ROOT / "docs" / "coaching.md").read_text(encoding="utf-8").lower()
    named = set(re.findall(r"^#+ (.+)$", page, re.MULTILINE)) | set(re.findall(r"\*\*(.+?)\*\*", page))
    for rule in load_rules().rules.values():
        idea = re.split(r"[:;,]| and ", rule.coaching)[0].strip().lower()
        assert any(idea in term for term in named), (rule.id, idea)


def test_a_users_rule_without_coaching_shows_its_own_source(tmp_path, capsys):
    (tmp_path / "no-sorry.yaml").write_text(
        "id: no-sorry\nkind: existence\nlevel: info\nmessage: \"'{match}' again\"\n"
        "rationale: Say sorry once.\nseed: our team's style guide\npatterns: [\"sorry\"]\n"
        "examples: {bad: [\"sorry\"], good: [\"fine\"]}\n", encoding="utf-8")
    config = tmp_path / ".answerlint.yaml"
    config.write_text(f"rule_paths: [{tmp_path / 'no-sorry.yaml'}]\n", encoding="utf-8")
    assert main(["explain", "no-sorry", "--config", str(config)]) == 0
    assert "Source: our team's style guide." in capsys.readouterr().out


def test_the_readme_names_no_path_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme
    assert "docs/coaching.md" in readme
