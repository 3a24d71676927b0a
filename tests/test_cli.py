import json
import os
import subprocess
import sys

import pytest

from answerlint.cli import main

PASSIVE = "A customer was upset. I was told to give her a refund, so I did.\n"


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "answerlint", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_human_output_lines_and_exit_code(tmp_path, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(draft), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert f"{draft}:1:23: warning passive-talk" in out
    assert out.strip().splitlines()[-1].startswith("Found ")


def test_json_schema_has_ranges_replacements_and_level(tmp_path, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(PASSIVE, encoding="utf-8")
    main(["check", str(draft), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    findings = data["files"][0]["findings"]
    passive = next(f for f in findings if f["rule"] == "passive-talk")
    assert passive["range"] == {"start": {"line": 0, "character": 22},
                                "end": {"line": 0, "character": 63}}
    assert passive["replacements"] == ["I gave her a refund"]
    level = next(f for f in findings if f["rule"] == "level")
    assert level["level"] in (1, 2, 3)
    assert data["files"][0]["answers"][0]["words"] == 15


def test_clean_file_exits_zero_and_fail_level(tmp_path, capsys):
    draft = tmp_path / "ok.md"
    draft.write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(draft), "--fail-level", "error"]) == 0
    assert main(["check", str(draft), "--fail-level", "never"]) == 0


def test_stdin_and_target_override_front_matter(capsys):
    result = run("check", "-", "--format", "json", "--target", "basic",
                 stdin="---\ntarget: expert\n---\nI fixed the bug and the client was happy.\n")
    data = json.loads(result.stdout)
    rules = {f["rule"] for f in data["files"][0]["findings"]}
    assert "missing-scaling-fix" not in rules  # off at basic, on at expert
    assert data["files"][0]["path"] == "<stdin>"


def test_missing_path_and_bad_config_exit_two(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    config = tmp_path / ".answerlint.yaml"
    config.write_text("target: wizard\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.md")]) == 2
    assert "'target': must be one of basic, professional, expert" in capsys.readouterr().err


def test_binary_file_is_refused_and_others_still_checked(tmp_path, capsys):
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02binary")
    assert main(["check", str(tmp_path), "--color", "never"]) == 2
    out = capsys.readouterr().out
    assert "b.md: error binary file" in out
    assert "a.md:1:23: warning passive-talk" in out


def test_folder_is_searched_for_markdown(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text(PASSIVE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(PASSIVE, encoding="utf-8")
    main(["check", str(tmp_path), "--format", "json"])
    paths = [f["path"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert paths == [str(tmp_path / "sub" / "x.md")]


def test_rules_and_explain(capsys):
    assert main(["rules", "--format", "json"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert {"doormat", "passive-talk", "missing-result", "level", "too-long"} <= ids
    assert main(["explain", "doormat"]) == 0
    assert "## Why it matters" in capsys.readouterr().out
    assert main(["explain", "no-such-rule"]) == 2


def test_jobs_give_the_same_report_in_the_same_order(tmp_path):
    """Several processes lint a folder (a binary file and standard input among the inputs)
    and report exactly what one process does, file by file in the same order."""
    from pathlib import Path

    from answerlint.engine.parallel import PARALLEL_FROM

    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.md"))
    for n in range(12):
        text = examples[n % len(examples)].read_text("utf-8")
        (tmp_path / f"{n:02d}.md").write_text(text * (PARALLEL_FROM // 10 // len(text) + 1),
                                              encoding="utf-8")
    (tmp_path / "05b.md").write_bytes(b"\x00binary")
    # enough text for the files to go to a pool, by default and with --jobs 2
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) > PARALLEL_FROM
    one = run("check", "--format", "json", "--jobs", "1", str(tmp_path), "-", stdin=PASSIVE)
    two = run("check", "--format", "json", "--jobs", "2", str(tmp_path), "-", stdin=PASSIVE)
    default = run("check", "--format", "json", str(tmp_path), "-", stdin=PASSIVE)
    assert default.stdout == two.stdout
    assert one.returncode == two.returncode == 2  # the binary file
    assert json.loads(two.stdout) == json.loads(one.stdout)
    paths = [f["path"] for f in json.loads(two.stdout)["files"]]
    assert paths[-1] == "<stdin>" and paths[6].endswith("05b.md") and len(paths) == 14
    assert json.loads(two.stdout)["files"][-1]["findings"][0]["rule"] == "passive-talk"


def test_jobs_must_be_a_whole_number():
    done = run("check", "--jobs", "two", "examples")
    assert done.returncode == 2 and "'two' is not a whole number" in done.stderr
    done = run("check", "-j", "-1", "examples")
    assert done.returncode == 2 and "must be 0 (one per CPU) or more" in done.stderr


def test_the_readme_sample_output_is_what_the_tool_prints(root):
    """Each line of the README's sample is printed, verbatim, by the README's own first
    command, and its exit code is the one the README gives."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    sample = readme.split("The first command prints findings like:", 1)[1].split("```")[1]
    # this checkout's package (PYTHONPATH kept), without colour
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "answerlint", "check", "examples/"], cwd=root,
                          capture_output=True, text=True, timeout=300, env=env)
    printed = done.stdout.splitlines()
    lines = [line for line in sample.strip().splitlines() if line]
    assert len(lines) >= 2
    for line in lines:
        assert line in printed
    assert done.returncode == 1 and "exits 1" in readme


@pytest.mark.parametrize(("config", "key", "rule", "hint"), [
    ("disable: [hedging, nosuch]\n", "disable", "nosuch", ""),
    ("severity: {nosuch: hint}\n", "severity.nosuch", "nosuch", ""),
    # a typo: the nearest id is named
    ("disable: [hedgin]\n", "disable", "hedgin", "did you mean 'hedging'? "),
])
def test_unknown_rule_in_config_is_a_config_error(tmp_path, capsys, config, key, rule, hint):
    (tmp_path / ".answerlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.md")]) == 2
    assert capsys.readouterr().err == (f"answerlint: {tmp_path / '.answerlint.yaml'}: '{key}': "
                                       f"unknown rule '{rule}' ({hint}see `answerlint rules`)\n")


def test_yaml_syntax_error_points_at_file_line_and_column(tmp_path, capsys):
    config = tmp_path / ".answerlint.yaml"
    config.write_text("target: basic\n  words_per_minute: 120\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.md")]) == 2
    assert capsys.readouterr().err == (
        f"answerlint: {config}:2:19: invalid YAML: mapping values are not allowed here\n")


def test_folder_without_drafts_exits_two_with_a_message(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text(PASSIVE, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"answerlint: no Markdown drafts found in {tmp_path} "
                            f"(--allow-empty to accept that)\n")
    assert captured.out == ""
    assert main(["check", "--allow-empty", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""


NO_SORRY = """id: no-sorry
kind: existence
level: info
message: "'{match}' again"
rationale: Say sorry once. Then fix it.
seed: "000"
patterns: ["sorry"]
examples: {bad: ["sorry"], good: ["fine"]}
"""


def test_rules_and_explain_load_the_configs_rule_paths(tmp_path, capsys, monkeypatch):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "no-sorry.yaml").write_text(NO_SORRY, encoding="utf-8")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [my-rules]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")  # the config is found upward, as for `check`
    assert main(["rules"]) == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if "no-sorry" in line]
    assert line.split() == ["no-sorry", "existence", "info", "Say", "sorry", "once."]
    assert main(["explain", "no-sorry"]) == 0
    assert capsys.readouterr().out.startswith("# no-sorry\n")
    monkeypatch.chdir(tmp_path.parent)
    assert main(["explain", "no-sorry"]) == 2  # no config here: not a rule
    assert main(["explain", "no-sorry", "--config", str(tmp_path / ".answerlint.yaml")]) == 0


def test_rules_still_lists_the_ids_when_the_config_names_an_unknown_one(tmp_path, capsys,
                                                                         monkeypatch):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "no-sorry.yaml").write_text(NO_SORRY, encoding="utf-8")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [my-rules]\ndisable: [no-sory]\n",
                                               encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "no-sorry" in {rule["id"] for rule in json.loads(captured.out)}
    assert captured.err == (f"answerlint: warning: {tmp_path / '.answerlint.yaml'}: 'disable': "
                            "unknown rule 'no-sory' (did you mean 'no-sorry'? see "
                            "`answerlint rules`)\n")


def test_a_broken_rule_file_is_reported_not_its_rule_as_unknown(tmp_path, capsys):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "no-sorry.yaml").write_text(NO_SORRY.replace("existence", "magic"),
                                                         encoding="utf-8")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [my-rules]\ndisable: [no-sorry]\n",
                                               encoding="utf-8")
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    assert main(["check", str(tmp_path / "a.md")]) == 2
    err = capsys.readouterr().err
    assert "rule file error:" in err and "no-sorry.yaml:2: unknown kind 'magic'" in err
    assert "unknown rule" not in err
