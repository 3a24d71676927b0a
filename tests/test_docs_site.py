"""The documentation site (mkdocs.yml over docs/) builds with no warning, and has every rule."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from answerlint.rules.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted(load_rules().rules)


def test_the_site_lists_every_rule_page():
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    [rules] = [entry["Rules"] for entry in nav if "Rules" in entry]
    assert [page for entry in rules for page in entry.values()] == [f"rules/{r}.md" for r in RULES]


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None
                    or importlib.util.find_spec("material") is None,
                    reason="mkdocs and mkdocs-material are not installed (pip install -e '.[docs]')")
def test_the_site_builds_strictly_with_a_page_per_rule(tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner, not about our docs
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(site)], capture_output=True, text=True, env=env, timeout=240)
    assert done.returncode == 0, done.stderr
    page = (site / "rules" / "doormat" / "index.html").read_text(encoding="utf-8")
    assert "Why it matters" in page and "the doormat answer" in page
    # a rule page's source line leads to the coaching page, which is in the site
    assert 'href="../../coaching/"' in page
    assert (site / "coaching" / "index.html").is_file()
