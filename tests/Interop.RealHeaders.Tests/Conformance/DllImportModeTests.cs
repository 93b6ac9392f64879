using Interop.RealHeaders.Tests.Catalog;
using Interop.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace Interop.RealHeaders.Tests.Conformance;

/// <summary>
/// Each real header's bindings in the fallback build's DllImport form: they compile with no generator at all,
/// and their public API is the LibraryImport build's, member for member (docs/compiler-versions.md).
/// </summary>
public sealed class DllImportModeTests
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void DllImportForm_CompilesWithZeroErrorsOrWarnings(string id)
    {
        var diagnostics = BoundHeader.Get(id).FallbackCompilation.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        Assert.True(diagnostics.Count == 0, $"{id}: the DllImport form has {diagnostics.Count} errors and warnings:\n" + string.Join("\n", diagnostics.Take(100)));
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void DllImportForm_HasTheLibraryImportFormsPublicApi(string id)
    {
        var bound = BoundHeader.Get(id);

        var primary = PublicApi.Of(bound.Compilation.Compilation, bound.Header.Namespace);
        var fallback = PublicApi.Of(bound.FallbackCompilation.Compilation, bound.Header.Namespace);

        Assert.True(primary.Length > 100, $"{id}: only {primary.Length} public members");
        Assert.Equal("", PublicApi.Difference(primary, fallback));
    }
}
