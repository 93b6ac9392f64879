using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class LineChunkerTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(5000)]
    [InlineData(100_000)]
    public void Chunks_tile_the_file_and_start_at_line_starts(int chunkSize)
    {
        var path = GrepOracle.WriteRandomFile(temp.Path, chunkSize, 20_000, "abc\n"u8, "0123456789012345678901234567890123456789"u8);
        var bytes = File.ReadAllBytes(path);
        using var handle = File.OpenHandle(path);

        var chunks = LineChunker.Split(handle, new FileChunk(0, bytes.Length), chunkSize).ToList();

        Assert.Equal(0, chunks[0].Offset);
        Assert.Equal(bytes.Length, chunks[^1].End);
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Length > 0);
            Assert.True(chunks[i].Offset == 0 || bytes[chunks[i].Offset - 1] == (byte)'\n', $"chunk {i} starts mid-line");
            if (i > 0)
            {
                Assert.Equal(chunks[i - 1].End, chunks[i].Offset);
            }
        }
    }

    [Fact]
    public void A_line_longer_than_a_chunk_empties_the_chunks_it_covers()
    {
        var path = temp.File("long-line.log", "a\n0123456789012345678901234567890123456789\nb\n"u8);
        using var handle = File.OpenHandle(path);
        var range = new FileChunk(0, 45);

        var chunks = Enumerable.Range(0, (int)LineChunker.ChunkCount(45, 8)).Select(i => LineChunker.GetChunk(handle, range, 8, i)).ToList();

        Assert.Equal(new FileChunk(0, 43), chunks[0]); // "a\n" plus the long line, which starts in chunk 0
        Assert.All(chunks.Skip(1).Take(4), chunk => Assert.Equal(0, chunk.Length));
        Assert.Equal(new FileChunk(43, 2), chunks[5]);
    }

    [Fact]
    public void An_empty_file_has_no_chunks()
    {
        var path = temp.File("empty.log", []);
        using var handle = File.OpenHandle(path);

        Assert.Empty(LineChunker.Split(handle, new FileChunk(0, 0), 4096));
    }
}
