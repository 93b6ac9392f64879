using System.Xml.Linq;
using Interop.Generator.Options;

namespace Interop.Generator.Tests.OptionTable;

/// <summary>The option table, the build files, the docs and the README say the same thing.</summary>
public sealed class OptionTableTests
{
    /// <summary>The generator's build folder (in the package: build/), wherever its props and targets are split.</summary>
    private static readonly string BuildDirectory = Path.GetDirectoryName(
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "generator"), "Interop.Includes.targets", SearchOption.AllDirectories).Single(f => !IsBuildOutput(f)))!;

    private static bool IsBuildOutput(string path) =>
        new[] { "obj", "bin", "artifacts", ".git" }.Any(d => path.Contains(Path.DirectorySeparatorChar + d + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>Every element of the build folder's files with that extension, as one sequence.</summary>
    private static IEnumerable<XElement> Elements(string extension, string name) =>
        Directory.GetFiles(BuildDirectory, "*" + extension).SelectMany(f => XDocument.Load(f).Descendants(name));

    private static string IncludesTargets => File.ReadAllText(Path.Combine(BuildDirectory, "Interop.Includes.targets"));

    [Fact]
    public void CompilerVisibleItemMetadata_IsExactlyTheTablesPerHeaderOptions()
    {
        var declared = Elements(".props", "CompilerVisibleItemMetadata").Select(e => (string)e.Attribute("MetadataName")!)
            .Where(n => n is not (BindingOptions.KindMetadata or BindingOptions.DiagnosticSeveritiesMetadata)).Order();

        Assert.Equal(BindingOptions.All.Where(o => o.PerHeader).Select(o => o.Metadata!).Order(), declared);
    }

    [Fact]
    public void TheGeneratorsProperties_AreCompilerVisible_AndTheTasksAreReadByTheIncludesTargets()
    {
        var visible = Elements(".props", "CompilerVisibleProperty").Select(e => (string)e.Attribute("Include")!).ToHashSet();

        foreach (var option in BindingOptions.All.Where(o => o.Property is not null))
        {
            if (option.PropertyReader == OptionReader.Generator)
            {
                Assert.True(visible.Contains(option.Property!), $"{option.Property} is not a CompilerVisibleProperty");
            }
            else
            {
                Assert.True(IncludesTargets.Contains($"$({option.Property})", StringComparison.Ordinal), $"{option.Property} is not read by Interop.Includes.targets");
            }
        }
    }

    [Fact]
    public void TheTargetsHandEveryPerHeaderOption_FromItsNativeHeaderMetadata()
    {
        var item = Elements(".targets", "AdditionalFiles").Single(e => (string?)e.Attribute("InteropKind") == "NativeHeader");
        var passed = item.Attributes().Where(a => a.Name.LocalName.StartsWith("Interop", StringComparison.Ordinal) && a.Name.LocalName is not (BindingOptions.KindMetadata or BindingOptions.DiagnosticSeveritiesMetadata))
            .ToDictionary(a => a.Name.LocalName, a => a.Value);

        Assert.Equal(BindingOptions.All.Where(o => o.PerHeader).Select(o => o.Metadata!).Order(), passed.Keys.Order());
        foreach (var option in BindingOptions.All.Where(o => o.PerHeader))
        {
            Assert.Contains($"%(NativeHeader.{option.Name})", passed[option.Metadata!]);
            if (option.Kind == OptionKind.List)
            {
                // The compiler reads the values from an .editorconfig, where ';' starts a comment.
                Assert.Contains("Replace(';', '|')", passed[option.Metadata!]);
            }
        }
    }

    [Fact]
    public void DocsOptionsPage_IsWrittenFromTheTable()
    {
        var page = Path.Combine(RepositoryPaths.Root, "docs", "options.md");
        var expected = OptionsReference.Document();
        if (Environment.GetEnvironmentVariable("INTEROP_WRITE_DOCS") == "1")
        {
            File.WriteAllText(page, expected);
        }

        Assert.True(File.Exists(page) && File.ReadAllText(page) == expected,
            "docs/options.md differs from the option table; run the tests with INTEROP_WRITE_DOCS=1 to rewrite it");
    }

    [Fact]
    public void Readme_ShowsTheTablesOptionsTable()
    {
        var path = Path.Combine(RepositoryPaths.Root, "README.md");
        var readme = File.ReadAllText(path);
        if (Environment.GetEnvironmentVariable("INTEROP_WRITE_DOCS") == "1")
        {
            var start = readme.IndexOf(OptionsReference.TableStart, StringComparison.Ordinal);
            var end = readme.IndexOf(OptionsReference.TableEnd, StringComparison.Ordinal) + OptionsReference.TableEnd.Length + 1;
            readme = readme.Substring(0, start) + OptionsReference.Table() + readme.Substring(end);
            File.WriteAllText(path, readme);
        }

        Assert.Contains(OptionsReference.Table(), readme);
        foreach (var name in new[] { "Spans", "SuppressGCTransition", "InteropAmbient", "--span", "--no-ambient", "--suppress-gc-transition", "--no-system-includes" })
        {
            Assert.Contains(name, readme);
        }
    }

    [Theory]
    [InlineData("Handles", "s")]
    [InlineData("Handles", "a=b=c")]
    [InlineData("Spans", "f")]
    [InlineData("Spans", "f(a)")]
    [InlineData("VariadicForms", "printf")]
    [InlineData("VariadicForms", "*(long)")]
    [InlineData("SuppressGCTransition", "not a name")]
    [InlineData("Defines", "=1")]
    public void AMalformedEntry_IsRejectedByItsRow(string option, string entry)
    {
        Assert.False(BindingOptions.All.Single(o => o.Name == option).IsWellFormed(entry));
    }

    [Theory]
    [InlineData("Handles", "sqlite3=sqlite3_close")]
    [InlineData("Spans", "*(data,length)")]
    [InlineData("VariadicForms", "curl_easy_setopt(long)")]
    [InlineData("SuppressGCTransition", "my_add")]
    [InlineData("Defines", "A=2")]
    public void AWellFormedEntry_IsAccepted(string option, string entry)
    {
        Assert.True(BindingOptions.All.Single(o => o.Name == option).IsWellFormed(entry));
    }
}
