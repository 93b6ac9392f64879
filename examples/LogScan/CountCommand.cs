using System.Text;
using Interop.Runtime.Streaming;

namespace LogScan;

/// <summary>The parsed arguments of <c>count</c>.</summary>
internal sealed record CountArguments(string Needle, string Path, Engine Engine, Kernel Kernel, int Workers, long BufferSize, long ChunkSize, ProgressMode Progress);

/// <summary><c>count NEEDLE FILE</c>: the number of lines of FILE containing NEEDLE, like <c>LC_ALL=C grep -c -F</c>.</summary>
internal static class CountCommand
{
    public static async Task<int> RunAsync(CountArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var needle = Encoding.UTF8.GetBytes(arguments.Needle);
        var path = arguments.Path;
        if (arguments.BufferSize > Array.MaxLength)
        {
            throw new UsageException($"count: --buffer-size must be below {Array.MaxLength} bytes");
        }

        if (arguments.BufferSize <= needle.Length)
        {
            throw new UsageException($"count: --buffer-size must be at least {needle.Length + 1} bytes (longer than NEEDLE)");
        }

        if (needle.AsSpan().Contains((byte)'\n'))
        {
            throw new UsageException("count: NEEDLE must not contain a newline (grep -F would read it as several patterns)");
        }

        ILineMatcher matcher = arguments.Kernel == Kernel.Native ? new NativeLineMatcher(needle) : new ManagedLineMatcher(needle);
        using var input = Input.Open(path);
        var showProgress = arguments.Progress == ProgressMode.Always || (arguments.Progress == ProgressMode.Auto && !Console.IsErrorRedirected);
        long count;
        try
        {
            count = showProgress
                ? await ProgressBar.RunAsync(error, input.Length, arguments.Progress == ProgressMode.Always, meter => ScanAsync(arguments, input, matcher, meter, cancellationToken))
                : await ScanAsync(arguments, input, matcher, null, cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException($"error reading '{path}': {e.Message}", e);
        }
        catch (DllNotFoundException e)
        {
            throw new InputException($"the native kernel needs the C core library (libinterop_core) next to logscan: {e.Message}", e);
        }

        output.WriteLine($"count: {count}");
        return count > 0 ? 0 : 1; // grep's convention: 1 when no line matched
    }

    private static async Task<long> ScanAsync(CountArguments arguments, Input input, ILineMatcher matcher, ProgressMeter? meter, CancellationToken cancellationToken)
    {
        var options = new LineScanOptions
        {
            BufferSize = (int)arguments.BufferSize,
            ChunkSize = arguments.ChunkSize,
            MaxDegreeOfParallelism = arguments.Workers,
            Progress = meter,
        };

        return (arguments.Engine, input.Handle) switch
        {
            (Engine.Parallel, { } handle) => ParallelLineCounter.Count(handle, input.Length!.Value, matcher, options, cancellationToken),
            (Engine.Parallel, null) => await ParallelLineCounter.CountAsync(input.Stream, matcher, options, cancellationToken),
            (_, { } handle) => StreamingLineCounter.Count(handle, new FileChunk(0, input.Length!.Value), matcher, options, cancellationToken),
            (_, null) => StreamingLineCounter.Count(input.Stream, matcher, options, cancellationToken),
        };
    }
}
