using System.Buffers.Text;
using System.Text;
using Interop.Runtime.Streaming;
using Spectre.Console;

namespace Tour.Chapters;

/// <summary>
/// Idea 4 (the lesson's point 68, generators over a huge file): a log is generated, then read lazily one line at a
/// time (stopping early reads almost nothing) and counted in constant memory with a progress bar.
/// </summary>
internal static class StreamALog
{
    private const int LineCount = 1_500_000;

    public static async Task RunAsync(Narrator narrator)
    {
        narrator.Chapter("Stream a generated log through a lazy pipeline", "for line in file: ... with generator functions");
        var path = Path.Combine(Path.GetTempPath(), $"interop-tour-{Environment.ProcessId}.log");
        try
        {
            var size = WriteLog(path);
            narrator.Say($"Wrote {LineCount:N0} lines in the lesson's format (every third is INFO, the others ERROR), {size / (1 << 20)} MiB, to a temporary file.");

            // <snippet:stream-lazy>
            await using var file = File.OpenRead(path);
            using var reader = new Utf8LineReader(file, bufferSize: 64 << 10);   // one pooled buffer, a span per line
            var firstErrors = new List<string>();
            foreach (var line in reader)
            {
                if (line.IndexOf("ERROR"u8) >= 0)
                {
                    firstErrors.Add(Encoding.UTF8.GetString(line));
                    if (firstErrors.Count == 3)
                    {
                        break;                              // stop pulling: the rest of the file is never read
                    }
                }
            }
            // </snippet>
            narrator.Result($"The first three ERROR lines: {string.Join(" | ", firstErrors)}");
            narrator.Result($"To find them the reader pulled {file.Position / 1024} KiB of {size / (1 << 20)} MiB: nothing more was read");

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var errors = Count(path, size, narrator);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            narrator.Result($"Counted {errors:N0} ERROR lines of {LineCount:N0} (expected {LineCount - (LineCount + 2) / 3:N0}), allocating {allocated / 1024} KiB on this thread for a {size / (1 << 20)} MiB file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long Count(string path, long size, Narrator narrator)
    {
        long errors = 0;
        narrator.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn())
            .Start(context =>
            {
                var bar = new ProgressBar(context.AddTask("Counting ERROR lines", maxValue: size));
                // <snippet:stream-count>
                var meter = new ProgressMeter(bar, totalBytes: size, interval: TimeSpan.FromMilliseconds(20));
                errors = StreamingLineCounter.Count(path, new ManagedLineMatcher("ERROR"), new LineScanOptions { Progress = meter });
                meter.Complete();
                // </snippet>
            });
        return errors;
    }

    /// <summary>Writes the lesson's <c>huge_file_reader</c> lines, formatted straight into bytes.</summary>
    private static long WriteLog(string path)
    {
        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        var line = new byte[64];
        for (var i = 0; i < LineCount; i++)
        {
            output.Write(line, 0, Format(line, i));
        }

        return output.Length;
    }

    private static int Format(Span<byte> line, int index)
    {
        var at = Append(line, "Line "u8, 0);
        Utf8Formatter.TryFormat(index, line[at..], out var digits);
        at += digits;
        if (index % 3 == 0)
        {
            return Append(line, ": INFO: System ok\n"u8, at);
        }

        at = Append(line, ": ERROR: System failure "u8, at);
        Utf8Formatter.TryFormat(index, line[at..], out digits);
        at += digits;
        line[at] = (byte)'\n';
        return at + 1;
    }

    private static int Append(Span<byte> line, ReadOnlySpan<byte> text, int at)
    {
        text.CopyTo(line[at..]);
        return at + text.Length;
    }

    /// <summary>Shows <see cref="StreamProgress"/> reports on a Spectre.Console progress task.</summary>
    private sealed class ProgressBar(ProgressTask task) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => task.Value = value.BytesDone;
    }
}
