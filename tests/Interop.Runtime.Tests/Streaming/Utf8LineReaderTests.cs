using System.Text;
using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class Utf8LineReaderTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n\r\nc", new[] { "a", "b", "", "c" })]
    [InlineData("a\rb\n", new[] { "a\rb" })]
    public void Lines_come_without_their_terminators(string text, string[] expected)
    {
        Assert.Equal(expected, ReadAll(Encoding.UTF8.GetBytes(text), bufferSize: 2));
    }

    [Fact]
    public void Invalid_utf8_passes_through_untouched()
    {
        byte[] bytes = [0xFF, 0xC3, 0x28, (byte)'\n', 0xED, 0xA0, 0x80];
        using var reader = new Utf8LineReader(new MemoryStream(bytes), bufferSize: 3);
        var lines = new List<byte[]>();
        foreach (var line in reader)
        {
            lines.Add(line.ToArray());
        }

        Assert.Equal([[0xFF, 0xC3, 0x28], [0xED, 0xA0, 0x80]], lines);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_grows_it()
    {
        var longLine = new string('x', 100_000);

        Assert.Equal(["a", longLine, "b"], ReadAll(Encoding.ASCII.GetBytes($"a\n{longLine}\nb\n"), bufferSize: 16));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_an_error()
    {
        using var reader = new Utf8LineReader(new MemoryStream(new byte[1000]), bufferSize: 16, maxLineLength: 100);

        Assert.Throws<InvalidDataException>(() => reader.TryReadLine(out _));
    }

    [Fact]
    public async Task The_number_of_lines_is_what_grep_counts()
    {
        var path = GrepOracle.WriteRandomFile(temp.Path, 42, 50_000, "ab\r\n\n"u8, ""u8);
        using var reader = Utf8LineReader.Open(path, bufferSize: 64);
        long lines = 0;
        foreach (var _ in reader)
        {
            lines++;
        }

        Assert.Equal(await GrepOracle.CountAsync(path, ""), lines);
    }

    [Fact]
    public void Enumerating_allocates_nothing_per_line()
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("Line 1: ERROR: System failure 1\r\n", 10_000)));
        using var warmup = new Utf8LineReader(new MemoryStream(bytes), bufferSize: 4096);
        foreach (var _ in warmup)
        {
        }

        using var reader = new Utf8LineReader(new MemoryStream(bytes), bufferSize: 4096);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var errors = 0;
        foreach (var line in reader)
        {
            errors += line.IndexOf("ERROR"u8) >= 0 ? 1 : 0;
        }

        // 10,000 lines: one string or array per line would be 300 KB; allow only one-off runtime noise.
        Assert.Equal(10_000, errors);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
    }

    private static List<string> ReadAll(byte[] bytes, int bufferSize)
    {
        using var reader = new Utf8LineReader(new MemoryStream(bytes), bufferSize);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }
}
