"""Settings: defaults, `.answerlint.yaml` found upward from a draft, front matter, overrides.

Every bad value raises ConfigError naming the key, so the user knows what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from answerlint.rules.model import SEVERITIES, TARGETS

CONFIG_NAMES = (".answerlint.yaml", ".answerlint.yml")
KEYS = {"target", "words_per_minute", "disable", "severity", "rule_paths", "pipeline", "role"}
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


@dataclass(frozen=True)
class Settings:
    target: str = "professional"
    words_per_minute: float = 150.0
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    rule_paths: tuple[Path, ...] = ()
    pipeline: str = "blank"
    config_file: Path | None = None


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
            changes[key] = value
    return replace(settings, **changes)


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
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise ConfigError(str(path), where, f"invalid YAML: {getattr(error, 'problem', error)}",
                          mark.line + 1 if mark else 1) from None
    try:
        merged = merge(settings, values, str(path), base=path.parent)
    except ConfigError as error:
        error.line = _key_line(text, error.key.split(".")[0])
        raise
    return replace(merged, config_file=path)
