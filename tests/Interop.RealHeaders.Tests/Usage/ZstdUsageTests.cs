using System.Text;

namespace Interop.RealHeaders.Tests.Usage;

/// <summary>What the zstd driver does through the generated bindings.</summary>
public interface IZstdUsage
{
    uint VersionNumber { get; }

    uint HeaderVersionNumber { get; }

    /// <summary><c>ZSTD_compress</c> at <paramref name="level"/>.</summary>
    byte[] Compress(byte[] data, int level);

    /// <summary><c>ZSTD_compressStream2</c> with <c>ZSTD_inBuffer</c>/<c>ZSTD_outBuffer</c> structs, in small input chunks, ending with <c>ZSTD_e_end</c>.</summary>
    byte[] CompressStreaming(byte[] data, int chunkSize);

    /// <summary>The frame's content size (<c>ZSTD_getFrameContentSize</c>), null when unknown.</summary>
    ulong? FrameContentSize(byte[] frame);

    /// <summary><c>ZSTD_decompress</c> into <paramref name="capacity"/> bytes; throws with <c>ZSTD_getErrorName</c> on error.</summary>
    byte[] Decompress(byte[] frame, int capacity);
}

/// <summary>zstd through the generated bindings: one-shot and streaming compression round trips.</summary>
public sealed class ZstdUsageTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i % 97},{i * 31 % 1009};")));

    private readonly IZstdUsage _zstd = UsageAssembly.Driver<IZstdUsage>("zstd");

    [Fact]
    public void One_shot_compression_round_trips_and_records_the_size()
    {
        var frame = _zstd.Compress(Data, level: 19);

        Assert.True(frame.Length < Data.Length / 3);
        Assert.Equal((ulong)Data.Length, _zstd.FrameContentSize(frame));
        Assert.Equal(Data, _zstd.Decompress(frame, Data.Length));
    }

    [Fact]
    public void Streaming_compression_through_the_buffer_structs_round_trips()
    {
        var frame = _zstd.CompressStreaming(Data, chunkSize: 1000);

        Assert.Equal(Data, _zstd.Decompress(frame, Data.Length));
    }

    [Fact]
    public void Corrupt_input_reports_a_zstd_error()
    {
        var frame = _zstd.Compress(Data, level: 3);
        frame[^5] ^= 0xFF;

        var error = Assert.Throws<InvalidOperationException>(() => _zstd.Decompress(frame, Data.Length));
        Assert.Contains("ZSTD_decompress", error.Message);
    }

    [Fact]
    public void The_library_matches_the_header_version() => Assert.Equal(_zstd.HeaderVersionNumber, _zstd.VersionNumber);
}
