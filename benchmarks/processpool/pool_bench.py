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


def main():
    workers = os.cpu_count()
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

        latencies = []
        for i in range(2_000):
            start = time.perf_counter()
            pool.apply(square, (i,))
            latencies.append((time.perf_counter() - start) * 1e6)
        report("latency_us", statistics.median(latencies))

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

        best_stream = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            total = expected = 0
            for index, result in enumerate(pool.imap(square, lazy(1_000_000), chunksize=1_000)):
                total += result
                expected += index * index
            best_stream = min(best_stream, time.perf_counter() - start)
            assert total == expected
        report("imap_tasks_per_s", 1_000_000 / best_stream)

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
