using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Clang;
using Interop.RealHeaders.Tests.Roslyn;

namespace Interop.RealHeaders.Tests.Oracle;

/// <summary>
/// Compiles the probe program against the real header with clang-14, runs it and reads back what it
/// printed. A line clang rejects (a constant that is not a C expression, say) is taken out and
/// reported as a mismatch of its own, so one bad item does not hide all the others.
/// </summary>
public static partial class ClangProbe
{
    private const int MaxCompileAttempts = 5;

    /// <param name="std">The C dialect: the catalog's library headers are C11; system headers are read as clang reads them by default.</param>
    public static async Task<ProbeReport> RunAsync(RealHeader header, IReadOnlyList<ProbeItem> items, string std = "c11")
    {
        var directory = Directory.CreateTempSubdirectory("realheaders-probe-" + header.Id + "-").FullName;
        try
        {
            var remaining = items.ToList();
            var rejected = new Dictionary<string, string>();
            for (var attempt = 1; ; attempt++)
            {
                var source = ProbeProgramBuilder.Source(header.ProbeInclude, remaining, out var firstItemLine);
                await File.WriteAllTextAsync(Path.Combine(directory, "probe.c"), source);
                var compile = await Clang14.RunAsync(
                    ["-std=" + std, "-w", "-ferror-limit=0", .. Clang14.IncludeArguments(header.IncludeDirectories), "probe.c", "-o", "probe"], directory);
                if (compile.ExitCode == 0)
                {
                    break;
                }

                var badLines = RejectedLines(compile.StandardError, firstItemLine, remaining.Count);
                if (badLines.Count == 0 || attempt == MaxCompileAttempts)
                {
                    Assert.Fail($"the probe for {header.Id} does not compile with clang-14:\n{Truncate(compile.StandardError)}");
                }

                foreach (var (index, error) in badLines.OrderByDescending(p => p.Key))
                {
                    rejected[remaining[index].Label] = error;
                    remaining.RemoveAt(index);
                }
            }

            var run = await Cli.Wrap(Path.Combine(directory, "probe"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            if (run.ExitCode != 0)
            {
                Assert.Fail($"the probe for {header.Id} exited with {run.ExitCode}:\n{Truncate(run.StandardError)}");
            }

            return new ProbeReport(items, ParseOutput(run.StandardOutput, items), rejected);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Item index → first error clang reported on that item's line of probe.c.</summary>
    private static Dictionary<int, string> RejectedLines(string stderr, int firstItemLine, int itemCount)
    {
        var rejected = new Dictionary<int, string>();
        foreach (Match match in ProbeDiagnostic().Matches(stderr))
        {
            var index = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture) - firstItemLine;
            if (index >= 0 && index < itemCount && !rejected.ContainsKey(index))
            {
                rejected[index] = match.Groups["message"].Value.Trim();
            }
        }

        return rejected;
    }

    private static Dictionary<string, string> ParseOutput(string stdout, IReadOnlyList<ProbeItem> items)
    {
        var kinds = items.ToDictionary(i => i.Label, i => i.Kind);
        var values = new Dictionary<string, string>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.LastIndexOf('\t');
            var label = line[..tab];
            var value = line[(tab + 1)..];
            values[label] = kinds[label] == ProbeValueKind.Floating
                ? CompiledConstants.FloatingText(double.Parse(value, CultureInfo.InvariantCulture))
                : value;
        }

        return values;
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "\n...";

    [GeneratedRegex(@"^probe\.c:(?<line>\d+):\d+: (?:error|fatal error): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex ProbeDiagnostic();
}
