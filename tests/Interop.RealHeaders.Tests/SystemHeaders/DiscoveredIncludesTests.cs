using Interop.Build.Tasks;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Emit;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Catalog;

namespace Interop.RealHeaders.Tests.SystemHeaders;

/// <summary>
/// The system include directories asked of the C compiler (as the CLI and the build do by default) give exactly
/// the bindings that glibc's directories given by hand give, and include the directories clang searches.
/// </summary>
public sealed class DiscoveredIncludesTests
{
    private static readonly string[] GlibcDirectories = ["/usr/include/x86_64-linux-gnu", "/usr/include"];

    [Fact]
    public void TheCompiler_IsAskedForItsSearchList_WhichHoldsGlibcsDirectoriesInClangsOrder()
    {
        var found = CompilerSearchPath.Find(null, "x86_64-linux-gnu");

        Assert.Contains("-E -Wp,-v", found.Source);
        var glibc = found.Directories.Where(GlibcDirectories.Contains).ToList();
        Assert.Equal(GlibcDirectories, glibc);
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void WithDiscoveredSystemIncludes_TheBindingsEqualThoseWithGlibcsDirectoriesGiven(string id)
    {
        var header = HeaderCatalog.Get(id);
        header.RequireInstalled();
        var discovered = CompilerSearchPath.Find(null, "x86_64-linux-gnu").Directories;

        var given = Bind(BindingRequest.Create(header.HeaderPath, header.LibraryName, header.Namespace, header.ClassName, header.IncludeDirectories.Concat(GlibcDirectories)));
        var found = Bind(BindingRequest.Create(header.HeaderPath, header.LibraryName, header.Namespace, header.ClassName, header.IncludeDirectories, systemIncludeDirectories: discovered));

        Assert.Equal(given.Select(f => f.HintName), found.Select(f => f.HintName));
        foreach (var (expected, actual) in given.Zip(found))
        {
            Assert.Equal(expected.Text, actual.Text);
        }
    }

    private static IReadOnlyList<GeneratedFile> Bind(BindingRequest request)
    {
        var result = HeaderCompiler.Compile(request, path => File.Exists(path) ? File.ReadAllText(path) : null);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        return BindingsEmitter.Emit(result.Model!);
    }
}
