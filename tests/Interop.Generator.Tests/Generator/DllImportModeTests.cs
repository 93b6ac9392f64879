using System.Runtime.Loader;
using Interop.Tests.Shared;
using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// The fallback for compilers without the pre-compilation phase: blittable DllImport forwarders and friendly
/// overloads marshalling by hand. Compiled here by the in-process 5.9 compiler with no LibraryImport generator,
/// compared member by member with the LibraryImport build, and called for real against a C library built by clang.
/// </summary>
public sealed class DllImportModeTests : IClassFixture<DllImportModeTests.ShapesLibrary>
{
    /// <summary>One function per parameter shape: strings, bool, out pointers, ref scalars, spans, SafeHandles in, out and returned.</summary>
    private const string Header = """
        #include <stddef.h>
        #include <stdbool.h>
        typedef struct counter counter;
        size_t text_length(const char* text);
        bool is_even(int x);
        int negate_if(bool flag, int x);
        void accumulate(int* total, int amount);
        int get_answer(int** where);
        long sum(const int* data, size_t length);
        counter* counter_new(int start);
        int counter_open(int start, counter** out);
        int counter_add(counter* c, int delta);
        int counter_label(counter* c, const char* label, char* buffer, size_t length);
        void counter_free(counter* c);
        int counters_freed(void);
        """;

