"""The answers tests check the engine's pieces on: the bundled examples, the test answers of
our own (the labelled ones in own-answers/ and the short ones in test_own_answers.py) and,
when it is beside the project, the dev set."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "dev-set"


def texts() -> list[str]:
    from test_own_answers import ANSWERS

    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    out += list(ANSWERS.values())
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "own-answers").glob("*.md"))
            if p.name != "README.md"]
    out += [p.read_text(encoding="utf-8") for p in sorted(DEV_SET.glob("*.md"))]
    return out
