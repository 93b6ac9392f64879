using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class StreamingLineCounterTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Theory]
    [InlineData(1, "ERROR", 6)]
    [InlineData(2, "ERROR", 64)]
    [InlineData(3, "ERROR", 4096)]
    [InlineData(4, "E", 2)]
    [InlineData(5, "", 3)]
    [InlineData(6, "RORRE", 11)]
    public async Task Buffered_mapped_and_stream_scans_agree_with_grep(int seed, string needle, int bufferSize)
    {
        var path = GrepOracle.WriteRandomFile(temp.Path, seed, 100_000, "EROx\n\r"u8, "ERROR"u8);
        var expected = await GrepOracle.CountAsync(path, needle);
        var matcher = new ManagedLineMatcher(needle);

        var buffered = StreamingLineCounter.Count(path, matcher, new LineScanOptions { MemoryMapping = false, BufferSize = bufferSize });
        var mapped = StreamingLineCounter.Count(path, matcher, new LineScanOptions { ChunkSize = bufferSize * 3 + 1, BufferSize = Math.Max(bufferSize, needle.Length + 1) });
        await using var stream = File.OpenRead(path);
        var streamed = StreamingLineCounter.Count(stream, matcher, new LineScanOptions { BufferSize = bufferSize });

        Assert.Equal(expected, buffered);
        Assert.Equal(expected, mapped);
        Assert.Equal(expected, streamed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task A_range_of_a_file_counts_only_its_lines(int chunkSize)
    {
        var path = temp.File($"range-{chunkSize}.log", "skip ERROR\nERROR one\nno\nERROR two\nskip ERROR too\n"u8);
        var matcher = new ManagedLineMatcher("ERROR");
        using var handle = File.OpenHandle(path);

        var count = StreamingLineCounter.Count(handle, new FileChunk(11, 27), matcher, new LineScanOptions { ChunkSize = chunkSize });

        Assert.Equal(2, count);
        Assert.Equal(4, await GrepOracle.CountAsync(path, "ERROR"));
    }

    [Fact]
    public void A_buffer_smaller_than_the_needle_plus_one_byte_is_rejected()
    {
        var matcher = new ManagedLineMatcher("ERROR");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            StreamingLineCounter.Count(new MemoryStream("ERROR\n"u8.ToArray()), matcher, new LineScanOptions { BufferSize = 5 }));
        Assert.Contains("6 bytes", error.Message);
    }

    [Fact]
    public void A_needle_with_a_newline_is_rejected_because_grep_would_split_it()
    {
        Assert.Throws<ArgumentException>(() => new ManagedLineMatcher("ERR\nOR"));
    }

    [Fact]
    public void Progress_adds_up_to_the_bytes_scanned()
    {
        var content = new byte[10_000];
        content.AsSpan().Fill((byte)'\n');
        var meter = new ProgressMeter(null, content.Length);

        StreamingLineCounter.Count(new MemoryStream(content), new ManagedLineMatcher("x"), new LineScanOptions { BufferSize = 999, Progress = meter });

        Assert.Equal(content.Length, meter.BytesDone);
        Assert.Equal(1.0, meter.Current.Fraction);
    }

    [Fact]
    public void Cancellation_stops_the_scan()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            StreamingLineCounter.Count(new MemoryStream(new byte[1000]), new ManagedLineMatcher("x"), null, cancelled.Token));
    }

    [Fact]
    public void The_managed_kernel_allocates_nothing()
    {
        var lines = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Line 1: ERROR: System failure 1\nLine 3: INFO: ok\n", 1000)));
        var matcher = new ManagedLineMatcher("ERROR");
        matcher.CountMatchingLines(lines); // compile first

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = matcher.CountMatchingLines(lines);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, count);
        Assert.Equal(0, allocated);
    }
}
