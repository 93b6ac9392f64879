using System.Diagnostics;

namespace Interop.Runtime.Streaming;

/// <summary>
/// Counts processed bytes from any number of threads and reports a <see cref="StreamProgress"/> to an
/// <see cref="IProgress{T}"/> at most once per interval, so the hot path pays one interlocked add per buffer.
/// </summary>
public sealed class ProgressMeter
{
    private readonly IProgress<StreamProgress>? _progress;
    private readonly long _intervalTicks;
    private readonly long _startTicks;
    private long _bytesDone;
    private long _nextReportTicks;

    /// <summary>Starts measuring now.</summary>
    /// <param name="progress">Receives the reports; null only measures.</param>
    /// <param name="totalBytes">Bytes expected in all, or null when unknown.</param>
    /// <param name="interval">Least time between two reports; 100 ms when null.</param>
    public ProgressMeter(IProgress<StreamProgress>? progress, long? totalBytes, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalBytes ?? 0, nameof(totalBytes));
        _progress = progress;
        TotalBytes = totalBytes;
        _intervalTicks = (long)((interval ?? TimeSpan.FromMilliseconds(100)).TotalSeconds * Stopwatch.Frequency);
        _startTicks = Stopwatch.GetTimestamp();
        _nextReportTicks = _startTicks + _intervalTicks;
    }

    /// <summary>Bytes expected in all, or null when unknown.</summary>
    public long? TotalBytes { get; }

    /// <summary>Bytes processed so far.</summary>
    public long BytesDone => Volatile.Read(ref _bytesDone);

    /// <summary>The current progress.</summary>
    public StreamProgress Current => new(BytesDone, TotalBytes, Stopwatch.GetElapsedTime(_startTicks));

    /// <summary>Records <paramref name="bytes"/> more bytes processed; reports if the interval has passed. Thread-safe.</summary>
    public void Advance(long bytes)
    {
        Interlocked.Add(ref _bytesDone, bytes);
        if (_progress is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var due = Volatile.Read(ref _nextReportTicks);
        // One thread wins the slot; the others skip this report instead of waiting.
        if (now >= due && Interlocked.CompareExchange(ref _nextReportTicks, now + _intervalTicks, due) == due)
        {
            _progress.Report(Current);
        }
    }

    /// <summary>Reports the final state, whatever the interval.</summary>
    public void Complete() => _progress?.Report(Current);
}
