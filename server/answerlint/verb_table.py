"""Write answerlint/verbs.tsv.gz: the forms of every verb lemminflect's lookup table knows
(`python -m answerlint.verb_table`).

Rewrites need a verb's past, participle and third-person forms (engine/inflect.py). Loading
lemminflect for them costs about 100 MB of memory in a long-running server; its own table of
verbs, written out once, is about 100 KB. lemminflect is still used for a verb the table
does not hold.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "verbs.tsv.gz"
TAGS = ("VBD", "VBN", "VBZ", "VBG")


def rows() -> list[str]:
    from lemminflect import getAllLemmas, getInflection  # type: ignore[import-untyped]
    from lemminflect.core.Inflections import Inflections  # type: ignore[import-untyped]

    out = []
    for lemma, forms in sorted(Inflections()._getInflDict().items()):
        if "VBD" not in forms or not lemma.isalpha() or not lemma.islower():
            continue
        if lemma not in getAllLemmas(lemma).get("VERB", ()):
            continue  # a form listed under another lemma, not a base form
        out.append("\t".join([lemma, *((getInflection(lemma, tag=tag) or (lemma,))[0]
                                        for tag in TAGS)]))
    return out


def main() -> int:
    lines = rows()
    with gzip.open(TABLE, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"wrote {TABLE} ({len(lines)} verbs, {TABLE.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