    private const string Implementation = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        struct counter { int value; };
        static int freed;
        size_t text_length(const char* text) { return text ? strlen(text) : 0; }
        bool is_even(int x) { return x % 2 == 0; }
        int negate_if(bool flag, int x) { return flag ? -x : x; }
        void accumulate(int* total, int amount) { *total += amount; }
        int get_answer(int** where) { static int answer = 42; *where = &answer; return 0; }
        long sum(const int* data, size_t length) { long s = 0; for (size_t i = 0; i < length; i++) s += data[i]; return s; }
        counter* counter_new(int start) { counter* c = malloc(sizeof *c); c->value = start; return c; }
        int counter_open(int start, counter** out) { *out = counter_new(start); return 0; }
        int counter_add(counter* c, int delta) { return c->value += delta; }
        int counter_label(counter* c, const char* label, char* buffer, size_t length) { return snprintf(buffer, length, "%s=%d", label, c->value); }
        void counter_free(counter* c) { free(c); freed++; }
        int counters_freed(void) { return freed; }
        """;

    /// <summary>Every shape, called through the friendly overloads; the same text is expected from both modes.</summary>
    private const string Probe = """
        using System.Collections.Generic;
        using Test.Native;
        public static unsafe class Probe
        {
            public static string Run()
            {
                var results = new List<string>();
                var freedBefore = TestLib.counters_freed();
                results.Add("len=" + TestLib.text_length("héllo"));
                results.Add("long=" + TestLib.text_length(new string('x', 1000)));
                results.Add("null=" + TestLib.text_length((string?)null));
                results.Add("even=" + TestLib.is_even(4) + TestLib.is_even(3));
                results.Add("neg=" + TestLib.negate_if(true, 3) + "," + TestLib.negate_if(false, 3));
                var total = 10;
                TestLib.accumulate(ref total, 5);
                results.Add("acc=" + total);
                TestLib.get_answer(out int* answer);
                results.Add("answer=" + *answer);
                results.Add("sum=" + TestLib.sum(new[] { 1, 2, 3, 4 }).Value);
                using (var created = counterHandle.counter_new(5))
                {
                    results.Add("add=" + TestLib.counter_add(created, 7));
                    var buffer = new byte[32];
                    fixed (byte* b = buffer)
                    {
                        var n = TestLib.counter_label(created, "count", (sbyte*)b, (nuint)buffer.Length);
                        results.Add("label=" + System.Text.Encoding.UTF8.GetString(buffer, 0, n));
                    }
                }

                TestLib.counter_open(100, out var opened);
                using (opened)
                {
                    results.Add("opened=" + TestLib.counter_add(opened, 1));
                }

                results.Add("freed=" + (TestLib.counters_freed() - freedBefore));
                try
                {
                    TestLib.counter_add(opened, 1);
                    results.Add("closed-handle-used");
                }
                catch (System.ObjectDisposedException)
                {
                    results.Add("closed-handle-refused");
                }

                return string.Join(" ", results);
            }
        }
        """;

    private const string Expected = "len=6 long=1000 null=0 even=10 neg=-3,3 acc=15 answer=42 sum=10 add=12 label=count=12 opened=101 freed=2 closed-handle-refused";

    private readonly ShapesLibrary _library;

    public DllImportModeTests(ShapesLibrary library) => _library = library;

    [Fact]
    public void DllImportMode_CompilesWithoutTheLibraryImportGenerator()
    {
        var compilation = Compile(ImportModeUnderTest.DllImport);

        var text = string.Join("\n", compilation.SyntaxTrees.Select(t => t.ToString()));
        Assert.DoesNotContain("LibraryImport", text);
        Assert.Contains("ExactSpelling = true", text);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void DllImportForwarders_TakeOnlyBlittableTypes_AndKeepSuppressGCTransition()
    {
        var compilation = Compile(ImportModeUnderTest.DllImport);

        var externs = Methods(compilation).Where(m => m.IsExtern).ToList();
        Assert.Equal(12, externs.Count); // one forwarder per C function, nothing else reaches native code
        foreach (var method in externs)
        {
            Assert.True(method.GetDllImportData() is { ExactSpelling: true }, method.ToDisplayString());
            foreach (var type in method.Parameters.Select(p => p.Type).Append(method.ReturnType))
            {
                // Pointers and unmanaged values only: no string, bool, char, SafeHandle or by-ref, so no runtime marshalling.
                Assert.True(type.IsUnmanagedType && type.SpecialType is not (SpecialType.System_Boolean or SpecialType.System_Char), $"{method.ToDisplayString()}: {type}");
            }

            Assert.All(method.Parameters, p => Assert.Equal(RefKind.None, p.RefKind));
        }

        var fast = externs.Single(m => m.Name == "text_length");
        Assert.Contains(fast.GetAttributes(), a => a.AttributeClass?.Name == "SuppressGCTransitionAttribute");
        Assert.DoesNotContain(externs.Single(m => m.Name == "sum").GetAttributes(), a => a.AttributeClass?.Name == "SuppressGCTransitionAttribute");
    }

    [Fact]
    public void DllImportMode_HasTheSamePublicApi_AsLibraryImportMode()
    {
        var fallback = PublicApi.Of(Compile(ImportModeUnderTest.DllImport), "Test.Native");
        var primary = PublicApi.Of(Compile(ImportModeUnderTest.LibraryImport), "Test.Native");

        Assert.Contains("static nuint Test.Native.TestLib.text_length(string? text)", primary);
        Assert.Contains("static Test.Native.counterHandle Test.Native.counterHandle.counter_new(int start)", primary);
        Assert.Contains("static int Test.Native.TestLib.counter_open(int start, out Test.Native.counterHandle @out)", primary);
        Assert.Equal("", PublicApi.Difference(primary, fallback));
    }

    [Theory]
    [InlineData(ImportModeUnderTest.LibraryImport, false)]
    [InlineData(ImportModeUnderTest.DllImport, false)]
    [InlineData(ImportModeUnderTest.DllImport, true)]
    public void EveryShape_CallsTheRealLibrary_WithTheSameResults(ImportModeUnderTest mode, bool disableRuntimeMarshalling)
    {
        var extra = disableRuntimeMarshalling ? "[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]" : "";
        var compilation = Compile(mode, Probe, extra);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext("dllimport-mode-" + Guid.NewGuid(), isCollectible: true);
        image.Position = 0;

        var run = context.LoadFromStream(image).GetType("Probe", throwOnError: true)!.GetMethod("Run")!;

        Assert.Equal(Expected, (string)run.Invoke(null, null)!);
    }

    [Fact]
    public void AChangedPreCompilationApi_IsOneWarning_AndTheBindingsStillCome()
    {
        var broken = new BindingsGenerator((_, _) => throw new MissingMethodException("Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext", "RegisterPreCompilationSourceOutput"));
        var driver = Driver(Items(), generator: broken).RunGeneratorsAndUpdateCompilation(Compilation(Probe), out var compilation, out var diagnostics);

        var warning = Assert.Single(diagnostics);
        Assert.Equal("INTEROP1090", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("MissingMethodException", warning.GetMessage());
        Assert.Contains("docs/compiler-versions.md", warning.GetMessage());
        Assert.DoesNotContain(driver.GetRunResult().Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("LibraryImport", StringComparison.Ordinal));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void WithoutHeaders_TheFallbackAddsNothing_AndSaysNothing()
    {
        var broken = new BindingsGenerator((_, _) => throw new TypeLoadException("PreCompilationSourceProductionContext"));
        var result = Driver([], generator: broken).RunGenerators(Compilation()).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void DllImportMode_UnrelatedCSharpEdit_IsServedFromTheCache()
    {
        var compilation = Compilation("class A { }");
        var driver = Driver(Items(), generator: new BindingsGenerator(registerPreCompilation: null)).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class B { }", CSharpOptions)));

        var result = driver.GetRunResult().Results.Single();
        Assert.All(result.TrackedSteps[BindingsGenerator.CompileStep].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        var sources = result.TrackedOutputSteps["SourceOutput"].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(2, result.GeneratedSources.Length);
    }

    public enum ImportModeUnderTest
    {
        LibraryImport,
        DllImport,
    }

    private IEnumerable<HeaderItem> Items()
    {
        var item = Header("/src/shapes.h", Header, library: _library.Path);
        var metadata = new Dictionary<string, string>(item.Metadata)
        {
            ["InteropSpans"] = "sum(data,length)",
            ["InteropSuppressGCTransition"] = "text_length|is_even",
        };
        return [item with { Metadata = metadata }];
    }

    /// <summary>LibraryImport mode runs as the SDK does (ours, then its LibraryImport generator); DllImport mode as the Roslyn 4.14 build does.</summary>
    private Compilation Compile(ImportModeUnderTest mode, params string[] sources)
    {
        var driver = mode == ImportModeUnderTest.LibraryImport
            ? Driver(Items(), withLibraryImport: true)
            : Driver(Items(), generator: new BindingsGenerator(registerPreCompilation: null));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(sources), out var compilation, out var diagnostics);
        Assert.Empty(diagnostics);
        return compilation;
    }

    private static IEnumerable<IMethodSymbol> Methods(Compilation compilation) =>
        compilation.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Test").GetNamespaceMembers().Single(n => n.Name == "Native")
            .GetTypeMembers().SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>();

    /// <summary>The header's functions built into a shared library by clang, once for the class.</summary>
    public sealed class ShapesLibrary : IDisposable
    {
        private readonly ClangSharedLibrary _built = new("shapes", Header + "\n" + Implementation);

        public string Path => _built.Path;

        public void Dispose() => _built.Dispose();
    }
}
