"""The pre-commit hook (.pre-commit-hooks.yaml), run end to end by `pre-commit try-repo`.

pre-commit builds the hook's Python environment by installing this repository with pip, so
this test needs the package index (it takes about a minute per run, most of it pip).
try-repo uses the repository's HEAD plus its uncommitted changes to tracked files.
"""

import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None,
                                reason="pre-commit is not installed (pip install -e '.[test]')")


def try_repo(root, scratch, draft: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(scratch / ".cache"), "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    env.pop("PYTHONPATH", None)  # the hook runs the package pre-commit installed
    return subprocess.run(["pre-commit", "try-repo", str(root), "answerlint", "--files", draft],
                          cwd=scratch / "drafts", capture_output=True, text=True, env=env,
                          timeout=900)


@pytest.mark.timeout(1800)
def test_hook_fails_on_a_weak_draft_and_passes_a_strong_one(root, tmp_path):
    if not (root / ".git").exists():
        pytest.skip("the checkout is not a git repository, which try-repo needs")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=drafts, check=True)
    shutil.copy(root / "examples" / "basic.md", drafts / "bad.md")
    shutil.copy(root / "examples" / "expert.md", drafts / "good.md")

    bad = try_repo(root, tmp_path, "bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "answerlint" in bad.stdout and "Failed" in bad.stdout
    assert ('bad.md:3:178: warning doormat "just apologized" makes putting up with the '
            "customer the achievement.") in bad.stdout

    good = try_repo(root, tmp_path, "good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout and "good.md:" not in good.stdout
