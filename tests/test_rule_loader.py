import re
from pathlib import Path

import yaml

from answerlint.engine.lint import lint
from answerlint.rules.loader import load_rules
from answerlint.rules.patterns import check_one_word
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


def _rule(rule_id: str, kind: str = "existence", extra: str = 'patterns: ["sorry"]') -> str:
    return (f'id: {rule_id}\nkind: {kind}\nseverity: info\nmessage: "{rule_id} fired"\n'
            f'rationale: Why.\nseed: "000"\n{extra}\nexamples: {{bad: ["sorry"], good: ["fine"]}}\n')


def test_a_rule_runs_after_the_rule_its_condition_names_whatever_the_file_names(tmp_path):
    """`a-first` reads `z-last`'s findings: it must run after it, though it loads first
    and both are of a kind that reads no other rule by itself."""
    (tmp_path / "a-first.yaml").write_text(
        _rule("a-first", "existence", 'patterns: ["said"]\nwhen: "z-last"'), encoding="utf-8")
    (tmp_path / "z-last.yaml").write_text(_rule("z-last"), encoding="utf-8")
    rules = load_rules([tmp_path])
    order = [r.id for r in rules.order]
    assert order.index("z-last") < order.index("a-first")
    fired = [f.message for f in lint("I said sorry.", Settings(rule_paths=(tmp_path,))).findings]
    assert "a-first fired" in fired and "z-last fired" in fired


