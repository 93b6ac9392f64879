using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Interop.Generator;
using Interop.Generator.Emit;
using Interop.Generator.Model;

namespace HeaderFuzz;

/// <summary>
/// Mutation fuzzer for the generator's core (and, with --cli, for the interop-bindgen process).
///   HeaderFuzz --repo DIR [--count N] [--seed S] [--workers W] [--out DIR] [--hang-seconds 5] [--headers zlib.h,curl.h]
///   HeaderFuzz --repo DIR --only N [--seed S] [--out DIR]           reproduce one mutant (writes it to DIR)
///   HeaderFuzz --repo DIR --cli "CMD [ARGS]" [--count N] [--seed S] run mutants through the CLI process
/// Mutant n of seed s is deterministic. In-process inputs run on threads with a 1 MiB stack (smaller
/// than the compiler's); a watchdog reports any input running longer than the hang limit. --headers keeps only the
/// corpus headers of those file names. Half the mutants are compiled with the Shim option on, naming the function-like
/// macros it defines, so the API-mode paths (inline functions and macros) are fuzzed too.
/// </summary>
internal static class Program
{
    private const int StackSize = 1024 * 1024;
    private const string InternalErrorId = "INTEROP1099";

    // Mutants may hold lone surrogates, which a file cannot: they are written as U+FFFD.
    private static readonly System.Text.Encoding Lenient = new System.Text.UTF8Encoding(false, false);

    private static int Main(string[] args)
    {
        var options = Options.Parse(args);
        var corpus = Corpus.Load(options.Repo, options.Headers);
        Directory.CreateDirectory(options.Out);
        if (options.Only is { } only)
        {
            var header = corpus[(int)(only % corpus.Count)];
            var text = Mutator.Mutate(header, MutantRandom(options.Seed, only), out var description);
            var path = Path.Combine(options.Out, $"mutant-{only}-{header.Name}");
            File.WriteAllText(path, text, Lenient);
            Console.WriteLine($"mutant {only} of {header.Name} ({description}) written to {path}; compiling...");
            // HeaderCompiler turns exceptions into INTEROP1099 with the message only: show where they came from.
            AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
            {
                if (e.Exception is not OperationCanceledException && e.Exception.GetType().Namespace?.StartsWith("Interop", StringComparison.Ordinal) != true)
                {
                    Console.WriteLine($"first-chance {e.Exception.GetType().Name}: {e.Exception.Message}\n{new StackTrace(1, true)}");
                }
            };
            var outcome = RunOnSmallStack(() => CompileOne(header, text, only), TimeSpan.FromMinutes(10));
            Console.WriteLine(outcome);
            return outcome.StartsWith("ok", StringComparison.Ordinal) ? 0 : 1;
        }

        return options.Cli is null ? InProcess(options, corpus) : ThroughCli(options, corpus);
    }

