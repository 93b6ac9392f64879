using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using GeneratorBench;

// Usage:
//   GeneratorBench quick [HEADER [-I DIR]...]   Stopwatch loop (warm median of N runs), fast sanity check
//   GeneratorBench [BenchmarkDotNet args]       the BenchmarkDotNet suite on sqlite3.h (see GeneratorBenchmarks)
if (args.Length > 1 && args[0] == "loop")
{
    // For perf: GeneratorBench loop N compile|driver
    var work = new Workload(Corpus.Sqlite, Array.Empty<string>());
    for (var i = 0; i < int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        _ = args.Length > 2 && args[2] == "driver" ? work.RunFreshDriver() : work.CompileAndEmit();
    }

    return 0;
}

if (args.Length > 0 && args[0] == "quick")
{
    var header = args.Length > 1 ? args[1] : Corpus.Sqlite;
    var includes = new List<string>();
    for (var i = 2; i + 1 < args.Length; i += 2)
    {
        if (args[i] == "-I")
        {
            includes.Add(args[i + 1]);
        }
    }

    var work = new Workload(header, includes);
    Quick("compile+emit", () => work.CompileAndEmit(), 30);
    Quick("driver (cold driver, warm JIT)", () => work.RunFreshDriver(), 15);
    work.PrimeDriver();
    Quick("driver re-run after C# edit", () => work.RunAfterUnrelatedEdit(), 30);
    Console.WriteLine($"compile step on the last re-run: {work.CompileStepReasons()}");
    return 0;
}

BenchmarkRunner.Run<GeneratorBenchmarks>(DefaultConfig.Instance, args);
return 0;

static void Quick(string name, Func<object> action, int runs)
{
    // Enough warm-up for tiered JIT to reach optimized code in Roslyn's parser too (a build server is long-lived).
    for (var i = 0; i < 3 * runs; i++)
    {
        action();
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{name,-36} median {times[times.Count / 2],8:F2} ms   min {times[0],8:F2} ms");
}
