using BenchmarkDotNet.Attributes;

namespace GeneratorBench;

/// <summary>Warm runs on sqlite3.h. Goal: compile+emit and a fresh driver run under 50 ms; the cached re-run near zero.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private Workload _work = null!;

    [GlobalSetup]
    public void Setup()
    {
        _work = new Workload(Corpus.Sqlite, Array.Empty<string>());
        _work.PrimeDriver();
    }

    [Benchmark(Description = "a) Compile+Emit sqlite3.h")]
    public object CompileAndEmit() => _work.CompileAndEmit();

    [Benchmark(Description = "b) generator driver, sqlite3.h")]
    public object GeneratorDriver() => _work.RunFreshDriver();

    [Benchmark(Description = "c) re-run after unrelated C# edit")]
    public object CachedRerun() => _work.RunAfterUnrelatedEdit();
}
