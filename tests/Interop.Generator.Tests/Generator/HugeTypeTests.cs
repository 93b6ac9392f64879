using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// Types larger than .NET can hold end in INTEROP1035 at the member that made them so, through the real generator
/// driver, never in C# that cannot compile (<c>[InlineArray(4611686018427387904)]</c>) or an exception; the rest of the
/// header still binds and compiles.
/// </summary>
public sealed class HugeTypeTests
{
    public static TheoryData<string, string, int, int> Huge => new()
    {
        // name, the struct's C text (on line 2), the member's 1-based line and column
        { "one array past what C# can spell", "struct huge {\n  char bytes[1ULL << 62];\n};", 3, 8 },
        { "a struct over 2 GiB", "struct huge {\n  int ok;\n  char bytes[3000000000];\n};", 4, 8 },
        { "nested arrays multiplying past 2^63", "struct huge {\n  double cells[1ULL << 32][1ULL << 32];\n};", 3, 10 },
        { "an array of big structs", "struct inner { char bytes[1 << 30]; };\nstruct huge {\n  struct inner a[1ULL << 40];\n};", 4, 16 },
    };

    [Theory]
    [MemberData(nameof(Huge))]
    public void HugeStruct_IsALocatedError_AndTheRestOfTheHeaderBinds(string name, string huge, int line, int column)
    {
        var header = "int before(int x);\n" + huge + "\nint after(struct huge *h);\nstruct fine { int a; char tail[16]; };\n#define AFTER_MAX 7\n";
        var driver = Driver([Header("/src/huge.h", header)], withLibraryImport: true).RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out _);

        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType().Name == "BindingsGenerator");
        Assert.Null(result.Exception);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1035");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        var span = error.Location.GetLineSpan();
        Assert.Equal(("/src/huge.h", line, column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains("'huge' is not bound", error.GetMessage());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "INTEROP1099");

        var bindings = result.GeneratedSources.Single(s => s.HintName == "Test.Native.TestLib.g.cs").SourceText.ToString();
        Assert.DoesNotContain("InlineArray(4611686018427387904)", bindings);
        Assert.Contains("before(int x)", bindings);
        Assert.Contains(" after(", bindings);
        Assert.Contains("struct fine", bindings);
        Assert.Contains("AFTER_MAX = 7", bindings);
        var csharpErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(csharpErrors.Count == 0, name + ":\n" + string.Join("\n", csharpErrors));
    }

    [Fact]
    public void ArrayAboveTheInlineArrayLimit_IsLeftOut_AndTheStructKeepsItsSize()
    {
        // 2 MiB: C# compiles [InlineArray(2097152)], but the runtime refuses to load an inline array above 1 MiB.
        const string header = "struct big { int head; char bytes[2 * 1024 * 1024]; int tail; };\nint use(struct big *b);\n";
        var driver = Driver([Header("/src/big.h", header)], withLibraryImport: true).RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out _);

        var result = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType().Name == "BindingsGenerator");
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "INTEROP1011");
        Assert.Contains("'bytes'", warning.GetMessage());
        Assert.Equal(1, warning.Location.GetLineSpan().StartLinePosition.Line + 1);
        var bindings = result.GeneratedSources.Single(s => s.HintName == "Test.Native.TestLib.g.cs").SourceText.ToString();
        Assert.DoesNotContain("InlineArray(2097152)", bindings);
        Assert.Contains("Size = 2097160", bindings);
        Assert.Contains("public int tail;", bindings);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
