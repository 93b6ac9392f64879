using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using static Interop.Generator.Tests.Generator.GeneratorHarness;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// The span rule over every kind of C integer length, called for real against a C library built by clang-14, in both
/// import modes: each function returns the length it received and the sum it read, so a wrong or truncated length
/// shows. A span too long for a narrow length throws before the call instead of passing a truncated length.
/// </summary>
public sealed class SpanLengthCallTests : IClassFixture<SpanLengthCallTests.LengthsLibrary>
{
    private const string Header = """
        #include <stddef.h>
        #include <stdint.h>
        long sum_long(const int* data, long length);
        unsigned long sum_ulong(const int* data, unsigned long length);
        int sum_int(const int* data, int length);
        int sum_ushort(const int* data, unsigned short length);
        int sum_schar(const int* data, signed char length);
        int64_t sum_int64(const int* data, int64_t length);
        size_t fill(int* data, size_t length, int value);
        """;

    // Each sum is length * 1000 + the sum of the elements, so both the length and the data are checked.
    private const string Implementation = """
        #define SUM(T) { long long s = 0; for (T i = 0; i < length; i++) s += data[i]; return (long long)length * 1000 + s; }
        long sum_long(const int* data, long length) SUM(long)
        unsigned long sum_ulong(const int* data, unsigned long length) SUM(unsigned long)
        int sum_int(const int* data, int length) SUM(int)
        int sum_ushort(const int* data, unsigned short length) SUM(unsigned)
        int sum_schar(const int* data, signed char length) SUM(int)
        int64_t sum_int64(const int* data, int64_t length) SUM(int64_t)
        size_t fill(int* data, size_t length, int value) { for (size_t i = 0; i < length; i++) data[i] = value; return length; }
        """;

    private const string Probe = """
        using System;
        using Test.Native;
        public static class Probe
        {
            public static string Run()
            {
                ReadOnlySpan<int> data = new[] { 1, 2, 3 };
                var filled = new int[4];
                var results = new[]
                {
                    "long=" + TestLib.sum_long(data).Value,
                    "ulong=" + TestLib.sum_ulong(data).Value,
                    "int=" + TestLib.sum_int(data),
                    "ushort=" + TestLib.sum_ushort(data),
                    "schar=" + TestLib.sum_schar(data),
                    "int64=" + TestLib.sum_int64(data),
                    "fill=" + TestLib.fill(filled, 7) + ":" + string.Join(",", filled),
                    "ushort-max=" + TestLib.sum_ushort(new int[ushort.MaxValue]),
                };
                return string.Join(" ", results);
            }

            public static void TooLongForSignedChar() => TestLib.sum_schar(new int[128]);
        }
        """;

    private readonly LengthsLibrary _library;

    public SpanLengthCallTests(LengthsLibrary library) => _library = library;

    public static TheoryData<bool> Modes => new() { true, false };

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryIntegerLength_ReachesC_AsTheSpansLength(bool libraryImport)
    {
        var probe = Load(libraryImport);

        Assert.Equal("long=3006 ulong=3006 int=3006 ushort=3006 schar=3006 int64=3006 fill=4:7,7,7,7 ushort-max=65535000",
            (string)probe.GetMethod("Run")!.Invoke(null, null)!);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ASpanTooLongForANarrowLength_Throws_InsteadOfTruncating(bool libraryImport)
    {
        var probe = Load(libraryImport);

        var thrown = Assert.Throws<TargetInvocationException>(() => probe.GetMethod("TooLongForSignedChar")!.Invoke(null, null));
        Assert.IsType<OverflowException>(thrown.InnerException);
    }

    private Type Load(bool libraryImport)
    {
        var item = Header("/src/lengths.h", Header, library: _library.Path);
        var metadata = new Dictionary<string, string>(item.Metadata) { ["InteropSpans"] = "*(data,length)" };
        var driver = libraryImport
            ? Driver([item with { Metadata = metadata }], withLibraryImport: true)
            : Driver([item with { Metadata = metadata }], generator: new BindingsGenerator(registerPreCompilation: null));
        driver.RunGeneratorsAndUpdateCompilation(Compilation(Probe), out var compilation, out var diagnostics);
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return new AssemblyLoadContext("span-lengths-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(image).GetType("Probe", throwOnError: true)!;
    }

    /// <summary>The header's functions built into a shared library by clang-14, once for the class.</summary>
    public sealed class LengthsLibrary : IDisposable
    {
        private readonly ClangSharedLibrary _built = new("lengths", Header + "\n" + Implementation);

        public string Path => _built.Path;

        public void Dispose() => _built.Dispose();
    }
}
