using System.IO.Compression;
using System.Reflection;
using System.Text;
using Interop.Generator;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;
using Interop.RealHeaders.Tests.Catalog;

namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the zlib driver bound with <see cref="ZlibSignatureUsageTests.Signatures"/> does.</summary>
public interface IZlibSignaturesUsage
{
    /// <summary>Deflates through <c>deflateInit</c> with the stated <c>long</c> level.</summary>
    byte[] DeflateWithStatedLevel(byte[] data, long level);

    /// <summary>Inflates through <c>inflateInit</c>, stated as inference types it.</summary>
    byte[] Inflate(byte[] compressed, int originalLength);

    /// <summary><c>OF</c>, zconf.h's identity macro, refused without a signature.</summary>
    ulong ThroughOF(ulong value);
}

/// <summary>
/// zlib's macros with stated signatures (the MacroSignatures option), bound and called for real: <c>OF</c> and
/// <c>Z_ARG</c>, whose parameter types no inference decides, become methods; <c>deflateInit</c> stated with a
/// <c>long</c> level wins over the inferred <c>int</c> with a warning, and still round-trips through libz.
/// </summary>
public sealed class ZlibSignatureUsageTests
{
    public static readonly string[] Signatures =
        ["OF(unsigned long) -> unsigned long", "Z_ARG(int) -> int", "deflateInit(z_streamp, long) -> int", "inflateInit(z_streamp) -> int"];

    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"row {i} of stated signatures\n")));

    /// <summary>zlib's bindings with <see cref="Signatures"/> and their driver.</summary>
    public static Assembly Bindings => UsageAssembly.WithOptions("zlib", r => r with { MacroSignatures = Signatures.ToEquatableArray() }, "ZlibSignaturesDriver");

    private readonly IZlibSignaturesUsage _zlib = (IZlibSignaturesUsage)Activator.CreateInstance(Bindings.GetTypes().Single(t => t.IsClass && typeof(IZlibSignaturesUsage).IsAssignableFrom(t)))!;

    [Fact]
    public void Macros_refused_today_bind_with_a_signature_and_the_differing_one_warns_at_its_define()
    {
        var header = BoundHeader.Get("zlib");
        Assert.Contains(header.Result.Diagnostics, d => d.Id == DiagnosticKind.MacroNotBound.Id && d.Message.Contains("'OF'"));

        var request = BindingRequest.Create(header.Header.HeaderPath, "z", "RealHeaders.Zlib", "Zlib", header.Header.IncludeDirectories) with { MacroSignatures = Signatures.ToEquatableArray() };
        var result = HeaderCompiler.Compile(request, path => File.Exists(path) ? File.ReadAllText(path) : null);

        Assert.Equal(["gzgetc"], result.Diagnostics.Where(d => d.Id == DiagnosticKind.MacroNotBound.Id).Select(d => d.Message.Split('\'')[1]));
        var warning = Assert.Single(result.Diagnostics, d => d.Id == DiagnosticKind.MacroSignatureMismatch.Id);
        Assert.Equal("/usr/include/zlib.h", warning.Location.File);
        Assert.Equal(File.ReadAllLines("/usr/include/zlib.h").Select((l, i) => (l, i + 1)).Single(x => x.l.Contains("define deflateInit(")).Item2, warning.Location.Line);
        Assert.Contains("parameter 'level' is 'CLong' where its use says 'int'", warning.Message);
        Assert.Equal(["OF", "Z_ARG", "deflateInit", "deflateInit2", "inflateBackInit", "inflateInit", "inflateInit2"], result.Model!.MacroMethods.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_stated_deflateInit_and_inflateInit_round_trip_through_the_real_libz()
    {
        var compressed = _zlib.DeflateWithStatedLevel(Text, level: 9);

        Assert.True(compressed.Length < Text.Length / 5);
        Assert.Equal(Text, _zlib.Inflate(compressed, Text.Length));
        using var reader = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        Assert.Equal(Text, output.ToArray());
    }

    [Fact]
    public void OF_is_a_method_with_the_stated_unsigned_long() => Assert.Equal(0xFFFF_FFFF_FFFFUL, _zlib.ThroughOF(0xFFFF_FFFF_FFFFUL));
}