    /// <summary>A per-mutant generator independent of scheduling: the seed mixed with the mutant's number.</summary>
    private static Random MutantRandom(int seed, long index) => new(unchecked((int)(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xBF58476D1CE4E5B9UL)) ^ (int)(index >> 31)));

    private static readonly System.Text.RegularExpressions.Regex FunctionLikeDefine = new(@"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z_0-9]*)\(", System.Text.RegularExpressions.RegexOptions.Multiline);

    private static string CompileOne(CorpusHeader header, string text, long index)
    {
        // Half the mutants (by the parity of the number's bits, which does not follow the header rotation).
        var shim = System.Numerics.BitOperations.PopCount((ulong)index) % 2 == 1 ? FunctionLikeDefine.Matches(text).Select(m => m.Groups[1].Value).Take(64).Prepend("*").ToList() : null;
        var request = BindingRequest.Create(header.Path, null, "Fuzz.Native", null, header.IncludeDirectories, shim: shim);
        var result = HeaderCompiler.Compile(request, path => path == header.Path ? text : Corpus.Read(path));
        var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == InternalErrorId);
        if (internalError is not null)
        {
            return "internal-error " + internalError;
        }

        if (result.Model is not null)
        {
            // The generator emits whatever model it gets; the emitter must not throw either.
            foreach (var file in BindingsEmitter.Emit(result.Model))
            {
                _ = file.Text.Length;
            }
        }

        return "ok " + (result.Model is null ? "no-model" : "model") + $" diagnostics={result.Diagnostics.Count}";
    }

    private static string RunOnSmallStack(Func<string> work, TimeSpan limit)
    {
        string? outcome = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = work();
            }
            catch (Exception e)
            {
                outcome = "exception " + e;
            }
        }, StackSize) { IsBackground = true };
        thread.Start();
        return thread.Join(limit) ? outcome! : $"hang (over {limit.TotalSeconds:F0} s)";
    }

    private static int InProcess(Options options, List<CorpusHeader> corpus)
    {
        long next = options.Start - 1;
        long done = 0, exceptions = 0, internalErrors = 0, hangs = 0, withModel = 0;
        var perHeader = new ConcurrentDictionary<string, long>();
        var failures = new ConcurrentBag<string>();
        var workers = new List<WorkerState>();
        var stopwatch = Stopwatch.StartNew();
        var end = options.Start + options.Count;

        for (var w = 0; w < options.Workers; w++)
        {
            var state = new WorkerState();
            workers.Add(state);
            state.Thread = new Thread(() =>
            {
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= end)
                    {
                        break;
                    }

                    var header = corpus[(int)(index % corpus.Count)];
                    var text = Mutator.Mutate(header, MutantRandom(options.Seed, index), out var description);
                    Volatile.Write(ref state.Current, index);
                    Volatile.Write(ref state.StartedTicks, Stopwatch.GetTimestamp());
                    string outcome;
                    try
                    {
                        outcome = CompileOne(header, text, index);
                    }
                    catch (Exception e)
                    {
                        outcome = "exception " + e;
                    }

                    var elapsed = Stopwatch.GetElapsedTime(Volatile.Read(ref state.StartedTicks));
                    Volatile.Write(ref state.Current, -1);
                    perHeader.AddOrUpdate(header.Name, 1, (_, v) => v + 1);
                    if (outcome.StartsWith("ok model", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref withModel);
                    }

                    if (!outcome.StartsWith("ok", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref outcome.StartsWith("exception", StringComparison.Ordinal) ? ref exceptions : ref internalErrors);
                        Save(options.Out, index, header, text, description, outcome, failures);
                    }
                    else if (elapsed.TotalSeconds > options.HangSeconds && !state.ReportedHang)
                    {
                        // Slow but finished: the watchdog may already have counted it.
                        Interlocked.Increment(ref hangs);
                        Save(options.Out, index, header, text, description, $"slow: {elapsed.TotalSeconds:F1} s", failures);
                    }

                    state.ReportedHang = false;
                    Interlocked.Increment(ref done);
                }
            }, StackSize) { IsBackground = true, Name = $"fuzz-{w}" };
            state.Thread.Start();
        }

        // Watchdog and progress: every second, note in-flight mutants (so a crash of the whole process
        // can be traced to its input) and any that run past the hang limit.
        var inflightFile = Path.Combine(options.Out, "inflight.txt");
        var lastReport = TimeSpan.Zero;
        while (workers.Any(s => s.Thread!.IsAlive))
        {
            Thread.Sleep(250);
            var inflight = new List<string>();
            foreach (var state in workers)
            {
                var current = Volatile.Read(ref state.Current);
                if (current < 0)
                {
                    continue;
                }

                inflight.Add(current.ToString(CultureInfo.InvariantCulture));
                var running = Stopwatch.GetElapsedTime(Volatile.Read(ref state.StartedTicks));
                if (running.TotalSeconds > options.HangSeconds && !state.ReportedHang && Volatile.Read(ref state.Current) == current)
                {
                    state.ReportedHang = true;
                    Interlocked.Increment(ref hangs);
                    var header = corpus[(int)(current % corpus.Count)];
                    var text = Mutator.Mutate(header, MutantRandom(options.Seed, current), out var description);
                    Save(options.Out, current, header, text, description, $"hang: still running after {options.HangSeconds} s", failures);
                }

                if (running.TotalSeconds > options.AbortSeconds)
                {
                    Console.WriteLine($"mutant {current} has run for {running.TotalSeconds:F0} s; giving up on the run");
                    Summary();
                    return 3;
                }
            }

            File.WriteAllText(inflightFile, string.Join("\n", inflight));
            if (stopwatch.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = stopwatch.Elapsed;
                Console.Error.WriteLine($"  {Interlocked.Read(ref done),8} inputs  {stopwatch.Elapsed.TotalSeconds,6:F0} s  exceptions={exceptions} internal-errors={internalErrors} hangs={hangs}");
            }
        }

        File.Delete(inflightFile);
        Summary();
        return exceptions + internalErrors + hangs == 0 ? 0 : 1;

        void Summary()
        {
            Console.WriteLine($"seed={options.Seed} start={options.Start} workers={options.Workers} stack={StackSize / 1024} KiB hang-limit={options.HangSeconds} s elapsed={stopwatch.Elapsed.TotalSeconds:F0} s");
            foreach (var pair in perHeader.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {pair.Key,-20} {pair.Value,8} mutants");
            }

            Console.WriteLine($"inputs={Interlocked.Read(ref done)} with-model={withModel} exceptions={exceptions} internal-errors={internalErrors} hangs={hangs}");
            foreach (var failure in failures.Take(20))
            {
                Console.WriteLine("  " + failure);
            }
        }
    }

    private static void Save(string outDir, long index, CorpusHeader header, string text, string description, string outcome, ConcurrentBag<string> failures)
    {
        var path = Path.Combine(outDir, $"mutant-{index}-{header.Name}");
        File.WriteAllText(path, text, Lenient);
        File.WriteAllText(path + ".txt", $"mutant {index} of {header.Path} ({description})\nincludes: {string.Join(" ", header.IncludeDirectories)}\n{outcome}\n", Lenient);
        var firstLine = outcome.Split('\n')[0];
        failures.Add($"mutant {index} ({header.Name}, {description}): {firstLine} -> {path}");
    }

    /// <summary>Mutants through the real CLI: the exit code must be 0 or 1 and nothing may escape as an unhandled exception.</summary>
    private static int ThroughCli(Options options, List<CorpusHeader> corpus)
    {
        var parts = options.Cli!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long next = options.Start - 1, done = 0, crashes = 0, ok = 0, errors = 0;
        var end = options.Start + options.Count;
        var failures = new ConcurrentBag<string>();
        var work = Path.Combine(options.Out, "cli-work");
        var threads = Enumerable.Range(0, options.Workers).Select(w => new Thread(() =>
        {
            var dir = Path.Combine(work, w.ToString(CultureInfo.InvariantCulture));
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= end)
                {
                    break;
                }

                var header = corpus[(int)(index % corpus.Count)];
                var text = Mutator.Mutate(header, MutantRandom(options.Seed, index), out var description);

                // The mutant takes the header's place among copies of its siblings, so relative includes still resolve.
                var input = Path.Combine(dir, "in");
                var output = Path.Combine(dir, "out");
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }

                Directory.CreateDirectory(input);
                foreach (var sibling in Corpus.SiblingsReadBy(header))
                {
                    File.Copy(sibling, Path.Combine(input, Path.GetFileName(sibling)), overwrite: true);
                }

                var headerPath = Path.Combine(input, header.Name);
                // Every other mutant as Latin-1 bytes, so the CLI also reads files that are not valid UTF-8.
                File.WriteAllText(headerPath, text, index % 2 == 0 ? Lenient : System.Text.Encoding.Latin1);
                var psi = new ProcessStartInfo(parts[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in parts.Skip(1))
                {
                    psi.ArgumentList.Add(a);
                }

                psi.ArgumentList.Add(headerPath);
                psi.ArgumentList.Add("-o");
                psi.ArgumentList.Add(output);
                foreach (var include in header.IncludeDirectories)
                {
                    psi.ArgumentList.Add("-I");
                    psi.ArgumentList.Add(include);
                }

                using var process = Process.Start(psi)!;
                var stderrTask = process.StandardError.ReadToEndAsync();
                var stdoutTask = process.StandardOutput.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(Math.Max(30, options.HangSeconds))))
                {
                    process.Kill(entireProcessTree: true);
                    Interlocked.Increment(ref crashes);
                    Save(options.Out, index, header, text, description, "cli hang", failures);
                    continue;
                }

                var stderr = stderrTask.Result;
                _ = stdoutTask.Result;
                var code = process.ExitCode;
                if (code is not (0 or 1) || stderr.Contains("Unhandled exception", StringComparison.Ordinal) || stderr.Contains(InternalErrorId, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref crashes);
                    Save(options.Out, index, header, text, description, $"cli exit code {code}\n{stderr}", failures);
                }
                else
                {
                    Interlocked.Increment(ref code == 0 ? ref ok : ref errors);
                }

                Interlocked.Increment(ref done);
            }
        }, StackSize)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Console.WriteLine($"cli={options.Cli} seed={options.Seed} start={options.Start}");
        Console.WriteLine($"cli-inputs={done} exit0={ok} exit1={errors} crashes={crashes}");
        foreach (var failure in failures.Take(20))
        {
            Console.WriteLine("  " + failure);
        }

        return crashes == 0 ? 0 : 1;
    }

    private sealed class WorkerState
    {
        public long Current = -1;
        public long StartedTicks;
        public volatile bool ReportedHang;
        public Thread? Thread;
    }
}

