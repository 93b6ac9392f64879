"""The same measurements as PoolBenchmark, with multiprocessing.Pool (default start method)."""
import math
import multiprocessing
import os
import statistics
import sys
import time


def square(x):
    return x * x


def burn(iterations):
    x = 0.0
    for i in range(1, iterations + 1):
        x += math.sqrt(i) / i
    return x


def calibrate_ten_ms():
    iterations = 10_000
    while True:
        start = time.perf_counter()
        burn(iterations)
        elapsed = (time.perf_counter() - start) * 1000
        if elapsed > 20:
            return int(iterations * 10 / elapsed)
        iterations *= 2


def lazy(count):
    for i in range(count):
        yield i


def report(name, value):
    print(f"{name} {value:.3f}")
    sys.stdout.flush()


def latency(pool, count):
    """Median round trip of `count` single applies, in microseconds."""
    samples = []
    for i in range(count):
        start = time.perf_counter()
        pool.apply(square, (i,))
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def ordered_stream(pool):
    """imap over a lazy sequence of 1,000,000 items, 1,000 per chunk; best of 3, in tasks/s."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = expected = 0
        for index, result in enumerate(pool.imap(square, lazy(1_000_000), chunksize=1_000)):
            total += result
            expected += index * index
        best = min(best, time.perf_counter() - start)
        assert total == expected
    return 1_000_000 / best


def only(measurement, workers):
    """One measurement alone, as `PoolBenchmark latency` / `PoolBenchmark imap` do, for alternating A/B runs."""
    with multiprocessing.Pool(workers) as pool:
        pool.map(square, range(20_000))
        if measurement == "latency":
            for i in range(2_000):
                pool.apply(square, (i,))
            report("latency_us", latency(pool, 5_000))
        elif measurement == "imap":
            report("imap_tasks_per_s", ordered_stream(pool))
        else:
            sys.exit(f"unknown measurement {measurement!r}: latency or imap")


def main():
    workers = os.cpu_count()
    if len(sys.argv) > 1:
        only(sys.argv[1], workers)
        return
    startups = []
    for _ in range(7):
        start = time.perf_counter()
        with multiprocessing.Pool(workers) as pool:
            pool.map(square, range(workers), chunksize=1)
            startups.append((time.perf_counter() - start) * 1000)

    with multiprocessing.Pool(workers) as pool:
        pool.map(square, range(20_000))
        for i in range(200):
            pool.apply(square, (i,))

        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            results = pool.map(square, range(100_000))
            best = min(best, time.perf_counter() - start)
            assert results[99_999] == 99_999 * 99_999
        report("throughput_tasks_per_s", 100_000 / best)

        report("latency_us", latency(pool, 2_000))

        # Serial and pooled runs alternate three times, best of each (as in Program.cs: the machine's speed drifts).
        iterations = calibrate_ten_ms()
        best_serial = best_parallel = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(200):
                burn(iterations)
            best_serial = min(best_serial, time.perf_counter() - start)
            start = time.perf_counter()
            pool.map(burn, [iterations] * 200, chunksize=1)
            best_parallel = min(best_parallel, time.perf_counter() - start)
        report("cpu_speedup", best_serial / best_parallel)

        report("imap_tasks_per_s", ordered_stream(pool))

    best_recycle = float("inf")
    for _ in range(3):
        with multiprocessing.Pool(workers, maxtasksperchild=10) as pool:
            start = time.perf_counter()
            pool.map(square, range(1_000), chunksize=1)
            best_recycle = min(best_recycle, time.perf_counter() - start)
    report("recycle_1000_s", best_recycle)

    report("startup_ms", statistics.median(startups))
    report("workers", workers)


if __name__ == "__main__":
    main()
