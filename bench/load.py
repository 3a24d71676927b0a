"""A bounded load test of the language server: 100 open drafts, 50 changes a second spread
over them for 20 seconds, as a busy editor session might send.

    python bench/load.py [--drafts 100] [--rate 50] [--seconds 20]

Prints the server's peak RSS, how late the last pushes came, and whether every draft's last
pushed diagnostics are for its last version (and no push went back to an older one). Exits 1
when they are not.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import Session, rss_mb  # noqa: E402

SENTENCES = ["I was told to wait.", "The customer was furious.", "I fixed the invoice template.",
             "We just apologized and moved on.", "Result: churn fell by 12% in a quarter.",
             "I think maybe I could have asked my manager.", "She wanted a refund that day."]
WORDS = ["I ", "fixed ", "was told ", "the ", "customer ", "just ", "refund ", "template. "]


def draft(rng: random.Random, n: int) -> str:
    body = "\n\n".join(" ".join(rng.choice(SENTENCES) for _ in range(12)) for _ in range(4))
    return f"# Tell me about a difficult customer ({n})\n\n{body}\n"


async def main(drafts: int, rate: float, seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    session = Session(pull=False)
    await session.start()
    uris = [f"file:///tmp/answerlint-load/draft{n}.md" for n in range(drafts)]
    versions = dict.fromkeys(uris, 1)
    for n, uri in enumerate(uris):
        session.open(uri, draft(rng, n))
    await session.warm(uris[0])
    started = time.perf_counter()
    sent = 0
    while (elapsed := time.perf_counter() - started) < seconds:
        due = int(elapsed * rate)
        while sent < due:  # a burst when the loop fell behind, as editors also do
            uri = rng.choice(uris)
            versions[uri] += 1
            line = rng.choice([2, 4])
            session.change(uri, versions[uri], line, 0, 0, rng.choice(WORDS))
            sent += 1
        await asyncio.sleep(0.005)
    typed = time.perf_counter()

    def settled() -> bool:
        return all(session.published.get(u, [None])[-1] == versions[u] for u in uris)
    while not settled() and time.perf_counter() - typed < 60:
        await asyncio.sleep(0.05)
    late = time.perf_counter() - typed
    memory = rss_mb(session.pid)
    await session.stop()
    stale = [u for u in uris if session.published.get(u, [None])[-1] != versions[u]]
    backwards = [u for u in uris
                 if (seen := [v for v in session.published.get(u, []) if v is not None])
                 != sorted(seen)]
    print(f"{drafts} drafts, {sent} changes in {seconds:.0f} s ({sent / seconds:.0f}/s)")
    print(f"peak RSS {memory['peak_mb']} MB (RSS at the end {memory['rss_mb']} MB)")
    print(f"last pushes {late:.2f} s after the last change")
    print(f"every draft's last diagnostics for its last version: {not stale}"
          + (f" ({len(stale)} not, e.g. {stale[0]})" if stale else ""))
    print(f"no push for an older version after a newer one: {not backwards}")
    return 0 if not stale and not backwards else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.drafts, args.rate, args.seconds, args.seed)))
