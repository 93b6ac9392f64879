using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Catalog;

namespace Interop.RealHeaders.Tests.SystemHeaders;

/// <summary>
/// The same headers bound with the machine's real glibc include directories instead of our builtin
/// headers: glibc's GNU extensions must parse, and the bindings must come out the same.
/// </summary>
public sealed class GlibcIncludeTests
{
    private static readonly string[] SystemDirectories = ["/usr/include/x86_64-linux-gnu", "/usr/include"];

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void WithGlibcHeaders_TheBindingsAreTheSameAsWithTheBuiltinOnes(string id)
    {
        var bound = BoundHeader.Get(id);
        bound.Header.RequireInstalled();
        var request = BindingRequest.Create(bound.Header.HeaderPath, bound.Header.LibraryName, bound.Header.Namespace, bound.Header.ClassName,
            bound.Header.IncludeDirectories.Concat(SystemDirectories));

        var withGlibc = HeaderCompiler.Compile(request, path => File.Exists(path) ? File.ReadAllText(path) : null);

        Assert.Empty(withGlibc.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        var ours = withGlibc.Model!;
        Assert.Equal(bound.Model.Functions.Select(f => f.Name).Order(), ours.Functions.Select(f => f.Name).Order());
        Assert.Equal(
            bound.Model.Structs.Select(s => $"{s.Name} {s.Size} {s.Alignment}").Order(),
            ours.Structs.Where(s => bound.Model.Structs.Any(b => b.Name == s.Name)).Select(s => $"{s.Name} {s.Size} {s.Alignment}").Order());
        Assert.Equal(bound.Model.Enums.Count, ours.Enums.Count);
    }
}
