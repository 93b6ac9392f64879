using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// Friendly overloads (strings, bool, out, ref) next to the raw ones, compiled with the SDK's LibraryImport
/// generator and called for real against the C library, plus the facade types Moq can handle.
/// </summary>
public sealed class FriendlySignatureTests
{
    private const string Libc = """
        #include <stddef.h>
        #include <stdbool.h>
        size_t strlen(const char* s);
        int atoi(const char* text);
        long strtol(const char* text, char** end, int base);
        int sscanf_fixed(const char* text, int* value);
        """;

    [Fact]
    public void Overloads_AreDeclaredBesideTheRawEntryPoints()
    {
        var bindings = Bindings(Libc);

        Assert.Contains("public static partial nuint strlen(sbyte* s);", bindings);
        Assert.Contains("StringMarshalling = global::System.Runtime.InteropServices.StringMarshalling.Utf8)]", bindings);
        Assert.Contains("public static partial nuint strlen(string? s);", bindings);
        // Its text stays a raw pointer: a marshalled copy would be freed before the caller reads end.
        Assert.Contains("public static partial global::System.Runtime.InteropServices.CLong strtol(sbyte* text, out sbyte* end, int @base);", bindings);
        Assert.DoesNotContain("strtol(string?", bindings);
        Assert.Contains("public static partial int sscanf_fixed(string? text, ref int value);", bindings);
    }

    [Fact]
    public void Strings_StayRaw_OnlyWhenAnOutParameterCanPointIntoThem()
    {
        var bindings = Bindings("""
            int run_sql(const char* sql, char** errmsg);
            int prepare(const char* sql, const char** tail);
            double parse_number(const char* text, char** endptr);
            """);

        // errmsg is memory the callee allocates: the string overload is safe.
        Assert.Contains("public static partial int run_sql(string? sql, out sbyte* errmsg);", bindings);
        // A const char** tail and a char** named like an end pointer point into the argument: it stays a pointer.
        Assert.Contains("public static partial int prepare(sbyte* sql, out sbyte* tail);", bindings);
        Assert.Contains("public static partial double parse_number(sbyte* text, out sbyte* endptr);", bindings);
    }

    [Fact]
    public void StringOverload_MarshalsUtf8_ForTheRealCLibrary()
    {
        var type = LoadBindings(Libc);

        Assert.Equal((nuint)6, Invoke<nuint>(type, "strlen", "héllo"));
        Assert.Equal(-42, Invoke<int>(type, "atoi", "-42"));
    }

    [Fact]
    public void OutPointerOverload_PointsIntoTheCallersOwnText()
    {
        const string probe = """
            public static unsafe class Probe
            {
                public static (long Value, long Stopped) Run()
                {
                    // The caller's own NUL-terminated text, alive after the call, so end can be read.
                    var text = "123abc\0"u8;
                    fixed (byte* start = text)
                    {
                        var value = Test.Native.TestLib.strtol((sbyte*)start, out var end, 10);
                        return ((long)value.Value, (byte*)end - start);
                    }
                }
            }
            """;
        var run = LoadBindings(Libc, probe).Assembly.GetType("Probe")!.GetMethod("Run")!;

        var (value, stopped) = ((long, long))run.Invoke(null, null)!;

        Assert.Equal((123L, 3L), (value, stopped));
    }

    [Fact]
    public void Facade_UsesStringsBoolsAndNintOnly()
    {
        var facade = Generate(Libc).Single(s => s.HintName.EndsWith(".Facade.g.cs", StringComparison.Ordinal)).SourceText.ToString();

        Assert.Contains("nuint strlen(string? s);", facade);
        Assert.Contains("strtol(nint text, out nint end, int @base);", facade);
        Assert.DoesNotContain("*", facade.Split("public sealed unsafe partial class")[0].Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).Aggregate("", (a, b) => a + b));
    }

    [Fact]
    public void BoolParametersAndReturns_AreBoolInTheFacade()
    {
        var facade = Generate("#include <stdbool.h>\nbool toggle(bool on, const char* why);\n").Single(s => s.HintName.EndsWith(".Facade.g.cs", StringComparison.Ordinal)).SourceText.ToString();

        Assert.Contains("bool toggle(bool on, string? why);", facade);
        Assert.Contains("public bool toggle(bool on, string? why) => TestLib.toggle(on, why) != 0;", facade);
    }

    [Fact]
    public void FacadeLocals_NeverShadowAParameter_NamedLikeThem()
    {
        // ICU names out-parameters 'result'; the facade's own locals must pick other names (CS0136 otherwise).
        var driver = Driver([Header("/src/libc.h", "long accumulate(long *result, long *resultNative, long x);\n", library: "libc.so.6")], withLibraryImport: true);

        driver.RunGeneratorsAndUpdateCompilation(Compilation(), out var compilation, out _);

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains(compilation.SyntaxTrees, t => t.ToString().Contains("ref long result, ref long resultNative", StringComparison.Ordinal));
    }

    private static IEnumerable<GeneratedSourceResult> Generate(string header) =>
        Driver([Header("/src/libc.h", header, library: "libc.so.6")]).RunGenerators(Compilation()).GetRunResult().Results.Single().GeneratedSources;

    private static string Bindings(string header) =>
        Generate(header).Single(s => s.HintName == "Test.Native.TestLib.g.cs").SourceText.ToString();

    private static Type LoadBindings(string header, params string[] extraSources)
    {
        var driver = Driver([Header("/src/libc.h", header, library: "libc.so.6")], withLibraryImport: true);
        driver.RunGeneratorsAndUpdateCompilation(Compilation(extraSources), out var compilation, out _);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext("friendly-" + Guid.NewGuid(), isCollectible: true);
        image.Position = 0;
        return context.LoadFromStream(image).GetType("Test.Native.TestLib", throwOnError: true)!;
    }

    private static T Invoke<T>(Type type, string name, string argument) =>
        (T)type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == name && m.GetParameters().Length == 1 && m.GetParameters()[0].ParameterType == typeof(string))
            .Invoke(null, [argument])!;
}
