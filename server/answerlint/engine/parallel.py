"""Long work split over several processes (the command line's --jobs).

Heading sections are parsed, and answers analysed, each on its own, so runs of consecutive
ones go to forked workers. They share the draft and the built pipeline with the parent
(copy on write) and send back only their results.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

# A draft this long (in characters of the work to split) is worth the fork (tens of ms).
PARALLEL_FROM = 200_000


def worth_forking(jobs: int, size: int) -> bool:
    """Whether work of this size (in characters) is worth `jobs` forked processes here."""
    return jobs >= 2 and size >= PARALLEL_FROM \
        and "fork" in multiprocessing.get_all_start_methods()


_work: tuple[Callable[[list[Any]], list[Any]], list[list[Any]]] | None = None


def in_parallel(work: Callable[[list[Any]], list[Any]], items: list[Any], sizes: list[int],
                jobs: int) -> list[Any] | None:
    """`work` applied to runs of consecutive `items` (of about equal total size) in `jobs`
    processes, its results joined in order; None when that is not worth it or not possible
    here, and the caller does the work itself."""
    total = sum(sizes)
    if len(items) < 2 or not worth_forking(jobs, total):
        return None
    runs: list[list[Any]] = [[]]
    filled = 0
    for item, size in zip(items, sizes, strict=True):
        if filled >= total / jobs and len(runs) < jobs:
            runs.append([])
            filled = 0
        runs[-1].append(item)
        filled += size
    global _work
    _work = (work, runs)  # read by the workers, which fork with it
    try:
        with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
            parts = pool.map(_run, range(len(runs)))
    finally:
        _work = None
    return [result for part in parts for result in part]


def _run(number: int) -> list[Any]:
    assert _work is not None
    work, runs = _work
    return work(runs[number])