internal sealed record Options(string Repo, long Count, long Start, int Seed, int Workers, string Out, double HangSeconds, double AbortSeconds, long? Only, string? Cli, IReadOnlyList<string>? Headers)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new Options(
            Value("--repo") ?? throw new ArgumentException("--repo DIR is required"),
            long.Parse(Value("--count") ?? "100000", CultureInfo.InvariantCulture),
            long.Parse(Value("--start") ?? "0", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "20261127", CultureInfo.InvariantCulture),
            int.Parse(Value("--workers") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Path.GetFullPath(Value("--out") ?? "fuzz-out"),
            double.Parse(Value("--hang-seconds") ?? "5", CultureInfo.InvariantCulture),
            double.Parse(Value("--abort-seconds") ?? "120", CultureInfo.InvariantCulture),
            Value("--only") is { } only ? long.Parse(only, CultureInfo.InvariantCulture) : null,
            Value("--cli"),
            Value("--headers") is { } headers ? headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null);
    }
}

/// <summary>The real headers the issue names (those installed), plus the repository's own.</summary>
internal static class Corpus
{
    private static readonly ConcurrentDictionary<string, string?> Files = new(StringComparer.Ordinal);

    /// <summary>The files next to the header that its unmutated compile reads (curl's own headers, zconf.h...).</summary>
    public static IEnumerable<string> SiblingsReadBy(CorpusHeader header)
    {
        var read = new List<string>();
        var dir = Path.GetDirectoryName(header.Path)!;
        HeaderCompiler.Compile(BindingRequest.Create(header.Path, null, "Fuzz.Native", null, header.IncludeDirectories), path =>
        {
            var text = Read(path);
            if (text is not null && path != header.Path && Path.GetDirectoryName(path) == dir)
            {
                read.Add(path);
            }

            return text;
        });
        return read;
    }

