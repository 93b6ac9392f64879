namespace Interop.Runtime.Streaming;

/// <summary>A snapshot of a streaming job's progress, as reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="BytesDone">Bytes processed so far.</param>
/// <param name="TotalBytes">Bytes to process in all, or null when unknown (a pipe).</param>
/// <param name="Elapsed">Time since the job started.</param>
public readonly record struct StreamProgress(long BytesDone, long? TotalBytes, TimeSpan Elapsed)
{
    /// <summary>Average throughput so far, in bytes per second (0 before any time has passed).</summary>
    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? BytesDone / Elapsed.TotalSeconds : 0;

    /// <summary>Fraction done between 0 and 1, or null when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? Math.Min(1.0, (double)BytesDone / total) : TotalBytes == 0 ? 1.0 : null;

    /// <summary>Estimated time left at the average rate so far, or null when the total or the rate is unknown.</summary>
    public TimeSpan? EstimatedRemaining =>
        TotalBytes is { } total && BytesPerSecond > 0
            ? TimeSpan.FromSeconds(Math.Max(0, total - BytesDone) / BytesPerSecond)
            : null;
}
