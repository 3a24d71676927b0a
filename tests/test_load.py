"""The server under a busy session's load (bench/load.py, run as it is): 100 open drafts, 50
changes a second spread over them for 20 seconds. Every draft ends with the diagnostics of its
last version, no push goes back to an older one, and memory stays bounded."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_hundred_drafts_under_fifty_changes_a_second_settle_on_their_last_versions():
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py")], cwd=ROOT,
                         capture_output=True, text=True, timeout=240)
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert re.search(r"^100 drafts, (\d+) changes in 20 s", out, re.M)
    changes = int(re.search(r"^100 drafts, (\d+) changes", out, re.M)[1])
    assert changes >= 900  # the load was really applied (50 a second for 20 s)
    assert "every draft's last diagnostics for its last version: True" in out
    assert "no push for an older version after a newer one: True" in out
    peak = float(re.search(r"peak RSS ([\d.]+) MB", out)[1])
    assert peak < 450, out  # (about 210 MB measured; flat, not growing with the changes)
