"""The editor's `answerlint` settings, checked key by key against the settings' one table
(settings.KEYS): what is accepted, and what was ignored and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from answerlint.settings import EDITOR_NAMES, ConfigError, Settings, merge


@dataclass(frozen=True)
class EditorSettings:
    values: dict[str, Any] = field(default_factory=dict)  # by settings key (snake_case)
    problems: tuple[str, ...] = ()  # "answerlint.name: reason", for each value ignored


def read_editor_settings(raw: Any, root: Path | None) -> EditorSettings:
    """The `answerlint` section (or a mapping holding it) from initializationOptions or
    workspace/configuration. Client-side settings (server path, trace) are not ours and are
    skipped; a bad value is left out and reported."""
    if isinstance(raw, dict) and isinstance(raw.get("answerlint"), dict):
        raw = raw["answerlint"]
    if not isinstance(raw, dict):
        return EditorSettings()
    accepted: dict[str, Any] = {}
    problems = []
    for name, value in raw.items():
        key = EDITOR_NAMES.get(name)
        if key is None or value is None:
            continue
        try:
            merge(Settings(), {key: value}, "editor settings", base=root)
        except ConfigError as error:
            problems.append(f"answerlint.{name}: {error.reason}")
            continue
        accepted[key] = value
    return EditorSettings(accepted, tuple(problems))