    public static string? Read(string path) => Files.GetOrAdd(path, p => File.Exists(p) ? File.ReadAllText(p) : null);

    /// <param name="names">File names to keep (<c>zlib.h</c>), or null for every header; a name that matches none is an error.</param>
    public static List<CorpusHeader> Load(string repo, IReadOnlyList<string>? names = null)
    {
        var vulkanIncludes = Path.Combine(Path.GetTempPath(), "interop-fuzz-vkinc");
        if (Directory.Exists("/usr/include/vk_video") && !Directory.Exists(Path.Combine(vulkanIncludes, "vk_video")))
        {
            Directory.CreateDirectory(vulkanIncludes);
            try
            {
                Directory.CreateSymbolicLink(Path.Combine(vulkanIncludes, "vk_video"), "/usr/include/vk_video");
            }
            catch (IOException)
            {
                // another run made it
            }
        }

        var candidates = new (string Path, string[] Includes)[]
        {
            (Path.Combine(repo, "native/include/interop_core.h"), Array.Empty<string>()),
            ("/usr/include/zlib.h", Array.Empty<string>()),
            ("/usr/include/sqlite3.h", Array.Empty<string>()),
            ("/usr/include/x86_64-linux-gnu/curl/curl.h", Array.Empty<string>()),
            ("/usr/lib/llvm-14/include/clang-c/Index.h", new[] { "/usr/lib/llvm-14/include" }),
            ("/usr/include/zstd.h", Array.Empty<string>()),
            ("/usr/include/expat.h", Array.Empty<string>()),
            ("/usr/include/vulkan/vulkan_core.h", new[] { vulkanIncludes }),
        };
        if (names?.FirstOrDefault(n => candidates.All(c => Path.GetFileName(c.Path) != n)) is { } unknown)
        {
            throw new ArgumentException($"--headers: '{unknown}' is none of the corpus's headers ({string.Join(", ", candidates.Select(c => Path.GetFileName(c.Path)))})");
        }

        var corpus = candidates
            .Where(c => File.Exists(c.Path) && (names is null || names.Contains(Path.GetFileName(c.Path))))
            .Select(c => new CorpusHeader(Path.GetFullPath(c.Path), c.Includes, File.ReadAllText(c.Path)))
            .ToList();
        foreach (var header in corpus)
        {
            Console.Error.WriteLine($"corpus: {header.Path} ({header.Text.Length} chars, {header.TokenStarts.Length} tokens)");
        }

        return corpus;
    }
}
