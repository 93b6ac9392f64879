using System.Globalization;
using System.Text.RegularExpressions;
using Interop.RealHeaders.Tests.Catalog;

namespace Interop.RealHeaders.Tests.Clang;

/// <summary>What a macro expands to, as far as binding it as a C# constant goes.</summary>
public enum MacroConstantKind
{
    Integer,
    Floating,
    String,
}

/// <summary>
/// The object-like macros of a library's own headers that clang evaluates as constants, by kind.
/// Candidates are the <c>#define</c>s clang actually executes in the library's own files
/// (<c>-E -dD</c> keeps them, with line markers naming the file), so a fallback definition skipped
/// because a system header defined the name first is not counted. Each candidate is then put in a
/// context that only accepts its kind, and the lines clang rejects drop out.
/// </summary>
public static partial class ClangMacroConstants
{
    private const int MaxCompileAttempts = 10;

    /// <summary>A file-scope line clang compiles only when the macro is of the kind.</summary>
    private static readonly IReadOnlyDictionary<MacroConstantKind, Func<string, int, string>> KindTests = new Dictionary<MacroConstantKind, Func<string, int, string>>
    {
        // An enumerator's value must be an integer constant expression (clang accepts values beyond int).
        [MacroConstantKind.Integer] = (name, i) => $"enum {{ probe_{i} = ({name}) }};",
        [MacroConstantKind.Floating] = (name, i) => $"_Static_assert(_Generic(({name}), float: 1, double: 1, default: 0), \"\"); static const double probe_{i} = ({name});",
        // Only a string literal (or a concatenation of them) initializes a char array.
        [MacroConstantKind.String] = (name, i) => $"static const char probe_{i}[] = {name};",
    };

    public static async Task<IReadOnlyDictionary<MacroConstantKind, IReadOnlyList<string>>> ReadAsync(RealHeader header)
    {
        var directory = Directory.CreateTempSubdirectory("realheaders-macros-" + header.Id + "-").FullName;
        try
        {
            var candidates = await CandidateNamesAsync(header, directory);
            var byKind = new Dictionary<MacroConstantKind, IReadOnlyList<string>>();
            foreach (var (kind, test) in KindTests)
            {
                byKind[kind] = await AcceptedAsync(header, directory, candidates, test);
            }

            return byKind;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<string>> AcceptedAsync(RealHeader header, string directory, List<string> candidates, Func<string, int, string> test)
    {
        for (var attempt = 1; ; attempt++)
        {
            var source = $"#include <{header.ProbeInclude}>\n" + string.Concat(candidates.Select((name, i) => test(name, i) + "\n"));
            await File.WriteAllTextAsync(Path.Combine(directory, "macros.c"), source);
            var result = await Clang14.RunAsync(
                ["-std=c11", "-w", "-fsyntax-only", "-ferror-limit=0", .. Clang14.IncludeArguments(header.IncludeDirectories), "macros.c"], directory);
            if (result.ExitCode == 0)
            {
                return candidates;
            }

            // Line 1 is the #include; candidate i sits on line i + 2.
            var rejected = RejectedLine().Matches(result.StandardError)
                .Select(m => int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture) - 2)
                .Where(i => i >= 0 && i < candidates.Count)
                .ToHashSet();
            if (rejected.Count == 0 || attempt == MaxCompileAttempts)
            {
                Assert.Fail($"cannot classify the macros of {header.Id} with clang-14:\n{result.StandardError[..Math.Min(4000, result.StandardError.Length)]}");
            }

            candidates = candidates.Where((_, i) => !rejected.Contains(i)).ToList();
        }
    }

    /// <summary>Names of the object-like macros defined while clang preprocessed the library's own files.</summary>
    private static async Task<List<string>> CandidateNamesAsync(RealHeader header, string directory)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "defines.c"), $"#include <{header.ProbeInclude}>\n");
        var result = await Clang14.RunAsync(
            ["-std=c11", "-w", "-E", "-dD", .. Clang14.IncludeArguments(header.IncludeDirectories), "defines.c"], directory);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"clang-14 cannot preprocess {header.HeaderPath}:\n{result.StandardError}");
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        string? file = null;
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (LineMarker().Match(line) is { Success: true } marker)
            {
                file = marker.Groups["file"].Value;
            }
            else if (file is not null && header.IsOwnFile(file) && ObjectLikeDefine().Match(line) is { Success: true } define)
            {
                names.Add(define.Groups["name"].Value);
            }
        }

        return names.ToList();
    }

    [GeneratedRegex(@"^# \d+ ""(?<file>[^""]*)""")]
    private static partial Regex LineMarker();

    // A name directly followed by '(' is function-like; anything else (space, end of line) is object-like.
    [GeneratedRegex(@"^#define (?<name>[A-Za-z_][A-Za-z0-9_]*)(?![(A-Za-z0-9_])")]
    private static partial Regex ObjectLikeDefine();

    [GeneratedRegex(@"^macros\.c:(?<line>\d+):\d+: (?:error|fatal error):", RegexOptions.Multiline)]
    private static partial Regex RejectedLine();
}
