using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>Two headers bound into one namespace that include the same header: its types are declared once.</summary>
public sealed class SharedTypesTests
{
    private const string Common = """
        #pragma once
        #ifdef WIDE
        typedef struct point { long long x, y; } point;
        #else
        typedef struct point { int x, y; } point;
        #endif
        typedef enum shape { SHAPE_DOT, SHAPE_LINE } shape;
        """;

    private static readonly HeaderItem[] TwoHeaders =
    [
        Include("/src/common.h", Common),
        Header("/src/draw.h", "#include \"common.h\"\nint draw(point p, shape s);\n", className: "Draw"),
        Header("/src/measure.h", "#include \"common.h\"\nint measure(const point* p);\n", className: "Measure"),
    ];

    [Fact]
    public void A_type_both_headers_include_is_declared_once_and_everything_compiles()
    {
        var driver = Driver(TwoHeaders, withLibraryImport: true).RunGeneratorsAndUpdateCompilation(Compilation(), out var compilation, out var diagnostics);

        var sources = driver.GetRunResult().Results[0].GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        Assert.Equal(1, sources.Sum(s => Occurrences(s, "partial struct point")));
        Assert.Equal(1, sources.Sum(s => Occurrences(s, "enum shape")));
        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        // Both classes use the one type.
        var types = compilation.GetTypeByMetadataName("Test.Native.Measure")!.GetMembers("measure").OfType<IMethodSymbol>()
            .SelectMany(m => m.Parameters).Select(p => p.Type.ToDisplayString());
        Assert.Contains("Test.Native.point*", types);
    }

    [Fact]
    public void Different_definitions_under_one_name_are_an_error_naming_both_headers()
    {
        var wide = new HeaderItem("/src/measure.h", TwoHeaders[2].Text, new Dictionary<string, string>(TwoHeaders[2].Metadata) { ["InteropDefines"] = "WIDE" });

        Driver([TwoHeaders[0], TwoHeaders[1], wide]).RunGeneratorsAndUpdateCompilation(Compilation(), out _, out var diagnostics);

        var conflict = Assert.Single(diagnostics, d => d.Id == "INTEROP1060");
        Assert.Equal(DiagnosticSeverity.Error, conflict.Severity);
        Assert.Contains("'Test.Native.point'", conflict.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("draw.h", conflict.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("measure.h", conflict.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_in_different_namespaces_each_keep_their_own_copy()
    {
        var other = new HeaderItem("/src/measure.h", TwoHeaders[2].Text, new Dictionary<string, string>(TwoHeaders[2].Metadata) { ["InteropNamespace"] = "Other.Native" });

        var sources = Driver([TwoHeaders[0], TwoHeaders[1], other]).RunGenerators(Compilation()).GetRunResult().Results[0].GeneratedSources;

        Assert.Equal(2, sources.Sum(s => Occurrences(s.SourceText.ToString(), "partial struct point")));
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
