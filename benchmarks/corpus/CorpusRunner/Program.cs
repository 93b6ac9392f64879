using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Interop.RealHeaders.Tests.Corpus;

// corpus-runner [--root /usr/include] [--sample 300] [--jobs 2] [--timeout 60] [--out DIR] [--limit N] [--from-bindings bindings.tsv]
//               [--accepted accepted.txt] [--only headers.txt]
// Every header under root that clang-14 accepts on its own is bound; the outcome of each is a line of
// DIR/bindings.tsv, the clang check of each sampled header a line of DIR/sample.tsv, the table DIR/summary.md.
// --accepted reuses an earlier run's clang verdicts (the slowest stage, and independent of our code) when the
// header list is unchanged; --only takes the headers of a file instead (a failing subset), every one of them sampled.
var options = Options.Parse(args);
Directory.CreateDirectory(options.Output);
var includeDirectories = SystemCorpus.IncludeDirectories;
var started = DateTime.UtcNow;

var headers = options.Only is { } only ? File.ReadAllLines(only).Where(l => l.Length > 0).ToList() : SystemCorpus.Headers(options.Root);
if (options.Limit is { } limit)
{
    headers = SystemCorpus.EveryNth(headers, limit);
}

var sampleSize = options.Only is null ? options.Sample : headers.Count;

var bindings = new List<CorpusBinding>();
if (options.FromBindings is { } previous)
{
    // Only the sample: the outcomes of an earlier run's binding stage, read back from its bindings.tsv.
    bindings.AddRange(File.ReadLines(previous).Select(l => l.Split('\t')).Select(f =>
        new CorpusBinding(f[0], Enum.Parse<CorpusOutcome>(f[1]), f.Length > 3 && f[3].Length > 0 ? f[3] : null, null, TimeSpan.FromMilliseconds(double.Parse(f[2], CultureInfo.InvariantCulture)))));
    bindings.Sort((a, b) => string.CompareOrdinal(a.Header, b.Header));
}
else
{

var accepted = new ConcurrentBag<string>();
var earlier = options.Accepted is { } acceptedFile ? File.ReadAllLines(acceptedFile).ToHashSet(StringComparer.Ordinal) : null;
if (earlier is not null)
{
    Console.Error.WriteLine($"{headers.Count} headers under {options.Root}; clang-14's verdicts from {options.Accepted}");
    foreach (var header in headers.Where(earlier.Contains))
    {
        accepted.Add(header);
    }
}
else
{
    Console.Error.WriteLine($"{headers.Count} headers under {options.Root}; asking clang-14 which it accepts standalone ({options.Jobs} at a time)");
    await Parallel.ForEachAsync(headers, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, async (header, _) =>
    {
        if (await SystemCorpus.ClangAcceptsAsync(header))
        {
            accepted.Add(header);
        }
    });
}

var acceptedList = accepted.Order(StringComparer.Ordinal).ToList();
await File.WriteAllLinesAsync(Path.Combine(options.Output, "accepted.txt"), acceptedList);
Console.Error.WriteLine($"{acceptedList.Count} accepted; binding them");

using (var tsv = new StreamWriter(Path.Combine(options.Output, "bindings.tsv")))
{
    Parallel.ForEach(acceptedList, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, header =>
    {
        var binding = CorpusBinder.Bind(header, includeDirectories, TimeSpan.FromSeconds(options.TimeoutSeconds));
        lock (bindings)
        {
            // Models are dropped: thousands would not fit in memory; the sample binds its headers again.
            bindings.Add(binding with { Model = null });
            tsv.WriteLine($"{header}\t{binding.Outcome}\t{binding.Elapsed.TotalMilliseconds:0}\t{binding.FirstError?.ReplaceLineEndings(" ")}");
            tsv.Flush();
        }
    });
}

bindings.Sort((a, b) => string.CompareOrdinal(a.Header, b.Header));
}

