"""What the command line reports for one draft, for tests that compare an editor with it."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli_findings(path: Path) -> list[dict]:
    """The findings `answerlint check --format json` gives for `path`."""
    out = subprocess.run([sys.executable, "-m", "answerlint", "check", "--format", "json",
                          str(path)], capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)["files"][0]["findings"]
