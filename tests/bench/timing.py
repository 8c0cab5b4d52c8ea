"""Small timing helpers for benchmarks: medians of repeated runs, wall clock."""

import statistics
import time
from collections.abc import Callable


def median_seconds(function: Callable[[], object], *, repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
