using Interop.RealHeaders.Tests.Catalog;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>Our compiler reports no errors on the real header, and the C# it emits compiles cleanly with the SDK's LibraryImport generator.</summary>
public sealed class GeneratedCodeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void Header_binds_without_error_diagnostics(string id)
    {
        var bound = BoundHeader.Get(id);
        foreach (var diagnostic in bound.Result.Diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        var errors = bound.Errors.ToList();
        Assert.True(errors.Count == 0, $"{id}: {errors.Count} error diagnostics:\n" + string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void Generated_code_compiles_with_zero_errors(string id)
    {
        var compilation = BoundHeader.Get(id).Compilation;
        var errors = compilation.Errors.ToList();
        output.WriteLine($"{id}: {errors.Count} errors, {compilation.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning)} warnings");
        Assert.True(errors.Count == 0, $"{id}: the generated C# has {errors.Count} errors:\n" + string.Join("\n", errors.Take(100)));
    }
}
