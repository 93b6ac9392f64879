using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// The generated raw entry point is declared exactly as a user would write it by hand, so the JIT compiles the same
/// call (issue 12's fast path; benchmarks/calls/parity.sh compares the machine code and the timings).
/// </summary>
public sealed class FastPathDeclarationTests
{
    private const string Header = """
        int my_add(int x, int y);
        int my_add_fast(int x, int y);
        """;

    // What a user writes by hand: a [LibraryImport] where the SDK's generator runs, else the forwarder it would write.
    private static string HandWritten(bool libraryImport)
    {
        string Import(string entryPoint) => libraryImport
            ? $"[System.Runtime.InteropServices.LibraryImport(\"test\", EntryPoint = \"{entryPoint}\")] public static partial"
            : $"[System.Runtime.InteropServices.DllImport(\"test\", EntryPoint = \"{entryPoint}\", ExactSpelling = true)] public static extern";
        return $$"""
            namespace Hand
            {
                public static partial class HandWritten
                {
                    {{Import("my_add")}} int my_add(int x, int y);

                    [System.Runtime.InteropServices.SuppressGCTransition]
                    {{Import("my_add_fast")}} int my_add_fast(int x, int y);
                }
            }
            """;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheRawImport_CarriesWhatAHandWrittenOneCarries_AndNoCallingConventionAttribute(bool libraryImport)
    {
        var item = Header("/src/add.h", Header);
        var metadata = new Dictionary<string, string>(item.Metadata) { ["InteropSuppressGCTransition"] = "my_add_fast" };
        var driver = libraryImport
            ? Driver([item with { Metadata = metadata }], withLibraryImport: true)
            : Driver([item with { Metadata = metadata }], generator: new BindingsGenerator(registerPreCompilation: null));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(HandWritten(libraryImport)), out var compilation, out var diagnostics);
        Assert.Empty(diagnostics);

        foreach (var name in new[] { "my_add", "my_add_fast" })
        {
            var generated = Method(compilation, "Test.Native.TestLib", name);
            var hand = Method(compilation, "Hand.HandWritten", name);
            Assert.DoesNotContain(generated.GetAttributes(), a => a.AttributeClass?.Name == "UnmanagedCallConvAttribute");
            Assert.Equal(Shape(hand), Shape(generated));
        }
    }

    private static IMethodSymbol Method(Compilation compilation, string type, string name) =>
        compilation.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>()
            .Single(m => m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Int32));

    /// <summary>What the runtime reads of an import: its DllImport data (the forwarder's) and its attributes but the generator's own markers.</summary>
    private static string Shape(IMethodSymbol method)
    {
        var import = (method.PartialImplementationPart ?? method).GetDllImportData()!;
        var attributes = method.GetAttributes().Concat(method.PartialImplementationPart?.GetAttributes() ?? [])
            .Select(a => a.AttributeClass!.Name)
            .Where(a => a is not ("GeneratedCodeAttribute" or "SkipLocalsInitAttribute"))
            .Distinct().OrderBy(a => a, StringComparer.Ordinal);
        return $"{import.ModuleName}!{import.EntryPointName} exact={import.ExactSpelling} conv={import.CallingConvention} lasterror={import.SetLastError} [{string.Join(", ", attributes)}]";
    }
}
