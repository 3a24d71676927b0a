"""How checking time grows with the size of drafts shaped to be hard (issue: bounded work).

    python bench/hostile_input.py [--sizes 1,2,4]

For each shape, one process lints it at the base size times each factor and prints the
seconds and the ratio to the smallest: a linear check grows by the factor (about 2x for
twice the size), a quadratic one by its square.
"""

from __future__ import annotations

import argparse
import time

from answerlint.engine.lint import lint, prepare

SHAPES = {  # name -> (one unit of the shape, units at the base size)
    "sentences in one paragraph": (lambda n: "I was told to wait. " * n, 10_000),
    "a sentence a line": (lambda n: "I was told to wait.\n" * n, 10_000),
    "a run of punctuation": (lambda n: "I was told to wait." + "!" * n, 8_000),
    "a run of emoji": (lambda n: "\U0001f600" * n, 16_000),
    "brackets around a sentence": (lambda n: "[" * n + "I was told." + "]" * n, 20_000),
    "unclosed comments": (lambda n: "<!--" * n, 50_000),
    "unclosed link targets": (lambda n: "](x" * n, 50_000),
    "a paragraph over a million characters": (lambda n: "I stayed calm. " * n, 66_668),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4", help="factors of the base size")
    factors = [float(f) for f in parser.parse_args().sizes.split(",")]
    prepare()
    print(f"{'shape':40} " + " ".join(f"{'x' + format(f, 'g'):>14}" for f in factors))
    for name, (make, base) in SHAPES.items():
        cells, first = [], None
        for factor in factors:
            text = make(int(base * factor))
            began = time.perf_counter()
            lint(text)
            took = time.perf_counter() - began
            first = first or took
            cells.append(f"{took:7.2f}s {took / first:4.1f}x")
        print(f"{name:40} " + " ".join(f"{c:>14}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
