using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

public sealed class BindingsGeneratorTests
{
    private const string Calc = """
        #ifndef CALC_H
        #define CALC_H
        #include <stdint.h>
        /** Adds two numbers. */
        int calc_add(int a, int b);
        typedef struct calc_point { int32_t x; int64_t y; } calc_point;
        double calc_length(const calc_point* p);
        #define CALC_MAX 100
        #endif
        """;

    [Fact]
    public void Bindings_ReachTheLibraryImportGenerator_AndTheCompilationHasNoErrors()
    {
        var driver = Driver([Header("/src/calc.h", Calc)], withLibraryImport: true);

        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation("class User { int F() => Test.Native.TestLib.calc_add(1, 2); }"), out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var libraryImportOutput = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType().Name == "LibraryImportGenerator");
        var stubs = string.Join("\n", libraryImportOutput.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("EntryPoint = \"calc_add\"", stubs);
        Assert.Contains("EntryPoint = \"calc_length\"", stubs);
    }

    [Fact]
    public void LowerCaseCTypeNames_KeptVerbatim_RaiseNoCompilerWarning()
    {
        // A user building with TreatWarningsAsErrors must not fail on C's naming (CS8981 for 'point').
        const string header = "struct point { int x, y; };\ntypedef struct point point;\nenum color { red, green };\nint area(point p, enum color c);\n";
        var driver = Driver([Header("/src/point.h", header)], withLibraryImport: true);

        // The SDK compiles net10.0 projects at warning level 10; CS8981 belongs to warning wave 7.
        var compilation = Compilation();
        driver.RunGeneratorsAndUpdateCompilation(compilation.WithOptions(compilation.Options.WithWarningLevel(10)), out var output, out _);

        var warnings = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        Assert.Contains(output.SyntaxTrees, t => t.ToString().Contains("struct point"));
    }

    [Fact]
    public void Bindings_AreAddedInThePreCompilationPhase_AsTwoFiles()
    {
        var driver = Driver([Header("/src/calc.h", Calc)]).RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Equal(["Test.Native.TestLib.Facade.g.cs", "Test.Native.TestLib.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order());
        var bindings = result.GeneratedSources.Single(s => s.HintName == "Test.Native.TestLib.g.cs").SourceText.ToString();
        Assert.Contains("public static partial int calc_add(int a, int b);", bindings);
        Assert.Contains("public const int CALC_MAX = 100;", bindings);
        Assert.Contains("[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]", bindings);
    }

    [Fact]
    public void MalformedHeader_ReportsLocatedDiagnostics_AndNeverThrows()
    {
        const string broken = "int ok(int);\nstruct s { int a; \nint broken(int x;\n#if 1 +\n#endif\n";

        var driver = Driver([Header("/src/broken.h", broken)]).RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        var ifError = Assert.Single(errors, d => d.Id == "INTEROP1003");
        var span = ifError.Location.GetLineSpan();
        Assert.Equal("/src/broken.h", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line); // 0-based: line 4
        Assert.Contains(errors, d => d.Id == "INTEROP1010" && d.Location.GetLineSpan().StartLinePosition.Line == 2);
    }

    [Fact]
    public void MissingInclude_IsAnErrorAtTheIncludeDirective()
    {
        var driver = Driver([Header("/src/a.h", "\n  #include \"missing.h\"\nint f(void);\n")]).RunGenerators(Compilation());

        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "INTEROP1002");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((1, 3), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("missing.h", diagnostic.GetMessage());
    }

    [Fact]
    public void QuotedInclude_IsResolvedFromAnotherAdditionalFile()
    {
        var header = Header("/src/api.h", "#include \"types/point.h\"\npoint_t origin(void);\n");
        var include = Include("/src/types/point.h", "typedef struct { float x, y; } point_t;\n");

        var driver = Driver([header, include]).RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        var bindings = result.GeneratedSources.Single(s => s.HintName.EndsWith(".TestLib.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public static partial point_t origin();", bindings);
        Assert.Contains("public unsafe partial struct point_t", bindings);
    }

    [Fact]
    public void AdditionalFilesThatAreNotHeaderItems_AreIgnored()
    {
        var unrelated = new HeaderItem("/src/readme.h", "this is not C at all {{{", new Dictionary<string, string>());

        var driver = Driver([unrelated]).RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void MissingMetadata_FallsBackToDocumentedDefaults()
    {
        var item = new HeaderItem("/src/my-lib.h", "int f(void);", new Dictionary<string, string> { ["InteropKind"] = "NativeHeader" });

        var driver = Driver([item]).RunGenerators(Compilation());

        var source = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Fallback.Root.MyLib.g.cs").SourceText.ToString();
        Assert.Contains("public const string LibraryName = \"my-lib\";", source);
    }

    [Fact]
    public void InvalidClassName_IsADiagnostic_NotBrokenCode()
    {
        var driver = Driver([Header("/src/a.h", "int f(void);", className: "not valid")]).RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(result.Diagnostics, d => d.Id == "INTEROP1050");
    }

    [Fact]
    public void RelativeIncludeDirectories_AreRelativeToTheProject()
    {
        var header = Header("/proj/api/api.h", "#include <types.h>\nsize_type count(void);\n") with { };
        var metadata = new Dictionary<string, string>(header.Metadata) { ["InteropIncludeDirectories"] = "third_party/include" };
        var include = Include("/proj/third_party/include/types.h", "typedef unsigned long long size_type;\n");

        var driver = Driver([header with { Metadata = metadata }, include], globalProperties: new Dictionary<string, string> { ["MSBuildProjectDirectory"] = "/proj" })
            .RunGenerators(Compilation());

        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        Assert.Contains("public static partial ulong count();", result.GeneratedSources.Single(s => s.HintName == "Test.Native.TestLib.g.cs").SourceText.ToString());
    }
}