// The sample: every n-th of the headers that bound without errors, re-bound one at a time so models do not pile up.
var bound = bindings.Where(b => b.Outcome is CorpusOutcome.Clean or CorpusOutcome.Warnings).Select(b => b.Header).ToList();
var sample = SystemCorpus.EveryNth(bound, sampleSize);
Console.Error.WriteLine($"checking {sample.Count} sampled headers against clang-14");
var checks = new List<CorpusLayoutResult>();
using (var tsv = new StreamWriter(Path.Combine(options.Output, "sample.tsv")))
{
    await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, async (header, _) =>
    {
        var binding = CorpusBinder.Bind(header, includeDirectories, TimeSpan.FromSeconds(options.TimeoutSeconds));
        CorpusLayoutResult check;
        try
        {
            check = await CorpusLayoutCheck.CheckAsync(binding, includeDirectories);
        }
        catch (Exception e)
        {
            check = new CorpusLayoutResult(header, 0, 0, [new(header, "(probe)", e.Message.ReplaceLineEndings(" "))], []);
        }

        var differences = string.Join(" | ", check.Mismatches.Take(20).Select(m => m.ToString()).Concat(check.CompileErrors.Take(5)));
        lock (checks)
        {
            checks.Add(check);
            tsv.WriteLine($"{header}\t{(check.IsExact ? "exact" : "differs")}\t{check.Records}\t{check.Checked}\t{check.Mismatches.Count}\t{check.CompileErrors.Count}\t{differences.ReplaceLineEndings(" ")}");
            tsv.Flush();
        }
    });
}

checks.Sort((a, b) => string.CompareOrdinal(a.Header, b.Header));

var summary = Summary(headers.Count, bindings, checks, DateTime.UtcNow - started, options);
await File.WriteAllTextAsync(Path.Combine(options.Output, "summary.md"), summary);
Console.WriteLine(summary);
return bindings.Any(b => b.Outcome is CorpusOutcome.Crash or CorpusOutcome.Hang) ? 1 : 0;

static string Summary(int headerCount, List<CorpusBinding> bindings, List<CorpusLayoutResult> checks, TimeSpan elapsed, Options options)
{
    string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    var text = new StringBuilder();
    text.AppendLine($"Corpus: {headerCount} headers under {options.Root}, {bindings.Count} accepted by clang-14 standalone ({elapsed.TotalMinutes:0.0} min, load {Load()})");
    text.AppendLine();
    text.AppendLine("| outcome | headers | share |");
    text.AppendLine("| --- | ---: | ---: |");
    foreach (var outcome in Enum.GetValues<CorpusOutcome>())
    {
        var count = bindings.Count(b => b.Outcome == outcome);
        text.AppendLine($"| {outcome} | {count} | {Percent(count, bindings.Count)} |");
    }

    var withoutErrors = bindings.Count(b => b.Outcome is CorpusOutcome.Clean or CorpusOutcome.Warnings);
    text.AppendLine($"| **without errors** | **{withoutErrors}** | **{Percent(withoutErrors, bindings.Count)}** |");
    text.AppendLine();
    var exact = checks.Count(c => c.IsExact);
    text.AppendLine($"Sample checked against clang-14: {checks.Count} headers, {checks.Sum(c => c.Records)} records, {checks.Sum(c => c.Checked)} facts; " +
        $"{exact} headers exact ({Percent(exact, checks.Count)}), {checks.Sum(c => c.Mismatches.Count)} facts differ, {checks.Count(c => c.CompileErrors.Count > 0)} headers whose C# does not compile");
    text.AppendLine();
    text.AppendLine("Headers with errors, by first error:");
    foreach (var failed in bindings.Where(b => b.Outcome is not (CorpusOutcome.Clean or CorpusOutcome.Warnings)))
    {
        text.AppendLine($"- {failed.Header} ({failed.Outcome}): {failed.FirstError?.ReplaceLineEndings(" ")}");
    }

    foreach (var differing in checks.Where(c => !c.IsExact))
    {
        text.AppendLine($"- sample {differing.Header}: {string.Join("; ", differing.Mismatches.Take(5).Select(m => m.ToString()).Concat(differing.CompileErrors.Take(3)))}");
    }

    return text.ToString();
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

internal sealed record Options(string Root, int Sample, int Jobs, int TimeoutSeconds, string Output, int? Limit, string? FromBindings, string? Accepted, string? Only)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var limit = Value("--limit", "");
        return new Options(
            Value("--root", "/usr/include"),
            int.Parse(Value("--sample", "300"), CultureInfo.InvariantCulture),
            int.Parse(Value("--jobs", "2"), CultureInfo.InvariantCulture),
            int.Parse(Value("--timeout", "60"), CultureInfo.InvariantCulture),
            Value("--out", "corpus-results"),
            limit.Length > 0 ? int.Parse(limit, CultureInfo.InvariantCulture) : null,
            Value("--from-bindings", "") is { Length: > 0 } from ? from : null,
            Value("--accepted", "") is { Length: > 0 } verdicts ? verdicts : null,
            Value("--only", "") is { Length: > 0 } list ? list : null);
    }
}
