using System.Text;
using Interop.Runtime.Streaming;

namespace LogScan;

/// <summary><c>count NEEDLE FILE</c>: the number of lines of FILE containing NEEDLE, like <c>LC_ALL=C grep -c -F</c>.</summary>
internal static class CountCommand
{
    public const string Usage =
        "count NEEDLE FILE [--engine managed|native|parallel] [--workers N] [--kernel managed|native]\n" +
        "                  [--buffer-size SIZE] [--chunk-size SIZE] [--progress auto|always|never]";

    public static async Task<int> RunAsync(ReadOnlyMemory<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse("count", args.Span, "engine", "workers", "kernel", "buffer-size", "chunk-size", "progress");
        line.ExpectPositionals(2, "NEEDLE FILE");
        var needle = Encoding.UTF8.GetBytes(line.Positionals[0]);
        var path = line.Positionals[1];
        var engine = line.EnumOption("engine", Engine.Managed);
        var kernel = line.EnumOption("kernel", engine == Engine.Native ? Kernel.Native : Kernel.Managed);
        var workers = line.IntOption("workers", Environment.ProcessorCount);
        var bufferSize = line.SizeOption("buffer-size", LineScanOptions.DefaultBufferSize, minimum: needle.Length + 1);
        var chunkSize = line.SizeOption("chunk-size", LineScanOptions.Default.ChunkSize);
        var progressMode = line.EnumOption("progress", ProgressMode.Auto);
        if (bufferSize > Array.MaxLength)
        {
            throw new UsageException($"count: --buffer-size must be below {Array.MaxLength} bytes");
        }

        if (needle.AsSpan().Contains((byte)'\n'))
        {
            throw new UsageException("count: NEEDLE must not contain a newline (grep -F would read it as several patterns)");
        }

        ILineMatcher matcher = kernel == Kernel.Native ? new NativeLineMatcher(needle) : new ManagedLineMatcher(needle);
        using var input = Input.Open(path);
        using var bar = progressMode == ProgressMode.Always || (progressMode == ProgressMode.Auto && !Console.IsErrorRedirected)
            ? new TerminalProgress(error)
            : null;
        var meter = new ProgressMeter(bar, input.Length);
        var options = new LineScanOptions
        {
            BufferSize = (int)bufferSize,
            ChunkSize = chunkSize,
            MaxDegreeOfParallelism = workers,
            Progress = bar is null ? null : meter,
        };

        long count;
        try
        {
            count = (engine, input.Handle) switch
            {
                (Engine.Parallel, { } handle) => ParallelLineCounter.Count(handle, input.Length!.Value, matcher, options, cancellationToken),
                (Engine.Parallel, null) => await ParallelLineCounter.CountAsync(input.Stream, matcher, options, cancellationToken),
                (_, { } handle) => StreamingLineCounter.Count(handle, new FileChunk(0, input.Length!.Value), matcher, options, cancellationToken),
                (_, null) => StreamingLineCounter.Count(input.Stream, matcher, options, cancellationToken),
            };
        }
        catch (IOException e)
        {
            throw new InputException($"error reading '{path}': {e.Message}", e);
        }
        catch (DllNotFoundException e)
        {
            throw new InputException($"the native kernel needs the C core library (libinterop_core) next to logscan: {e.Message}", e);
        }

        if (bar is not null)
        {
            meter.Complete();
            bar.Finish();
        }

        output.WriteLine($"count: {count}");
        return count > 0 ? 0 : 1; // grep's convention: 1 when no line matched
    }

    private enum ProgressMode
    {
        Auto,
        Always,
        Never,
    }
}
