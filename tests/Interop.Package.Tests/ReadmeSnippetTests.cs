using System.Text.RegularExpressions;

namespace Interop.Package.Tests;

/// <summary>The README's project file and program, taken verbatim from README.md, build and run with the package.</summary>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public async Task ReadmeProject_IsTheWholeProjectFile_AndItsProgramRuns()
    {
        var readme = File.ReadAllText(Path.Combine(PackageFeed.RepositoryRoot, "README.md"));
        var project = Snippet(readme, "package-project");
        var program = Snippet(readme, "package-program");
        var feed = await PackageFeed.GetAsync();
        // The README names the version the repository declares; this run packed a unique one above it.
        var reference = $"<PackageReference Include=\"Interop\" Version=\"{PackageFeed.DeclaredVersion}\" />";
        Assert.Contains(reference, project);
        var workspace = await ConsumerWorkspace.CreateAsync("readme");
        Directory.CreateDirectory(workspace.PathOf("Readme"));
        File.WriteAllText(workspace.PathOf("Readme/Readme.csproj"), project.Replace(reference, $"<PackageReference Include=\"Interop\" Version=\"{feed.Version}\" />", StringComparison.Ordinal));
        File.WriteAllText(workspace.PathOf("Readme/Program.cs"), program);

        var run = await workspace.DotnetSucceedsAsync("Readme", "run");

        Assert.Matches(new Regex(@"^zlib \d+\.\d+\.\d+[^:]*: compressBound\(1000\) = 1013$", RegexOptions.Multiline), run.StandardOutput.ReplaceLineEndings("\n"));
    }

    /// <summary>The fenced code between <c>&lt;!-- NAME:begin --&gt;</c> and <c>&lt;!-- NAME:end --&gt;</c>.</summary>
    private static string Snippet(string readme, string name)
    {
        var match = Regex.Match(readme, $@"<!-- {name}:begin -->\s*```\w*\n(?<code>.*?)```\s*<!-- {name}:end -->", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no {name} snippet between <!-- {name}:begin --> and <!-- {name}:end -->");
        return match.Groups["code"].Value;
    }
}
