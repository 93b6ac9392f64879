using System.Text.RegularExpressions;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.Generator.Tests.Generator;
using Microsoft.CodeAnalysis;

namespace Interop.Generator.Tests.Docs;

/// <summary>Every INTEROP code has its page under docs/diagnostics/, and the compiler's diagnostics link to it.</summary>
public sealed class DiagnosticPagesTests
{
    private static readonly string Pages = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics");

    /// <summary>The generator's codes and those the MSBuild targets raise (Code="INTEROPxxxx").</summary>
    private static IEnumerable<string> AllCodes() =>
        DiagnosticKind.All.Select(k => k.Id)
            .Concat(Directory.GetFiles(RepositoryPaths.Root, "*.targets", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), "Code=\"(INTEROP\\d{4})\"").Select(m => m.Groups[1].Value)))
            .Distinct();

    [Fact]
    public void EveryCode_HasAPage_ThatSaysWhatItMeans_GivesAnExample_AndHowToFixIt()
    {
        foreach (var code in AllCodes())
        {
            var page = Path.Combine(Pages, code + ".md");
            Assert.True(File.Exists(page), $"{code} has no page {page}");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {code}: ", text);
            foreach (var section in new[] { "## What it means", "## Example", "## How to fix it" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), $"{page} lacks '{section}'");
            }

            Assert.Contains($"[{code}]({code}.md)", File.ReadAllText(Path.Combine(Pages, "README.md")));
        }
    }

    [Fact]
    public void TheBuildsOwnErrors_LinkToTheirPages_WithTheGeneratorsBase()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "generator", "Interop.Generator", "build", "Interop.props"));
        Assert.Contains($"<InteropHelpLinkBase>{DiagnosticKind.HelpLinkBase}</InteropHelpLinkBase>", props);
        var targets = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "generator", "Interop.Generator", "build"), "*.targets");
        var errors = targets.SelectMany(f => Regex.Matches(File.ReadAllText(f), "<Error [^>]*Code=\"(INTEROP\\d{4})\"[^>]*>")).ToList();

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains($"HelpLink=\"$(InteropHelpLinkBase){e.Groups[1].Value}.md\"", e.Value));
    }

    [Fact]
    public void EveryPage_IsAKnownCode()
    {
        var codes = AllCodes().ToHashSet();
        var pages = Directory.GetFiles(Pages, "INTEROP*.md").Select(Path.GetFileNameWithoutExtension);

        Assert.All(pages, page => Assert.True(codes.Contains(page!), $"{page}.md is no known code"));
    }

    [Fact]
    public void EveryKind_HasTheHelpLinkOfItsPage_AndTheCompilersDiagnosticsCarryIt()
    {
        Assert.All(DiagnosticKind.All, kind => Assert.Equal(DiagnosticKind.HelpLinkBase + kind.Id + ".md", kind.HelpLink));
        Assert.EndsWith("/docs/diagnostics/", DiagnosticKind.HelpLinkBase);

        var driver = GeneratorHarness.Driver([GeneratorHarness.Header("/src/h.h", "#warning careful\nint broken(int x;\n")]).RunGenerators(GeneratorHarness.Compilation());
        var diagnostics = driver.GetRunResult().Diagnostics;

        Assert.Contains(diagnostics, d => d.Id == "INTEROP1010" && d.Descriptor.HelpLinkUri == DiagnosticKind.HelpLinkBase + "INTEROP1010.md");
        Assert.Contains(diagnostics, d => d.Id == "INTEROP1005" && d.Descriptor.HelpLinkUri == DiagnosticKind.HelpLinkBase + "INTEROP1005.md");
    }

    [Fact]
    public void SeveritiesFromTheHeadersEditorconfig_TurnAWarningOff_OrUp_ButNeverLowerAnError()
    {
        var header = "#warning careful\nint broken(int x;\n";
        var files = new Dictionary<string, string> { ["/src/h.h"] = header };
        var request = Interop.Generator.Model.BindingRequest.Create("/src/h.h", "h", "N", "H") with
        {
            DiagnosticSeverities = new[] { "INTEROP1005=none", "INTEROP1010=none" }.ToEquatableArray<string>(),
        };

        var result = HeaderCompiler.Compile(request, p => files.GetValueOrDefault(p));

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "INTEROP1005");
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1010" && d.Severity == Interop.Generator.Diagnostics.DiagnosticSeverity.Error);

        var raised = HeaderCompiler.Compile(request with { DiagnosticSeverities = new[] { "INTEROP1005=error" }.ToEquatableArray<string>() }, p => files.GetValueOrDefault(p));
        Assert.Contains(raised.Diagnostics, d => d.Id == "INTEROP1005" && d.Severity == Interop.Generator.Diagnostics.DiagnosticSeverity.Error);
    }
}
