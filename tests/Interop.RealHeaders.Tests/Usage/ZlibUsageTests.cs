using System.IO.Compression;
using System.Text;

namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the zlib driver does through the generated bindings.</summary>
public interface IZlibUsage
{
    string Version { get; }

    /// <summary><c>zlibVersion_string()</c> and the header's <c>ZLIB_VERSION</c>.</summary>
    (string? Returned, string Macro) VersionStrings();

    /// <summary><c>compress2</c> at <paramref name="level"/>.</summary>
    byte[] Compress(byte[] data, int level);

    /// <summary><c>uncompress</c> into a buffer of <paramref name="originalLength"/> bytes.</summary>
    byte[] Uncompress(byte[] compressed, int originalLength);

    /// <summary><c>deflateInit_</c>/<c>deflate</c>/<c>deflateEnd</c> over a <c>z_stream</c> laid out by our layout engine.</summary>
    byte[] DeflateStream(byte[] data);

    /// <summary>Deflates through the bound macros: <c>deflateInit</c>, or <c>deflateInit2</c> with <paramref name="windowBits"/>.</summary>
    byte[] DeflateWithMacro(byte[] data, int? windowBits);

    /// <summary>Inflates through the bound <c>inflateInit</c> macro.</summary>
    byte[] InflateWithMacro(byte[] compressed, int originalLength);
}

/// <summary>zlib through the generated bindings, checked against .NET's own <see cref="ZLibStream"/>.</summary>
public sealed class ZlibUsageTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}: the quick brown fox jumps over the lazy dog\n")));

    private readonly IZlibUsage _zlib = UsageAssembly.Driver<IZlibUsage>("zlib");

    [Fact]
    public void Compress_then_uncompress_round_trips()
    {
        var compressed = _zlib.Compress(Text, level: 9);

        Assert.True(compressed.Length < Text.Length / 10);
        Assert.Equal(Text, _zlib.Uncompress(compressed, Text.Length));
    }

    [Fact]
    public void What_compress_writes_ZLibStream_reads()
    {
        using var reader = new ZLibStream(new MemoryStream(_zlib.Compress(Text, level: 6)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);

        Assert.Equal(Text, output.ToArray());
    }

    [Fact]
    public void What_ZLibStream_writes_uncompress_reads()
    {
        using var compressed = new MemoryStream();
        using (var writer = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            writer.Write(Text);
        }

        Assert.Equal(Text, _zlib.Uncompress(compressed.ToArray(), Text.Length));
    }

    [Fact]
    public void Deflate_through_a_z_stream_is_read_by_ZLibStream()
    {
        using var reader = new ZLibStream(new MemoryStream(_zlib.DeflateStream(Text)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);

        Assert.Equal(Text, output.ToArray());
    }

    [Fact]
    public void The_deflateInit_and_inflateInit_macros_round_trip_through_the_real_libz()
    {
        var compressed = _zlib.DeflateWithMacro(Text, windowBits: null);

        Assert.True(compressed.Length < Text.Length / 10);
        Assert.Equal(Text, _zlib.InflateWithMacro(compressed, Text.Length));
    }

    [Fact]
    public void The_deflateInit2_macro_writes_gzip_that_GZipStream_reads()
    {
        // windowBits 15 + 16: a gzip wrapper, which only deflateInit2 can ask for.
        using var reader = new GZipStream(new MemoryStream(_zlib.DeflateWithMacro(Text, windowBits: 31)), CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);

        Assert.Equal(Text, output.ToArray());
    }

    [Fact]
    public void The_library_reports_the_headers_version() => Assert.StartsWith("1.", _zlib.Version);

    [Fact]
    public void zlibVersion_string_EqualsTheHeadersVersionMacro()
    {
        var (returned, macro) = _zlib.VersionStrings();

        Assert.Equal(macro, returned);
    }
}
