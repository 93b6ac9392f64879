using System.Text.RegularExpressions;

namespace Tour.Tests;

/// <summary>
/// The README's and docs' C# snippets are copies of regions of the tour's source, which the tour compiles and runs,
/// so a snippet cannot go stale. A region is <c>// &lt;snippet:NAME&gt;</c> ... <c>// &lt;/snippet&gt;</c>; a copy is a
/// fenced <c>csharp</c> block right after <c>&lt;!-- snippet: NAME --&gt;</c>. After editing the tour, refresh them with
/// <c>INTEROP_UPDATE_SNIPPETS=1 dotnet test examples/Tour.Tests --filter SnippetTests</c>.
/// </summary>
public sealed partial class SnippetTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void Every_snippet_in_the_docs_equals_its_region_of_the_tour()
    {
        var regions = Regions();
        var stale = new List<string>();
        var update = Environment.GetEnvironmentVariable("INTEROP_UPDATE_SNIPPETS") == "1";
        foreach (var document in Documents())
        {
            var text = File.ReadAllText(document);
            var refreshed = Copy().Replace(text, match =>
            {
                var name = match.Groups["name"].Value;
                if (!regions.TryGetValue(name, out var region))
                {
                    stale.Add($"{Relative(document)}: snippet '{name}' has no region '// <snippet:{name}>' in examples/Tour");
                    return match.Value;
                }

                if (match.Groups["code"].Value != region)
                {
                    stale.Add($"{Relative(document)}: snippet '{name}' differs from the tour's code:\n{region}");
                }

                return match.Groups["head"].Value + region + "```";
            });

            if (update && refreshed != text)
            {
                File.WriteAllText(document, refreshed);
            }
        }

        Assert.True(update || stale.Count == 0, string.Join("\n\n", stale) +
            "\n\nRefresh with: INTEROP_UPDATE_SNIPPETS=1 dotnet test examples/Tour.Tests --filter SnippetTests");
    }

    [Fact]
    public void The_readme_shows_the_tours_call_mock_cleanup_stream_and_pool_snippets()
    {
        var names = Copy().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))).Select(m => m.Groups["name"].Value).ToList();

        Assert.Superset(new HashSet<string> { "call", "mock", "cleanup", "stream-count", "pool" }, names.ToHashSet());
    }

    [Fact]
    public void Regions_are_closed_and_named_once()
    {
        var names = new List<string>();
        foreach (var file in TourSources())
        {
            var open = 0;
            foreach (var line in File.ReadLines(file).Select(l => l.Trim()))
            {
                if (RegionStart().Match(line) is { Success: true } start)
                {
                    Assert.True(open == 0, $"{Relative(file)}: region '{start.Groups[1].Value}' opens inside another");
                    names.Add(start.Groups[1].Value);
                    open++;
                }
                else if (line == "// </snippet>")
                {
                    Assert.True(open == 1, $"{Relative(file)}: '// </snippet>' closes no region");
                    open--;
                }
            }

            Assert.True(open == 0, $"{Relative(file)}: a region is not closed");
        }

        Assert.Equal(names.Distinct().Count(), names.Count);
    }

    /// <summary>Each region's lines, dedented to its least-indented line.</summary>
    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in TourSources())
        {
            string? name = null;
            var lines = new List<string>();
            foreach (var line in File.ReadLines(file))
            {
                if (RegionStart().Match(line.Trim()) is { Success: true } start)
                {
                    (name, lines) = (start.Groups[1].Value, []);
                }
                else if (name is not null && line.Trim() == "// </snippet>")
                {
                    var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
                    regions[name] = string.Concat(lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
                    name = null;
                }
                else if (name is not null)
                {
                    lines.Add(line);
                }
            }
        }

        return regions;
    }

    private static IEnumerable<string> TourSources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "examples", "Tour"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static IEnumerable<string> Documents() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Prepend(Path.Combine(Root, "README.md"));

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"^// <snippet:([a-z0-9-]+)>$")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"(?<head><!-- snippet: (?<name>[a-z0-9-]+) -->\n```csharp\n)(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Copy();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Interop.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Interop.sln not found above " + AppContext.BaseDirectory);
    }
}
