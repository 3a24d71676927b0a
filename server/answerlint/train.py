"""Train the answer classifier (engine/judge.py) on labelled answers:
`python -m answerlint.train tests/own-answers ../shared/dev-set`.

Writes `server/answerlint/judge.bin`. With `--folds K` it first measures what the classifier
adds on answers it was not trained on: the answers are split in K parts, a model is trained on
all but one part and the checks are scored on that part, with the roles' patterns alone and
with the classifier's verdicts, for every part in turn.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from answerlint.engine.judge import (
    COMPONENT,
    LABELS,
    MODEL_FILE,
    answer_words,
    blank,
    in_place_of_shipped,
)
from answerlint.engine.lint import lint
from answerlint.eval import CHECKS, labelled, measure
from answerlint.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

Labelled = tuple[dict[str, str], str]  # an answer file's labels.tsv row and its text


def fit(answers: list[Labelled], seed: int = 0, epochs: int = 8) -> Language:
    """A classifier trained on these answers; the same answers and seed give the same model."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example

    spacy.util.fix_random_seed(seed)
    order = random.Random(seed)
    nlp = blank()
    component = nlp.get_pipe(COMPONENT)
    for label in LABELS:
        component.add_label(label)  # type: ignore[attr-defined]
    examples = [Example.from_dict(Doc(nlp.vocab, words=_answers_words(text)),
                                  {"cats": {label: float(row[label] == "1") for label in LABELS}})
                for row, text in answers]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        order.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start : start + 16], sgd=optimizer)
    return nlp


def _answers_words(text: str) -> list[str]:
    """What the linter gives the classifier of a labelled file (one answer, or a few)."""
    models = lint(text, Settings(target="expert", judge=False)).models
    return [word for model in models for word in answer_words(model)]


def _part(row: dict[str, str], folds: int) -> int:
    return zlib.crc32(row["file"].encode()) % folds  # the same split on every run


def cross_validate(answers: list[Labelled], folds: int) -> str:
    """The checks' figures over answers each scored by a model that never saw it."""
    alone, judged = [], []
    patterns_only, settings = Settings(target="expert", judge=False), Settings(target="expert")
    for part in range(folds):
        held = [a for a in answers if _part(a[0], folds) == part]
        model = fit([a for a in answers if _part(a[0], folds) != part])
        with in_place_of_shipped(model):
            for row, text in held:
                alone.append((row, lint(text, patterns_only)))
                judged.append((row, lint(text, settings)))
    (before, level_before), (after, level_after) = measure(alone), measure(judged)
    lines = [f"{len(answers)} answers, {folds} folds", "",
             "| check | patterns alone P / R | with the classifier P / R |", "|---|---|---|"]
    for check in CHECKS:
        b, a = before[check], after[check]
        lines.append(f"| {check} | {b.precision:.2f} / {b.recall:.2f} "
                     f"| {a.precision:.2f} / {a.recall:.2f} |")
    lines.append(f"| level | {level_before.agreement:.2f} | {level_after.agreement:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m answerlint.train")
    parser.add_argument("folders", type=Path, nargs="+", help="folders with labels.tsv")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--folds", type=int, default=0,
                        help="first measure on K parts held out in turn (0: do not)")
    args = parser.parse_args(argv)
    answers: list[Labelled] = []
    for folder in args.folders:
        if not (folder / "labels.tsv").is_file():
            print(f"{folder}: no labels.tsv here", file=sys.stderr)
            return 2
        answers.extend(labelled(folder))
    if args.folds:
        if args.folds < 2:
            print("--folds needs 2 or more", file=sys.stderr)
            return 2
        print(cross_validate(answers, args.folds) + "\n")
    args.out.write_bytes(fit(answers).to_bytes())
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(answers)} answers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
