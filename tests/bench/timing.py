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


def interleaved_medians(*functions: Callable[[], object], repeat: int) -> list[float]:
    """Medians of functions timed in turn, so that all see the same machine load (two shared
    cores: other processes come and go)."""
    for function in functions:
        function()  # warm-up: fonts, templates, imports
    samples: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for function, bucket in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) for bucket in samples]
