import pytest

from answerlint.engine.lint import lint
from answerlint.settings import ConfigError, Settings, find_config, load_config, merge


def rules_in(text, settings=None):
    return [f.rule for f in lint(text, settings).findings]


def test_config_found_upward_and_applied(tmp_path):
    (tmp_path / ".answerlint.yaml").write_text(
        "target: expert\nwords_per_minute: 120\ndisable: [hedging]\nseverity: {doormat: error}\n",
        encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = find_config(deep / "draft.md")
    assert found == tmp_path / ".answerlint.yaml"
    settings = load_config(found)
    assert settings.target == "expert" and settings.words_per_minute == 120
    result = lint("I think I just apologized.", settings)
    assert "hedging" not in [f.rule for f in result.findings]
    assert [f.severity for f in result.findings if f.rule == "doormat"] == ["error"]


@pytest.mark.parametrize(("values", "key"), [
    ({"target": "guru"}, "target"),
    ({"words_per_minute": "fast"}, "words_per_minute"),
    ({"disable": 3}, "disable"),
    ({"severity": {"doormat": "loud"}}, "severity.doormat"),
    ({"colour": "red"}, "colour"),
])
def test_bad_values_name_the_key(values, key):
    with pytest.raises(ConfigError) as error:
        merge(Settings(), values, "test.yaml")
    assert error.value.key == key
    assert f"'{key}'" in str(error.value)


def test_front_matter_overrides_config_and_role_picks_target():
    text = "---\nrole: senior\n---\nA client was upset. I fixed her bill and she was happy.\n"
    assert lint(text).settings.target == "expert"
    assert "missing-scaling-fix" in rules_in(text)


def test_bad_front_matter_value_is_an_error_finding():
    result = lint("---\ntarget: wizard\n---\nI fixed it.\n")
    bad = [f for f in result.findings if f.rule == "invalid-config"]
    assert len(bad) == 1 and "'target'" in bad[0].message and bad[0].severity == "error"


def test_disable_and_enable_comments():
    text = ("I think it worked.\n\n<!-- answerlint-disable hedging -->\n\nI think it failed.\n\n"
            "<!-- answerlint-enable hedging -->\n\nI think it broke.\n")
    hedges = [f for f in lint(text).findings if f.rule == "hedging"]
    lines = [text[: f.start].count("\n") for f in hedges]
    assert lines == [0, 8]


def test_disable_without_id_silences_everything_after_it():
    text = "I think it worked.\n\n<!-- answerlint-disable -->\n\nI was told to do it.\n"
    rules = [f for f in lint(text).findings if f.start > text.index("<!--")]
    assert rules == []


def test_comment_in_code_block_is_not_a_switch():
    text = "```\n<!-- answerlint-disable -->\n```\n\nI was told to do it.\n"
    assert "passive-talk" in rules_in(text)


def test_unknown_rule_in_config_names_the_rule_the_file_and_the_line(tmp_path):
    config = tmp_path / ".answerlint.yaml"
    config.write_text("target: basic\nseverity: {doormat: error, dormat: hint}\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value) == (f"{config}: 'severity.dormat': unknown rule 'dormat' "
                                "(did you mean 'doormat'? see `answerlint rules`)")
    assert error.value.line == 2  # where the editor puts its diagnostic


def test_a_users_rule_may_be_disabled_by_id(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "no-sorry.yaml").write_text(
        'id: no-sorry\nkind: existence\nlevel: info\nmessage: "again"\nrationale: Once.\n'
        'seed: "000"\npatterns: ["sorry"]\nexamples: {bad: ["sorry"], good: ["fine"]}\n',
        encoding="utf-8")
    config = tmp_path / ".answerlint.yaml"
    config.write_text("rule_paths: [rules]\ndisable: [no-sorry]\n", encoding="utf-8")
    settings = load_config(config)
    assert "no-sorry" not in rules_in("I said sorry.", settings)
    assert "no-sorry" in rules_in("I said sorry.", Settings(rule_paths=settings.rule_paths))


@pytest.mark.parametrize(("front_matter", "message"), [
    ("disable: [hedging, nosuch]", "front matter: 'disable': unknown rule 'nosuch'"),
    ("severity: {nosuch: hint}", "front matter: 'severity.nosuch': unknown rule 'nosuch'"),
])
def test_unknown_rule_in_front_matter_is_an_error_finding(front_matter, message):
    result = lint(f"---\n{front_matter}\n---\nI think I fixed it.\n")
    [bad] = [f for f in result.findings if f.rule == "invalid-config"]
    assert bad.severity == "error" and bad.message.startswith(message)
    assert "hedging" in [f.rule for f in result.findings]  # the front matter was not applied


def test_the_configuration_page_documents_every_key():
    from pathlib import Path

    from answerlint.settings import KEYS
    page = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(
        encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in page.splitlines()
            if line.startswith("| `")}
    assert rows == set(KEYS)
    for key in KEYS.values():
        if key.editor:
            assert f"| `{key.name}` | `{key.editor}` |" in page
