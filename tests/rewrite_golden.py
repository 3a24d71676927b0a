"""Every rewrite answerlint offers on a set of drafts, as the sentence before and after.

`python tests/rewrite_golden.py` writes tests/golden/rewrites.txt from the bundled examples
and our own answers; read it aloud before committing it (tests/test_rewrites.py fails when
an entry changes, so a changed rewrite is always read again).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from answerlint.engine.lint import lint
from answerlint.fixes import rewrites
from answerlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "rewrites.txt"
SETTINGS = Settings(target="expert")


@dataclass(frozen=True)
class Rewrite:
    where: str  # file name and line
    rule: str
    option: int  # 1 is the preferred rewrite
    before: str  # the sentence as written
    after: str  # the same sentence with the rewrite applied
    text: str  # the whole draft with the rewrite applied
    span: tuple[int, int]  # where the new words are in it

    def entry(self) -> str:
        return f"## {self.where} {self.rule} {self.option}\n- {self.before}\n+ {self.after}\n"


def project_drafts() -> list[Path]:
    own = ROOT / "tests" / "own-answers"
    return sorted((ROOT / "examples").glob("*.md")) + sorted(
        p for p in own.glob("*.md") if p.name != "README.md")


def collect(path: Path) -> list[Rewrite]:
    text = path.read_text(encoding="utf-8")
    result = lint(text, SETTINGS)
    out = []
    for finding in result.findings:
        sentence = next((s for m in result.models for s in m.sentences
                         if s.start <= finding.start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (finding.start, finding.end)
        end = max(end, finding.end)
        line = result.document.lines.position(finding.start).line + 1
        for n, fix in enumerate(rewrites(finding), 1):
            (edit,) = fix.edits
            after = text[:edit.start] + edit.new_text + text[edit.end:]
            delta = len(edit.new_text) - (edit.end - edit.start)
            out.append(Rewrite(f"{path.name}:{line}", finding.rule, n,
                               _one_line(text[start:end]), _one_line(after[start:end + delta]),
                               after, (edit.start, edit.start + len(edit.new_text))))
    return out


def _one_line(sentence: str) -> str:
    return " ".join(sentence.split())


def render(paths: list[Path]) -> str:
    return "\n".join(r.entry() for p in paths for r in collect(p))


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(render(project_drafts()), encoding="utf-8")
    print(f"wrote {GOLDEN}", file=sys.stderr)
