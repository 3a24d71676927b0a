"""python -m answerlint.eval: figures only over a rule set that loaded."""

from dataclasses import replace

from answerlint import eval as evaluation
from answerlint.engine.lint import rules_for
from answerlint.rules.model import RuleFileError
from answerlint.settings import Settings


def _labelled(tmp_path):
    (tmp_path / "001.md").write_text("A client was angry. I fixed her bill.\n", encoding="utf-8")
    (tmp_path / "labels.tsv").write_text(
        "file\tlevel\tresult\troot_cause\tscaling_fix\tvalue\tfollow_up\tacknowledgement\t"
        "too_much_story\tdoormat\tpassive\tnamed_tool\thypothetical\n"
        "001.md\t2\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n", encoding="utf-8")
    return tmp_path


def test_a_rule_file_that_does_not_load_stops_the_measurement(tmp_path, monkeypatch, capsys):
    broken = replace(rules_for(Settings()),
                     errors=[RuleFileError("rules/roles.yaml", 227, "bad pattern")])
    monkeypatch.setattr(evaluation, "rules_for", lambda settings: broken)
    floor = tmp_path / "floor.json"
    assert evaluation.main([str(_labelled(tmp_path)), "--json", str(floor)]) == 2
    err = capsys.readouterr().err
    assert "answerlint: rule file error: rules/roles.yaml:227: bad pattern" in err
    assert "nothing measured: fix the rule files first" in err
    assert not floor.exists()


def test_the_figures_are_printed_when_the_rules_load(tmp_path, capsys):
    assert evaluation.main([str(_labelled(tmp_path))]) == 0
    assert "missing-root-cause" in capsys.readouterr().out
