using System.Buffers.Text;
using System.Text;

namespace LogScan;

/// <summary>
/// Writes deterministic synthetic logs: the same format, size and seed always give the same bytes.
/// Lines are formatted straight into a byte buffer, so generating gigabytes takes seconds.
/// </summary>
internal sealed class LogGenerator(LogFormat format, ulong seed = 1)
{
    private const int FlushThreshold = 1 << 20;

    private static readonly byte[][] Words = Encode(
        "request", "served", "cache", "miss", "hit", "user", "session", "token", "timeout", "retry",
        "connect", "socket", "worker", "queue", "flushed", "bytes", "latency", "ok", "upstream", "db",
        "query", "rows", "shard", "lease", "renewed", "gc", "pause", "ms", "handler", "route");

    private static readonly byte[][] QuietLevels = Encode("INFO ", "WARN ", "DEBUG");

    /// <summary>Lines written so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Lines written so far that contain <c>ERROR</c>.</summary>
    public long ErrorLines { get; private set; }

    /// <summary>Writes whole lines to <paramref name="output"/> until the next one would pass <paramref name="size"/> bytes; returns the bytes written.</summary>
    public long Write(Stream output, long size, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[FlushThreshold + 4096];
        var random = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        long written = 0;
        var used = 0;
        var line = new byte[256];
        while (true)
        {
            var length = format == LogFormat.Dense ? FormatDense(line, Lines, out var isError) : FormatSparse(line, Lines, ref random, out isError);
            if (written + used + length > size)
            {
                break;
            }

            line.AsSpan(0, length).CopyTo(buffer.AsSpan(used));
            used += length;
            Lines++;
            if (isError)
            {
                ErrorLines++;
            }

            if (used >= FlushThreshold)
            {
                cancellationToken.ThrowIfCancellationRequested();
                output.Write(buffer, 0, used);
                written += used;
                used = 0;
            }
        }

        output.Write(buffer, 0, used);
        output.Flush();
        return written + used;
    }

    private static int FormatDense(Span<byte> line, long index, out bool isError)
    {
        isError = index % 3 != 0;
        var at = Append(line, "Line "u8, 0);
        at += Number(line.Slice(at), index);
        if (!isError)
        {
            at = Append(line, ": INFO: System ok\n"u8, at);
            return at;
        }

        at = Append(line, ": ERROR: System failure "u8, at);
        at += Number(line.Slice(at), index);
        line[at++] = (byte)'\n';
        return at;
    }

    private static int FormatSparse(Span<byte> line, long index, ref ulong random, out bool isError)
    {
        var target = 40 + (int)(Next(ref random) % 161); // 40..200 bytes, newline included
        isError = Next(ref random) % 100 == 0;

        // "2024-05-01T12:00:00.000Z LEVEL" (30 bytes) then filler words up to the target length.
        var at = Append(line, "2024-05-01T"u8, 0);
        var millis = index * 7 % 86_400_000;
        at += TwoDigits(line.Slice(at), millis / 3_600_000, ':');
        at += TwoDigits(line.Slice(at), millis / 60_000 % 60, ':');
        at += TwoDigits(line.Slice(at), millis / 1000 % 60, '.');
        at += Number(line.Slice(at), 100 + millis % 900);
        at = Append(line, "Z "u8, at);
        at = Append(line, isError ? "ERROR"u8 : QuietLevels[(int)(Next(ref random) % 3)], at);
        while (at < target - 1)
        {
            line[at++] = (byte)' ';
            var word = Words[(int)(Next(ref random) % (ulong)Words.Length)];
            var take = Math.Min(word.Length, target - 1 - at);
            at = Append(line, word.AsSpan(0, take), at);
        }

        line[at++] = (byte)'\n';
        return at;
    }

    private static int Append(Span<byte> line, ReadOnlySpan<byte> text, int at)
    {
        text.CopyTo(line.Slice(at));
        return at + text.Length;
    }

    private static int Number(Span<byte> destination, long value)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    private static int TwoDigits(Span<byte> destination, long value, char separator)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
        destination[2] = (byte)separator;
        return 3;
    }

    // xorshift64*: tiny, fast and the same on every platform, which is all a synthetic log needs.
    private static ulong Next(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    private static byte[][] Encode(params string[] words) => [.. words.Select(Encoding.ASCII.GetBytes)];
}
