using Interop.Runtime.Streaming;

namespace LogScan;

/// <summary>A one-line progress bar redrawn in place on a terminal (stderr, so stdout stays the result).</summary>
internal sealed class TerminalProgress(TextWriter terminal) : IProgress<StreamProgress>, IDisposable
{
    private const int BarWidth = 30;
    private readonly Lock _gate = new();
    private bool _drawn;

    public void Report(StreamProgress value)
    {
        var rate = ByteSize.Format(value.BytesPerSecond) + "/s";
        string text;
        if (value.Fraction is { } fraction)
        {
            var filled = (int)(fraction * BarWidth);
            var eta = value.EstimatedRemaining is { } left ? $" ETA {left:mm\\:ss}" : "";
            text = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction,4:P0} {ByteSize.Format(value.BytesDone)} of {ByteSize.Format(value.TotalBytes!.Value)}, {rate}{eta}";
        }
        else
        {
            text = $"{ByteSize.Format(value.BytesDone)} read, {rate}";
        }

        lock (_gate)
        {
            terminal.Write($"\r{text}\u001b[K"); // \e[K clears what a longer previous line left
            _drawn = true;
        }
    }

    /// <summary>Moves off the progress line so later output starts on a fresh one.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                terminal.WriteLine();
                _drawn = false;
            }
        }
    }

    public void Dispose() => Finish();
}
