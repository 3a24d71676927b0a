from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "dev-set"


@pytest.fixture
def root() -> Path:
    return ROOT
