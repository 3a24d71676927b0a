"""Real editors, no plugins: headless Neovim and batch Emacs with eglot drive `answerlint lsp`.

Skipped when the editor is missing, unless ANSWERLINT_REQUIRE_EDITORS=1 (set by .ci/run,
which installs them), so a missing editor can never pass silently in CI.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_report import cli_findings

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "editors"
DRAFT = ROOT / "examples" / "basic.md"
REQUIRED = os.environ.get("ANSWERLINT_REQUIRE_EDITORS") == "1"


def need(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        if REQUIRED:
            pytest.fail(f"{program} is not installed (ANSWERLINT_REQUIRE_EDITORS=1)")
        pytest.skip(f"{program} is not installed")
    return found


def scratch_env(tmp_path: Path, draft: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_STATE_HOME=str(home / ".local/state"),
               XDG_CACHE_HOME=str(home / ".cache"), ANSWERLINT_OUT=str(tmp_path / "out.json"),
               ANSWERLINT_DRAFT=str(draft), ANSWERLINT_ROOT=str(tmp_path),
               ANSWERLINT_PYTHON=sys.executable)
    return env


def column(line: str, utf16: int, unit: str) -> int:
    """A UTF-16 column of the CLI as the editor counts it: bytes (Neovim) or characters (Emacs)."""
    prefix = line.encode("utf-16-le")[: utf16 * 2].decode("utf-16-le")
    return len(prefix.encode()) if unit == "bytes" else len(prefix)


def expected(path: Path, found: list[dict], unit: str) -> list[tuple[str, int, int, int, int]]:
    """The CLI's findings for `path` as (rule, line, column, end line, end column) in `unit`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for f in found:
        start, end = f["range"]["start"], f["range"]["end"]
        out.append((f["rule"], start["line"], column(lines[start["line"]], start["character"], unit),
                    end["line"], column(lines[end["line"]], end["character"], unit)))
    return sorted(out)


def run(command: list[str], tmp_path: Path, env: dict[str, str]) -> dict:
    done = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=180)
    out = tmp_path / "out.json"
    assert out.exists(), f"the editor wrote no result:\n{done.stdout}\n{done.stderr}"
    result = json.loads(out.read_text())
    assert result.get("error") is None, result["error"]
    assert done.returncode == 0, done.stderr
    return result


def check_fix(result: dict, draft: Path, found: list[dict]) -> None:
    """The buffer holds the draft with the first passive-talk phrase rewritten, as the CLI
    proposes, and the server's re-lint took the finding away."""
    text = draft.read_text(encoding="utf-8")
    first = min((f for f in found if f["rule"] == "passive-talk"),
                key=lambda f: (f["range"]["start"]["line"], f["range"]["start"]["character"]))
    lines = text.splitlines(keepends=True)
    start, end = first["range"]["start"], first["range"]["end"]
    line = lines[start["line"]]
    a, b = column(line, start["character"], "chars"), column(line, end["character"], "chars")
    lines[start["line"]] = line[:a] + first["replacements"][0] + line[b:]
    assert result["text"].rstrip("\n") == "".join(lines).rstrip("\n")
    assert result["rewritten_gone"] is True


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.md")))
def test_neovim_shows_the_cli_findings_and_applies_a_quick_fix(tmp_path: Path, example: str):
    nvim = need("nvim")
    draft = tmp_path / example
    shutil.copy(ROOT / "examples" / example, draft)
    found = cli_findings(draft)
    result = run([nvim, "--headless", "--clean", "-c", f"luafile {SCRIPTS / 'neovim.lua'}"],
                 tmp_path, scratch_env(tmp_path, draft))
    got = sorted((d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"])
                 for d in result["diagnostics"])
    assert got == expected(draft, found, "bytes")
    assert all(d["source"] == "answerlint" for d in result["diagnostics"])
    # init_options made drama a hint (vim.diagnostic.severity.HINT is 4)
    dramas = {d["severity"] for d in result["diagnostics"] if d["code"] == "drama"}
    assert dramas == ({4} if example == "basic.md" else set())
    if not any(f["rule"] == "passive-talk" for f in found):
        assert "text" not in result  # nothing to rewrite in this draft
        return
    if example == "basic.md":
        titles = [a["title"] for a in result["actions"]]
        assert titles[0] == 'Rewrite as "I gave him a free drink"'
    check_fix(result, draft, found)


def test_emacs_eglot_shows_the_cli_findings_and_applies_a_quick_fix(tmp_path: Path):
    emacs = need("emacs")
    eglot = sorted(glob.glob("/usr/share/emacs/site-lisp/elpa/eglot-*"))
    load_path = ["-L", eglot[-1]] if eglot else []
    draft = tmp_path / DRAFT.name
    shutil.copy(DRAFT, draft)
    found = cli_findings(draft)
    result = run([emacs, "--batch", "-Q", *load_path, "-l", str(SCRIPTS / "eglot.el")],
                 tmp_path, scratch_env(tmp_path, draft))
    got = sorted((d["code"], d["line"], d["col"], d["end_line"], d["end_col"])
                 for d in result["diagnostics"])
    assert got == expected(draft, found, "chars")
    check_fix(result, draft, found)
