"""Settings: defaults, `.answerlint.yaml` found upward from a draft, editor settings, front
matter. Every key is defined once, in KEYS; `resolve_settings` is the one path from a draft's
location to its settings, for the command line and the server alike.

Every bad value raises ConfigError naming the key, so the user knows what to fix.
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from answerlint.rules.loader import rules_at
from answerlint.rules.model import SEVERITIES, TARGETS, RuleFileError
from answerlint.rules.yaml_lines import deep_key

CONFIG_NAMES = (".answerlint.yaml", ".answerlint.yml")


@dataclass(frozen=True)
class Key:
    """One setting: its name in config files and front matter, its name in editors, and where
    it may be set."""

    name: str  # in .answerlint.yaml and front matter (snake_case)
    editor: str | None  # in editor settings (camelCase, as VS Code shows it); None: not there
    doc: str
    front_matter: bool = True  # a draft's front matter may set it
    in_vscode: bool = True  # the VS Code extension contributes it (when `editor` is set)
    editor_aliases: tuple[str, ...] = ()  # other spellings an editor may send


KEYS: dict[str, Key] = {key.name: key for key in (
    Key("target", "target", "the level to coach towards: basic, professional or expert"),
    Key("words_per_minute", "wordsPerMinute", "speaking pace for spoken time (60 to 400)",
        editor_aliases=("words_per_minute",)),
    Key("disable", "disabledRules", "rule ids to switch off", editor_aliases=("disable",)),
    Key("severity", "severity", "per-rule severity: error, warning, info, hint or off"),
    Key("rule_paths", "rulePaths", "extra rule files or folders, relative to the config file",
        front_matter=False, editor_aliases=("rule_paths",)),
    Key("pipeline", "pipeline", "'blank' or the name of an installed spaCy pipeline",
        in_vscode=False),
    Key("role", None, "a job level (junior, mid-level, senior...) that picks the target"),
)}
# Editor setting names (camelCase in VS Code, either style elsewhere) -> keys.
EDITOR_NAMES = {name: key.name for key in KEYS.values() if key.editor
                for name in (key.editor, *key.editor_aliases)}
# A role in front matter picks the target, as the seeds do: first job, mid-level, senior.
ROLE_TARGETS = {
    "entry": "basic", "first-job": "basic", "junior": "basic", "intern": "basic",
    "mid": "professional", "mid-level": "professional", "professional": "professional",
    "senior": "expert", "lead": "expert", "manager": "expert", "pm": "expert",
    "product-manager": "expert", "principal": "expert", "staff": "expert",
}


class ConfigError(ValueError):
    def __init__(self, source: str, key: str, reason: str, line: int | None = None) -> None:
        super().__init__(f"{source}: '{key}': {reason}")
        self.source, self.key, self.reason = source, key, reason
        self.line = line  # 1-based, when the error comes from a file


class InvalidYaml(ConfigError):
    """A config file that does not parse: shown as FILE:LINE:COL, as compilers and editors
    point at a place, rather than as a bad key."""

    def __init__(self, source: str, problem: str, line: int, column: int) -> None:
        super().__init__(source, f"line {line}", f"invalid YAML: {problem}", line)
        self.column = column
        self.args = (f"{source}:{line}:{column}: invalid YAML: {problem}",)


class UnknownRule(ConfigError):
    """`disable` or `severity` names a rule that no rule file has. `settings` are the ones
    the file gives otherwise, for `answerlint rules`, which lists the ids to choose from."""

    def __init__(self, source: str, key: str, rule: str, settings: Settings,
                 known: list[str] | None = None) -> None:
        near = difflib.get_close_matches(rule, known or [], n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        super().__init__(source, key, f"unknown rule '{rule}' ({hint}see `answerlint rules`)")
        self.settings = settings


@dataclass(frozen=True)
class Settings:
    target: str = "professional"
    words_per_minute: float = 150.0
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    rule_paths: tuple[Path, ...] = ()
    pipeline: str = "blank"
    config_file: Path | None = None
    pinned: frozenset[str] = frozenset()  # keys front matter may not change (the command line's)
    judge: bool = True  # let judged roles defer to the answer classifier (off: patterns alone)


def merge(settings: Settings, values: dict[str, Any], source: str,
          base: Path | None = None, extend_disable: bool = True) -> Settings:
    """Settings with `values` (from a file, front matter or the editor) laid over them."""
    if not isinstance(values, dict):
        raise ConfigError(source, "(top)", "must be a mapping of keys to values")
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in KEYS:
            raise ConfigError(source, str(key), f"unknown key (known: {', '.join(sorted(KEYS))})")
        if key == "target":
            if not isinstance(value, str) or value.lower() not in TARGETS:
                raise ConfigError(source, key, f"must be one of {', '.join(TARGETS)}")
            changes["target"] = value.lower()
        elif key == "role":
            if not isinstance(value, str):
                raise ConfigError(source, key, "must be a job level such as junior or senior")
            name = value.lower().replace(" ", "-")
            if "target" not in values and name in ROLE_TARGETS:
                changes["target"] = ROLE_TARGETS[name]
        elif key == "words_per_minute":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 60 <= value <= 400:
                raise ConfigError(source, key, "must be a number from 60 to 400")
            changes[key] = float(value)
        elif key == "disable":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(source, key, "must be a list of rule ids")
            changes[key] = (settings.disable if extend_disable else frozenset()) | set(value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(source, key, "must map rule ids to error, warning, info, hint or off")
            for rule, level in value.items():
                if level not in (*SEVERITIES, "off"):
                    raise ConfigError(source, f"{key}.{rule}",
                                      "must be error, warning, info, hint or off")
            changes[key] = {**settings.severity, **value}
        elif key == "rule_paths":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(source, key, "must be a list of files or folders")
            root = base or Path.cwd()
            changes[key] = settings.rule_paths + tuple((root / v).resolve() for v in value)
        elif key == "pipeline":
            if not isinstance(value, str) or not value:
                raise ConfigError(source, key, "must be 'blank' or an installed spaCy pipeline")
            problem = _pipeline_problem(value)
            if problem is not None:
                raise ConfigError(source, key, problem)
            changes[key] = value
    return replace(settings, **changes)


def _pipeline_problem(name: str) -> str | None:
    """Why spaCy could not load the pipeline `name`, looked at as spacy.load looks (an
    installed package, else a folder) without importing spaCy; None when it can."""
    if name == "blank" or name.startswith("blank:") or _installed(name):
        return None
    path = Path(name).expanduser()
    if not path.exists():
        return (f"no spaCy pipeline '{name}' is installed (nor is it a folder); use 'blank' "
                f"or install one, e.g. `python -m spacy download en_core_web_sm`")
    if not (path / "meta.json").is_file() or not (path / "config.cfg").is_file():
        return f"'{name}' is not a saved spaCy pipeline (a folder with meta.json and config.cfg)"
    return None


@functools.lru_cache(maxsize=32)
def _installed(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return True


def front_matter_settings(settings: Settings, front_matter: dict[str, Any]) -> Settings:
    """The draft's own settings from its front matter, except the keys `settings` pins.
    Keys that are not settings (a title, tags) are the draft's business and left alone."""
    own = {k: v for k, v in front_matter.items() if k in KEYS and KEYS[k].front_matter}
    if not own:
        return settings
    merged = merge(settings, own, "front matter")
    check_rule_ids(own, merged, "front matter")
    return replace(merged, **{k: getattr(settings, k) for k in settings.pinned})


