using Interop.Runtime.Streaming;
using Spectre.Console;

namespace LogScan;

/// <summary>
/// The scan's progress as a Spectre.Console bar on standard error, so standard output stays the result: bytes done,
/// percentage (when the input has a length), speed and time left.
/// </summary>
internal static class ProgressBar
{
    /// <summary>Runs <paramref name="scan"/> with a meter that drives the bar, and returns what it returned.</summary>
    /// <param name="terminal">Where the bar is drawn (standard error).</param>
    /// <param name="totalBytes">The input's length; null for a pipe, which gets an indeterminate bar.</param>
    /// <param name="forced">Draw even when <paramref name="terminal"/> is not a terminal (<c>--progress always</c>).</param>
    /// <param name="scan">The scan, reporting to the meter it is given.</param>
    public static async Task<long> RunAsync(TextWriter terminal, long? totalBytes, bool forced, Func<ProgressMeter, Task<long>> scan)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal),
            Interactive = forced ? InteractionSupport.Yes : InteractionSupport.Detect,
            Ansi = forced ? AnsiSupport.Yes : AnsiSupport.Detect,
        });

        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("count", maxValue: totalBytes ?? 1);
                task.IsIndeterminate = totalBytes is null;
                var meter = new ProgressMeter(new Reporter(task), totalBytes);
                var count = await scan(meter);
                meter.Complete();
                task.Value = task.MaxValue;
                task.StopTask();
                return count;
            });
    }

    private sealed class Reporter(ProgressTask task) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value) => task.Value = value.BytesDone;
    }
}
