from answerlint.engine.lint import lint
from answerlint.rules.loader import load_rules
from answerlint.settings import Settings

GOOD_RULE = """id: no-sorry
kind: existence
level: info
message: "'{match}' again"
rationale: Say sorry once.
seed: "000"
patterns: ["sorry"]
examples: {bad: ["sorry"], good: ["fine"]}
"""


def test_user_rule_loads_and_runs(tmp_path):
    (tmp_path / "no-sorry.yaml").write_text(GOOD_RULE, encoding="utf-8")
    result = lint("I said sorry.", Settings(rule_paths=(tmp_path,)))
    assert [f.message for f in result.findings if f.rule == "no-sorry"] == ["'sorry' again"]


def test_broken_files_report_file_line_reason_and_others_keep_working(tmp_path):
    (tmp_path / "a-ok.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "b-yaml.yaml").write_text("id: x\nkind: [\n", encoding="utf-8")
    (tmp_path / "c-kind.yaml").write_text(GOOD_RULE.replace("existence", "magic"), encoding="utf-8")
    (tmp_path / "d-placeholder.yaml").write_text(
        GOOD_RULE.replace("no-sorry", "p").replace("{match}", "{nope}"), encoding="utf-8")
    (tmp_path / "e-pattern.yaml").write_text(
        GOOD_RULE.replace("no-sorry", "q").replace('["sorry"]', '["@nosuchclass"]'), encoding="utf-8")
    (tmp_path / "f-binary.yaml").write_bytes(b"\x00\x00")
    rules = load_rules([tmp_path])
    errors = {e.path.rsplit("/", 1)[1]: (e.line, e.reason) for e in rules.errors}
    assert errors["b-yaml.yaml"][0] == 3 and "invalid YAML" in errors["b-yaml.yaml"][1]
    assert errors["c-kind.yaml"] == (2, "unknown kind 'magic' (known: existence, substitution, requirement, share, ratio, spoken-time, condition, level)")
    assert errors["d-placeholder.yaml"][0] == 4 and "{nope}" in errors["d-placeholder.yaml"][1]
    assert errors["e-pattern.yaml"][0] == 7 and "@nosuchclass" in errors["e-pattern.yaml"][1]
    assert errors["f-binary.yaml"] == (1, "this is a binary file, not YAML")
    assert "no-sorry" in rules.rules and "doormat" in rules.rules


def test_rules_never_execute_code(tmp_path):
    (tmp_path / "evil.yaml").write_text("!!python/object/apply:os.system ['echo hi']\n",
                                        encoding="utf-8")
    errors = load_rules([tmp_path]).errors
    assert len(errors) == 1 and "invalid YAML" in errors[0].reason