def check_rule_ids(values: dict[str, Any], settings: Settings, source: str) -> None:
    """Raise UnknownRule for a rule id in `disable` or `severity` that no rule has: a typo
    there would otherwise leave the rule on without a word. Not while a rule file is broken,
    whose rules are missing for that reason (its own error says so)."""
    disabled = values.get("disable") or []  # merge has checked the shapes
    named = [("disable", rule) for rule in ([disabled] if isinstance(disabled, str) else disabled)]
    named += [(f"severity.{rule}", rule) for rule in values.get("severity") or {}]
    if not named:
        return
    rules = rules_at(settings.rule_paths)
    if rules.errors:
        return
    for key, rule in named:
        if rule not in rules.rules:
            raise UnknownRule(source, key, rule, settings, sorted(rules.rules))


def pin(settings: Settings, values: dict[str, Any], source: str) -> Settings:
    """Settings with `values` laid over them and pinned against front matter."""
    merged = merge(settings, values, source)
    keys = set(values) | ({"target"} if "role" in values else set())
    return replace(merged, pinned=settings.pinned | frozenset(keys))


def find_config(start: Path) -> Path | None:
    """The nearest `.answerlint.yaml` in the draft's folder or above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                return path
    return None


def _key_line(text: str, key: str) -> int:
    """The 1-based line where a top-level key is set, for pointing at a bad value."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_config(path: Path, settings: Settings | None = None) -> Settings:
    settings = settings or Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), "(file)", f"cannot read: {error}") from None
    try:
        values = yaml.safe_load(text) or {}
    except RecursionError:
        key, line = deep_key(text)
        raise ConfigError(str(path), key, "nested too deeply to read", line) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise InvalidYaml(str(path), problem, mark.line + 1 if mark else 1,
                          mark.column + 1 if mark else 1) from None
    try:
        merged = replace(merge(settings, values, str(path), base=path.parent), config_file=path)
        check_rule_ids(values, merged, str(path))
    except ConfigError as error:
        error.line = _key_line(text, error.key.split(".")[0])
        raise
    return merged


@functools.lru_cache(maxsize=64)
def _config_at(path: Path, _stamp: float) -> Settings:
    """A config file's settings, read again only when it changes (a folder of drafts shares
    one file)."""
    return load_config(path)


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@dataclass(frozen=True)
class Resolved:
    settings: Settings
    config_error: ConfigError | None = None  # the config file could not be used
    rule_errors: tuple[RuleFileError, ...] = ()  # broken rule files (the rest still load)


def resolve_settings(draft: Path | None, *, config: Path | None = None,
                     workspace: Path | None = None, editor: dict[str, Any] | None = None,
                     pins: dict[str, Any] | None = None) -> Resolved:
    """A draft's settings, later winning: the defaults, `config` (or the nearest
    `.answerlint.yaml` above the draft, else above `workspace`), the `editor`'s settings,
    and `pins` (the command line's, which the draft's front matter cannot change either;
    front matter is laid on by `lint`). A broken config file is reported and skipped."""
    settings = Settings()
    error = None
    found = config
    if found is None and draft is not None:
        found = find_config(draft)
    if found is None and workspace is not None:
        found = find_config(workspace)  # an untitled draft uses the workspace's file
    if found is not None:
        try:
            settings = _config_at(found, _stamp(found))
        except ConfigError as problem:
            error = problem
    if editor:
        settings = merge(settings, editor, "editor settings", base=workspace)
    if pins:
        settings = pin(settings, pins, "command line")
    return Resolved(settings, error, tuple(rules_at(settings.rule_paths).errors))