def test_rules_in_a_cycle_are_reported_at_their_file_and_line_and_left_out(tmp_path):
    (tmp_path / "p.yaml").write_text(_rule("p", "condition", 'when: "q"'), encoding="utf-8")
    (tmp_path / "q.yaml").write_text(_rule("q", "existence", 'patterns: ["sorry"]\nwhen: "p"'),
                                     encoding="utf-8")
    (tmp_path / "r.yaml").write_text(_rule("r", "condition", 'when: "p"'), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(_rule("s", "condition", 'when: "s"'), encoding="utf-8")
    rules = load_rules([tmp_path])
    errors = {e.path.rsplit("/", 1)[1]: (e.line, e.reason) for e in rules.errors}
    assert errors["p.yaml"] == (1, "rules 'p', 'q' read each other's findings (a cycle), so none can run")
    assert errors["r.yaml"] == (1, "rule 'r' reads 'p', which cannot run (a cycle)")
    assert errors["s.yaml"] == (1, "rule 's' reads its own findings (a cycle), so it cannot run")
    assert "q.yaml" not in errors  # its cycle is reported once
    assert not {"p", "q", "r", "s"} & set(rules.rules)
    assert "doormat" in rules.rules


def test_a_condition_may_read_the_target_level(tmp_path):
    (tmp_path / "senior.yaml").write_text(
        _rule("senior-only", "existence", 'patterns: ["sorry"]\nwhen: "target >= 3"'),
        encoding="utf-8")
    settings = Settings(rule_paths=(tmp_path,))
    assert not load_rules([tmp_path]).errors
    fired = {t: "senior-only fired" in [f.message for f in lint(
        "I said sorry.", settings.__class__(target=t, rule_paths=(tmp_path,))).findings]
        for t in ("basic", "professional", "expert")}
    assert fired == {"basic": False, "professional": False, "expert": True}


def test_unknown_names_and_roles_are_errors_at_the_rule(tmp_path):
    (tmp_path / "u.yaml").write_text(_rule("u", "condition", 'when: "nosuch and result"'),
                                     encoding="utf-8")
    (tmp_path / "v.yaml").write_text(_rule("v", "requirement", "role: nosuchrole"),
                                     encoding="utf-8")
    errors = {e.path.rsplit("/", 1)[1]: (e.line, e.reason) for e in load_rules([tmp_path]).errors}
    assert errors["u.yaml"] == (1, "unknown name 'nosuch' in rule 'u'")
    assert errors["v.yaml"] == (1, "unknown role 'nosuchrole' in rule 'v'")


def test_option_values_are_checked_by_their_declared_types(tmp_path):
    cases = {
        "w1": ("share", "role: conflict\nmin_share: 2", 8, "'min_share' must be a number between 0 and 1"),
        "w2": ("share", "role: conflict\nmin_sentences: many", 8, "'min_sentences' must be a whole number"),
        "w3": ("existence", 'patterns: ["sorry"]\nclaims_only: "yes"', 8, "'claims_only' must be true or false"),
        "w4": ("requirement", "role: result\ninsert_after: [1, 2]", 8, "'insert_after' must be a list of role names"),
        "w5": ("ratio", 'patterns: ["we"]', 1, "a rule of kind 'ratio' needs 'against'"),
        "w6": ("spoken-time", "max_seconds: soon", 7, "'max_seconds' must be a number of seconds"),
    }
    for rule_id, (kind, extra, _, _) in cases.items():
        (tmp_path / f"{rule_id}.yaml").write_text(_rule(rule_id, kind, extra), encoding="utf-8")
    errors = {e.path.rsplit("/", 1)[1]: (e.line, e.reason) for e in load_rules([tmp_path]).errors}
    for rule_id, (_, _, line, reason) in cases.items():
        assert errors[f"{rule_id}.yaml"] == (line, reason)


def test_severity_key_and_its_older_name(tmp_path):
    (tmp_path / "old.yaml").write_text(_rule("old").replace("severity: info", "level: hint"),
                                       encoding="utf-8")
    (tmp_path / "both.yaml").write_text(
        _rule("both").replace("severity: info", "severity: info\nlevel: hint"), encoding="utf-8")
    rules = load_rules([tmp_path])
    assert rules.rules["old"].severity == "hint"
    errors = {e.path.rsplit("/", 1)[1]: (e.line, e.reason) for e in rules.errors}
    assert errors["both.yaml"] == (4, "give 'severity' only ('level' is its older name)")


def test_mixed_alternatives_are_a_load_error_not_a_silent_miss(tmp_path):
    for n, (pattern, reason) in enumerate([
        ("had|=been", "mixes exact forms (=word) with lemmas"),
        ("=had|@emotion", "mixes exact forms (=word) and a class (@name)"),
        ("fixed|%past", "%past cannot be one of several alternatives"),
    ]):
        (tmp_path / f"m{n}.yaml").write_text(_rule(f"m{n}", "existence", f'patterns: ["{pattern}"]'),
                                             encoding="utf-8")
        errors = [e for e in load_rules([tmp_path]).errors if e.path.endswith(f"m{n}.yaml")]
        assert len(errors) == 1 and errors[0].line == 7 and reason in errors[0].reason


ROLES = """roles:
  deed-x:
    description: the speaker's act
    patterns: ["=i %past"]
  after-x:
    description: someone else's act after it
    after: [deed-x]
    patterns: ["^=she %past"]
  labelled-x:
    description: told under a Result label
    in_parts: [result]
    patterns: ["=never =matches =this"]
  both-x:
    description: either
    includes: [after-x, labelled-x]
    patterns: ["=never =matches =this"]
"""


def test_roles_read_from_their_context(tmp_path):
    """`after` (only past the first sentence of a role), `in_parts` (any sentence under a
    STAR label), `includes` (another role's sentences too), in dependency order."""
    (tmp_path / "roles-x.yaml").write_text(ROLES, encoding="utf-8")
    settings = Settings(rule_paths=(tmp_path,))
    text = ("# Case\n\nShe called twice. I fixed the form. She thanked me.\n\n"
            "**Result:** everything works now\n")
    model = lint(text, settings).models[0]
    roles = {s.text.strip(): sorted(r for r in s.roles if r.endswith("-x")) for s in model.sentences}
    assert roles == {"She called twice.": [], "I fixed the form.": ["deed-x"],
                     "She thanked me.": ["after-x", "both-x"],
                     "Result:   everything works now": ["both-x", "labelled-x"]}


def test_a_role_naming_an_unknown_role_or_in_a_cycle_is_an_error(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "roles:\n  a-x:\n    description: a\n    includes: [b-x]\n    patterns: [\"x\"]\n"
        "  b-x:\n    description: b\n    after: [a-x]\n    patterns: [\"y\"]\n"
        "  c-x:\n    description: c\n    not_with: [nosuch]\n    patterns: [\"z\"]\n",
        encoding="utf-8")
    errors = {e.reason for e in load_rules([tmp_path]).errors}
    assert "roles 'a-x', 'b-x' read each other's roles (a cycle), so none can run" in errors
    assert "unknown role 'nosuch' in role 'c-x'" in errors


def test_a_role_that_marks_something_unknown_is_an_error_at_its_line(tmp_path):
    (tmp_path / "roles.yaml").write_text(
        "roles:\n  sometime:\n    description: a day\n    marks: rarely\n"
        "    patterns: [\"one day\"]\n", encoding="utf-8")
    rules = load_rules([tmp_path])
    (error,) = [e for e in rules.errors if e.path.endswith("roles.yaml") and "tmp" in e.path]
    assert (error.line, error.reason) == (
        4, "role 'sometime': marks must be one of occasion, habit, not 'rarely'")


def _rule_with_pattern(tmp_path, rule_id, pattern):
    """A user rule file of GOOD_RULE's shape that flags `pattern`; its path."""
    path = tmp_path / f"{rule_id}.yaml"
    path.write_text(GOOD_RULE.replace("no-sorry", rule_id).replace('["sorry"]', f'["{pattern}"]'),
                    encoding="utf-8")
    return path


def _hits(tmp_path, pattern, text):
    """What a user rule flagging `pattern` marks in `text`."""
    _rule_with_pattern(tmp_path, "probe", pattern)
    result = lint(text, Settings(rule_paths=(tmp_path,)))
    return [text[f.start:f.end] for f in result.findings if f.rule == "probe"]


def test_a_pattern_may_spell_a_negative_glued_though_the_tokenizer_splits_it(tmp_path):
    # "wasn't" is two tokens to the matcher ("was", "n't"); the pattern still finds it, and
    # "never" beside it as written (the verb before it may be taken into the hit)
    assert _hits(tmp_path, "=wasn't|=never =told",
                 "I wasn't told. She was told. He was never told.") == [
        "wasn't told", "was never told"]


def test_a_glued_negative_in_a_list_of_other_words_follows_only_its_own_verb(tmp_path):
    # "=was|=wasn't =told": "was told" and "wasn't told"; a lone "n't" after another verb is not
    assert _hits(tmp_path, "=i =was|=wasn't =told",
                 "I was told. I wasn't told. I didn't told.") == ["I was told", "I wasn't told"]


def test_a_glued_negative_whose_verb_is_missing_from_its_list_is_an_error_at_its_line(tmp_path):
    _rule_with_pattern(tmp_path, "only-never", "=we =only|=didn't =know")
    (error,) = [e for e in load_rules([tmp_path]).errors if e.path.endswith("only-never.yaml")]
    assert error.line == 7
    assert "'didn't' is two words to the matcher ('did' and 'n't'), and 'did' is not in " \
           "the list '=only|=didn't'; add it, or write '=did =n't' in a pattern of its own" \
           in error.reason


def test_two_patterns_over_the_same_words_make_one_finding_over_the_longer_span(tmp_path):
    # one inside the other, and two that overlap: each place is flagged once
    assert _hits(tmp_path, 'was told", "=i =was =told =to',
                 "I was told to wait. Then he was told.") == ["I was told to", "was told"]
    assert _hits(tmp_path, 'the policy", "policy says',
                 "The policy says no.") == ["policy says"]


def test_an_empty_alternative_is_an_error_not_a_silent_optional(tmp_path):
    # "=.|=!|=?" would read as an optional "=.|=!" and so match nothing at all
    _rule_with_pattern(tmp_path, "ends", "=if _{0,9} =.|=!|=?")
    (error,) = [e for e in load_rules([tmp_path]).errors if e.path.endswith("ends.yaml")]
    assert error.line == 7
    assert "'=.|=!|=' has an empty alternative; a '?' at the end of a term makes it " \
           "optional, so '?' cannot be matched as a word" in error.reason


def test_a_negative_typed_without_its_apostrophe_is_still_a_negative(tmp_path):
    # notes typed fast: "wasnt" and "cant" split into "was" "nt" and "ca" "nt"
    assert _hits(tmp_path, "=wasn't|=can't =allowed|=touch",
                 "i wasnt allowed. i cant touch it. I wasn't allowed.") == [
        "wasnt allowed", "cant touch", "wasn't allowed"]


def test_a_question_mark_before_a_term_is_an_error_at_its_line(tmp_path):
    # "^?=because" once read as the word "?=because" and so matched nothing, silently
    _rule_with_pattern(tmp_path, "lead-mark", "^?=because =i")
    (error,) = [e for e in load_rules([tmp_path]).errors if e.path.endswith("lead-mark.yaml")]
    assert error.line == 7
    assert "'?=because': '?' goes after the term it makes optional (x?)" in error.reason


def test_a_word_the_tokenizer_splits_is_an_error_at_its_line(tmp_path):
    # "check-in" reaches the matcher as three words, so as one term it could never match
    _rule_with_pattern(tmp_path, "hyphen", "weekly check-in")
    (error,) = [e for e in load_rules([tmp_path]).errors if e.path.endswith("hyphen.yaml")]
    assert error.line == 7
    assert error.reason.endswith("'check-in' is 3 words to the matcher ('check', '-', 'in'); "
                                 "write them as words in a row: check - in")
    # the same words in a row do match
    assert _hits(tmp_path, "weekly check - in", "We set up a weekly check-in.") == [
        "weekly check-in"]


def _pattern_words(data):
    """Every word a shipped pattern names (not classes, gaps or the past-tense mark)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("patterns", "unless", "swap", "against") and isinstance(value, list):
                for entry in value:
                    source = entry if isinstance(entry, str) else entry.get("pattern")
                    for term in (source or "").split():
                        term = re.sub(r"\{\d+,\d+\}$", "", term.lstrip("^!").rstrip("?"))
                        yield from (w.lstrip("=") for w in term.split("|")
                                    if w and not w.startswith(("@", "%", "_")))
            elif key != "examples":
                yield from _pattern_words(value)
    elif isinstance(data, list):
        for item in data:
            yield from _pattern_words(item)


def test_every_word_of_the_shipped_rules_is_one_token_to_the_matcher():
    # loading tokenizes only the words with hyphens or inner apostrophes; this looks at all
    # ("gonna", "cannot" and "thats" split too)
    for path in sorted((Path(__file__).parent.parent / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words = set(_pattern_words(data))
        for members in (data.get("vocabulary") or {}).values():
            words.update(members)
        for word in words:
            if word.endswith("n't") and len(word) > 3:
                continue  # a glued negative, split on purpose (see test above)
            check_one_word(word, every=True)


def test_an_unknown_verb_form_in_a_rewrite_is_an_error_at_its_line(tmp_path):
    (tmp_path / "swapper.yaml").write_text(
        "id: swapper\nkind: substitution\nseverity: info\nmessage: \"{match}: {replacement}\"\n"
        "rationale: r\nseed: \"000\"\nswap:\n"
        "  - regex: \"\\\\bwe were able to (\\\\w+)\"\n"
        "    replace: [\"we {pst:\\\\1}\"]\n"
        "examples: {bad: [\"We were able to fix it.\"], good: [\"We fixed it.\"]}\n",
        encoding="utf-8")
    (error,) = [e for e in load_rules([tmp_path]).errors if e.path.endswith("swapper.yaml")]
    assert (error.line, error.reason) == (
        8, "unknown verb form {pst:...} in 'we {pst:\\\\1}' (known: fit, past, past?)")


def test_a_regex_that_can_backtrack_without_bound_is_refused_at_its_line(tmp_path):
    slow = GOOD_RULE.replace('["sorry"]', '\n  - {regex: "sorr(y+)+$"}', 1)
    (tmp_path / "slow.yaml").write_text(slow, encoding="utf-8")
    safe = GOOD_RULE.replace("no-sorry", "safe").replace(
        '["sorry"]', '\n  - {regex: "sorry(?: [a-z]+)*"}', 1)
    (tmp_path / "safe.yaml").write_text(safe, encoding="utf-8")
    rules = load_rules([tmp_path])
    ((line, reason),) = [(e.line, e.reason) for e in rules.errors]
    assert line == 8 and "can take unbounded time" in reason and "(y+)+" in reason
    assert "safe" in rules.rules and "no-sorry" not in rules.rules
    # and the text that would have taken minutes is checked at once
    result = lint("sorr" + "y" * 40 + "!", Settings(rule_paths=(tmp_path,)))
    assert not [f for f in result.findings if f.rule == "no-sorry"]


def test_no_bundled_regex_can_backtrack_without_bound():
    from answerlint.rules.regex_safety import unbounded_backtracking
    regexes = [pattern.regex.pattern for rule in load_rules().rules.values()
               for patterns in rule.options.__dict__.values()
               for pattern in (patterns if isinstance(patterns, list) else [])
               if getattr(pattern, "regex", None) is not None]
    assert len(regexes) > 20
    assert [source for source in regexes if unbounded_backtracking(source)] == []


def test_the_worked_example_in_the_rule_format_page_works_as_it_says(tmp_path):
    page = (Path(__file__).resolve().parent.parent / "docs" / "rules-format.md").read_text(
        encoding="utf-8")
    section = page[page.index("## A worked example"):]
    rule_yaml = re.search(r"```yaml\n(id: apology-loop\n.*?)```", section, re.S)[1]
    (tmp_path / "apology-loop.yaml").write_text(rule_yaml, encoding="utf-8")
    settings = Settings(rule_paths=(tmp_path,))
    rules = load_rules([tmp_path])
    assert not rules.errors and "apology-loop" in rules.rules
    example = yaml.safe_load(rule_yaml)["examples"]
    bad = lint(example["bad"][0], settings)
    assert [bad.document.text[f.start:f.end] for f in bad.findings
            if f.rule == "apology-loop"][:1] == ["apologised again"]
    assert bad.findings[[f.rule for f in bad.findings].index("apology-loop")].message.startswith(
        '"apologised again": one apology is enough.')
    good = lint(example["good"][0], settings)
    assert not [f for f in good.findings if f.rule == "apology-loop"]
